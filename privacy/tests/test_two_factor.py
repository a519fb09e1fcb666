"""Staff must verify a second factor (TOTP, with recovery codes); peers may choose to."""

import re
from base64 import b32decode

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from people.testing import TEST_PASSWORD, authenticator_for, current_code


def _password_sign_in(client, role):
    response = client.post(reverse("login"), {"username": f"{role}@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return response


def _code_for_secret(secret: str) -> str:
    key = b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    return f"{TOTP(key).token():06d}"


def test_staff_signed_in_with_only_a_password_cannot_reach_identifiable_records(client, world):
    _password_sign_in(client, "coordinator")
    peer = world.person("peer")
    for url in ["/", reverse("people:list"), reverse("people:detail", args=[peer.pk]), reverse("people:me")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/two-factor/?next="), url
    api = client.get(f"/api/people/{peer.pk}/", HTTP_ACCEPT="application/json")
    assert api.status_code == 403
    assert "second factor" in api.json()["detail"]
    assert "Alex" not in api.content.decode()


def test_every_staff_role_is_held_back_until_verified_but_a_peer_is_not(client, world):
    for role in [
        "worker",
        "facilitator",
        "supervisor",
        "coordinator",
        "trainer",
        "evaluator",
        "commissioner",
        "administrator",
    ]:
        client.logout()
        _password_sign_in(client, role)
        assert client.get("/")["Location"].startswith("/two-factor/"), role
    client.logout()
    _password_sign_in(client, "peer")
    assert client.get("/").status_code == 200


def test_staff_member_sets_up_an_authenticator_from_the_qr_page_and_gets_single_use_recovery_codes(client, world):
    _password_sign_in(client, "supervisor")
    page = client.get("/two-factor/?next=/people/").content.decode()
    assert 'src="data:image/svg+xml' in page  # QR code drawn on the server, no script
    assert "<script>" not in page
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page).group(1)

    wrong = client.post("/two-factor/?next=/people/", {"action": "confirm", "otp_token": "000000", "next": "/people/"})
    assert "That code did not match" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=world.users["supervisor"], confirmed=True).exists()

    done = client.post("/two-factor/", {"action": "confirm", "otp_token": _code_for_secret(secret), "next": "/people/"})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert client.get(reverse("people:list")).status_code == 200  # this session is verified

    client.logout()
    _password_sign_in(client, "supervisor")
    assert client.get(reverse("people:list"))["Location"].startswith("/two-factor/verify/")
    used = client.post("/two-factor/verify/", {"otp_token": codes[0], "next": "/people/"})
    assert used["Location"] == "/people/"
    client.logout()
    _password_sign_in(client, "supervisor")
    again = client.post("/two-factor/verify/", {"otp_token": codes[0], "next": "/people/"})
    assert again.status_code == 200 and "That code did not work" in again.content.decode()
    assert client.get(reverse("people:list")).status_code == 302


def test_staff_member_types_the_current_code_at_each_sign_in(client, world):
    device = authenticator_for(world.users["coordinator"])
    _password_sign_in(client, "coordinator")
    bounce = client.get(reverse("people:list"))
    assert bounce["Location"] == "/two-factor/verify/?next=%2Fpeople%2F"
    wrong = client.post("/two-factor/verify/", {"otp_token": "123 456", "next": "/people/"})
    assert "That code did not work" in wrong.content.decode()
    right = client.post("/two-factor/verify/", {"otp_token": current_code(device), "next": "/people/"})
    assert right["Location"] == "/people/"
    assert client.get(reverse("people:list")).status_code == 200


def test_repeated_wrong_codes_are_throttled_so_guessing_does_not_work(client, world):
    device = authenticator_for(world.users["coordinator"])
    _password_sign_in(client, "coordinator")
    for _ in range(3):
        client.post("/two-factor/verify/", {"otp_token": "000000"})
    code = current_code(device)  # resets the remembered code, not the throttle count
    device.refresh_from_db()
    device.throttling_failure_count = 3
    device.save(update_fields=["throttling_failure_count"])
    from django.utils import timezone

    device.throttling_failure_timestamp = timezone.now()
    device.save(update_fields=["throttling_failure_timestamp"])
    blocked = client.post("/two-factor/verify/", {"otp_token": code, "next": "/people/"})
    assert blocked.status_code == 200 and "wait a little" in blocked.content.decode()


def test_a_verify_link_never_redirects_to_another_site(client, world):
    device = authenticator_for(world.users["coordinator"])
    _password_sign_in(client, "coordinator")
    response = client.post("/two-factor/verify/", {"otp_token": current_code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_peer_may_turn_two_factor_on_and_is_then_asked_for_a_code_and_may_turn_it_off(client, world):
    _password_sign_in(client, "peer")
    page = client.get("/two-factor/").content.decode()
    assert "This is your choice" in page
    secret = re.search(r'class="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    client.post("/two-factor/", {"action": "confirm", "otp_token": _code_for_secret(secret), "next": "/"})
    client.logout()
    _password_sign_in(client, "peer")
    assert client.get("/")["Location"].startswith("/two-factor/verify/")
    device = TOTPDevice.objects.get(user=world.users["peer"], confirmed=True)
    client.post("/two-factor/verify/", {"otp_token": current_code(device)})
    off = client.post("/two-factor/", {"action": "turn_off"}, follow=True)
    assert "Two-factor authentication is off" in off.content.decode()
    client.logout()
    _password_sign_in(client, "peer")
    assert client.get("/").status_code == 200


def test_staff_cannot_turn_two_factor_off(client, world):
    client.force_login(world.users["coordinator"])
    page = client.post("/two-factor/", {"action": "turn_off"}).content.decode()
    assert "cannot be turned off" in page
    assert TOTPDevice.objects.filter(user=world.users["coordinator"], confirmed=True).exists()


def test_force_login_in_tests_verifies_staff_with_a_real_device(client, world):
    client.force_login(world.users["administrator"])
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.filter(user=world.users["administrator"], confirmed=True).count() == 1


def test_a_lost_phone_is_reset_from_the_command_line_and_the_person_sets_up_again(client, world):
    from django.core.management import call_command

    from audit.models import AuditEvent

    authenticator_for(world.users["coordinator"])
    call_command("reset_two_factor", "Coordinator@example.org", "--reason", "Lost phone, ticket 42")
    assert not TOTPDevice.objects.filter(user=world.users["coordinator"]).exists()
    assert AuditEvent.objects.filter(summary="Two-factor devices reset from the command line").exists()
    _password_sign_in(client, "coordinator")
    assert client.get("/")["Location"].startswith("/two-factor/?next=")


def test_the_lockout_page_gives_the_configured_wait(client, world, settings):
    settings.AXES_COOLOFF_TIME = 0.5  # hours
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "worker@example.org", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "worker@example.org", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Please wait 30 minutes" in response.content.decode()
