"""Service outcomes recorded with the person's consent: hospital stays, crisis-service
stays and emergency attendances, and the unit costs an organisation uses to price them.

Nothing here is recorded for a person without current consent to outcomes data
(``ConsentScope.OUTCOMES``); withdrawal ends their follow-up in every analysis.
"""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UseKind(models.TextChoices):
    HOSPITAL = "hospital", _("Hospital admission (acute inpatient)")
    CRISIS = "crisis", _("Stay in a crisis service")
    EMERGENCY = "emergency", _("Emergency department attendance")


class ImportBatch(models.Model):
    """One CSV file of outcomes imported at once (all rows or none)."""

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    imported_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]


class ServiceUse(models.Model):
    """A stay or attendance. ``ended_on`` is empty while a stay goes on; an
    emergency attendance starts and ends the same day."""

    class Source(models.TextChoices):
        STAFF = "staff", _("Entered by staff")
        IMPORT = "import", _("Imported from a file")

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="service_uses")
    kind = models.CharField(max_length=20, choices=UseKind.choices)
    started_on = models.DateField(_("admitted or attended on"))
    ended_on = models.DateField(_("discharged on"), null=True, blank=True)
    is_readmission = models.BooleanField(
        _("a readmission"),
        null=True,
        blank=True,
        help_text=_("As the hospital recorded it, if known. Analyses work it out from the dates."),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.STAFF)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="uses")
    recorded_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="service_use_ends_after_start",
            ),
            models.UniqueConstraint(fields=["person", "kind", "started_on"], name="service_use_once_per_day"),
        ]
        indexes = [models.Index(fields=["organisation", "kind", "started_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on}"

    @property
    def days(self) -> int | None:
        """Nights from admission to discharge (bed days); None while the stay goes on."""
        if self.kind == UseKind.EMERGENCY or self.ended_on is None:
            return None
        return (self.ended_on - self.started_on).days


class CostItem(models.TextChoices):
    HOSPITAL_DAY = "hospital_day", _("A day in an acute inpatient bed")
    CRISIS_DAY = "crisis_day", _("A day in a crisis service")
    EMERGENCY_ATTENDANCE = "emergency_attendance", _("An emergency department attendance")


# Used when an organisation has set no cost of its own for a year. Sources as
# cited in Basset, Faulkner, Repper & Stamou (2010), Lived Experience Leading The Way.
DEFAULT_UNIT_COSTS: dict[str, tuple[Decimal, str]] = {
    CostItem.HOSPITAL_DAY: (Decimal("259.00"), "Healthcare Commission (2008), cited in Basset et al. (2010)"),
    CostItem.CRISIS_DAY: (
        Decimal("180.00"),
        "Leeds Survivor-Led Crisis Service, cited in Basset et al. (2010)",
    ),
}


class UnitCost(models.Model):
    """What one unit of service use costs an organisation in a calendar year."""

    organisation = models.ForeignKey("people.Organisation", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    item = models.CharField(max_length=30, choices=CostItem.choices)
    amount = models.DecimalField(_("cost in pounds"), max_digits=9, decimal_places=2)
    source = models.CharField(_("where the figure comes from"), max_length=300)
    recorded_by = models.ForeignKey("people.User", null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year", "item"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "item"], name="unit_cost_once_per_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="unit_cost_not_negative"),
        ]


def _research_number() -> str:
    return "OC-" + secrets.token_hex(4).upper()


class ResearchNumber(models.Model):
    """The number a person has in outcome analysis files, instead of their name.

    Random, not derived from anything about the person. Only outcomes' export code
    joins this table to people, so files for evaluators carry numbers, never names."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="+")
    number = models.CharField(max_length=20, unique=True, default=_research_number)
    created_at = models.DateTimeField(default=timezone.now)
