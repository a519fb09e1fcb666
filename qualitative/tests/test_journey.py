"""Journey: a coder applies codes to three answers, a second coder double-codes
them without seeing the first one's codes, and the agreement appears."""

import pytest

from access.actor import actor_for_user
from people.testing import sign_in
from qualitative import services
from qualitative.testing import codebook_load, devon_evaluation
from web.testing import assert_accessible

pytestmark = pytest.mark.browser


def _code(page, url, code_name):
    page.goto(url)
    page.get_by_label(code_name).check()
    page.get_by_role("button", name="Apply", exact=True).click()
    assert page.get_by_text(f"Coded: {code_name}.").is_visible()


def test_two_coders_double_code_three_answers_and_agreement_appears(page, world):
    second = world.add_person("Bea", role="evaluator", email="bea@example.org")
    lead = actor_for_user(world.users["evaluator"])
    evaluation, _ = devon_evaluation(world, size=3)
    project = services.project_create(organisation=world.org, name="Day 1 answers", evaluation=evaluation, actor=lead)
    codebook_load(project, lead)
    services.sample_draw(project=project, coders=[lead.person, second], fraction=3 / 27, seed=11, actor=lead)
    sample = list(project.documents.filter(in_sample=True).order_by("position"))
    assert len(sample) == 3
    urls = [f"/qualitative/projects/{project.pk}/texts/{document.pk}/" for document in sample]

    sign_in(page, "evaluator@example.org")
    page.goto("/qualitative/projects/")
    page.get_by_role("link", name="Day 1 answers").click()
    for url in urls:
        _code(page, url, "Mutuality")
    assert_accessible(page)
    page.goto(f"/qualitative/projects/{project.pk}/")
    page.get_by_role("button", name="I have finished double-coding the sample").click()

    page.context.clear_cookies()
    sign_in(page, "bea@example.org")
    page.goto(urls[0])
    assert page.get_by_text("1 codes by other coders are hidden for now.").is_visible()
    _code(page, urls[0], "Mutuality")
    _code(page, urls[1], "Mutuality")
    _code(page, urls[2], "Worries")
    page.goto(f"/qualitative/projects/{project.pk}/")
    page.get_by_role("button", name="I have finished double-coding the sample").click()

    page.get_by_role("link", name="Agreement", exact=True).click()
    overall = page.locator("#overall-agreement")
    assert "66.7%" in overall.inner_text()  # 4 of 6 answer-and-code decisions agree
    assert page.get_by_text("Unit of analysis").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="2 disagreements to discuss").click()
    assert page.get_by_role("heading", name="Disagreements").is_visible()


def test_coding_works_on_a_phone_without_javascript(phone_page, world):
    lead = actor_for_user(world.users["evaluator"])
    evaluation, _ = devon_evaluation(world, size=1)
    project = services.project_create(organisation=world.org, name="Phone", evaluation=evaluation, actor=lead)
    codebook_load(project, lead)
    document = project.documents.get(item_code="understand", wave_position=1)
    sign_in(phone_page, "evaluator@example.org")
    phone_page.goto(f"/qualitative/projects/{project.pk}/texts/{document.pk}/")
    phone_page.get_by_label("Helping or rescuing").check()
    phone_page.get_by_label("Passage").fill("a bad patch")
    phone_page.get_by_role("button", name="Apply", exact=True).click()
    assert phone_page.get_by_text("“a bad patch”").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"
