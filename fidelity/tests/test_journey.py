"""Journey: a supervisor opens a round, a worker and a person answer, the team reflects and
agrees an action, and the next round shows the change."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from fidelity import services, testing
from fidelity.models import Action, Perspective, Round, Team
from people.testing import sign_in
from web.testing import assert_accessible

pytestmark = pytest.mark.browser


def _answer_all(page, choice: str) -> None:
    page.get_by_role("link", name="Autumn").first.click()
    assert page.get_by_role("heading", name="What these ratings are for").is_visible()
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_label(choice, exact=True).check()
    page.get_by_role("button", name="Send my ratings").click()
    assert page.get_by_text("Thank you. Your answers are saved.").is_visible()


def test_round_reflection_action_and_the_next_round_shows_the_change(page, world):
    for role in ("worker", "peer", "supervisor"):
        testing.consent(world.people[role])
    services.team_create(organisation=world.org, name="Riverside team", members=[world.people["worker"]], actor=None)

    # A supervisor opens a round about the team and asks a worker and a person supported.
    sign_in(page, "supervisor@example.org")
    page.goto("/fidelity/")
    page.get_by_role("link", name="Open a round").click()
    page.get_by_label("Name of the round").fill("Autumn")
    page.get_by_label("A team").check()
    page.locator("#id_team").select_option(label="Riverside team")
    page.get_by_label("Instrument").select_option(label="Mutuality ENRICH principles check (version 1)")
    page.get_by_role("checkbox", name="Peer worker").check()
    page.get_by_role("checkbox", name="Person supported").check()
    page.get_by_label("Answers needed from each perspective").fill("1")
    page.get_by_role("button", name="Open the round").click()
    assert page.get_by_role("heading", name="Autumn").is_visible()
    for name, perspective in (("Jo", "Peer worker"), ("Alex", "Person supported")):
        page.locator("#id_person").select_option(label=name)
        page.get_by_label("Perspective").select_option(label=perspective)
        page.get_by_role("button", name="Ask").click()
        assert page.get_by_text(f"{name} is asked to answer.").is_visible()
    assert_accessible(page)

    # The worker and the person answer, having read what the ratings are for.
    for email, choice in (("worker@example.org", "A little"), ("peer@example.org", "Not at all")):
        page.context.clear_cookies()
        sign_in(page, email)
        page.goto("/fidelity/")
        _answer_all(page, choice)
    assert_accessible(page)

    # The supervisor closes the round; the team sees the profile and reflects.
    page.context.clear_cookies()
    sign_in(page, "supervisor@example.org")
    round_ = Round.objects.get(label="Autumn")
    page.goto(f"/fidelity/rounds/{round_.pk}/")
    page.get_by_role("button", name="Close the round and see the profile").click()
    assert page.get_by_role("heading", name="Principle profile").is_visible()
    expect(page.get_by_role("img", name="Principle profile chart for Autumn")).to_be_visible()
    assert page.locator("img").first.evaluate("img => img.naturalWidth") > 0

    page.context.clear_cookies()
    sign_in(page, "worker@example.org")
    page.goto(f"/fidelity/rounds/{round_.pk}/")
    page.get_by_label("What we notice").fill("We rush to tasks; people do not feel we are equals yet.")
    page.get_by_label("Who took part").fill("Jo and Priya at the team meeting")
    page.get_by_role("button", name="Save reflection").click()
    assert page.get_by_text("We rush to tasks").is_visible()
    page.get_by_label("What we will do").fill("Start each first meeting by sharing why we do this work")
    page.get_by_label("Who will do it").select_option(label="Jo")
    page.get_by_label("By when").fill("2026-12-01")
    page.get_by_role("button", name="Add action").click()
    assert page.get_by_role("cell", name="Start each first meeting by sharing why we do this work").is_visible()
    page.get_by_label("What happened").fill("Done at every first meeting since")
    page.get_by_role("button", name="Mark done").click()
    assert page.get_by_text("Done at every first meeting since").is_visible()
    assert Action.objects.get().is_done
    assert_accessible(page)

    # The next round: the profile moved.
    later = services.round_open(
        organisation=world.org,
        version=round_.version,
        subject=Round.Subject.TEAM,
        team=Team.objects.get(),
        label="Spring",
        purpose=testing.PURPOSE,
        perspectives=[Perspective.WORKER, Perspective.PERSON],
        enough=1,
        opened_on=round_.opened_on + dt.timedelta(days=120),
        actor=None,
    )
    testing.answer(later, world.people["worker"], Perspective.WORKER, 3)
    testing.answer(later, world.people["peer"], Perspective.PERSON, 2)
    services.round_close(round_=later, actor=None)
    page.goto(f"/fidelity/rounds/{later.pk}/")
    assert page.get_by_text("change since Autumn").is_visible()
    assert page.locator(".fidelity-change").first.inner_text() == "up 2.00"
    page.goto(f"/fidelity/profiles/team/{later.team_id}/")
    assert page.get_by_role("link", name="Autumn").is_visible()
    assert page.get_by_role("link", name="Spring").is_visible()


def test_a_person_answers_on_a_phone_without_javascript(phone_page, world):
    round_ = testing.team_round(world)
    respondent = services.respondent_add(
        round_=round_, person=testing.consent(world.people["peer"]), perspective=Perspective.PERSON, actor=None
    )
    sign_in(phone_page, "peer@example.org")
    phone_page.goto("/fidelity/")
    phone_page.get_by_role("link", name=round_.label).click()
    assert phone_page.get_by_text(testing.PURPOSE).is_visible()
    for fieldset in phone_page.locator("fieldset").all():
        fieldset.get_by_label("Quite often", exact=True).check()
    phone_page.get_by_role("button", name="Send my ratings").click()
    assert phone_page.get_by_text("Thank you. Your answers are saved.").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert respondent.participant.responses.get().answers.count() == 5
