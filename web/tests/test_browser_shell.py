"""Journey: each demo role signs in through the real form and sees their home page."""

import pytest

from people.demo import DEMO_EMAIL_DOMAIN, DEMO_LOGIN_NAMES
from people.management.commands.demo import load_demo
from people.testing import sign_in
from web.testing import assert_accessible

pytestmark = pytest.mark.browser


def test_each_demo_role_signs_in_and_sees_their_own_home_page(page, settings):
    load_demo("small", 1, log=lambda line: None)
    for role, (_full, display_name, _pronouns, _gender) in DEMO_LOGIN_NAMES.items():
        page.context.clear_cookies()
        sign_in(page, f"{role}@{DEMO_EMAIL_DOMAIN}", settings.DEMO_PASSWORD)
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == f"Hello, {display_name}", role
        assert page.get_by_role("navigation", name="Main").get_by_role("link", name="My page").is_visible()
        assert page.locator(".who-name").inner_text() == display_name
        if role in {"peer", "coordinator", "administrator"}:
            assert_accessible(page)


def test_front_door_and_sign_in_page_work_on_a_phone_without_javascript(phone_page):
    phone_page.goto("/")
    assert phone_page.get_by_role("link", name="Find a group near you").is_visible()
    phone_page.get_by_role("link", name="Sign in").first.click()
    assert phone_page.get_by_role("heading", name="Sign in").is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling on a phone"


def test_sign_in_page_has_no_accessibility_violations(page):
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
