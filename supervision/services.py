"""Every change to supervision records, reflective logs, team meetings and wellbeing check-ins."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people.models import Person
from supervision.models import (
    AgreedAction,
    ReflectiveEntry,
    Session,
    SupervisionPlan,
    TeamMeeting,
    WellbeingCheckin,
)

A = AuditEvent.Action


@transaction.atomic
def session_record(
    *,
    supervisor: Person,
    workers: Sequence[Person],
    held_on: dt.date,
    kind: str = Session.Kind.INDIVIDUAL,
    agenda: str = "",
    notes: str = "",
    follow_up_on: dt.date | None = None,
    actions: Sequence[tuple[str, Person, dt.date | None]] = (),
    supervised_ids: frozenset[int],
    actor: Any,
) -> Session:
    """A supervision session with the workers the supervisor currently supervises."""
    if not workers:
        raise ServiceError("Choose who the supervision was with.")
    if kind == Session.Kind.INDIVIDUAL and len(workers) != 1:
        raise ServiceError("Individual supervision is with one person; choose team supervision for more.")
    if any(worker.pk not in supervised_ids for worker in workers):
        raise ServiceError("You can only record supervision with people you supervise.")
    if held_on > timezone.localdate():
        raise ServiceError("Record a session once it has happened; the date is in the future.")
    if follow_up_on is not None and follow_up_on < held_on:
        raise ServiceError("The follow-up date must be after the session.")
    session = Session.objects.create(
        organisation_id=supervisor.organisation_id,
        kind=kind,
        supervisor=supervisor,
        held_on=held_on,
        agenda=agenda,
        notes=notes,
        follow_up_on=follow_up_on,
    )
    session.workers.set(workers)
    AgreedAction.objects.bulk_create(
        [
            AgreedAction(session=session, text=text, owner=owner, due_on=due)
            for text, owner, due in actions
            if text.strip()
        ]
    )
    record(actor=actor, action=A.CREATE, target=session, summary="Supervision session")
    return session


@transaction.atomic
def action_done(*, action: AgreedAction, actor: Any) -> AgreedAction:
    if action.done_on is None:
        action.done_on = timezone.localdate()
        action.save(update_fields=["done_on"])
        record(
            actor=actor,
            action=A.UPDATE,
            target=action,
            organisation_id=action.session.organisation_id,
            summary="Agreed action done",
        )
    return action


@transaction.atomic
def plan_set(*, worker: Person, every_days: int, actor: Any) -> SupervisionPlan:
    if not 7 <= every_days <= 180:
        raise ServiceError("Supervision can be planned every 7 to 180 days.")
    plan, _ = SupervisionPlan.objects.update_or_create(worker=worker, defaults={"every_days": every_days})
    record(
        actor=actor, action=A.UPDATE, target=plan, organisation_id=worker.organisation_id, summary="Supervision plan"
    )
    return plan


@transaction.atomic
def reflection_write(
    *, worker: Person, what_happened: str, reflection: str = "", shared_with_supervisor: bool = False, actor: Any
) -> ReflectiveEntry:
    if not what_happened.strip():
        raise ServiceError("Write a little about what happened.")
    entry = ReflectiveEntry.objects.create(
        worker=worker, what_happened=what_happened, reflection=reflection, shared_with_supervisor=shared_with_supervisor
    )
    record(
        actor=actor, action=A.CREATE, target=entry, organisation_id=worker.organisation_id, summary="Reflective entry"
    )
    return entry


@transaction.atomic
def sharing_set(*, entry: ReflectiveEntry | WellbeingCheckin, shared: bool, actor: Any):
    """The worker shares an entry with their supervisor, or takes it back."""
    entry.shared_with_supervisor = shared
    entry.save(update_fields=["shared_with_supervisor"])
    record(
        actor=actor,
        action=A.SHARE if shared else A.UPDATE,
        target=entry,
        organisation_id=entry.worker.organisation_id,
        summary="Shared with supervisor" if shared else "No longer shared",
    )
    return entry


@transaction.atomic
def checkin_record(
    *, worker: Person, feeling: int, note: str = "", shared_with_supervisor: bool = False, actor: Any
) -> WellbeingCheckin:
    if feeling not in WellbeingCheckin.Feeling.values:
        raise ServiceError("Choose how you are doing, from struggling to really well.")
    checkin = WellbeingCheckin.objects.create(
        worker=worker, feeling=feeling, note=note, shared_with_supervisor=shared_with_supervisor
    )
    record(actor=actor, action=A.CREATE, target=checkin, organisation_id=worker.organisation_id, summary="Check-in")
    return checkin


@transaction.atomic
def team_meeting_record(
    *,
    organisation_id: int,
    convened_by: Person,
    attendees: Sequence[Person],
    held_on: dt.date,
    what_worked: str = "",
    what_was_hard: str = "",
    agreed: str = "",
    actor: Any,
) -> TeamMeeting:
    if not attendees:
        raise ServiceError("Choose who was at the meeting.")
    if any(person.organisation_id != organisation_id for person in attendees):
        raise ServiceError("Everyone at a team meeting must be in the same organisation.")
    if held_on > timezone.localdate():
        raise ServiceError("Record a meeting once it has happened; the date is in the future.")
    meeting = TeamMeeting.objects.create(
        organisation_id=organisation_id,
        convened_by=convened_by,
        held_on=held_on,
        what_worked=what_worked,
        what_was_hard=what_was_hard,
        agreed=agreed,
    )
    meeting.attendees.set(attendees)
    record(actor=actor, action=A.CREATE, target=meeting, summary="Team meeting")
    return meeting
