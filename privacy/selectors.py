"""Reads for people's rights, scoped to the asking actor."""

from __future__ import annotations

from django.db.models import QuerySet

from access.rules import privacy as rules
from privacy.models import LegalHold, RightsRequest


def held_person_ids(organisation) -> QuerySet:
    """People of the organisation under an active legal hold (a subquery for ``__in``)."""
    return LegalHold.objects.filter(organisation=organisation, released_at__isnull=True).values("person_id")


def active_holds(person) -> list[LegalHold]:
    return list(LegalHold.objects.filter(person=person, released_at__isnull=True).order_by("placed_at"))


def restricted_person_ids() -> QuerySet:
    """People with a restriction in force: their records are kept but not used (a subquery for ``__in``).

    A restriction is in force once it is carried out and until it is lifted. Outcome
    analyses, evaluation statistics and exports, quotations and reminders leave these
    people out.
    """
    return RightsRequest.objects.filter(
        kind=RightsRequest.Kind.RESTRICTION, status=RightsRequest.Status.DONE, subject_id__isnull=False
    ).values("subject_id")


def is_restricted(person_id: int) -> bool:
    """A restriction request is in force: keep the records but do not use them."""
    return restricted_person_ids().filter(subject_id=person_id).exists()


def requests_for(actor) -> QuerySet[RightsRequest]:
    return (
        RightsRequest.objects.filter(organisation_id__in=rules.rights_orgs(actor))
        .select_related("organisation", "subject")
        .order_by("-received_at")
    )
