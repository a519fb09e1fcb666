"""Two-factor authentication: an authenticator app (TOTP) plus single-use recovery codes.

Staff roles (``access.policy.STAFF_ROLES``) must verify a second factor before
they reach any page; peers may turn it on for themselves. Devices are
django-otp's own models: one confirmed ``TOTPDevice`` and one ``StaticDevice``
holding the recovery codes, per account.
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from access import policy
from audit.services import record
from mutuality.errors import ServiceError

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_required(actor) -> bool:
    """Staff must use a second factor; peers may choose to."""
    return actor.is_authenticated and actor.has_any_role(policy.STAFF_ROLES)


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_device(user) -> TOTPDevice:
    """The unconfirmed authenticator device being set up (made on first visit, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code, drawn on the server."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def secret_for_typing(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for people who type it in instead of scanning."""
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _new_recovery_codes(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _clean(token: str) -> str:
    return "".join(str(token or "").split()).lower()


@transaction.atomic
def two_factor_confirm(*, request, token: str, actor) -> list[str]:
    """Confirm the authenticator app with a code from it; return fresh recovery codes.

    The session counts as verified from here on."""
    user = request.user
    device = pending_device(user)
    code = _clean(token)
    if not code.isdigit() or not device.verify_token(code):
        raise ServiceError(
            "That code did not match. Check the time on your phone is right, "
            "then type the six-digit code your authenticator app shows now."
        )
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    otp_login(request, device)
    record(actor=actor, action="update", target=actor.person, summary="Two-factor authentication turned on")
    return codes


@transaction.atomic
def two_factor_verify(*, request, token: str, actor):
    """Check a code from the authenticator app, or a recovery code (used once), for this sign-in."""
    code = _clean(token)
    device = match_token(request.user, code) if code else None
    if device is None:
        raise ServiceError(
            "That code did not work. Type the six-digit code your authenticator app shows now, "
            "or one of your recovery codes. After several wrong codes you must wait a little before trying again."
        )
    otp_login(request, device)
    used_recovery = isinstance(device, StaticDevice)
    record(
        actor=actor,
        action="update",
        target=actor.person,
        summary="Signed in with a recovery code" if used_recovery else "Second factor verified",
    )
    return device


@transaction.atomic
def recovery_codes_renew(*, user, actor) -> list[str]:
    if not has_confirmed_device(user):
        raise ServiceError("Turn on two-factor authentication first.")
    codes = _new_recovery_codes(user)
    record(actor=actor, action="update", target=actor.person, summary="New recovery codes made")
    return codes


@transaction.atomic
def two_factor_turn_off(*, user, actor) -> None:
    """Peers may turn two-factor authentication off again; staff may not."""
    if is_required(actor):
        raise ServiceError("Your role needs two-factor authentication, so it cannot be turned off.")
    remove_devices(user)
    record(actor=actor, action="update", target=actor.person, summary="Two-factor authentication turned off")


def remove_devices(user) -> int:
    """Remove the account's authenticator and recovery codes; they set up again at the next sign-in."""
    return TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]


def remaining_recovery_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()
