"""Every change to agreements, sessions, the diary feed and notes.

Each function runs in one transaction with its audit row. Audit rows name what
changed, never the words written.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people import services as people_services
from people.models import ConsentScope, Person, Relationship
from people.selectors import has_consent
from support.models import (
    Agreement,
    CalendarFeed,
    GoalsOutcome,
    Note,
    NoteComment,
    NoteRevision,
    NoteShare,
    PlanChange,
    Session,
    SupportSettings,
)

A = AuditEvent.Action


def _active_support(worker: Person, person: Person) -> Relationship | None:
    return Relationship.objects.filter(
        kind=Relationship.Kind.SUPPORTS, from_person=worker, to_person=person, ended_at__isnull=True
    ).first()


@transaction.atomic
def agreement_start(
    *,
    person: Person,
    worker: Person,
    actor: Any,
    person_hopes: str = "",
    worker_hopes: str = "",
    goals: str = "",
    contact_arrangements: str = "",
    planned_sessions: int | None = None,
    planned_end_on: date | None = None,
) -> Agreement:
    """Start a support agreement with the organisation's usual plan unless told otherwise."""
    relationship = _active_support(worker, person)
    if relationship is None:
        raise ServiceError(f"{worker.display_name} is not currently supporting {person.display_name}.")
    if Agreement.objects.filter(person=person, worker=worker, ended_at__isnull=True).exists():
        raise ServiceError("There is already an open agreement between these two people.")
    usual = SupportSettings.for_organisation(relationship.organisation_id)
    if planned_sessions is not None and not 1 <= planned_sessions <= 100:
        raise ServiceError("The plan needs between 1 and 100 sessions.")
    if planned_end_on is not None and planned_end_on < timezone.localdate():
        raise ServiceError("The planned end cannot be in the past.")
    agreement = Agreement.objects.create(
        organisation_id=relationship.organisation_id,
        person=person,
        worker=worker,
        planned_sessions=planned_sessions or usual.planned_sessions,
        session_minutes_min=usual.session_minutes_min,
        session_minutes_max=usual.session_minutes_max,
        person_hopes=person_hopes.strip(),
        worker_hopes=worker_hopes.strip(),
        goals=goals.strip(),
        contact_arrangements=contact_arrangements.strip(),
        planned_end_on=planned_end_on,
    )
    record(actor=actor, action=A.CREATE, target=agreement, summary="Support agreement")
    return agreement


