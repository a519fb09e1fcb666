"""Demo staff accounts come with an authenticator already set up, on one well-known key,
so someone trying Mutuality can sign in as any role. Demo data loads only with DEBUG on."""

from __future__ import annotations

from base64 import b32encode

from django_otp.plugins.otp_totp.models import TOTPDevice

from people.demo import DemoContext
from people.models import RoleKind
from privacy.twofactor import APP_DEVICE_NAME

# 20 bytes, the usual TOTP key size. Public on purpose: demo accounts only.
DEMO_TOTP_KEY = "6d757475616c6974792d64656d6f2d6b65792131"
DEMO_TOTP_SECRET = b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode().rstrip("=")

LOGIN_NOTE = (
    "Staff sign-in also asks for a code from an authenticator app. For the demo accounts, run\n"
    "  .venv/bin/python manage.py demo_code\n"
    f"in another terminal, or add the key {DEMO_TOTP_SECRET} to your authenticator app."
)


def load(ctx: DemoContext) -> None:
    devices = [
        TOTPDevice(user_id=person.user_id, name=APP_DEVICE_NAME, confirmed=True, key=DEMO_TOTP_KEY)
        for role, person in ctx.logins.items()
        if role != RoleKind.PEER and person.user_id
    ]
    TOTPDevice.objects.bulk_create(devices)
    ctx.log(f"privacy: authenticator set up for {len(devices)} demo staff accounts")
