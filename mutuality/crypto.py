"""Keys for encrypting free text at rest.

``FIELD_ENCRYPTION_KEYS`` holds one or more Fernet keys separated by commas.
The first key encrypts; every key can decrypt. Rotation therefore means: put a
new key first, keep the old ones after it, run ``manage.py rotate_encryption_keys``
(which re-encrypts every value with the first key), then drop the old keys.
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def parse_keys(raw: str) -> list[bytes]:
    keys = [part.strip().encode() for part in raw.split(",") if part.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    for key in keys:
        try:
            Fernet(key)
        except (ValueError, TypeError) as exc:
            raise ImproperlyConfigured(
                "Each FIELD_ENCRYPTION_KEYS entry must be a Fernet key "
                "(generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())')."
            ) from exc
    return keys


@lru_cache(maxsize=8)
def _multifernet(raw: str) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in parse_keys(raw)])


def fernet() -> MultiFernet:
    return _multifernet(settings.FIELD_ENCRYPTION_KEYS)


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A stored value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS. "
            "Was an old key removed before rotate_encryption_keys finished?"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt a stored token with the first (newest) key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")
