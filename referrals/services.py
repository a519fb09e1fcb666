"""Every change to referrals and offers, each in one transaction with its audit row."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people import services as people_services
from people.models import Organisation, Person, Relationship, Role, RoleKind
from referrals.matching import shortlist
from referrals.models import Offer, Referral, ReferralEvent, WorkerProfile

A = AuditEvent.Action
S = Referral.Status

# Where a referral may go next. "matched" is reached only when a worker accepts.
NEXT = {
    S.RECEIVED: {S.CONTACTED, S.CLOSED},
    S.CONTACTED: {S.CHOOSING, S.CLOSED},
    S.CHOOSING: {S.CONTACTED, S.CLOSED},
    S.MATCHED: set(),
    S.CLOSED: set(),
}
# Self-referrals allowed from one address in a window.
SELF_REFERRAL_LIMIT = 3
SELF_REFERRAL_WINDOW = timedelta(hours=1)


def _user(actor):
    user = getattr(actor, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def address_hash(address: str) -> str:
    """A keyed hash of the sender's network address: enough to limit the rate, not to identify anyone."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


def _event(referral: Referral, from_status: str, actor: Any, detail: str = "") -> None:
    ReferralEvent.objects.create(
        referral=referral, from_status=from_status, to_status=referral.status, detail=detail, by=_user(actor)
    )


@transaction.atomic
def referral_create(
    *,
    organisation: Organisation,
    route: str,
    display_name: str,
    actor: Any,
    email: str = "",
    phone: str = "",
    contact_notes: str = "",
    postcode_district: str = "",
    referrer_name: str = "",
    referrer_contact: str = "",
    reason: str = "",
    gender_preference: str = "",
    meeting: str = "either",
    availability: int = 0,
    submitted_from: str = "",
    person: Person | None = None,
) -> Referral:
    """A new referral. Unless an existing person is given, their record is created with just enough to make contact."""
    if route not in Referral.Route.values:
        raise ServiceError("Please say where the referral comes from.")
    if route != Referral.Route.SELF and not referrer_name.strip():
        raise ServiceError("Please say who made the referral.")
    if person is None:
        if not email.strip() and not phone.strip():
            raise ServiceError("Please give an email address or a phone number, so we can get in touch.")
        if submitted_from:
            since = timezone.now() - SELF_REFERRAL_WINDOW
            recent = Referral.objects.filter(submitted_from=submitted_from, received_at__gte=since).count()
            if recent >= SELF_REFERRAL_LIMIT:
                raise ServiceError(
                    "We have had several referrals from this connection in the last hour. Please try again later, "
                    "or phone us."
                )
        person = people_services.person_create(
            organisation=organisation,
            actor=actor,
            display_name=display_name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            contact_notes=contact_notes.strip(),
            postcode_district=postcode_district,
            contact_preference="email" if email.strip() else "phone",
        )
    elif person.organisation_id != organisation.pk:
        raise ServiceError("That person belongs to another organisation.")
    referral = Referral.objects.create(
        organisation=organisation,
        person=person,
        route=route,
        referrer_name=referrer_name.strip(),
        referrer_contact=referrer_contact.strip(),
        reason=reason.strip(),
        gender_preference=gender_preference,
        meeting=meeting,
        availability=availability,
        submitted_from=submitted_from,
    )
    _event(referral, "", actor, detail=Referral.Route(route).label)
    record(actor=actor, action=A.CREATE, target=referral, summary="Referral", detail={"route": route})
    return referral


@transaction.atomic
def referral_transition(
    *, referral: Referral, to_status: str, actor: Any, closed_reason: str = "", detail: str = ""
) -> Referral:
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if to_status not in NEXT[referral.status]:
        raise ServiceError(
            f"A referral that is “{referral.get_status_display()}” cannot move to “{S(to_status).label}”."
        )
    if to_status == S.CLOSED and closed_reason not in Referral.ClosedReason.values:
        raise ServiceError("Please give the reason for closing the referral.")
    before = referral.status
    referral.status = to_status
    referral.closed_reason = closed_reason if to_status == S.CLOSED else ""
    if to_status == S.CONTACTED and referral.first_contact_at is None:
        referral.first_contact_at = timezone.now()
    referral.save(update_fields=["status", "closed_reason", "first_contact_at"])
    if to_status == S.CLOSED:
        referral.offers.filter(status__in=[Offer.Status.OFFERED, Offer.Status.CHOSEN]).update(
            status=Offer.Status.NOT_CHOSEN, answered_at=timezone.now()
        )
    _event(referral, before, actor, detail=detail[:300])
    record(actor=actor, action=A.UPDATE, target=referral, summary="Referral state", detail={"to": to_status})
    return referral


@transaction.atomic
def offers_make(*, referral: Referral, worker_ids: list[int], actor: Any) -> list[Offer]:
    """Offer the chosen workers from the shortlist to the person, with the reasons each fits."""
    referral = Referral.objects.select_for_update().select_related("person").get(pk=referral.pk)
    if referral.status not in (S.CONTACTED, S.CHOOSING):
        raise ServiceError("Offer peer workers once you have been in touch with the person.")
    if not worker_ids:
        raise ServiceError("Please pick at least one peer worker to offer.")
    candidates = {c.worker.pk: c for c in shortlist(referral, limit=50)}
    missing = [pk for pk in worker_ids if pk not in candidates]
    if missing:
        raise ServiceError("One of those peer workers is no longer available. Please look at the shortlist again.")
    already = set(referral.offers.values_list("worker_id", flat=True))
    offers = [
        Offer(referral=referral, worker_id=pk, reasons=candidates[pk].reasons) for pk in worker_ids if pk not in already
    ]
    Offer.objects.bulk_create(offers)
    if referral.status != S.CHOOSING:
        before = referral.status
        referral.status = S.CHOOSING
        referral.save(update_fields=["status"])
        _event(referral, before, actor, detail=f"{len(worker_ids)} peer worker(s) offered")
    record(actor=actor, action=A.CREATE, target=referral, summary="Offers made", detail={"count": len(offers)})
    return offers


