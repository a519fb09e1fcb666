"""Helpers for tests that need supervision records."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from supervision.models import AgreedAction, ReflectiveEntry, Session, TeamMeeting, WellbeingCheckin


def make_session(world, *, days_ago=3, notes="We talked about boundaries.") -> Session:
    session = Session.objects.create(
        organisation=world.org,
        supervisor=world.people["supervisor"],
        held_on=timezone.localdate() - dt.timedelta(days=days_ago),
        agenda="Caseload; a hard week",
        notes=notes,
    )
    session.workers.set([world.people["worker"]])
    AgreedAction.objects.create(session=session, text="Book a day off", owner=world.people["worker"])
    return session


def make_reflection(world, *, shared=False) -> ReflectiveEntry:
    return ReflectiveEntry.objects.create(
        worker=world.people["worker"], what_happened="A hard session", shared_with_supervisor=shared
    )


def make_checkin(world, *, shared=False) -> WellbeingCheckin:
    return WellbeingCheckin.objects.create(
        worker=world.people["worker"], feeling=2, note="Tired this week", shared_with_supervisor=shared
    )


def make_team_meeting(world) -> TeamMeeting:
    meeting = TeamMeeting.objects.create(
        organisation=world.org,
        convened_by=world.people["supervisor"],
        held_on=timezone.localdate(),
        what_worked="Walking sessions",
        what_was_hard="Waiting lists",
    )
    meeting.attendees.set([world.people["worker"]])
    return meeting
