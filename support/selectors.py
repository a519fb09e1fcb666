"""Reads for one-to-one support, scoped to the actor. Reading note text is audited."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from access.actor import Actor
from access.policy import operational_orgs
from audit.services import record_reads
from people.models import Consent, ConsentScope, Person
from support.models import Agreement, Note, NoteComment, NoteRevision, NoteShare, Session

COUNTED = [Session.Status.PLANNED, Session.Status.ATTENDED, Session.Status.NOT_ATTENDED]


def agreements_for(actor: Actor) -> QuerySet[Agreement]:
    """Agreements the actor may see: their own, those they work on, and their organisations'."""
    condition = Q(person_id=actor.person_id) | Q(worker_id=actor.person_id)
    orgs = operational_orgs(actor)
    if orgs:
        condition |= Q(organisation_id__in=orgs)
    return Agreement.objects.filter(condition).select_related("person", "worker")


def caseload(worker: Person) -> list[dict]:
    """The people a worker supports now, each with their open agreement (if any) and sessions so far."""
    from people.models import Relationship

    supported = (
        Relationship.objects.filter(from_person=worker, kind=Relationship.Kind.SUPPORTS, ended_at__isnull=True)
        .select_related("to_person")
        .order_by("to_person__display_name")
    )
    agreements = {
        a.person_id: a
        for a in Agreement.objects.filter(worker=worker, ended_at__isnull=True).annotate(
            attended=Count("sessions", filter=Q(sessions__status=Session.Status.ATTENDED))
        )
    }
    return [{"person": r.to_person, "agreement": agreements.get(r.to_person_id)} for r in supported]


def numbered_sessions(agreement: Agreement) -> list[tuple[Session, int | None]]:
    """Sessions with their place in the plan ("session 4 of 10"); cancelled ones are not counted."""
    number = 0
    rows = []
    for session in agreement.sessions.all().order_by("starts_at", "id"):
        if session.status in COUNTED:
            number += 1
            rows.append((session, number))
        else:
            rows.append((session, None))
    return rows


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def diary_week(worker: Person, start: date) -> list[dict]:
    """The worker's week, day by day, with sessions that overlap flagged as clashes."""
    tz = timezone.get_current_timezone()
    begin = datetime.combine(start, time.min, tzinfo=tz)
    sessions = list(
        Session.objects.filter(worker=worker, starts_at__gte=begin, starts_at__lt=begin + timedelta(days=7))
        .exclude(status=Session.Status.CANCELLED)
        .select_related("agreement__person")
        .order_by("starts_at", "id")
    )
    clashes: set[int] = set()
    for i, first in enumerate(sessions):
        for second in sessions[i + 1 :]:
            if second.starts_at >= first.ends_at:
                break
            clashes.update({first.pk, second.pk})
    days = []
    for offset in range(7):
        day = start + timedelta(days=offset)
        days.append(
            {
                "day": day,
                "sessions": [
                    {"session": s, "clash": s.pk in clashes}
                    for s in sessions
                    if timezone.localtime(s.starts_at, tz).date() == day
                ],
            }
        )
    return days


def clashes_with(worker_id: int, starts_at: datetime, minutes: int, exclude_id: int | None = None) -> list[Session]:
    """Sessions already in the diary that overlap this time."""
    ends = starts_at + timedelta(minutes=minutes)
    candidates = (
        Session.objects.filter(worker_id=worker_id, starts_at__lt=ends, starts_at__gt=starts_at - timedelta(hours=8))
        .exclude(status=Session.Status.CANCELLED)
        .exclude(pk=exclude_id)
    )
    return [s for s in candidates if s.ends_at > starts_at]


def notes_for(actor: Actor, agreement: Agreement) -> list[Note]:
    """The agreement's notes with comments, history and shares; every note shown is an audited read."""
    notes = list(
        Note.objects.filter(agreement=agreement)
        .select_related("written_by", "session")
        .prefetch_related(
            Prefetch("comments", queryset=NoteComment.objects.select_related("author")),
            Prefetch("revisions", queryset=NoteRevision.objects.select_related("amended_by")),
            Prefetch("shares", queryset=NoteShare.objects.select_related("shared_by")),
        )
        .order_by("-created_at", "-id")
    )
    if notes:
        record_reads(actor=actor, targets=notes, summary="Session note")
    return notes


def sharing_recipients(person: Person) -> list[str]:
    """Named people this person currently agrees their notes may be shared with."""
    return list(
        Consent.objects.filter(person=person, scope=ConsentScope.NOTE_SHARING, is_current=True, given=True)
        .exclude(recipient="")
        .order_by("recipient")
        .values_list("recipient", flat=True)
    )
