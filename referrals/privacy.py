"""What the referrals app holds about a person, erasure, and retention."""

from __future__ import annotations

from referrals.models import Offer, Referral


def subject_data(person) -> dict[str, list[dict]]:
    referrals = Referral.objects.filter(person=person).order_by("received_at")
    offers = Offer.objects.filter(referral__person=person).select_related("worker").order_by("offered_at")
    return {
        "Referrals": [
            {
                "received": r.received_at.isoformat(),
                "from": r.get_route_display(),
                "state": r.get_status_display(),
                "reason for closing": r.get_closed_reason_display() if r.closed_reason else "",
                "first contact": r.first_contact_at.isoformat() if r.first_contact_at else "",
                "what you wanted us to know": r.reason,
            }
            for r in referrals
        ],
        "Peer workers offered to you": [
            {"peer worker": o.worker.display_name, "why": " ".join(o.reasons), "outcome": o.get_status_display()}
            for o in offers
        ],
    }


def erase(person, *, actor) -> dict[str, int]:
    count = Referral.objects.filter(person=person).count()
    Referral.objects.filter(person=person).delete()  # with their history and offers
    return {"referrals": count}


def _expire_closed(organisation, cutoff, actor) -> int:
    old = Referral.objects.filter(organisation=organisation, status=Referral.Status.CLOSED, received_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count


RETENTION = [
    {
        "key": "referrals.closed",
        "label": "Closed referrals that did not lead to support",
        "default_days": 2 * 365,
        "expire": _expire_closed,
    },
]
