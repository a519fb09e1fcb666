"""Journeys in a real browser: finding a group with no account, and taking attendance on a phone."""

import pytest

from groups.models import Attendance, Membership
from groups.testing import make_group, make_meeting
from people.testing import sign_in
from web.testing import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_someone_with_no_account_finds_a_group_near_a_postcode_opens_it_and_prints_it(world, page):
    make_group(world, name="Exeter Thursday Group", district="EX2")
    make_group(world, name="Aberdeen Circle", district="AB10")
    page.goto("/groups/")
    page.get_by_label("Near a postcode").fill("EX4 4QJ")
    page.get_by_label("Within").select_option("25")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("heading", name="1 group near EX4").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Exeter Thursday Group").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Exeter Thursday Group"
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".site-footer").is_visible()
    assert not page.get_by_role("link", name="Back to all groups").is_visible()
    assert page.get_by_text("please check with the contact above").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_an_unknown_postcode_gets_a_clear_message_in_the_browser(world, page):
    page.goto("/groups/")
    page.get_by_label("Near a postcode").fill("QQ1")
    page.get_by_role("button", name="Search").click()
    assert page.get_by_role("alert").get_by_text("We could not find the postcode area QQ1").is_visible()


def test_a_facilitator_takes_attendance_on_a_phone(world, phone_page):
    group = make_group(world)
    Membership.objects.create(group=group, person=world.people["peer"])
    meeting = make_meeting(group)
    sign_in(phone_page, "facilitator@example.org")
    phone_page.goto(f"/groups/{group.pk}/meetings/")
    phone_page.get_by_role("link", name="Take attendance").first.click()
    phone_page.get_by_label("Alex").check()
    phone_page.get_by_label("People who came who are not members").fill("3")
    phone_page.get_by_role("button", name="Save attendance").click()
    assert phone_page.get_by_text("Attendance saved: 4 people came.").is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    assert list(Attendance.objects.filter(meeting=meeting, present=True).values_list("person_id", flat=True)) == [
        world.people["peer"].pk
    ]
