"""Supervision, reflective practice, team meetings and the worker's own wellbeing check-ins.

Everything written here is free text about a worker's practice or wellbeing, so it
is encrypted at rest and read only through selectors that record the read.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField
from people.models import Organisation, Person

DEFAULT_EVERY_DAYS = 28  # individual supervision about once a month unless agreed otherwise
DUE_SOON_DAYS = 7


class SupervisionPlan(models.Model):
    """How often a worker and their supervisor have agreed to meet."""

    worker = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="supervision_plan")
    every_days = models.PositiveSmallIntegerField(_("meet every how many days"), default=DEFAULT_EVERY_DAYS)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(every_days__gte=7, every_days__lte=180), name="plan_7_to_180_days")
        ]


class Session(models.Model):
    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual supervision")
        TEAM = "team", _("Team supervision")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="supervision_sessions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.INDIVIDUAL)
    supervisor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supervision_given")
    workers = models.ManyToManyField(Person, related_name="supervision_received")
    held_on = models.DateField()
    agenda = EncryptedTextField(blank=True)
    notes = EncryptedTextField(_("what was discussed"), blank=True)
    follow_up_on = models.DateField(_("follow up by"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class AgreedAction(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="actions")
    text = EncryptedTextField(_("action agreed"))
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+", help_text=_("Who will do it."))
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]


class ReflectiveEntry(models.Model):
    """A worker's reflective practice log: private unless they share it with their supervisor."""

    worker = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reflections")
    written_on = models.DateField(default=timezone.localdate)
    what_happened = EncryptedTextField(_("what happened"))
    reflection = EncryptedTextField(_("what I think and feel about it, and what I might do next"), blank=True)
    shared_with_supervisor = models.BooleanField(default=False)

    class Meta:
        ordering = ["-written_on", "-id"]
        verbose_name_plural = "reflective entries"


class TeamMeeting(models.Model):
    """A team meeting to share what worked and what was hard; seen by those who were there."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="team_meetings")
    convened_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    attendees = models.ManyToManyField(Person, related_name="team_meetings")
    held_on = models.DateField()
    what_worked = EncryptedTextField(blank=True)
    what_was_hard = EncryptedTextField(blank=True)
    agreed = EncryptedTextField(_("what we agreed to try"), blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]


class WellbeingCheckin(models.Model):
    """The worker's own check-in. Nobody else sees it unless the worker shares it."""

    class Feeling(models.IntegerChoices):
        STRUGGLING = 1, _("Struggling")
        LOW = 2, _("Low")
        OK = 3, _("Getting by")
        GOOD = 4, _("Good")
        GREAT = 5, _("Really well")

    worker = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="wellbeing_checkins")
    at = models.DateTimeField(default=timezone.now)
    feeling = models.PositiveSmallIntegerField(choices=Feeling.choices)
    note = EncryptedTextField(_("anything you want to note for yourself"), blank=True)
    shared_with_supervisor = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at", "-id"]
