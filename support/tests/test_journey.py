"""Journey: self-referral → coordinator offers choices → person chooses → worker accepts →
session recorded → the person sees the note, all in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone

from people import services as people_services
from people.models import Person
from people.testing import TEST_PASSWORD, sign_in
from web.testing import assert_accessible

pytestmark = pytest.mark.browser

NOTE = "We talked about the walking group. Rae will try the Tuesday walk."


def switch_to(page, email):
    page.context.clear_cookies()
    sign_in(page, email)


def test_from_self_referral_to_the_person_reading_their_note(page, world):
    # 1. Someone refers themselves, without an account.
    page.goto("/refer/")
    assert_accessible(page)
    page.get_by_label("Which organisation").select_option(label=world.org.name)
    page.get_by_label("The name you would like us to use").fill("Rae")
    page.get_by_label("Email address").fill("rae@example.org")
    page.get_by_role("button", name="Send").click()
    assert page.get_by_role("heading", name="Thank you, we have your details").is_visible()

    # The team gets in touch and helps Rae set up an account.
    rae = Person.objects.get(display_name="Rae")
    people_services.account_create(person=rae, email="rae@example.org", password=TEST_PASSWORD, actor=None)
    people_services.role_grant(person=rae, organisation=world.org, kind="peer", actor=None)

    # 2. The coordinator finds the referral in the triage queue, records contact and offers choices.
    switch_to(page, "coordinator@example.org")
    page.get_by_role("link", name="Referrals").first.click()
    page.get_by_role("link", name="Rae").click()
    page.get_by_label("Move to").select_option("contacted")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_role("heading", name="Shortlist").is_visible()
    assert page.get_by_text("Jo has room for 5 more people.").is_visible()
    page.get_by_label("Jo").check()
    page.get_by_role("button", name="Offer").click()
    assert_accessible(page)

    # 3. Rae chooses.
    switch_to(page, "rae@example.org")
    page.get_by_role("link", name="Choose your peer worker").first.click()
    page.get_by_role("button", name="Choose Jo").click()
    assert page.get_by_text("You chose Jo").is_visible()

    # 4. Jo accepts.
    switch_to(page, "worker@example.org")
    page.get_by_role("link", name="Choices for me").first.click()
    page.get_by_role("link", name="Rae").click()
    page.get_by_role("button", name="Accept and start supporting Rae").click()
    assert page.get_by_text("You are now supporting Rae").is_visible()

    # 5. Jo and Rae make an agreement and a session is recorded with a note written together.
    page.get_by_role("link", name="Caseload").first.click()
    page.get_by_role("row", name="Rae").get_by_role("link", name="Make a support agreement").click()
    page.get_by_label("Goals, in the person's own words").fill("Get out of the house more")
    page.get_by_role("button", name="Save agreement").click()
    page.get_by_role("link", name="Plan a session").click()
    yesterday = timezone.localtime() - timedelta(days=1)
    page.get_by_label("Date and time agreed with the person").fill(yesterday.strftime("%Y-%m-%dT10:00"))
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("cell", name="1 of 10").is_visible()
    page.get_by_role("link", name="Record").click()
    page.get_by_label("Attended").check()
    page.get_by_label("Note, written together").fill(NOTE)
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The session has been recorded.").is_visible()

    # 6. Rae sees the note in her own account.
    switch_to(page, "rae@example.org")
    page.get_by_role("link", name="My support").first.click()
    assert page.get_by_text("Your peer worker is").is_visible()
    page.get_by_role("link", name="My notes").click()
    assert page.get_by_text(NOTE).is_visible()
    assert_accessible(page)


def test_self_referral_works_on_a_phone_without_javascript(phone_page, world):
    phone_page.goto("/refer/")
    phone_page.get_by_label("Which organisation").select_option(label=world.org.name)
    phone_page.get_by_label("The name you would like us to use").fill("Kit")
    phone_page.get_by_label("Phone number").fill("07700 900456")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling on a phone"
    phone_page.get_by_role("button", name="Send").click()
    assert phone_page.get_by_role("heading", name="Thank you, we have your details").is_visible()
    assert Person.objects.get(display_name="Kit").phone == "07700 900456"
