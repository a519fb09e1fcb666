"""Reads of supervision records. Every read of private text is recorded in the audit log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone

from access.actor import Actor
from audit.services import record_reads
from people.models import Person
from people.selectors import capacities, caseloads
from supervision.models import (
    DEFAULT_EVERY_DAYS,
    DUE_SOON_DAYS,
    AgreedAction,
    ReflectiveEntry,
    Session,
    SupervisionPlan,
    TeamMeeting,
    WellbeingCheckin,
)


@dataclass
class SupervisionStatus:
    worker_id: int
    last_on: dt.date | None
    due_on: dt.date | None
    every_days: int

    @property
    def state(self) -> str:
        today = timezone.localdate()
        if self.due_on is None:
            return "none yet"
        if self.due_on < today:
            return "overdue"
        if self.due_on <= today + dt.timedelta(days=DUE_SOON_DAYS):
            return "due soon"
        return "up to date"


def supervision_status(worker_ids: list[int]) -> dict[int, SupervisionStatus]:
    """When each worker last had individual supervision and when the next is due. No content."""
    last = dict(
        Session.objects.filter(kind=Session.Kind.INDIVIDUAL, workers__in=worker_ids)
        .values("workers")
        .annotate(last=Max("held_on"))
        .values_list("workers", "last")
    )
    plans = dict(SupervisionPlan.objects.filter(worker_id__in=worker_ids).values_list("worker_id", "every_days"))
    result = {}
    for worker_id in worker_ids:
        every = plans.get(worker_id, DEFAULT_EVERY_DAYS)
        last_on = last.get(worker_id)
        result[worker_id] = SupervisionStatus(
            worker_id, last_on, last_on + dt.timedelta(days=every) if last_on else None, every
        )
    return result


def sessions_for(actor: Actor) -> QuerySet[Session]:
    """Sessions the actor gave or was supervised in (dates and people only; no text)."""
    if not actor.is_authenticated:
        return Session.objects.none()
    given = Session.objects.filter(supervisor_id=actor.person_id)
    received = Session.objects.filter(workers=actor.person_id)
    return (
        (given | received)
        .distinct()
        .select_related("supervisor")
        .prefetch_related(Prefetch("workers", queryset=Person.objects.order_by("display_name")))
        .order_by("-held_on", "-id")
    )


def session_detail(actor: Actor, session: Session) -> dict:
    actions = list(AgreedAction.objects.filter(session=session).select_related("owner"))
    record_reads(actor=actor, targets=[session], summary="Supervision session")
    return {"session": session, "workers": list(session.workers.order_by("display_name")), "actions": actions}


def own_reflections(actor: Actor) -> list[ReflectiveEntry]:
    entries = list(ReflectiveEntry.objects.filter(worker_id=actor.person_id).order_by("-written_on", "-id")[:50])
    if entries:
        record_reads(actor=actor, targets=entries, summary="Own reflective log")
    return entries


def own_checkins(actor: Actor) -> list[WellbeingCheckin]:
    checkins = list(WellbeingCheckin.objects.filter(worker_id=actor.person_id).order_by("-at", "-id")[:50])
    if any(c.note for c in checkins):
        record_reads(actor=actor, targets=[c for c in checkins if c.note], summary="Own check-ins")
    return checkins


def shared_by(actor: Actor, worker: Person) -> dict:
    """What a supervised worker has chosen to share with their supervisor."""
    reflections = list(ReflectiveEntry.objects.filter(worker=worker, shared_with_supervisor=True)[:50])
    checkins = list(WellbeingCheckin.objects.filter(worker=worker, shared_with_supervisor=True)[:50])
    if reflections or checkins:
        record_reads(actor=actor, targets=[*reflections, *checkins], summary="Shared by worker")
    return {"worker": worker, "reflections": reflections, "checkins": checkins}


@dataclass
class WorkloadRow:
    worker: Person
    caseload: int
    capacity: int | None
    supervision: SupervisionStatus

    @property
    def at_capacity(self) -> bool:
        return self.capacity is not None and self.caseload >= self.capacity


def workload(actor: Actor) -> list[WorkloadRow]:
    """The supervisor's workers: caseload against capacity and supervision due. Never any notes."""
    workers = list(
        Person.objects.filter(pk__in=actor.supervised_ids).select_related("organisation").order_by("display_name")
    )
    ids = [w.pk for w in workers]
    loads = caseloads(ids)
    status = supervision_status(ids)
    caps: dict[int, int] = {}
    for organisation_id in {w.organisation_id for w in workers}:
        caps.update(capacities([w.pk for w in workers if w.organisation_id == organisation_id], organisation_id))
    return [WorkloadRow(w, loads.get(w.pk, 0), caps.get(w.pk), status[w.pk]) for w in workers]


def team_meetings_for(actor: Actor) -> QuerySet[TeamMeeting]:
    if not actor.is_authenticated:
        return TeamMeeting.objects.none()
    return (
        (
            TeamMeeting.objects.filter(convened_by_id=actor.person_id)
            | TeamMeeting.objects.filter(attendees=actor.person_id)
        )
        .distinct()
        .order_by("-held_on", "-id")
    )


def team_meeting_detail(actor: Actor, meeting: TeamMeeting) -> dict:
    record_reads(actor=actor, targets=[meeting], summary="Team meeting")
    return {"meeting": meeting, "attendees": list(meeting.attendees.order_by("display_name"))}
