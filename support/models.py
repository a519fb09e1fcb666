"""One-to-one support: the agreement, sessions in the worker's diary, and notes
written with the person.

Notes and the person's own words are encrypted at rest. Not attending a session
is recorded without blame and never starts any automatic chasing.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class SupportSettings(models.Model):
    """An organisation's usual numbers for one-to-one support (created with defaults when first needed)."""

    organisation = models.OneToOneField(
        "people.Organisation", on_delete=models.CASCADE, related_name="support_settings"
    )
    referral_target_days = models.PositiveSmallIntegerField(
        _("working days to first contact"), default=5, help_text=_("Referrals waiting longer are highlighted.")
    )
    planned_sessions = models.PositiveSmallIntegerField(_("sessions in a usual plan"), default=10)
    session_minutes_min = models.PositiveSmallIntegerField(_("shortest usual session (minutes)"), default=60)
    session_minutes_max = models.PositiveSmallIntegerField(_("longest usual session (minutes)"), default=90)

    class Meta:
        verbose_name_plural = "support settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(session_minutes_min__lte=models.F("session_minutes_max")), name="support_minutes_order"
            ),
        ]

    @classmethod
    def for_organisation(cls, organisation_id: int) -> SupportSettings:
        found, _created = cls.objects.get_or_create(organisation_id=organisation_id)
        return found


class GoalsOutcome(models.TextChoices):
    """Where the person feels they got to with their goals, decided together at the ending."""

    MET = "met", _("Met them")
    MOVING = "moving", _("Moved towards them")
    NOT_YET = "not_yet", _("Not yet")
    NOT_SAID = "", _("We did not say")


class Agreement(models.Model):
    """What a person and their peer worker agreed: the plan, hopes, goals and how to keep in touch."""

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="support_agreements")
    worker = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="agreements_as_worker")
    planned_sessions = models.PositiveSmallIntegerField(default=10)
    session_minutes_min = models.PositiveSmallIntegerField(default=60)
    session_minutes_max = models.PositiveSmallIntegerField(default=90)
    person_hopes = EncryptedTextField(_("what the person hopes for"), blank=True)
    worker_hopes = EncryptedTextField(_("what the worker hopes for"), blank=True)
    goals = EncryptedTextField(_("goals, in the person's own words"), blank=True)
    contact_arrangements = models.CharField(_("how we will contact each other"), max_length=300, blank=True)
    started_on = models.DateField(default=timezone.localdate)
    planned_end_on = models.DateField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ending_reason = models.CharField(max_length=300, blank=True)
    goals_review = EncryptedTextField(_("looking back at the goals"), blank=True)
    goals_outcome = models.CharField(
        _("where the person got to with their goals, in their view"),
        max_length=10,
        choices=GoalsOutcome.choices,
        blank=True,
    )
    carry_on_with = models.TextField(_("groups and networks to carry on with"), blank=True)
    feedback_invited = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "worker"], condition=Q(ended_at__isnull=True), name="agreement_one_open"
            ),
        ]
        indexes = [models.Index(fields=["worker", "ended_at"])]

    def __str__(self) -> str:
        return f"Support agreement {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class PlanChange(models.Model):
    """A change to the plan (more or fewer sessions, an earlier or later end), with why and who agreed."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="plan_changes")
    sessions_before = models.PositiveSmallIntegerField()
    sessions_after = models.PositiveSmallIntegerField()
    end_before = models.DateField(null=True, blank=True)
    end_after = models.DateField(null=True, blank=True)
    reason = models.CharField(max_length=300)
    agreed_by = models.CharField(_("who agreed it"), max_length=200)
    recorded_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ATTENDED = "attended", _("Attended")
        CANCELLED = "cancelled", _("Cancelled")
        NOT_ATTENDED = "not_attended", _("Did not happen")

    class CancelledBy(models.TextChoices):
        PERSON = "person", _("The person")
        WORKER = "worker", _("The peer worker")
        OTHER = "other", _("Something else")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        PHONE = "phone", _("By phone")

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="sessions")
    worker = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="diary_sessions")
    starts_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField(default=60)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.PLANNED)
    cancelled_by = models.CharField(max_length=10, choices=CancelledBy.choices, blank=True)
    strategies_tried = EncryptedTextField(_("what the person tried since last time"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["worker", "starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gte=5, minutes__lte=480), name="session_minutes_sane"),
        ]

    @property
    def ends_at(self):
        return self.starts_at + timezone.timedelta(minutes=self.minutes)


class CalendarFeed(models.Model):
    """A worker's secret calendar address. Revoking replaces the secret, so old links stop working."""

    worker = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(default=timezone.now)


class Note(models.Model):
    """A note written with the person. They see it in their own account."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="notes")
    session = models.ForeignKey(Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes")
    text = EncryptedTextField()
    written_by = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-created_at", "-id"]


class NoteRevision(models.Model):
    """The text a note had before an amendment, kept so amendments have a history."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="revisions")
    text = EncryptedTextField()
    reason = models.CharField(max_length=300)
    amended_by = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    amended_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["amended_at", "id"]


class NoteComment(models.Model):
    """The person's own comment on a note, or their request for a correction."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    asks_for_correction = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class NoteShare(models.Model):
    """A note sent outside the peer-support team, to a named recipient the person consented to."""

    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="shares")
    recipient = models.CharField(max_length=200)
    shared_by = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["shared_at", "id"]
