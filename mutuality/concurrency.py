"""Optimistic locking: an edit only lands if nobody else saved in between.

Records that people edit in forms carry a ``version`` number. The form sends
back the version it showed; ``save_if_unchanged`` writes only if the row still
has that version, and raises ``EditConflict`` otherwise so the page can explain
what happened instead of silently overwriting someone's work.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models
from django.db.models import F


class EditConflict(Exception):
    """Someone else saved this record after it was opened."""

    message = (
        "Someone else changed this record while you were editing it. "
        "Your changes have not been saved: please review the latest version and try again."
    )


def save_if_unchanged(instance: models.Model, *, expected_version: int, fields: Iterable[str]) -> None:
    fields = list(fields)
    values = {name: getattr(instance, name) for name in fields}
    for field in instance._meta.concrete_fields:
        if getattr(field, "auto_now", False) and field.name not in values:
            values[field.name] = field.pre_save(instance, add=False)
    updated = (
        type(instance)
        ._default_manager.filter(pk=instance.pk, version=expected_version)
        .update(version=F("version") + 1, **values)
    )
    if updated != 1:
        raise EditConflict(EditConflict.message)
    instance.version = expected_version + 1