@transaction.atomic
def agreement_update(*, agreement: Agreement, actor: Any, **changes: Any) -> Agreement:
    allowed = {"person_hopes", "worker_hopes", "goals", "contact_arrangements"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown agreement fields: {sorted(unknown)}")
    if not agreement.is_open:
        raise ServiceError("This agreement has ended.")
    changed = [name for name, value in changes.items() if getattr(agreement, name) != value]
    for name, value in changes.items():
        setattr(agreement, name, value.strip())
    agreement.version += 1
    agreement.save()
    record(actor=actor, action=A.UPDATE, target=agreement, summary="Agreement", detail={"fields": changed})
    return agreement


@transaction.atomic
def plan_change(
    *, agreement: Agreement, planned_sessions: int, planned_end_on: date | None, reason: str, agreed_by: str, actor: Any
) -> PlanChange:
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_open:
        raise ServiceError("This agreement has ended.")
    if not reason.strip() or not agreed_by.strip():
        raise ServiceError("Please say why the plan is changing and who agreed it.")
    if not 1 <= planned_sessions <= 100:
        raise ServiceError("The plan needs between 1 and 100 sessions.")
    if planned_sessions == agreement.planned_sessions and planned_end_on == agreement.planned_end_on:
        raise ServiceError("Nothing has changed in the plan.")
    change = PlanChange.objects.create(
        agreement=agreement,
        sessions_before=agreement.planned_sessions,
        sessions_after=planned_sessions,
        end_before=agreement.planned_end_on,
        end_after=planned_end_on,
        reason=reason.strip(),
        agreed_by=agreed_by.strip(),
        recorded_by=getattr(actor, "user", None),
    )
    agreement.planned_sessions = planned_sessions
    agreement.planned_end_on = planned_end_on
    agreement.save(update_fields=["planned_sessions", "planned_end_on"])
    record(actor=actor, action=A.UPDATE, target=agreement, summary="Plan changed")
    return change


@transaction.atomic
def session_schedule(
    *, agreement: Agreement, starts_at: datetime, minutes: int, mode: str, place: str = "", actor: Any
) -> Session:
    """Put a session in the worker's diary, at a time agreed with the person."""
    if not agreement.is_open:
        raise ServiceError("This agreement has ended, so no more sessions can be planned.")
    if not 5 <= minutes <= 480:
        raise ServiceError("A session lasts between 5 minutes and 8 hours.")
    if mode not in Session.Mode.values:
        raise ServiceError("Please say whether the session is in person, online or by phone.")
    session = Session.objects.create(
        agreement=agreement, worker_id=agreement.worker_id, starts_at=starts_at, minutes=minutes, mode=mode, place=place
    )
    record(actor=actor, action=A.CREATE, target=session, organisation_id=agreement.organisation_id, summary="Session")
    return session


@transaction.atomic
def session_record(
    *,
    session: Session,
    status: str,
    actor: Any,
    cancelled_by: str = "",
    minutes: int | None = None,
    strategies_tried: str = "",
) -> Session:
    """Record what happened. "Did not happen" is recorded without blame and starts no chasing."""
    if status not in Session.Status.values or status == Session.Status.PLANNED:
        raise ServiceError("Please say whether the session happened, was cancelled, or did not happen.")
    if status == Session.Status.CANCELLED and cancelled_by not in Session.CancelledBy.values:
        raise ServiceError("Please say who cancelled.")
    if status == Session.Status.ATTENDED and session.starts_at > timezone.now():
        raise ServiceError("A session in the future cannot have happened yet.")
    if minutes is not None and not 5 <= minutes <= 480:
        raise ServiceError("A session lasts between 5 minutes and 8 hours.")
    session.status = status
    session.cancelled_by = cancelled_by if status == Session.Status.CANCELLED else ""
    if minutes:
        session.minutes = minutes
    session.strategies_tried = strategies_tried.strip()
    session.save(update_fields=["status", "cancelled_by", "minutes", "strategies_tried"])
    record(
        actor=actor,
        action=A.UPDATE,
        target=session,
        organisation_id=session.agreement.organisation_id,
        summary="Session recorded",
        detail={"status": status},
    )
    return session


@transaction.atomic
def agreement_end(
    *,
    agreement: Agreement,
    reason: str,
    actor: Any,
    goals_review: str = "",
    goals_outcome: str = "",
    carry_on_with: str = "",
    invite_feedback: bool = True,
) -> Agreement:
    """A planned ending: goals looked back on, what to carry on with, and the support relationship ends."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not agreement.is_open:
        raise ServiceError("This agreement has already ended.")
    if not reason.strip():
        raise ServiceError("Please give the reason for ending.")
    agreement.ended_at = timezone.now()
    agreement.ending_reason = reason.strip()
    if goals_outcome not in GoalsOutcome.values:
        raise ServiceError("Please choose where the person got to with their goals, or that you did not say.")
    agreement.goals_review = goals_review.strip()
    agreement.goals_outcome = goals_outcome
    agreement.carry_on_with = carry_on_with.strip()
    agreement.feedback_invited = invite_feedback
    agreement.save()
    Session.objects.filter(agreement=agreement, status=Session.Status.PLANNED, starts_at__gt=timezone.now()).update(
        status=Session.Status.CANCELLED, cancelled_by=Session.CancelledBy.OTHER
    )
    relationship = _active_support(agreement.worker, agreement.person)
    if relationship is not None:
        people_services.relationship_end(relationship=relationship, actor=actor)
    record(actor=actor, action=A.UPDATE, target=agreement, summary="Support ended")
    return agreement


@transaction.atomic
def calendar_feed_reset(*, worker: Person, actor: Any) -> CalendarFeed:
    """A new secret calendar address; the old one stops working at once."""
    CalendarFeed.objects.filter(worker=worker).delete()
    feed = CalendarFeed.objects.create(worker=worker)
    record(actor=actor, action=A.UPDATE, target=feed, organisation_id=worker.organisation_id, summary="Calendar link")
    return feed


# --- Notes -----------------------------------------------------------------------


@transaction.atomic
def note_write(*, agreement: Agreement, text: str, actor: Any, session: Session | None = None) -> Note:
    if not text.strip():
        raise ServiceError("The note is empty.")
    if session is not None and session.agreement_id != agreement.pk:
        raise ServiceError("That session belongs to another agreement.")
    note = Note.objects.create(agreement=agreement, session=session, text=text.strip(), written_by=actor.person)
    record(actor=actor, action=A.CREATE, target=note, organisation_id=agreement.organisation_id, summary="Note")
    return note


@transaction.atomic
def note_amend(*, note: Note, text: str, reason: str, expected_version: int, actor: Any) -> Note:
    """Change a note, keeping what it said before and why it changed."""
    locked = Note.objects.select_for_update().get(pk=note.pk)
    if locked.version != expected_version:
        raise ServiceError("Someone else changed this note while you were editing. Please look at it again.")
    if not text.strip() or not reason.strip():
        raise ServiceError("Please give the new text and the reason for the change.")
    if text.strip() == locked.text:
        raise ServiceError("The text has not changed.")
    NoteRevision.objects.create(note=locked, text=locked.text, reason=reason.strip(), amended_by=actor.person)
    locked.text = text.strip()
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.save(update_fields=["text", "version", "updated_at"])
    NoteComment.objects.filter(note=locked, asks_for_correction=True, resolved_at__isnull=True).update(
        resolved_at=timezone.now()
    )
    record(
        actor=actor,
        action=A.UPDATE,
        target=locked,
        organisation_id=locked.agreement.organisation_id,
        summary="Note amended",
    )
    return locked


@transaction.atomic
def note_comment(*, note: Note, text: str, asks_for_correction: bool, actor: Any) -> NoteComment:
    if not text.strip():
        raise ServiceError("Please write your comment.")
    comment = NoteComment.objects.create(
        note=note, author=actor.person, text=text.strip(), asks_for_correction=asks_for_correction
    )
    record(
        actor=actor,
        action=A.CREATE,
        target=comment,
        organisation_id=note.agreement.organisation_id,
        summary="Correction requested" if asks_for_correction else "Comment on note",
    )
    return comment


@transaction.atomic
def note_share(*, note: Note, recipient: str, actor: Any) -> NoteShare:
    """Share a note outside the peer-support team, only with a named recipient the person consented to."""
    recipient = recipient.strip()
    person_id = note.agreement.person_id
    if not recipient or not has_consent(person_id, ConsentScope.NOTE_SHARING, recipient):
        raise ServiceError(
            "This note cannot be shared: the person has not agreed to share notes with that named person."
        )
    share = NoteShare.objects.create(note=note, recipient=recipient, shared_by=actor.person)
    record(
        actor=actor,
        action=A.CREATE,
        target=share,
        organisation_id=note.agreement.organisation_id,
        summary="Note shared with a named recipient",
    )
    return share


@transaction.atomic
def settings_save(*, form, actor: Any) -> SupportSettings:
    """Save an organisation's usual numbers from a validated form."""
    usual = form.save()
    record(
        actor=actor,
        action=A.UPDATE,
        target=usual,
        organisation_id=usual.organisation_id,
        summary="One-to-one settings",
        detail={"fields": sorted(form.changed_data)},
    )
    return usual
