"""Scores per principle and perspective, disagreement, movement, privacy of people supported."""

import datetime as dt

import pytest
from django.urls import reverse

from evaluation import services as evaluation_services
from fidelity import selectors, services, testing
from fidelity.models import Framework, ItemLink, Perspective, Round
from fidelity.shipped import ENRICH_ITEMS, FRAMEWORKS, IPS_ITEMS
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db

MUTUALITY = "mutuality-reciprocity"


def _row(profile, code):
    return next(row for row in profile.principles if row.code == code)


def _cell(row, perspective):
    return next(cell for cell in row.cells if cell.perspective == perspective)


def _three_people(world):
    return [testing.supported_person(world, f"Person {n}") for n in range(3)]


def test_shipped_frameworks_have_their_published_number_of_principles_and_a_citation():
    counts = {f.code: (f.principles.count(), f.citation) for f in Framework.objects.filter(organisation=None)}
    assert counts["enrich"][0] == 5
    assert counts["ips-four-tasks"][0] == 4
    assert counts["together-twelve"][0] == 12
    assert all("20" in citation for _, citation in counts.values())


def test_example_instrument_has_items_for_every_enrich_principle_and_ips_task_from_three_perspectives():
    for items, framework in ((ENRICH_ITEMS, FRAMEWORKS[0]), (IPS_ITEMS, FRAMEWORKS[1])):
        principles = {p["code"] for p in framework["principles"]}
        assert {code for code, *_ in items} == principles
        for code in principles:
            assert {p for c, p, *_ in items if c == code} == {"worker", "person", "supervisor"}
    assert ItemLink.objects.count() == len(ENRICH_ITEMS) + len(IPS_ITEMS)


def test_profile_gives_mean_top_share_and_n_per_principle_and_perspective(world):
    round_ = testing.team_round(world)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 3)
    testing.answer(round_, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 2)
    for person, rating in zip(_three_people(world), (1, 1, 3), strict=True):
        testing.answer(round_, person, Perspective.PERSON, rating)
    round_ = services.round_close(round_=round_, actor=None)
    profile = selectors.round_profile(round_)
    assert len(profile.principles) == 5
    row = _row(profile, MUTUALITY)
    worker, person = _cell(row, "worker"), _cell(row, "person")
    assert (worker.mean, worker.top_share, worker.n_people, worker.n_answers) == (3.0, 1.0, 1, 1)
    assert (person.mean, person.top_share, person.n_people) == (pytest.approx(1.67), pytest.approx(0.33), 3)
    # Workers rate mutuality high, the people supported low: shown as a disagreement.
    assert row.disagreement[0].perspective == "worker"
    assert row.disagreement[1].perspective == "person"


def test_fewer_than_three_people_supported_are_not_shown_so_no_one_can_be_singled_out(world, client):
    round_ = testing.worker_round(world)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 3)
    testing.answer(round_, testing.consent(world.people["peer"]), Perspective.PERSON, 0)
    testing.answer(round_, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 2)
    round_ = services.round_close(round_=round_, actor=None)
    cell = _cell(_row(selectors.round_profile(round_), MUTUALITY), "person")
    assert cell.suppressed and not cell.shown
    client.force_login(world.users["worker"])
    page = client.get(reverse("fidelity:round", args=[round_.pk])).content.decode()
    assert "fewer than 3 people: not shown" in page
    assert "0.00" not in page


def test_next_round_shows_how_the_profile_moved(world):
    team = services.team_create(organisation=world.org, name="Harbour", members=[world.people["worker"]], actor=None)
    first = testing.team_round(world, team=team, opened_on=dt.date(2026, 1, 10))
    testing.answer(first, testing.consent(world.people["worker"]), Perspective.WORKER, 1)
    testing.answer(first, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 1)
    people = _three_people(world)
    for person in people:
        testing.answer(first, person, Perspective.PERSON, 1)
    services.round_close(round_=first, actor=None)
    second = testing.team_round(world, team=team, label="Summer", opened_on=dt.date(2026, 6, 10))
    testing.answer(second, world.people["worker"], Perspective.WORKER, 3)
    testing.answer(second, world.people["supervisor"], Perspective.SUPERVISOR, 2)
    for person in people:
        testing.answer(second, person, Perspective.PERSON, 2)
    second = services.round_close(round_=second, actor=None)
    profile = selectors.round_profile(second)
    assert profile.previous.pk == first.pk
    row = _row(profile, MUTUALITY)
    assert row.change == {"overall": pytest.approx(1.2), "worker": 2.0, "person": 1.0, "supervisor": 1.0}