@transaction.atomic
def offer_choose(*, offer: Offer, actor: Any) -> Offer:
    """The person chooses a worker (or a coordinator records their choice, marked as on their behalf)."""
    offer = Offer.objects.select_for_update().select_related("referral").get(pk=offer.pk)
    referral = offer.referral
    if referral.status != S.CHOOSING or offer.status not in (Offer.Status.OFFERED, Offer.Status.CHOSEN):
        raise ServiceError("This choice is no longer open.")
    if referral.offers.filter(status=Offer.Status.CHOSEN).exclude(pk=offer.pk).exists():
        raise ServiceError("You have already chosen someone. They will reply soon.")
    offer.status = Offer.Status.CHOSEN
    offer.chosen_on_behalf = not actor.is_self(referral.person_id)
    offer.chosen_by = _user(actor)
    offer.save(update_fields=["status", "chosen_on_behalf", "chosen_by"])
    ReferralEvent.objects.create(
        referral=referral,
        from_status=referral.status,
        to_status=referral.status,
        detail="Chosen on the person's behalf" if offer.chosen_on_behalf else "Chosen by the person",
        by=_user(actor),
    )
    record(actor=actor, action=A.UPDATE, target=offer, organisation_id=referral.organisation_id, summary="Chosen")
    return offer


@transaction.atomic
def offer_accept(*, offer: Offer, actor: Any) -> Relationship:
    """The worker accepts. Their caseload is checked under a lock on their role,
    so two acceptances at the same moment can never take them over capacity."""
    offer = Offer.objects.select_for_update().select_related("referral", "worker").get(pk=offer.pk)
    referral = offer.referral
    if offer.status != Offer.Status.CHOSEN or referral.status != S.CHOOSING:
        raise ServiceError("Only a choice the person has made can be accepted.")
    role = (
        Role.objects.select_for_update()
        .select_related("organisation")
        .filter(person=offer.worker, organisation_id=referral.organisation_id, kind=RoleKind.WORKER)
        .filter(ended_on__isnull=True)
        .first()
    )
    if role is None:
        raise ServiceError("Only a current peer worker of this organisation can accept.")
    caseload = Relationship.objects.filter(
        from_person=offer.worker, kind=Relationship.Kind.SUPPORTS, ended_at__isnull=True
    ).count()
    if caseload >= role.effective_capacity:
        raise ServiceError(
            f"You are already supporting {caseload} people, your limit. Talk to your coordinator if that should change."
        )
    relationship = people_services.relationship_start(
        organisation=role.organisation,
        kind=Relationship.Kind.SUPPORTS,
        from_person=offer.worker,
        to_person=referral.person,
        actor=actor,
    )
    now = timezone.now()
    offer.status = Offer.Status.ACCEPTED
    offer.answered_at = now
    offer.save(update_fields=["status", "answered_at"])
    referral.offers.exclude(pk=offer.pk).filter(status=Offer.Status.OFFERED).update(
        status=Offer.Status.NOT_CHOSEN, answered_at=now
    )
    referral.status = S.MATCHED
    referral.save(update_fields=["status"])
    _event(referral, S.CHOOSING, actor, detail=f"Matched with {offer.worker.display_name}")
    record(actor=actor, action=A.UPDATE, target=offer, organisation_id=referral.organisation_id, summary="Accepted")
    return relationship


@transaction.atomic
def offer_decline(*, offer: Offer, reason: str, actor: Any) -> Offer:
    """The worker declines, with a private reason; the person can choose someone else."""
    offer = Offer.objects.select_for_update().select_related("referral").get(pk=offer.pk)
    if offer.status not in (Offer.Status.OFFERED, Offer.Status.CHOSEN) or offer.referral.status != S.CHOOSING:
        raise ServiceError("This offer has already been answered.")
    if not reason.strip():
        raise ServiceError("Please give a reason. Only coordinators see it, never the person.")
    offer.status = Offer.Status.DECLINED
    offer.decline_reason = reason.strip()
    offer.answered_at = timezone.now()
    offer.save(update_fields=["status", "decline_reason", "answered_at"])
    ReferralEvent.objects.create(
        referral=offer.referral,
        from_status=S.CHOOSING,
        to_status=S.CHOOSING,
        detail=f"{offer.worker.display_name} is not able to take this on",
        by=_user(actor),
    )
    record(
        actor=actor, action=A.UPDATE, target=offer, organisation_id=offer.referral.organisation_id, summary="Declined"
    )
    return offer


@transaction.atomic
def worker_profile_save(*, worker: Person, actor: Any, **values: Any) -> WorkerProfile:
    profile, created = WorkerProfile.objects.get_or_create(worker=worker)
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    record(
        actor=actor,
        action=A.CREATE if created else A.UPDATE,
        target=profile,
        organisation_id=worker.organisation_id,
        summary="Matching profile",
    )
    return profile
