"""Background work for groups and networks (run by the scheduler; safe to run twice)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from groups.models import Meeting, Membership
from reminders.models import Purpose
from reminders.services import reminder_send

REMIND_AHEAD = dt.timedelta(hours=36)


def remind_members_of_meetings(now: dt.datetime | None = None) -> int:
    """Remind members of their group's next meeting, only those who turned on group reminders
    (reminder_send checks); each meeting is reminded once per person."""
    now = now or timezone.now()
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, starts_at__gt=now, starts_at__lte=now + REMIND_AHEAD
    ).select_related("group")
    sent = 0
    for meeting in meetings:
        members = Membership.objects.filter(group_id=meeting.group_id, left_on__isnull=True).select_related("person")
        for membership in members:
            delivery = reminder_send(
                person=membership.person,
                purpose=Purpose.GROUPS,
                key=f"group-meeting:{meeting.pk}",
                template="groups/messages/meeting",
                context={"meeting": meeting, "group": meeting.group},
            )
            sent += delivery is not None
    return sent


@task()
def send_meeting_reminders() -> None:
    remind_members_of_meetings()


@task()
def send_network_digests() -> None:
    from groups.networks import send_digests

    send_digests()
