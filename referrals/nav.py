from django.urls import reverse

from access.rules import referrals as rules
from web.navigation import NavItem


def items(actor) -> list[NavItem]:
    entries = []
    if rules.can_triage(actor):
        entries.append(NavItem("Referrals", reverse("referrals:queue"), "The triage queue and matching."))
    if actor.has_role("worker"):
        entries.append(NavItem("Choices for me", reverse("referrals:offers_waiting"), "People who chose you."))
    choosing = _choosing(actor)
    if choosing:
        entries.append(NavItem("Choose your peer worker", reverse("referrals:detail", args=[choosing]), ""))
    return entries


def _choosing(actor) -> int | None:
    from referrals.models import Referral

    if actor.person_id is None:
        return None
    return (
        Referral.objects.filter(person_id=actor.person_id, status=Referral.Status.CHOOSING)
        .values_list("pk", flat=True)
        .first()
    )
