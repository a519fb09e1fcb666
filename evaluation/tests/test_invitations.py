import datetime as dt

import pytest

from evaluation import invitations, services
from evaluation.testing import shipped
from people import services as people_services
from people.models import Consent, ConsentScope
from reminders.models import ReminderDelivery, ReminderPreference

pytestmark = pytest.mark.django_db

ANCHOR = dt.date(2026, 3, 2)


@pytest.fixture
def enrolled(world):
    evaluation = services.evaluation_create_devon(organisation=world.org, name="Course", anchor_date=ANCHOR, actor=None)
    peer = world.people["peer"]
    people_services.consent_record(
        person=peer, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.ONLINE, actor=None
    )
    participant = services.participant_enrol(evaluation=evaluation, person=peer, actor=None)
    return evaluation, participant


def test_invitations_only_reach_people_who_opted_in_to_questionnaire_reminders(world, enrolled, smtp_server):
    assert invitations.send_due(ANCHOR) == 0
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, questionnaires=True)
    assert invitations.send_due(ANCHOR) == 1
    assert invitations.send_due(ANCHOR) == 0  # never twice
    [message] = smtp_server.to("peer@example.org")
    assert "Course" in message["Subject"] and "/evaluation/mine/" in message.get_payload()


def test_a_reminder_follows_a_week_later_but_stops_once_the_wave_is_done(world, enrolled, smtp_server):
    evaluation, participant = enrolled
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, questionnaires=True)
    wave = evaluation.waves.get(position=3)
    opens = ANCHOR + dt.timedelta(days=wave.offset_days)
    assert invitations.send_due(opens) == 1
    services.response_save(
        participant=participant,
        wave=wave,
        version=shipped("devon-2m"),
        actor=None,
        answers={"attempted_ips": 0, "passed_on": 0},
    )
    assert invitations.send_due(opens + dt.timedelta(days=8)) == 0
    assert ReminderDelivery.objects.count() == 1


def test_withdrawal_stops_invitations_at_once(world, enrolled, smtp_server):
    evaluation, _ = enrolled
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, questionnaires=True)
    people_services.consent_record(
        person=world.people["peer"],
        scope=ConsentScope.EVALUATION,
        given=False,
        method=Consent.Method.ONLINE,
        actor=None,
    )
    assert invitations.send_due(ANCHOR) == 0
    assert smtp_server.messages == []


def test_restricted_person_is_not_invited_to_questionnaires_until_the_restriction_is_lifted(
    world, enrolled, smtp_server
):
    from privacy.testing import lift, restrict

    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, questionnaires=True)
    request = restrict(world, world.people["peer"])
    assert invitations.send_due(ANCHOR) == 0
    assert smtp_server.messages == []
    lift(world, request)
    assert invitations.send_due(ANCHOR) == 1
