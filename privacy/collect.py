"""Ask every app for its part of a person's records.

Each app in ``settings.MUTUALITY_APPS`` may provide ``<app>/privacy.py`` with
``subject_data(person)``, ``erase(person, *, actor)`` and ``RETENTION`` (see
docs/contributing.md, "People's rights"). Apps added later plug in by adding
that module; nothing here needs to change.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import timedelta
from types import ModuleType
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone


def privacy_modules() -> list[tuple[str, ModuleType]]:
    found = []
    for app in settings.MUTUALITY_APPS:
        name = f"{app}.privacy"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        found.append((app, module))
    return found


def _verbose(app: str) -> str:
    return str(apps.get_app_config(app).verbose_name)


def subject_access(person) -> dict[str, Any]:
    """Everything Mutuality holds about the person, grouped by part of the service."""
    parts = []
    for app, module in privacy_modules():
        if not hasattr(module, "subject_data"):
            continue
        sections = dict(module.subject_data(person))
        parts.append({"app": app, "title": _verbose(app), "sections": sections})
    return {
        "about": person.display_name,
        "organisation": person.organisation.name,
        "generated_at": timezone.now().isoformat(),
        "parts": parts,
    }


def erase_everywhere(person, *, actor) -> dict[str, int]:
    """Erase or anonymise the person's records in every app. The caller holds the transaction.

    The people app goes last: other apps' records point at the person record."""
    modules = [(app, m) for app, m in privacy_modules() if hasattr(m, "erase")]
    modules.sort(key=lambda pair: pair[0] == "people")
    counts: dict[str, int] = {}
    for app, module in modules:
        for label, count in module.erase(person, actor=actor).items():
            counts[f"{_verbose(app)}: {label}"] = count
    return counts


@dataclass(frozen=True)
class RetentionType:
    app: str
    key: str
    label: str
    default_days: int | None
    expire: Any


def retention_types() -> list[RetentionType]:
    types = []
    for app, module in privacy_modules():
        for entry in getattr(module, "RETENTION", []):
            types.append(RetentionType(app, entry["key"], entry["label"], entry["default_days"], entry["expire"]))
    keys = [t.key for t in types]
    if len(keys) != len(set(keys)):
        raise RuntimeError(f"Retention keys must be unique: {sorted(keys)}")
    return types


def retention_periods(organisation) -> dict[str, int | None]:
    """Days each record type is kept for this organisation: its own rule, or the default."""
    from privacy.models import RetentionRule

    own = dict(RetentionRule.objects.filter(organisation=organisation).values_list("key", "days"))
    return {t.key: own.get(t.key, t.default_days) for t in retention_types()}


def apply_retention(organisation, *, now=None, actor=None) -> dict[str, int]:
    """Remove or anonymise this organisation's records older than their retention period."""
    now = now or timezone.now()
    periods = retention_periods(organisation)
    counts = {}
    for entry in retention_types():
        days = periods[entry.key]
        if days is None:
            continue
        counts[entry.key] = entry.expire(organisation, now - timedelta(days=days), actor)
    return counts
