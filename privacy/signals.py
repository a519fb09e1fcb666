from privacy import twofactor
from privacy.middleware import SESSION_FLAG


def expect_second_factor(sender, request, user, **kwargs):
    """A peer who turned two-factor authentication on is asked for a code at every sign-in."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_FLAG] = twofactor.has_confirmed_device(user)
