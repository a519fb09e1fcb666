"""Reads of groups: the public directory search, a group's page, meetings and members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from access.actor import Actor
from groups.models import Attendance, Group, Meeting, Membership, ScheduleRule
from people.models import PostcodeDistrict
from people.places import distance_km_expression

TIMES_OF_DAY = {
    "morning": (dt.time(0, 0), dt.time(12, 0)),
    "afternoon": (dt.time(12, 0), dt.time(17, 0)),
    "evening": (dt.time(17, 0), dt.time(23, 59, 59)),
}


@dataclass
class DirectorySearch:
    district: PostcodeDistrict | None = None
    within_km: float = 25.0
    weekday: int | None = None
    time_of_day: str = ""
    format: str = ""  # "", "in_person" (includes both), "online" (includes both)
    words: str = ""
    new_members_only: bool = False


def directory(search: DirectorySearch) -> QuerySet[Group]:
    """Groups anyone may find: not closed, matching the search; nearest first when a place is given."""
    groups = (
        Group.objects.exclude(status=Group.Status.CLOSED)
        .select_related("district", "organisation")
        .prefetch_related(Prefetch("rules", queryset=ScheduleRule.objects.order_by("weekday", "starts_at")))
    )
    if search.format == Group.Format.ONLINE:
        groups = groups.filter(format__in=[Group.Format.ONLINE, Group.Format.BOTH])
    elif search.format == Group.Format.IN_PERSON:
        groups = groups.filter(format__in=[Group.Format.IN_PERSON, Group.Format.BOTH])
    if search.weekday is not None or search.time_of_day in TIMES_OF_DAY:
        matching = ScheduleRule.objects.all()
        if search.weekday is not None:
            matching = matching.filter(weekday=search.weekday)
        if search.time_of_day in TIMES_OF_DAY:
            start, end = TIMES_OF_DAY[search.time_of_day]
            matching = matching.filter(starts_at__gte=start, starts_at__lt=end)
        groups = groups.filter(pk__in=matching.values("group_id"))
    words = search.words.strip()
    if words:
        for word in words.split()[:8]:
            groups = groups.filter(
                Q(name__icontains=word)
                | Q(who_for__icontains=word)
                | Q(what_happens__icontains=word)
                | Q(area__icontains=word)
                | Q(accessibility__icontains=word)
            )
    if search.new_members_only:
        groups = groups.filter(welcomes_new_members=True)
    if search.district is not None:
        distance = distance_km_expression(
            search.district.latitude, search.district.longitude, "district__latitude", "district__longitude"
        )
        groups = groups.annotate(distance_km=distance)
        if search.format == Group.Format.ONLINE:
            return groups.order_by(F("distance_km").asc(nulls_last=True), "name", "id")
        near = Q(distance_km__lte=search.within_km)
        if search.format != Group.Format.IN_PERSON:
            near |= Q(format=Group.Format.ONLINE)
        return groups.filter(near).order_by(F("distance_km").asc(nulls_last=True), "name", "id")
    return groups.order_by("name", "id")


def group_page(actor: Actor, group: Group) -> dict:
    """What a group's page shows: its details, when it meets, the next meetings, its facilitators."""
    today_start = timezone.now().replace(hour=0, minute=0, second=0, microsecond=0)
    upcoming = list(group.meetings.filter(starts_at__gte=today_start).order_by("starts_at")[:6])
    facilitators = list(
        Membership.objects.filter(group=group, role=Membership.Role.FACILITATOR, left_on__isnull=True)
        .select_related("person")
        .order_by("person__display_name")
    )
    my_membership = None
    if actor.is_authenticated:
        my_membership = Membership.objects.filter(group=group, person_id=actor.person_id, left_on__isnull=True).first()
    return {
        "group": group,
        "rules": list(group.rules.all()),
        "upcoming": upcoming,
        "facilitators": facilitators,
        "my_membership": my_membership,
    }


def members(group: Group) -> list[Membership]:
    return list(
        Membership.objects.filter(group=group, left_on__isnull=True)
        .select_related("person")
        .order_by("-role", "person__display_name")
    )


def meetings(group: Group) -> QuerySet[Meeting]:
    return group.meetings.annotate(present=Count("attendance", filter=Q(attendance__present=True))).order_by(
        "-starts_at"
    )


def attendance_sheet(meeting: Meeting) -> list[tuple[Membership, bool]]:
    """Current members, each with whether they are marked present at this meeting."""
    present = set(Attendance.objects.filter(meeting=meeting, present=True).values_list("person_id", flat=True))
    return [(m, m.person_id in present) for m in members(meeting.group)]


def groups_run_by(actor: Actor) -> QuerySet[Group]:
    """Groups the actor facilitates, or coordinates through their organisation."""
    if not actor.is_authenticated:
        return Group.objects.none()
    coordinated = actor.orgs_with("coordinator")
    facilitated = Membership.objects.filter(
        person_id=actor.person_id, role=Membership.Role.FACILITATOR, left_on__isnull=True
    ).values("group_id")
    return (
        Group.objects.filter(Q(pk__in=facilitated) | Q(organisation_id__in=coordinated))
        .select_related("district")
        .order_by("name", "id")
    )


def my_groups(actor: Actor) -> QuerySet[Group]:
    if not actor.is_authenticated:
        return Group.objects.none()
    return Group.objects.filter(memberships__person_id=actor.person_id, memberships__left_on__isnull=True).order_by(
        "name", "id"
    )
