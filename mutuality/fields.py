"""Model fields shared by every capability.

``EncryptedTextField`` is written here rather than taken from a package because
the maintained options either lack key rotation over several keys or pin old
Django versions; the field is a thin wrapper over ``cryptography``'s MultiFernet,
which does the actual cryptography.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from mutuality import crypto


class EncryptedTextField(models.TextField):
    """Free text stored encrypted (Fernet); decrypted when loaded.

    Values cannot be searched or filtered in the database. Read such fields only
    through selectors that write an audit row.
    """

    description = "Text encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> str | None:
        return value

    def get_prep_value(self, value: Any) -> str | None:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_prep_value(value)

    def get_lookup(self, lookup_name: str) -> Any:
        # Ciphertexts differ on every save, so only "is it empty?" can be asked.
        if lookup_name != "isnull":
            return None
        return super().get_lookup(lookup_name)
