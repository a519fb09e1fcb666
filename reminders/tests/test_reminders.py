"""Reminders the person controls: off by default, sent only when asked for."""

import pytest
from django.urls import reverse

from people import services as people_services
from reminders import services
from reminders.models import OutboxMessage, ReminderDelivery, ReminderPreference

TEMPLATE = "reminders/messages/example"


def remind(person, key="session:1"):
    return services.reminder_send(
        person=person, purpose="sessions", key=key, template=TEMPLATE, context={"when": "Tuesday at 2pm"}
    )


def opt_in(person, **values):
    return ReminderPreference.objects.create(person=person, enabled=True, sessions=True, **values)


def test_nothing_at_all_is_sent_to_a_person_who_has_not_opted_in(world, smtp_server):
    peer = world.people["peer"]
    assert remind(peer) is None
    ReminderPreference.objects.create(person=peer, enabled=False, sessions=True)
    assert remind(peer, key="session:2") is None
    ReminderPreference.objects.filter(person=peer).update(enabled=True, sessions=False)
    assert remind(peer, key="session:3") is None
    assert smtp_server.messages == []
    assert not ReminderDelivery.objects.exists()


def test_opted_in_person_gets_an_email_in_their_chosen_tone_with_a_way_to_stop(world, smtp_server):
    peer = world.people["peer"]
    opt_in(peer, tone="brief")
    delivery = remind(peer)
    assert delivery.status == "sent"
    [message] = smtp_server.to("peer@example.org")
    assert message["Subject"] == "Session: Tuesday at 2pm"
    assert "/reminders/off/" in message["List-Unsubscribe"]


def test_the_same_reminder_is_never_sent_twice(world, smtp_server):
    opt_in(world.people["peer"])
    remind(world.people["peer"])
    assert remind(world.people["peer"]) is None
    assert len(smtp_server.messages) == 1


def test_withdrawing_consent_to_contact_stops_reminders(world, smtp_server):
    peer = world.people["peer"]
    opt_in(peer)
    people_services.consent_record(person=peer, scope="contact", given=True, method="online", actor=None)
    people_services.consent_record(person=peer, scope="contact", given=False, method="online", actor=None)
    assert remind(peer) is None
    assert smtp_server.messages == []


def test_restricted_person_is_sent_no_reminder_until_the_restriction_is_lifted(world, smtp_server):
    from privacy.testing import lift, restrict

    peer = world.people["peer"]
    opt_in(peer)
    request = restrict(world, peer)
    assert remind(peer) is None
    assert smtp_server.messages == [] and not ReminderDelivery.objects.exists()
    lift(world, request)
    assert remind(peer).status == "sent"
    assert len(smtp_server.to("peer@example.org")) == 1


def test_text_messages_go_through_the_gateway_interface(world):
    peer = world.people["peer"]
    peer.phone = "07700 900123"
    peer.save()
    opt_in(peer, channel="sms")
    remind(peer)
    sms = OutboxMessage.objects.get(channel="sms")
    assert sms.address == "07700 900123" and "Stop reminders:" in sms.body


def test_a_failing_mail_server_is_recorded_and_not_lost(world, settings):
    opt_in(world.people["peer"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    delivery = remind(world.people["peer"])
    assert delivery.status == "failed"


def test_off_link_turns_reminders_off_with_one_click_and_no_sign_in(client, world):
    preference = opt_in(world.people["peer"])
    url = reverse("reminders:off", args=[preference.off_token])
    assert client.get(url).status_code == 200
    preference.refresh_from_db()
    assert preference.enabled, "following the link alone changes nothing (mail scanners follow links)"
    client.post(url)
    preference.refresh_from_db()
    assert not preference.enabled


def test_person_turns_reminders_on_for_what_they_choose(client, world):
    client.force_login(world.users["peer"])
    assert b"Reminders are <strong>off" in client.get("/reminders/").content
    response = client.post(
        "/reminders/",
        {"enabled": "on", "questionnaires": "on", "channel": "email", "lead_hours": 48, "tone": "formal"},
    )
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(person=world.people["peer"])
    assert (preference.wants("questionnaires"), preference.wants("sessions"), preference.tone) == (
        True,
        False,
        "formal",
    )


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"enabled": "on", "channel": "email", "lead_hours": 24, "tone": "brief"}, "at least one thing"),
        ({"enabled": "on", "sessions": "on", "channel": "sms", "lead_hours": 24, "tone": "brief"}, "mobile number"),
        ({"enabled": "on", "sessions": "on", "channel": "pigeon", "lead_hours": 24, "tone": "brief"}, "valid choice"),
        ({"enabled": "on", "sessions": "on", "channel": "email", "lead_hours": 5, "tone": "brief"}, "valid choice"),
    ],
)
def test_reminder_choices_that_cannot_work_are_refused_plainly(client, world, post, message):
    client.force_login(world.users["peer"])
    response = client.post("/reminders/", post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ReminderPreference.objects.exists()
