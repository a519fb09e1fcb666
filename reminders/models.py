"""Reminders are off until the person turns them on, and only for what they chose."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _token() -> str:
    return secrets.token_urlsafe(24)


class Purpose(models.TextChoices):
    SESSIONS = "sessions", _("My one-to-one sessions")
    QUESTIONNAIRES = "questionnaires", _("Questionnaires I agreed to answer")
    GROUPS = "groups", _("Meetings of groups I belong to")


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")
    LETTER = "letter", _("Letter")


class Tone(models.TextChoices):
    BRIEF = "brief", _("Brief: just the facts")
    FRIENDLY = "friendly", _("Friendly")
    FORMAL = "formal", _("Formal")


LEAD_CHOICES = [
    (1, _("1 hour before")),
    (3, _("3 hours before")),
    (24, _("1 day before")),
    (48, _("2 days before")),
    (168, _("1 week before")),
]


class ReminderPreference(models.Model):
    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="reminder_preference")
    enabled = models.BooleanField(_("send me reminders"), default=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    lead_hours = models.PositiveIntegerField(_("how long before"), choices=LEAD_CHOICES, default=24)
    tone = models.CharField(_("wording"), max_length=10, choices=Tone.choices, default=Tone.FRIENDLY)
    sessions = models.BooleanField(Purpose.SESSIONS.label, default=False)
    questionnaires = models.BooleanField(Purpose.QUESTIONNAIRES.label, default=False)
    groups = models.BooleanField(Purpose.GROUPS.label, default=False)
    off_token = models.CharField(max_length=64, unique=True, default=_token)
    updated_at = models.DateTimeField(auto_now=True)

    def wants(self, purpose: str) -> bool:
        return self.enabled and bool(getattr(self, purpose, False))


class ReminderDelivery(models.Model):
    """One reminder sent (or attempted). ``key`` names the thing reminded about,
    so running the scheduled job twice never sends the same reminder twice."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="reminder_deliveries")
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    key = models.CharField(max_length=120)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="reminder_once_per_key")]


class OutboxMessage(models.Model):
    """Text messages and letters waiting to be collected: by an SMS gateway
    integration, or by staff printing letters. Email goes straight to SMTP."""

    channel = models.CharField(max_length=10, choices=Channel.choices)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="+")
    address = models.TextField(help_text=_("Phone number or postal address."))
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    collected_at = models.DateTimeField(null=True, blank=True)
