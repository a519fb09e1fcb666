"""Session reminders: only for people who turned them on, sent by the background worker through a mail server."""

from datetime import timedelta

import pytest
from django.utils import timezone

from people.models import Person
from reminders.models import ReminderDelivery, ReminderPreference
from support.models import Agreement, Session
from support.tasks import send_session_reminders, session_reminders


def _session(world, person, hours_ahead):
    agreement = Agreement.objects.create(organisation=world.org, person=person, worker=world.people["worker"])
    return Session.objects.create(
        agreement=agreement,
        worker=world.people["worker"],
        starts_at=timezone.now() + timedelta(hours=hours_ahead),
        minutes=60,
        mode="online",
    )


@pytest.mark.django_db(transaction=True)
def test_reminders_reach_only_people_who_opted_in_through_a_real_mail_server(world, smtp_server, run_worker):
    opted_in = world.people["peer"]
    ReminderPreference.objects.create(person=opted_in, enabled=True, sessions=True, lead_hours=24)
    never_asked = Person.objects.create(organisation=world.org, display_name="Nia", email="nia@example.org")
    switched_off = Person.objects.create(organisation=world.org, display_name="Ola", email="ola@example.org")
    ReminderPreference.objects.create(person=switched_off, enabled=False, sessions=True)
    other_purpose = Person.objects.create(organisation=world.org, display_name="Pat", email="pat@example.org")
    ReminderPreference.objects.create(person=other_purpose, enabled=True, sessions=False, groups=True)
    for person in (opted_in, never_asked, switched_off, other_purpose):
        _session(world, person, hours_ahead=5)

    session_reminders.enqueue()
    run_worker()

    assert [m["To"] for m in smtp_server.messages] == ["peer@example.org"]
    [message] = smtp_server.messages
    assert "Jo" in message.get_body().get_content() and "/reminders/off/" in message["List-Unsubscribe"]
    for address in ("nia@example.org", "ola@example.org", "pat@example.org"):
        assert smtp_server.to(address) == []
    assert ReminderDelivery.objects.count() == 1


def test_reminder_waits_for_the_chosen_lead_time_and_is_sent_once(world, smtp_server):
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, sessions=True, lead_hours=3)
    session = _session(world, world.people["peer"], hours_ahead=10)
    assert send_session_reminders() == 0
    assert send_session_reminders(now=session.starts_at - timedelta(hours=2)) == 1
    assert send_session_reminders(now=session.starts_at - timedelta(hours=1)) == 0
    assert len(smtp_server.messages) == 1


def test_no_reminder_for_cancelled_sessions_or_ended_support(world, smtp_server):
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, sessions=True)
    cancelled = _session(world, world.people["peer"], hours_ahead=2)
    Session.objects.filter(pk=cancelled.pk).update(status="cancelled", cancelled_by="person")
    assert send_session_reminders() == 0
    assert smtp_server.messages == []
