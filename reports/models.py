"""Commissioner reports: figures for one organisation and period, built once and kept.

A report keeps the figures it showed (already suppressed) and its PDF, so what a
commissioner read can be read again exactly, whatever changes later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Status(models.TextChoices):
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be built")

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="reports")
    start = models.DateField(_("from"))
    end = models.DateField(_("to"))
    rule = models.CharField(_("small-number rule"), max_length=20)
    threshold = models.PositiveSmallIntegerField(_("hide counts below"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILDING)
    published_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was shared with commissioners."))
    content = models.JSONField(default=list, blank=True)
    pdf_path = models.CharField(max_length=300, blank=True, help_text=_("Relative to PRIVATE_FILES_DIR."))
    job = models.ForeignKey("jobs.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-end", "-created_at"]
        constraints = [models.CheckConstraint(condition=Q(end__gt=F("start")), name="report_period_forwards")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.start:%-d %b %Y} to {self.end:%-d %b %Y}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
