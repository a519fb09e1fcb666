"""Reads of referrals, scoped to the actor."""

from __future__ import annotations

from datetime import date

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from access.actor import Actor
from access.policy import operational_orgs
from referrals.models import Offer, Referral
from support.models import SupportSettings


def working_days_between(start: date, end: date) -> int:
    """Monday-to-Friday days from ``start`` to ``end`` (not counting ``start``)."""
    return int(np.busday_count(start, end)) if end > start else 0


def referrals_for(actor: Actor, *, status: str = "", route: str = "") -> QuerySet[Referral]:
    rows = Referral.objects.filter(organisation_id__in=operational_orgs(actor)).select_related("person", "organisation")
    if status == "open":
        rows = rows.exclude(status__in=[Referral.Status.MATCHED, Referral.Status.CLOSED])
    elif status in Referral.Status.values:
        rows = rows.filter(status=status)
    if route in Referral.Route.values:
        rows = rows.filter(route=route)
    return rows.order_by("received_at", "id")


def with_ages(referrals, *, today: date | None = None) -> list[dict]:
    """Each referral with its age in working days, and whether it is past the
    organisation's target for first contact."""
    today = today or timezone.localdate()
    referrals = list(referrals)
    org_ids = {r.organisation_id for r in referrals}
    targets = dict(
        SupportSettings.objects.filter(organisation_id__in=org_ids).values_list(
            "organisation_id", "referral_target_days"
        )
    )
    rows = []
    for referral in referrals:
        target = targets.get(referral.organisation_id, 5)
        age = working_days_between(timezone.localtime(referral.received_at).date(), today)
        rows.append(
            {
                "referral": referral,
                "age": age,
                "target": target,
                "overdue": referral.status == Referral.Status.RECEIVED and age > target,
            }
        )
    return rows


def offers_for_person(referral: Referral) -> list[Offer]:
    return list(referral.offers.select_related("worker").order_by("offered_at", "id"))


def offers_waiting_for(actor: Actor) -> list[Offer]:
    """Choices made by people, waiting for this worker's answer."""
    if actor.person_id is None:
        return []
    return list(
        Offer.objects.filter(worker_id=actor.person_id, status=Offer.Status.CHOSEN)
        .select_related("referral__person")
        .order_by("offered_at")
    )
