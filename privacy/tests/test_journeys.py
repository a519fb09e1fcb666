"""Journeys in a real browser: turning on two-factor authentication, downloading one's own records."""

import pytest

from people.testing import sign_in
from privacy.tests.test_two_factor import _code_for_secret
from web.testing import assert_accessible

pytestmark = pytest.mark.browser


def test_peer_turns_on_two_factor_on_a_phone_without_javascript_and_is_asked_for_a_code_next_time(phone_page, world):
    page = phone_page
    sign_in(page, "peer@example.org")
    page.goto("/my-data/")
    page.get_by_role("link", name="Two-factor authentication for your account").click()
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    secret = page.locator(".otp-secret").inner_text()
    page.get_by_label("Code").fill(_code_for_secret(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your recovery codes"
    assert page.locator(".recovery-codes li").count() == 10

    page.context.clear_cookies()
    sign_in(page, "peer@example.org")  # types a real code from the authenticator
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Alex"


def test_two_factor_and_your_information_pages_are_accessible(page, world):
    sign_in(page, "peer@example.org")
    page.goto("/my-data/")
    assert page.get_by_role("link", name="Download as a readable PDF").is_visible()
    assert_accessible(page)
    page.goto("/two-factor/")
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, "coordinator@example.org")
    page.goto(f"/people/{world.person('peer').pk}/rights/")
    assert page.get_by_role("heading", level=1).inner_text() == "Rights requests: Alex"
    assert_accessible(page)
