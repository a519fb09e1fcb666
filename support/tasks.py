"""Session reminders, sent only to people who turned them on (reminders.services decides)."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

from reminders.models import LEAD_CHOICES, Purpose, ReminderPreference
from reminders.services import reminder_send
from support.models import Session

LONGEST_LEAD = timedelta(hours=max(hours for hours, _label in LEAD_CHOICES))
TEMPLATE = "support/messages/session"


def send_session_reminders(now=None) -> int:
    """Remind each person who asked, once per session, when the session is within their chosen lead time."""
    now = now or timezone.now()
    wanting = ReminderPreference.objects.filter(person_id=OuterRef("agreement__person_id"), enabled=True, sessions=True)
    due = (
        Session.objects.filter(
            status=Session.Status.PLANNED,
            starts_at__gt=now,
            starts_at__lte=now + LONGEST_LEAD,
            agreement__ended_at__isnull=True,
        )
        .filter(Exists(wanting))
        .select_related("agreement__person__reminder_preference", "agreement__worker")
    )
    sent = 0
    for session in due:
        person = session.agreement.person
        if session.starts_at - now > timedelta(hours=person.reminder_preference.lead_hours):
            continue
        when = timezone.localtime(session.starts_at).strftime("%A %-d %B at %H:%M")
        delivery = reminder_send(
            person=person,
            purpose=Purpose.SESSIONS,
            key=f"session:{session.pk}:{session.starts_at:%Y%m%d%H%M}",
            template=TEMPLATE,
            context={"when": when, "worker": session.agreement.worker, "session": session},
        )
        sent += delivery is not None
    return sent


@task()
def session_reminders() -> None:
    send_session_reminders()
