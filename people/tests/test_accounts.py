"""Signing in and out, password reset by email through a real SMTP server, lockout."""

import re

from django.urls import reverse

from people import services
from people.models import User
from people.testing import TEST_PASSWORD


def test_person_signs_in_and_out(client, world):
    response = client.post(reverse("login"), {"username": "PEER@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert "Hello, Alex" in client.get("/").content.decode()
    client.post(reverse("logout"))
    assert client.get("/people/").status_code == 302


def test_wrong_password_gets_a_plain_message(client, world):
    response = client.post(reverse("login"), {"username": "peer@example.org", "password": "nope"})
    assert response.status_code == 200
    assert "did not match an account" in response.content.decode()


def test_password_reset_email_arrives_by_smtp_and_its_link_sets_a_new_password(client, world, smtp_server):
    response = client.post(reverse("password_reset"), {"email": "peer@example.org"})
    assert response.status_code == 302
    [message] = smtp_server.to("peer@example.org")
    assert message["Subject"] == "Choose a new Mutuality password"
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.get_content()).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a new long passphrase 42", "new_password2": "a new long passphrase 42"},
    )
    assert done.status_code == 302
    assert User.objects.get(email="peer@example.org").check_password("a new long passphrase 42")


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, world, smtp_server):
    known = client.post(reverse("password_reset"), {"email": "peer@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert smtp_server.to("nobody@example.org") == []


def test_new_account_is_invited_by_email_to_choose_a_password(world, smtp_server, django_capture_on_commit_callbacks):
    person = world.add_person("Rowan", email="rowan@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        user = services.account_create(person=person, email="Rowan@Example.org", actor=world.users["administrator"])
    assert user.email == "rowan@example.org" and not user.has_usable_password()
    [message] = smtp_server.to("rowan@example.org")
    assert "Hello Rowan" in message.get_content()
    assert "/accounts/reset/" in message.get_content()


def test_repeated_wrong_passwords_lock_the_account_from_that_address_with_a_clear_page(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "peer@example.org", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "peer@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert client.get("/people/").status_code == 302  # still signed out


def test_administrator_switches_an_account_off_and_it_can_no_longer_sign_in(client, world):
    client.force_login(world.users["administrator"])
    response = client.post(reverse("people:roles", args=[world.people["peer"].pk]), {"active": "off"})
    assert response.status_code == 302
    client.logout()
    response = client.post(reverse("login"), {"username": "peer@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 200 and "did not match an account" in response.content.decode()
    client.force_login(world.users["administrator"])
    client.post(reverse("people:roles", args=[world.people["peer"].pk]), {"active": "on"})
    client.logout()
    assert client.post(reverse("login"), {"username": "peer@example.org", "password": TEST_PASSWORD}).status_code == 302
