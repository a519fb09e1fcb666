from access.authz import LOGIN, OK, Case, expect

CASES = [
    Case("home", expect(OK)),
    Case("healthz", expect(OK)),
    Case("login", expect(LOGIN, anonymous=OK)),
    Case("logout", expect(405)),
    Case("logout", expect(LOGIN), method="post", label="sign out"),
    Case("password_reset", expect(OK)),
    Case("password_reset_done", expect(OK)),
    Case("password_reset_confirm", expect(OK), kwargs=lambda w: {"uidb64": "MQ", "token": "not-a-token"}),
    Case("password_reset_complete", expect(OK)),
    Case("password_change", expect(OK, anonymous=LOGIN)),
    Case("password_change_done", expect(OK, anonymous=LOGIN)),
]
