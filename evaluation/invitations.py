"""Invitations and reminders to answer a wave, decided by a scheduled job.

A wave is *open* from its day (anchor date + offset) for ``WINDOW_DAYS``. While
it is open and the participant has not completed it, they get one invitation on
the first run after it opens and one reminder ``REMINDER_AFTER_DAYS`` later —
only if they turned questionnaire reminders on (``reminders.services.reminder_send``
decides, with their own channel and wording). Completing the wave or withdrawing
stops both at once, because each run looks again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from access.rules.evaluation import people_of
from reminders.models import Purpose
from reminders.services import reminder_send

from .models import Response, Wave
from .selectors import analysable_participants

WINDOW_DAYS = 28
REMINDER_AFTER_DAYS = 7
TEMPLATE = "evaluation/messages/invitation"


def send_due(today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    sent = 0
    waves = Wave.objects.select_related("evaluation").prefetch_related("instruments")
    for wave in waves:
        opens = wave.evaluation.anchor_date + dt.timedelta(days=wave.offset_days)
        if not (opens <= today < opens + dt.timedelta(days=WINDOW_DAYS)):
            continue
        stage = "reminder" if today >= opens + dt.timedelta(days=REMINDER_AFTER_DAYS) else "invitation"
        n_instruments = len(wave.instruments.all())
        if not n_instruments:
            continue
        done = Response.objects.filter(wave=wave, completed_at__isnull=False).values_list("participant_id", flat=True)
        completed_counts: dict[int, int] = {}
        for participant_id in done:
            completed_counts[participant_id] = completed_counts.get(participant_id, 0) + 1
        waiting = [
            p.pk
            for p in analysable_participants(wave.evaluation).only("pk")
            if completed_counts.get(p.pk, 0) < n_instruments
        ]
        for participant_id, person in people_of(waiting).items():
            delivery = reminder_send(
                person=person,
                purpose=Purpose.QUESTIONNAIRES,
                key=f"evaluation:wave:{wave.pk}:participant:{participant_id}:{stage}",
                template=TEMPLATE,
                context={
                    "wave": wave.label,
                    "evaluation": wave.evaluation.name,
                    "url": settings.SITE_URL + reverse("evaluation:mine"),
                    "stage": stage,
                },
            )
            sent += delivery is not None
    return sent
