from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, hash_token
from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError


@transaction.atomic
def token_create(*, actor, name: str, organisation_id: int, role: str, expires_at=None) -> tuple[ApiToken, str]:
    """Create a token acting as ``role`` in one organisation. Returns the token and
    the secret, which is shown once and never stored."""
    if not actor.has_role(role, organisation_id):
        raise ServiceError("You can only create a token for a role you hold.")
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        name=name,
        user=actor.user,
        organisation_id=organisation_id,
        role=role,
        key_hash=hash_token(raw),
        key_hint=raw[:10],
        expires_at=expires_at,
    )
    record(actor=actor, action=AuditEvent.Action.CREATE, target=token, summary=f"API token ({role})")
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(actor=actor, action=AuditEvent.Action.UPDATE, target=token, summary="API token revoked")
    return token