def test_round_stays_open_until_enough_answers_arrive(world):
    round_ = testing.team_round(world, enough=2)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 2)
    with pytest.raises(ServiceError, match="Not enough answers yet"):
        services.round_close(round_=round_, actor=None)
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN


def test_withdrawn_respondents_answers_leave_the_profile(world):
    round_ = testing.team_round(world)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 3)
    testing.answer(round_, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 1)
    for person in _three_people(world):
        testing.answer(round_, person, Perspective.PERSON, 2)
    round_ = services.round_close(round_=round_, actor=None)
    evaluation_services.participants_withdraw(person_id=world.people["worker"].pk, actor=None)
    cell = _cell(_row(selectors.round_profile(round_), MUTUALITY), "worker")
    assert cell.n_people == 0 and cell.mean is None


def test_respondent_cannot_answer_questions_for_another_perspective(world):
    round_ = testing.team_round(world)
    respondent = services.respondent_add(
        round_=round_, person=testing.consent(world.people["worker"]), perspective="worker", actor=None
    )
    with pytest.raises(ServiceError, match="not asked"):
        services.answers_submit(respondent=respondent, answers={"en-mutual-p": 3}, actor=None)
    with pytest.raises(ServiceError, match="at least one"):
        services.answers_submit(respondent=respondent, answers={"en-mutual-w": ""}, actor=None)
    with pytest.raises(ServiceError, match="out of range"):
        services.answers_submit(respondent=respondent, answers={"en-mutual-w": 7}, actor=None)
    assert not respondent.participant.responses.exists()


def test_only_the_worker_answers_as_worker_and_only_their_people_as_people_supported(world):
    round_ = testing.worker_round(world)
    stranger = testing.consent(world.add_person("Stranger"))
    with pytest.raises(ServiceError, match="only that worker"):
        services.respondent_add(round_=round_, person=stranger, perspective="worker", actor=None)
    with pytest.raises(ServiceError, match="not someone this worker supports"):
        services.respondent_add(round_=round_, person=stranger, perspective="person", actor=None)


def test_respondent_without_evaluation_consent_is_refused(world):
    round_ = testing.team_round(world)
    with pytest.raises(ServiceError, match="consent"):
        services.respondent_add(round_=round_, person=world.people["peer"], perspective="person", actor=None)
    assert not round_.respondents.exists()


def test_opening_a_round_refuses_bad_input_and_saves_nothing(world):
    version = testing.example_instrument()
    base = {
        "organisation": world.org,
        "version": version,
        "subject": "service",
        "label": "Spring",
        "purpose": "To learn",
        "perspectives": ["worker"],
        "actor": None,
    }
    bad = [
        ({"label": " "}, "name"),
        ({"purpose": ""}, "what the ratings are for"),
        ({"subject": "team"}, "choose the team"),
        ({"subject": "worker", "worker": world.people["peer"]}, "not a peer worker"),
        ({"perspectives": ["observer"]}, "no questions for: Observer"),
        ({"perspectives": []}, "at least one perspective"),
        ({"enough": 0}, "between 1 and 50"),
    ]
    for change, message in bad:
        with pytest.raises(ServiceError, match=message):
            services.round_open(**{**base, **change})
    assert not Round.objects.exists()


