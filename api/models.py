import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from people.models import RoleKind

TOKEN_PREFIX = "mut_"  # noqa: S105 (a visible prefix, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A token for an integration. It acts as one role in one organisation, so an
    integration can never do more than that role could do on the web.

    Only a hash is stored; the token itself is shown once, when created."""

    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “Trust data warehouse”.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=RoleKind.choices)
    key_hash = models.CharField(max_length=64, unique=True)
    key_hint = models.CharField(max_length=12, help_text="The first characters, to tell tokens apart.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_hint}…)"

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    @staticmethod
    def generate() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)
