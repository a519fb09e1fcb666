from django.conf import settings
from django.db import models
from django.utils import timezone


class FormSubmission(models.Model):
    """A form submission already carried out, so a double submit is not done twice.

    Every form that creates something carries a one-off token (see
    web.idempotency); the token is claimed in the same transaction as the action.
    """

    token = models.UUIDField(primary_key=True)
    scope = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
