"""Periodic work (reminders, digests, retention, evaluation invitations).

An app lists its periodic tasks in an optional ``schedule.py``::

    from datetime import timedelta
    from jobs.schedule import Periodic
    from reminders.tasks import send_due_reminders

    PERIODIC = [Periodic("reminders.send_due", timedelta(minutes=5), send_due_reminders)]

``manage.py scheduler`` puts each task on the queue when it is due. Several
scheduler processes may run at once: each due entry is claimed under a row lock,
so a task is enqueued once per interval however many schedulers are running.
Periodic tasks take no arguments and must be safe to run twice.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobs.models import ScheduleState


@dataclass(frozen=True)
class Periodic:
    name: str
    every: timedelta
    task: Any


@cache
def registry() -> tuple[Periodic, ...]:
    entries: list[Periodic] = []
    for app in settings.MUTUALITY_APPS:
        try:
            module = importlib.import_module(f"{app}.schedule")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.schedule":
                raise
            continue
        # This module is jobs' own schedule.py, with nothing periodic of its own.
        entries.extend(getattr(module, "PERIODIC", ()))
    names = [entry.name for entry in entries]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise RuntimeError(f"Periodic task names must be unique: {sorted(duplicates)}")
    return tuple(entries)


def enqueue_due(now=None, entries: tuple[Periodic, ...] | None = None) -> list[str]:
    """Enqueue every periodic task whose interval has passed. Returns their names."""
    now = now or timezone.now()
    enqueued: list[str] = []
    for entry in registry() if entries is None else entries:
        ScheduleState.objects.get_or_create(name=entry.name)
        with transaction.atomic():
            state = ScheduleState.objects.select_for_update(skip_locked=True).filter(name=entry.name).first()
            if state is None:
                continue  # another scheduler holds it right now
            if state.last_enqueued_at is not None and now - state.last_enqueued_at < entry.every:
                continue
            entry.task.enqueue()
            state.last_enqueued_at = now
            state.save(update_fields=["last_enqueued_at"])
            enqueued.append(entry.name)
    return enqueued
