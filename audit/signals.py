from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from audit.models import AuditEvent
from audit.services import record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(actor=user, action=AuditEvent.Action.LOGIN, target=user, summary="Signed in")


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(actor=user, action=AuditEvent.Action.LOGOUT, target=user, summary="Signed out")


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # The attempted address is not stored: it may belong to someone else.
    record(actor=None, action=AuditEvent.Action.LOGIN_FAILED, summary="Failed sign-in attempt")
