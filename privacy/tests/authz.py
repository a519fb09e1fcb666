from access.authz import LOGIN, OK, Case, expect

CASES = [
    # Signed in (and verified, for staff): the page to manage two-factor authentication.
    Case("privacy:two_factor", expect(OK, anonymous=LOGIN)),
    # Already verified staff go on to where they were going; peers without a device go to set-up.
    Case("privacy:two_factor_verify", expect(302)),
]
