"""People's rights: requests about a person's records, legal holds, retention rules.

A ``RightsRequest`` is the record that a request happened. Once an erasure is
carried out it keeps no personal content: the subject link is cleared, the
free-text notes are emptied and only the kind, dates, reason category, outcome
and counts per record type remain.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField


class RightsRequest(models.Model):
    class Kind(models.TextChoices):
        ACCESS = "access", _("See my information (subject access)")
        ERASURE = "erasure", _("Erase my information")
        RESTRICTION = "restriction", _("Stop using my information for now (restriction)")

    class Reason(models.TextChoices):
        NO_LONGER_NEEDED = "no_longer_needed", _("No longer needed for the reason it was collected")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        OBJECTS = "objects", _("The person objects to its use")
        INACCURATE = "inaccurate", _("The person says it is wrong (restriction while checked)")
        UNLAWFUL = "unlawful", _("Held unlawfully")
        OTHER = "other", _("Another reason (say in the notes)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Carried out")
        REFUSED = "refused", _("Refused")
        LIFTED = "lifted", _("Restriction lifted")

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="rights_requests")
    # Cleared when the person's records are erased; the request record stays.
    subject = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="rights_requests"
    )
    reference = models.CharField(max_length=20, unique=True, help_text=_("A reference with no personal content."))
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(max_length=30, choices=Reason.choices, blank=True)
    notes = EncryptedTextField(blank=True, help_text=_("Emptied when the request is carried out."))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    received_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(help_text=_("One calendar month after receipt (UK GDPR article 12)."))
    recorded_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    outcome = models.CharField(max_length=300, blank=True, help_text=_("Why it was refused, or what was done."))
    counts = models.JSONField(default=dict, blank=True, help_text=_("Records erased or anonymised, per type."))

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} ({self.get_kind_display()})"


class LegalHold(models.Model):
    """While a hold is in place, a person's records are neither erased nor expired."""

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="legal_holds")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(max_length=300, help_text=_("For example: a safeguarding inquiry, a legal claim."))
    placed_at = models.DateTimeField(default=timezone.now)
    placed_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["person", "released_at"])]

    def __str__(self) -> str:
        return f"Legal hold {self.pk}"


class RetentionRule(models.Model):
    """An organisation's own retention period for one record type (overrides the default)."""

    organisation = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="retention_rules")
    key = models.CharField(max_length=60)
    days = models.PositiveIntegerField(null=True, blank=True, help_text=_("Empty means keep until erased."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="privacy_one_rule_per_type")]

    def __str__(self) -> str:
        return f"{self.key}: {self.days}"
