"""Writing to the audit log. Every write in Mutuality and every read of a
sensitive record calls one of these inside the same transaction as the action,
so an action and its audit row are saved together or not at all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from audit import context
from audit.models import AuditEvent


def _user_of(actor: Any):
    """Accept an access.Actor, a User, or None (the system itself)."""
    if actor is None:
        return None
    user = getattr(actor, "user", actor)
    return user if getattr(user, "is_authenticated", False) else None


def _describe(target: models.Model | None) -> tuple[str, str, int | None]:
    if target is None:
        return "", "", None
    meta = target._meta
    organisation_id = getattr(target, "organisation_id", None)
    return f"{meta.app_label}.{meta.model_name}", str(target.pk), organisation_id


def _event(
    actor: Any,
    action: str,
    target: models.Model | None,
    organisation_id: int | None,
    summary: str,
    detail: dict[str, Any] | None,
) -> AuditEvent:
    target_type, target_id, target_org = _describe(target)
    ctx = context.current()
    return AuditEvent(
        actor=_user_of(actor),
        organisation_id=organisation_id if organisation_id is not None else target_org,
        action=action,
        target_type=target_type,
        target_id=target_id,
        summary=summary[:200],
        detail=detail or {},
        ip_address=ctx.ip_address,
        user_agent=ctx.user_agent,
        request_id=ctx.request_id,
    )


def record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    organisation_id: int | None = None,
    summary: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event. ``summary`` and ``detail`` must not hold personal content:
    name fields that changed, not their values."""
    event = _event(actor, action, target, organisation_id, summary, detail)
    event.save()
    return event


def record_reads(*, actor: Any, targets: Iterable[models.Model], summary: str = "") -> int:
    """Record a read of each sensitive record shown on one page, in one insert."""
    events = [_event(actor, AuditEvent.Action.READ, t, None, summary, None) for t in targets]
    AuditEvent.objects.bulk_create(events)
    return len(events)


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of fields whose values differ, for the ``detail`` of an update."""
    return sorted(key for key in after if before.get(key) != after.get(key))