def test_values_and_local_principles_are_recorded_with_who_wrote_them(world):
    statement = services.values_statement_create(
        organisation=world.org,
        title="Our values 2026",
        written_by="Four peer workers and two people we support",
        lived_experience_led=True,
        general_values="Mutuality\nHope",
        local_values="Rooted in the Riverside estate: we meet where people are",
        principles="Meet on people's ground: not in clinics\nPeers lead: peer workers shape the service\nShare power",
        actor=None,
    )
    framework = statement.framework
    assert framework.organisation == world.org and framework.principles.count() == 3
    assert [v.scope for v in statement.values.all()] == ["general", "general", "local"]
    assert framework.principles.get(code="share-power").protects.count() == 3
    with pytest.raises(ServiceError, match="who took part"):
        services.values_statement_create(
            organisation=world.org,
            title="x",
            written_by=" ",
            general_values="a",
            local_values="",
            principles="b",
            actor=None,
        )


def test_profile_json_command_gives_the_profile(world):
    import io
    import json

    from django.core.management import call_command

    round_ = testing.team_round(world)
    testing.answer(round_, testing.consent(world.people["worker"]), Perspective.WORKER, 2)
    testing.answer(round_, testing.consent(world.people["supervisor"]), Perspective.SUPERVISOR, 2)
    testing.answer(round_, testing.consent(world.people["peer"]), Perspective.PERSON, 2)
    round_ = services.round_close(round_=round_, actor=None)
    out = io.StringIO()
    call_command("fidelity_profile", str(round_.pk), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    mutuality = next(p for p in data["principles"] if p["code"] == MUTUALITY)
    assert mutuality["perspectives"]["worker"] == {
        "mean": 2.0,
        "top_share": 0.0,
        "n_people": 1,
        "n_answers": 1,
        "suppressed": False,
    }
    assert mutuality["perspectives"]["person"]["mean"] is None


def test_organisation_links_its_own_instrument_to_principles_and_uses_it_in_a_round(world, client):
    from evaluation import services as evaluation_services

    version = evaluation_services.instrument_create(
        definition={
            "code": "held-index",
            "name": "The index we hold",
            "sections": [
                {
                    "title": "Worker",
                    "items": [
                        {
                            "code": f"q{n}",
                            "text": f"Statement {n}",
                            "kind": "scale",
                            "options": [{"value": v, "label": str(v)} for v in range(1, 6)],
                        }
                        for n in (1, 2)
                    ]
                    + [{"code": "why", "text": "Anything else?", "kind": "long_text"}],
                }
            ],
        },
        organisation=world.org,
        publish=True,
        actor=None,
    )
    mutuality = Framework.objects.get(code="together-twelve").principles.get(code="mutuality")
    q1, q2 = version.items.get(code="q1"), version.items.get(code="q2")
    client.force_login(world.users["evaluator"])
    url = reverse("fidelity:instrument_links", args=[version.pk])
    client.post(url, {f"p_{q1.pk}": mutuality.pk, f"v_{q1.pk}": "worker", f"p_{q2.pk}": "", f"v_{q2.pk}": "worker"})
    assert ItemLink.objects.get(item__version=version).item == q1
    foreign = Framework.objects.create(organisation=world.other_org, code="theirs", name="Theirs")
    theirs = foreign.principles.create(code="x", name="X")
    with pytest.raises(ServiceError, match="not one of yours"):
        services.item_links_save(version=version, links={q2.pk: (theirs.pk, "worker")}, actor=None)
    round_ = services.round_open(
        organisation=world.org,
        version=version,
        subject="service",
        label="Held",
        purpose="To learn",
        perspectives=["worker"],
        enough=1,
        actor=None,
    )
    testing.answer(round_, testing.consent(world.people["worker"]), "worker", 5)
    round_ = services.round_close(round_=round_, actor=None)
    row = selectors.round_profile(round_).principles[0]
    assert (row.name, row.low, row.high, row.overall) == ("Mutuality", 1, 5, 5.0)
    with pytest.raises(ServiceError, match="used in a round"):
        services.item_links_save(version=version, links={q1.pk: (None, "")}, actor=None)
