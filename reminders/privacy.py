"""People's rights for reminders: the person's choices, what was sent, and letters or texts waiting to go."""

from __future__ import annotations

from reminders.models import OutboxMessage, ReminderDelivery, ReminderPreference


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def subject_data(person) -> dict[str, list[dict]]:
    preference = ReminderPreference.objects.filter(person=person).first()
    sections: dict[str, list[dict]] = {}
    sections["Reminder choices"] = (
        [
            {
                "Send me reminders": preference.enabled,
                "How": preference.get_channel_display(),
                "How long before (hours)": preference.lead_hours,
                "Wording": preference.get_tone_display(),
                "Sessions": preference.sessions,
                "Questionnaires": preference.questionnaires,
                "Groups": preference.groups,
                "Last changed": _iso(preference.updated_at),
            }
        ]
        if preference
        else []
    )
    sections["Reminders sent"] = [
        {
            "About": row.get_purpose_display(),
            "How": row.get_channel_display(),
            "Result": row.get_status_display(),
            "When": _iso(row.created_at),
        }
        for row in ReminderDelivery.objects.filter(person=person).order_by("created_at")
    ]
    sections["Letters and texts prepared for you"] = [
        {
            "How": row.get_channel_display(),
            "Subject": row.subject,
            "Message": row.body,
            "Address": row.address,
            "Prepared": _iso(row.created_at),
            "Collected for sending": _iso(row.collected_at),
        }
        for row in OutboxMessage.objects.filter(person=person).order_by("created_at")
    ]
    return sections


def erase(person, *, actor) -> dict[str, int]:
    return {
        "reminder choices": ReminderPreference.objects.filter(person=person).delete()[0],
        "reminders sent": ReminderDelivery.objects.filter(person=person).delete()[0],
        "letters and texts": OutboxMessage.objects.filter(person=person).delete()[0],
    }


def _held(organisation):
    from privacy.selectors import held_person_ids

    return held_person_ids(organisation)


def _expire_deliveries(organisation, cutoff, actor) -> int:
    return (
        ReminderDelivery.objects.filter(person__organisation=organisation, created_at__lt=cutoff)
        .exclude(person_id__in=_held(organisation))
        .delete()[0]
    )


def _expire_outbox(organisation, cutoff, actor) -> int:
    # Only messages already collected for sending: one still waiting is kept.
    return (
        OutboxMessage.objects.filter(organisation=organisation, collected_at__isnull=False, created_at__lt=cutoff)
        .exclude(person_id__in=_held(organisation))
        .delete()[0]
    )


RETENTION = [
    {
        "key": "reminders.delivery",
        "label": "Record of reminders sent",
        "default_days": 365,
        "expire": _expire_deliveries,
    },
    {
        "key": "reminders.outbox",
        "label": "Letters and texts already collected for sending",
        "default_days": 90,
        "expire": _expire_outbox,
    },
]
