"""Networks: joining, each member's own choices, news, the digest by email, and champions."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from groups.models import Network, NetworkMember, NewsItem
from mutuality.errors import ServiceError
from people.models import Organisation, Person, PostcodeDistrict
from people.places import UnknownPlace, distance_km_expression, find_district

A = AuditEvent.Action
logger = logging.getLogger(__name__)
DIGEST_PERIOD = {NetworkMember.Digest.WEEKLY: dt.timedelta(days=7), NetworkMember.Digest.MONTHLY: dt.timedelta(days=30)}
MEMBER_CHOICES = ("listed", "show_email", "show_area", "about_me", "digest", "champion", "champion_offer")


@transaction.atomic
def network_create(
    *, organisation: Organisation, name: str, about: str, area: str = "", postcode: str = "", cohort=None, actor: Any
) -> Network:
    if not name.strip():
        raise ServiceError("Please give the network a name.")
    district = None
    if postcode.strip():
        try:
            district = find_district(postcode)
        except UnknownPlace as error:
            raise ServiceError(str(error)) from error
    network = Network.objects.create(
        organisation=organisation, name=name.strip(), about=about, area=area, district=district, cohort=cohort
    )
    record(actor=actor, action=A.CREATE, target=network, summary="Network")
    return network


@transaction.atomic
def network_join(*, network: Network, person: Person, actor: Any, **choices) -> NetworkMember:
    """Join with nothing shown to others unless the person chooses it."""
    if not network.open_to_join:
        raise ServiceError("This network is not open to new members.")
    try:
        with transaction.atomic():
            member = NetworkMember.objects.create(network=network, person=person, **choices)
    except IntegrityError:
        raise ServiceError("You are already in this network.") from None
    record(
        actor=actor, action=A.CREATE, target=member, organisation_id=network.organisation_id, summary="Joined network"
    )
    return member


@transaction.atomic
def member_choices_update(*, member: NetworkMember, actor: Any, **choices) -> NetworkMember:
    unknown = set(choices) - set(MEMBER_CHOICES)
    if unknown:
        raise ServiceError("Those settings cannot be changed here.")
    if choices.get("digest", member.digest) not in NetworkMember.Digest.values:
        raise ServiceError("Choose how often news comes: never, weekly or monthly.")
    for name, value in choices.items():
        setattr(member, name, value)
    if member.champion and not member.person.postcode_district:
        raise ServiceError("To be a champion in your area, add the first part of your postcode to your profile.")
    member.save(update_fields=list(choices))
    record(
        actor=actor,
        action=A.UPDATE,
        target=member,
        organisation_id=member.network.organisation_id,
        summary="Network choices",
        detail={"fields": sorted(choices)},
    )
    return member


@transaction.atomic
def network_leave(*, member: NetworkMember, actor: Any) -> NetworkMember:
    if member.left_at is None:
        member.left_at = timezone.now()
        member.save(update_fields=["left_at"])
        record(
            actor=actor,
            action=A.UPDATE,
            target=member,
            organisation_id=member.network.organisation_id,
            summary="Left network",
        )
    return member


@transaction.atomic
def news_post(*, network: Network, author: Person, title: str, body: str, actor: Any) -> NewsItem:
    if not title.strip() or not body.strip():
        raise ServiceError("News needs a title and a few words.")
    item = NewsItem.objects.create(network=network, author=author, title=title.strip(), body=body)
    record(actor=actor, action=A.CREATE, target=item, organisation_id=network.organisation_id, summary="Network news")
    return item


def member_directory(network: Network) -> QuerySet[NetworkMember]:
    """Only members who chose to be listed; the template shows only the details each chose."""
    return (
        NetworkMember.objects.filter(network=network, left_at__isnull=True, listed=True)
        .select_related("person")
        .order_by("person__display_name", "id")
    )


def champions_near(district: PostcodeDistrict, *, within_km: float = 40) -> QuerySet[NetworkMember]:
    """Champions whose own postcode district is near, nearest first."""
    rows = (
        NetworkMember.objects.filter(champion=True, left_at__isnull=True)
        .exclude(person__postcode_district="")
        .select_related("person", "network")
    )
    near = PostcodeDistrict.objects.annotate(
        distance_km=distance_km_expression(district.latitude, district.longitude, "latitude", "longitude")
    ).filter(distance_km__lte=within_km)
    return rows.filter(person__postcode_district__in=near.values("code")).order_by("person__display_name", "id")


def networks_near(district: PostcodeDistrict | None, *, within_km: float = 40) -> QuerySet[Network]:
    networks = Network.objects.select_related("district")
    if district is None:
        return networks.none()
    return (
        networks.annotate(
            distance_km=distance_km_expression(
                district.latitude, district.longitude, "district__latitude", "district__longitude"
            )
        )
        .filter(distance_km__lte=within_km)
        .order_by("distance_km", "name")
    )


# --- The digest ------------------------------------------------------------------


def digest_due(member: NetworkMember, now: dt.datetime) -> bool:
    period = DIGEST_PERIOD.get(member.digest)
    if period is None:
        return False
    since = member.digest_sent_at or member.joined_at
    return now - since >= period


def send_digests(now: dt.datetime | None = None) -> int:
    """Email each member who asked for news the items posted since their last digest,
    at the frequency they chose. Safe to run twice: a member's digest time moves on
    in the same transaction that decides to send, so a second run finds nothing due."""
    from reminders.services import may_remind

    now = now or timezone.now()
    sent = 0
    candidates = (
        NetworkMember.objects.filter(left_at__isnull=True)
        .exclude(digest=NetworkMember.Digest.NEVER)
        .exclude(person__email="")
        .select_related("person", "network")
    )
    for member in candidates.iterator():
        if not digest_due(member, now) or not may_remind(member.person):
            continue
        with transaction.atomic():
            locked = NetworkMember.objects.select_for_update().get(pk=member.pk)
            if not digest_due(locked, now):
                continue
            since = locked.digest_sent_at or locked.joined_at
            items = list(NewsItem.objects.filter(network=member.network, posted_at__gt=since, posted_at__lte=now))
            locked.digest_sent_at = now
            locked.save(update_fields=["digest_sent_at"])
            if not items:
                continue
            context = {
                "member": member,
                "network": member.network,
                "items": items,
                "choices_url": settings.SITE_URL + reverse("groups:network", args=[member.network_id]),
            }
            body = render_to_string("groups/messages/digest.txt", context)
            subject = f"News from {member.network.name}"
            transaction.on_commit(
                lambda s=subject, b=body, to=member.person.email: send_mail(s, b, None, [to], fail_silently=False)
            )
            sent += 1
    return sent
