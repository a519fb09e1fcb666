"""Referrals into one-to-one support, and choice-based matching.

There is no clinical-need score: a shortlist of peer workers is offered with
reasons in plain words, and the person chooses.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PARTS = ["morning", "afternoon", "evening"]
# One bit per (day, part of day): bit index = day * 3 + part.
SLOTS = [(day * 3 + part, f"{DAYS[day]} {PARTS[part]}") for day in range(7) for part in range(3)]
ALL_SLOTS = (1 << len(SLOTS)) - 1


def slot_labels(mask: int) -> list[str]:
    return [label for bit, label in SLOTS if mask & (1 << bit)]


class Meeting(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online or by phone")
    EITHER = "either", _("Either is fine")


class WorkerProfile(models.Model):
    """What a peer worker offers for matching: when they are free and how they meet."""

    worker = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="matching_profile")
    availability = models.PositiveIntegerField(default=0, help_text=_("Days and times the worker is usually free."))
    meets_in_person = models.BooleanField(default=True)
    meets_online = models.BooleanField(default=True)
    travel_km = models.PositiveSmallIntegerField(_("how far I will travel (km)"), default=15)


class Referral(models.Model):
    class Route(models.TextChoices):
        GP = "gp", _("GP")
        SECONDARY = "secondary", _("Secondary mental health services")
        ORGANISATION = "organisation", _("Another organisation")
        SELF = "self", _("Self-referral")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        CONTACTED = "contacted", _("Contacted")
        CHOOSING = "choosing", _("Choosing a peer worker")
        MATCHED = "matched", _("Matched")
        CLOSED = "closed", _("Closed")

    class ClosedReason(models.TextChoices):
        DECLINED = "declined", _("The person decided not to go ahead")
        NO_CONTACT = "no_contact", _("We could not make contact")
        WITHDRAWN = "withdrawn", _("The referral was withdrawn")
        ELSEWHERE = "elsewhere", _("Referred elsewhere")

    organisation = models.ForeignKey("people.Organisation", on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="referrals")
    route = models.CharField(max_length=20, choices=Route.choices)
    referrer_name = models.CharField(_("who referred"), max_length=200, blank=True)
    referrer_contact = models.CharField(_("how to reach the referrer"), max_length=200, blank=True)
    reason = EncryptedTextField(_("anything the person wants us to know"), blank=True)
    gender_preference = models.CharField(
        _("would prefer a peer worker who is"),
        max_length=20,
        blank=True,
        choices=[
            ("", _("No preference")),
            ("woman", _("A woman")),
            ("man", _("A man")),
            ("non_binary", _("Non-binary")),
        ],
    )
    meeting = models.CharField(max_length=10, choices=Meeting.choices, default=Meeting.EITHER)
    availability = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    closed_reason = models.CharField(max_length=20, choices=ClosedReason.choices, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    first_contact_at = models.DateTimeField(null=True, blank=True)
    submitted_from = models.CharField(max_length=64, blank=True, help_text=_("A hash of the sender's address."))

    class Meta:
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["organisation", "status", "received_at"]),
            models.Index(fields=["submitted_from", "received_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="closed", closed_reason__gt="") | (~Q(status="closed") & Q(closed_reason="")),
                name="referral_closed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Referral {self.pk}"


class ReferralEvent(models.Model):
    """One change of state: from, to, who and when."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    detail = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey("people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]


class Offer(models.Model):
    """A peer worker offered to the person, with the reasons they fit."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        CHOSEN = "chosen", _("Chosen by the person")
        ACCEPTED = "accepted", _("Accepted by the worker")
        DECLINED = "declined", _("Declined by the worker")
        NOT_CHOSEN = "not_chosen", _("Not chosen")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="offers")
    worker = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="offers")
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OFFERED)
    chosen_on_behalf = models.BooleanField(default=False)
    chosen_by = models.ForeignKey("people.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decline_reason = EncryptedTextField(_("private reason"), blank=True)
    offered_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["offered_at", "id"]
        constraints = [models.UniqueConstraint(fields=["referral", "worker"], name="offer_once_per_worker")]
