"""Sending a reminder, only when the person asked for it.

Capabilities (sessions, questionnaires, group meetings) decide *what* is due in
their own scheduled tasks and call ``reminder_send`` for each person; this
module decides *whether* and *how*, from the person's own preference. Nobody who
withdrew consent to be contacted, or has a restriction in force on their records,
is sent a reminder.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import record
from people.models import Consent, ConsentScope, Person
from privacy.selectors import restricted_person_ids
from reminders.models import Purpose, ReminderDelivery, ReminderPreference
from reminders.senders import sender_for

logger = logging.getLogger(__name__)


def preference_for(person: Person) -> ReminderPreference:
    """The person's preference; an unsaved, switched-off one if they never set it."""
    try:
        return person.reminder_preference
    except ReminderPreference.DoesNotExist:
        return ReminderPreference(person=person)


def may_remind(person: Person) -> bool:
    """Contact not withdrawn and no restriction in force on the person's records (one query)."""
    withdrawn = Consent.objects.filter(person=OuterRef("pk"), scope=ConsentScope.CONTACT, is_current=True, given=False)
    return (
        Person.objects.filter(pk=person.pk).exclude(Exists(withdrawn)).exclude(pk__in=restricted_person_ids()).exists()
    )


def off_url(preference: ReminderPreference) -> str:
    return settings.SITE_URL + reverse("reminders:off", kwargs={"token": preference.off_token})


def render_message(template: str, tone: str, context: dict[str, Any]) -> tuple[str, str]:
    """Render ``{template}_{tone}.txt``: the first line is the subject, the rest the body."""
    text = render_to_string([f"{template}_{tone}.txt", f"{template}_friendly.txt"], context).strip()
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip()


def reminder_send(
    *, person: Person, purpose: str, key: str, template: str, context: dict[str, Any]
) -> ReminderDelivery | None:
    """Send one reminder if, and only if, the person turned reminders on for this
    purpose and can be reached on their chosen channel. ``key`` identifies what the
    reminder is about (e.g. ``session:42``); a key is never sent twice."""
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown reminder purpose {purpose!r}")
    preference = preference_for(person)
    if preference.pk is None or not preference.wants(purpose) or not may_remind(person):
        return None
    sender = sender_for(preference.channel)
    if not sender.can_reach(person):
        return None
    try:
        with transaction.atomic():
            delivery = ReminderDelivery.objects.create(
                person=person, purpose=purpose, key=key, channel=preference.channel, status=ReminderDelivery.Status.SENT
            )
    except IntegrityError:
        return None  # already sent
    subject, body = render_message(template, preference.tone, {**context, "person": person})
    try:
        sender.send(person=person, subject=subject, body=body, off_url=off_url(preference))
    except Exception:  # the outside world failed: record it, do not lose the attempt
        logger.exception("Reminder %s to person %s could not be sent", key, person.pk)
        ReminderDelivery.objects.filter(pk=delivery.pk).update(status=ReminderDelivery.Status.FAILED)
        delivery.status = ReminderDelivery.Status.FAILED
    return delivery


@transaction.atomic
def preference_save(*, person: Person, actor: Any, **values: Any) -> ReminderPreference:
    preference = preference_for(person)
    created = preference.pk is None
    for name, value in values.items():
        setattr(preference, name, value)
    preference.save()
    record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
        target=preference,
        organisation_id=person.organisation_id,
        summary="Reminder preference",
        detail={"enabled": preference.enabled},
    )
    return preference


@transaction.atomic
def reminders_turn_off(*, preference: ReminderPreference, actor: Any = None) -> ReminderPreference:
    if not preference.enabled:
        return preference
    preference.enabled = False
    preference.save(update_fields=["enabled", "updated_at"])
    record(
        actor=actor,
        action=AuditEvent.Action.UPDATE,
        target=preference,
        organisation_id=preference.person.organisation_id,
        summary="Reminders turned off",
    )
    return preference
