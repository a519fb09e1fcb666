"""Someone trying the demo can sign in as any staff role with the printed demo code."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from people.management.commands.demo import load_demo


def test_demo_staff_sign_in_with_the_code_the_demo_command_prints(client, db, settings):
    settings.DEBUG = True
    load_demo("small", 1, log=lambda line: None)
    client.post(reverse("login"), {"username": "coordinator@demo.mutuality.test", "password": settings.DEMO_PASSWORD})
    assert client.get(reverse("people:list"))["Location"].startswith(reverse("privacy:two_factor_verify"))
    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    response = client.post(reverse("privacy:two_factor_verify"), {"otp_token": code})
    assert response.status_code == 302
    assert client.get(reverse("people:list")).status_code == 200


def test_demo_logins_say_how_to_get_the_code(db, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("demo", "--scale", "small", "--seed", "1", "--if-empty", stdout=out)
    assert "manage.py demo_code" in out.getvalue()


def test_demo_code_refuses_without_debug(settings):
    import pytest
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code")
