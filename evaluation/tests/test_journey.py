"""Journey: an evaluator builds a short instrument and schedules two waves; a participant
answers wave 1 on a phone without JavaScript; the evaluator sees the response table."""

import pytest

from evaluation import services
from evaluation.models import Evaluation
from people import services as people_services
from people.models import Consent, ConsentScope
from people.testing import sign_in
from web.testing import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_evaluator_builds_schedules_participant_answers_on_a_phone_evaluator_sees_results(world, page, phone_page):
    sign_in(page, "evaluator@example.org")
    page.goto("/evaluation/")
    page.get_by_role("link", name="New instrument").click()
    page.get_by_label("Name").fill("Check-in")
    page.get_by_label("Code").fill("check-in")
    page.get_by_role("button", name="Save").click()
    page.locator("#id_code").fill("interest")
    page.locator("#id_text").fill("How interested are you in peer support?")
    page.locator("#id_kind").select_option("scale")
    page.locator("#id_options").fill(
        "0=I'm no longer interested\n1=A little\n2=Interested\n3=Very interested\n4=I'm committed to participation"
    )
    page.locator("#id_required").check()
    page.get_by_role("button", name="Add the question").click()
    page.locator("#id_code").fill("involved")
    page.locator("#id_text").fill("Are you involved in peer support?")
    page.locator("#id_kind").select_option("yesno")
    page.get_by_role("button", name="Add the question").click()
    page.get_by_role("button", name="Publish").click()
    assert page.get_by_text("Published. It can now be used").is_visible()

    page.goto("/evaluation/new/")
    page.locator("#id_name").fill("Spring course")
    page.locator("#id_anchor_date").fill("2026-03-02")
    page.get_by_label("My own waves (below)").check()
    page.locator("#id_custom_waves").fill("Start=0\nTwo months=61")
    page.get_by_label("Check-in (version 1)").check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Spring course").is_visible()

    # A coordinator enrols the peer, who has consented to evaluation.
    evaluation = Evaluation.objects.get(name="Spring course")
    peer = world.people["peer"]
    people_services.consent_record(
        person=peer, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.ONLINE, actor=None
    )
    services.participant_enrol(evaluation=evaluation, person=peer, research_number="S001", actor=None)

    sign_in(phone_page, "peer@example.org")
    phone_page.goto("/evaluation/mine/")
    phone_page.get_by_role("link", name="Check-in").first.click()
    assert_accessible_without_js(phone_page)
    phone_page.get_by_label("Very interested").check()
    phone_page.get_by_label("Yes").check()
    phone_page.get_by_role("button", name="Send my answers").click()
    assert phone_page.get_by_text("Thank you. Your answers are saved.").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390

    page.goto(f"/evaluation/{evaluation.pk}/")
    table = page.get_by_role("table").first
    assert "1/1 (100%)" in table.inner_text()
    assert "0/1 (0%)" in table.inner_text()
    assert "Alex" not in page.content()
    assert_accessible(page)


def assert_accessible_without_js(phone_page):
    """axe needs JavaScript: check the same page in a JavaScript context of the same browser."""
    url = phone_page.url
    context = phone_page.context.browser.new_context(base_url=url.split("/evaluation")[0])
    context.add_cookies(phone_page.context.cookies())
    page = context.new_page()
    page.goto(url)
    assert_accessible(page)
    context.close()
