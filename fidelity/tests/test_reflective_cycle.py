"""Reflection, actions tracked to done, stage-3 self-assessment, and pages that stay cheap as data grows."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from fidelity import services, testing
from fidelity.models import Action, Framework, Perspective, Reflection, Round, SelfAssessment
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db


def _closed(world, **kwargs):
    round_ = testing.team_round(world, **kwargs)
    for role, perspective in (("worker", "worker"), ("peer", "person"), ("supervisor", "supervisor")):
        testing.answer(round_, testing.consent(world.people[role]), perspective, 2)
    return services.round_close(round_=round_, actor=None)


def test_team_writes_a_reflection_and_an_action_once_even_if_the_button_is_pressed_twice(world, client):
    round_ = _closed(world)
    client.force_login(world.users["worker"])
    form = {
        "reflection-text": "Mutuality feels thin.",
        "reflection-submission_token": "6f1c1c1e-0f7a-4d0b-9a55-1d2b3c4d5e6f",
    }
    for _ in range(2):
        client.post(reverse("fidelity:reflection_add", args=[round_.pk]), form)
    action = {
        "action-text": "Share why we do this work",
        "action-owner": world.people["worker"].pk,
        "action-due_on": "2026-12-01",
        "action-submission_token": "7f1c1c1e-0f7a-4d0b-9a55-1d2b3c4d5e6f",
    }
    for _ in range(2):
        client.post(reverse("fidelity:action_add", args=[round_.pk]), action)
    assert Reflection.objects.get().text == "Mutuality feels thin."
    assert Action.objects.get().owner == world.people["worker"]
    page = client.get(reverse("fidelity:round", args=[round_.pk])).content.decode()
    assert "Mutuality feels thin." in page
    assert AuditEvent.objects.filter(action=AuditEvent.Action.READ, summary="Fidelity reflections").exists()


def test_action_needs_a_date_and_an_owner_from_the_organisation(world, client):
    round_ = _closed(world)
    client.force_login(world.users["worker"])
    response = client.post(
        reverse("fidelity:action_add", args=[round_.pk]),
        {"action-text": "Something", "action-owner": world.people["worker"].pk, "action-due_on": "next week"},
        follow=True,
    )
    assert "The action was not saved" in response.content.decode()
    with pytest.raises(ServiceError, match="belong to this organisation"):
        services.action_add(
            round_=round_, text="x", owner=world.people["outsider"], due_on=dt.date(2026, 1, 1), actor=None
        )
    assert not Action.objects.exists()


def test_no_reflection_while_the_round_is_still_collecting_answers(world):
    round_ = testing.team_round(world)
    with pytest.raises(ServiceError, match="once the round has closed"):
        services.reflection_add(round_=round_, text="Too early", actor=None)


def test_round_is_done_when_every_agreed_action_is_done(world):
    round_ = _closed(world)
    services.reflection_add(round_=round_, text="We notice", actor=None)
    first, second = (
        services.action_add(round_=round_, text=t, owner=world.people["worker"], due_on=dt.date(2026, 9, 1), actor=None)
        for t in ("One", "Two")
    )
    services.action_complete(action=first, actor=None)
    assert Round.objects.get().status == Round.Status.REFLECTING
    services.action_complete(action=second, note="Did it", actor=None)
    assert Round.objects.get().status == Round.Status.DONE


def test_self_assessment_asks_each_principle_of_role_training_supervision_and_culture(world, client):
    framework = Framework.objects.get(code="ips-four-tasks", organisation=None)
    client.force_login(world.users["coordinator"])
    url = reverse("fidelity:assessment_create") + f"?framework={framework.pk}"
    page = client.get(url).content.decode()
    for area in ("Role description", "Training", "Supervision and support", "Team culture"):
        assert page.count(area) >= framework.principles.count()
    mutuality = framework.principles.get(code="mutuality")
    data = {
        "who_took_part": "Four workers, two people we support, the coordinator",
        f"r_{mutuality.pk}_supervision": "1",
        f"n_{mutuality.pk}_supervision": "Supervision is about caseload, not mutuality",
        "submission_token": "8f1c1c1e-0f7a-4d0b-9a55-1d2b3c4d5e6f",
    }
    response = client.post(url, data)
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert assessment.answers.get().rating == 1
    services.reflection_add(assessment=assessment, text="Supervision needs to change", actor=None)
    action = services.action_add(
        assessment=assessment,
        text="Add mutuality to supervision notes",
        owner=world.people["supervisor"],
        due_on=dt.date(2026, 12, 1),
        actor=None,
    )
    services.action_complete(action=action, actor=None)
    page = client.get(reverse("fidelity:assessment", args=[assessment.pk])).content.decode()
    assert "Supervision is about caseload" in page and "Done" in page


def test_self_assessment_refuses_ratings_off_the_scale(world):
    framework = Framework.objects.get(code="enrich", organisation=None)
    principle = framework.principles.first()
    with pytest.raises(ServiceError, match="0 \\(not at all\\) to 3"):
        services.assessment_record(
            organisation=world.org,
            framework=framework,
            who_took_part="Team",
            ratings={(principle.pk, "role"): ("5", "")},
            actor=None,
        )
    with pytest.raises(ServiceError, match="who took part"):
        services.assessment_record(
            organisation=world.org,
            framework=framework,
            who_took_part=" ",
            ratings={(principle.pk, "role"): ("2", "")},
            actor=None,
        )
    assert not SelfAssessment.objects.exists()


def test_round_and_profile_pages_use_a_constant_number_of_queries(world, client, django_assert_max_num_queries):
    team = None
    for n in range(3):
        round_ = testing.team_round(world, label=f"Round {n}", opened_on=dt.date(2026, 1 + n, 1), team=team)
        team = round_.team
        for role, perspective in (("worker", "worker"), ("peer", "person"), ("supervisor", "supervisor")):
            person = world.people[role]
            testing.consent(person)
            testing.answer(round_, person, perspective, n % 4)
        for k in range(n * 3):
            testing.answer(round_, testing.supported_person(world, f"P{n}-{k}"), Perspective.PERSON, 1)
        round_ = services.round_close(round_=round_, actor=None)
        services.reflection_add(round_=round_, text="We notice", actor=None)
    client.force_login(world.users["supervisor"])
    with django_assert_max_num_queries(40):
        assert client.get(reverse("fidelity:round", args=[round_.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("fidelity:profile", args=["team", team.pk])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("fidelity:round_report", args=[round_.pk])).status_code == 200


def test_service_profile_pools_team_rounds_by_quarter_and_leaves_out_worker_rounds(world, client):
    first = _closed(world, opened_on=dt.date(2026, 1, 5))
    other_team = services.team_create(
        organisation=world.org, name="Second", members=[world.people["worker"]], actor=None
    )
    second = testing.team_round(world, team=other_team, opened_on=dt.date(2026, 2, 5))
    testing.answer(second, world.people["worker"], "worker", 0)
    testing.answer(second, world.people["supervisor"], "supervisor", 0)
    testing.answer(second, world.people["peer"], "person", 0)
    services.round_close(round_=second, actor=None)
    private = testing.worker_round(world, opened_on=dt.date(2026, 3, 1))
    testing.answer(private, world.people["worker"], "worker", 3)
    testing.answer(private, world.people["supervisor"], "supervisor", 3)
    testing.answer(private, testing.supported_person(world, "Bo"), "person", 3)
    services.round_close(round_=private, actor=None)
    client.force_login(world.users["coordinator"])
    page = client.get(reverse("fidelity:profile", args=["service", world.org.pk])).content.decode()
    assert "2026 Q1" in page and "(2 rounds)" in page
    # Worker and supervisor rated 2 in the first team round and 0 in the second; people supported are hidden (n=1).
    assert "<td>1.00</td>" in page
    assert first.team.name not in page
