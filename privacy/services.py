"""Every write about people's rights: requests, legal holds, retention rules."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.services import record
from mutuality.errors import ServiceError
from privacy import collect
from privacy.models import LegalHold, RetentionRule, RightsRequest
from privacy.selectors import active_holds

ONE_MONTH = timedelta(days=30)
MAX_RETENTION_DAYS = 36_500


def _reference() -> str:
    return "R-" + secrets.token_hex(4).upper()


@transaction.atomic
def rights_request_create(*, subject, kind: str, reason: str = "", notes: str = "", actor: Any) -> RightsRequest:
    if kind not in RightsRequest.Kind.values:
        raise ServiceError("Choose what the person is asking for.")
    if kind != RightsRequest.Kind.ACCESS and not reason:
        raise ServiceError("Choose the reason the person gives: it decides whether the request must be carried out.")
    if reason and reason not in RightsRequest.Reason.values:
        raise ServiceError("Choose one of the reasons listed.")
    now = timezone.now()
    request = RightsRequest.objects.create(
        organisation=subject.organisation,
        subject=subject,
        reference=_reference(),
        kind=kind,
        reason=reason,
        notes=notes.strip(),
        received_at=now,
        due_on=(now + ONE_MONTH).date(),
        recorded_by=getattr(actor, "user", None),
    )
    record(
        actor=actor,
        action="create",
        target=request,
        organisation_id=request.organisation_id,
        summary=f"Rights request {request.reference} logged ({kind})",
    )
    return request


def _decide(request: RightsRequest, status: str, outcome: str, actor) -> None:
    request.status = status
    request.outcome = outcome
    request.decided_at = timezone.now()
    request.decided_by = getattr(actor, "user", None)


@transaction.atomic
def rights_request_carry_out(*, request: RightsRequest, actor: Any) -> RightsRequest:
    """Carry out an open request. Erasure removes the person's records in every app
    (unless a legal hold is in place) and leaves a request record with nothing erased in it."""
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RightsRequest.Status.OPEN:
        raise ServiceError("This request has already been decided.")
    person = request.subject
    if person is None:
        raise ServiceError("The person this request was about is no longer on record.")
    if request.kind == RightsRequest.Kind.ERASURE:
        holds = active_holds(person)
        if holds:
            raise ServiceError(
                "A legal hold is in place for this person, so their records cannot be erased until it is released. "
                f"Reason given for the hold: {holds[0].reason}"
            )
        counts = collect.erase_everywhere(person, actor=actor)
        request.subject = None
        request.notes = ""
        request.counts = counts
        _decide(request, RightsRequest.Status.DONE, "Records erased or anonymised.", actor)
    elif request.kind == RightsRequest.Kind.RESTRICTION:
        _decide(request, RightsRequest.Status.DONE, "Records kept but not used while restricted.", actor)
    else:
        _decide(request, RightsRequest.Status.DONE, "Copy of records provided.", actor)
    request.save()
    record(
        actor=actor,
        action="update",
        target=request,
        organisation_id=request.organisation_id,
        summary=f"Rights request {request.reference} carried out",
        detail={"counts": request.counts} if request.counts else None,
    )
    return request


@transaction.atomic
def rights_request_refuse(*, request: RightsRequest, outcome: str, actor: Any) -> RightsRequest:
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RightsRequest.Status.OPEN:
        raise ServiceError("This request has already been decided.")
    outcome = outcome.strip()
    if not outcome:
        raise ServiceError("Say why the request is refused: the person must be told, and may complain to the ICO.")
    _decide(request, RightsRequest.Status.REFUSED, outcome[:300], actor)
    request.save()
    record(
        actor=actor,
        action="update",
        target=request,
        organisation_id=request.organisation_id,
        summary=f"Rights request {request.reference} refused",
    )
    return request


@transaction.atomic
def restriction_lift(*, request: RightsRequest, actor: Any) -> RightsRequest:
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.kind != RightsRequest.Kind.RESTRICTION or request.status != RightsRequest.Status.DONE:
        raise ServiceError("Only a restriction in force can be lifted.")
    request.status = RightsRequest.Status.LIFTED
    request.save(update_fields=["status"])
    record(
        actor=actor,
        action="update",
        target=request,
        organisation_id=request.organisation_id,
        summary="Restriction lifted",
    )
    return request


@transaction.atomic
def legal_hold_place(*, person, reason: str, actor: Any) -> LegalHold:
    reason = reason.strip()
    if not reason:
        raise ServiceError("Say why the records must be kept (for example, a safeguarding inquiry).")
    hold = LegalHold.objects.create(
        organisation=person.organisation, person=person, reason=reason[:300], placed_by=getattr(actor, "user", None)
    )
    record(actor=actor, action="create", target=hold, organisation_id=hold.organisation_id, summary="Legal hold placed")
    return hold


@transaction.atomic
def legal_hold_release(*, hold: LegalHold, actor: Any) -> LegalHold:
    if hold.released_at is not None:
        raise ServiceError("This hold has already been released.")
    hold.released_at = timezone.now()
    hold.save(update_fields=["released_at"])
    record(
        actor=actor, action="update", target=hold, organisation_id=hold.organisation_id, summary="Legal hold released"
    )
    return hold


@transaction.atomic
def retention_rule_set(*, organisation, key: str, days: int | None, actor: Any) -> RetentionRule:
    known = {t.key for t in collect.retention_types()}
    if key not in known:
        raise ServiceError("That is not a record type Mutuality keeps.")
    if days is not None and not 1 <= days <= MAX_RETENTION_DAYS:
        raise ServiceError(
            "A retention period must be between one day and 100 years (36,500 days), or empty to keep until erased."
        )
    rule, _ = RetentionRule.objects.update_or_create(organisation=organisation, key=key, defaults={"days": days})
    record(
        actor=actor,
        action="update",
        target=rule,
        organisation_id=organisation.pk,
        summary=f"Retention period for {key} set",
    )
    return rule


@transaction.atomic
def retention_apply(*, organisation, now=None, actor: Any = None) -> dict[str, int]:
    counts = collect.apply_retention(organisation, now=now, actor=actor)
    if any(counts.values()):
        record(
            actor=actor,
            action="delete",
            organisation_id=organisation.pk,
            summary="Expired records removed under the retention rules",
            detail={"counts": counts},
        )
    return counts
