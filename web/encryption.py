"""Re-encrypting every EncryptedTextField value with the newest key."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

from mutuality import crypto
from mutuality.fields import EncryptedTextField

BATCH = 500


def encrypted_columns() -> list[tuple[type, str]]:
    return [
        (model, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


def rotate_all() -> dict[str, int]:
    """Rotate each model's encrypted columns in its own transaction. The stored
    tokens are read raw (not through the field, which would decrypt them)."""
    counts: dict[str, int] = {}
    quote = connection.ops.quote_name
    for model, column in encrypted_columns():
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        label = f"{model._meta.label}.{column}"
        counts[label] = 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {quote(column)} FROM {table} WHERE {quote(column)} <> ''")  # noqa: S608
            rows = cursor.fetchall()
            for start in range(0, len(rows), BATCH):
                batch = [(crypto.rotate(token), key) for key, token in rows[start : start + BATCH] if token]
                cursor.executemany(f"UPDATE {table} SET {quote(column)} = %s WHERE {pk} = %s", batch)  # noqa: S608
                counts[label] += len(batch)
    return counts
