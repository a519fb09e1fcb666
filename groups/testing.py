"""Helpers for tests that need a group (used by this app's tests and others')."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from groups.models import Group, Meeting, Membership, ScheduleRule
from people.models import PostcodeDistrict


def make_group(world, *, name="Riverside Thursday Group", district="EX2", facilitator="facilitator", **fields) -> Group:
    defaults = {
        "who_for": "Anyone who hears voices, and people who support them.",
        "what_happens": "Tea, a check-in round, and time to talk.",
        "area": "Exeter",
        "format": Group.Format.IN_PERSON,
        "contact": "Ring 01392 000000 or email thursday@example.org",
        "status": Group.Status.ACTIVE,
    }
    defaults.update(fields)
    group = Group.objects.create(
        organisation=world.org,
        name=name,
        district=PostcodeDistrict.objects.get(code=district) if district else None,
        **defaults,
    )
    ScheduleRule.objects.create(
        group=group,
        weekday=3,
        starts_at=dt.time(18, 30),
        ends_at=dt.time(20, 0),
        first_date=dt.date(2024, 1, 4),
    )
    if facilitator:
        Membership.objects.create(group=group, person=world.people[facilitator], role=Membership.Role.FACILITATOR)
    return group


def make_meeting(group: Group, *, days_ago: int = 0) -> Meeting:
    start = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) - dt.timedelta(days=days_ago)
    return Meeting.objects.create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))


def make_network(world, *, name="Devon IPS alumni", district="EX2", members=("peer",)):
    from groups.models import Network, NetworkMember

    network = Network.objects.create(
        organisation=world.org,
        name=name,
        about="Keeping in touch after the course.",
        area="Devon",
        district=PostcodeDistrict.objects.get(code=district) if district else None,
    )
    for role in members:
        NetworkMember.objects.create(network=network, person=world.people[role])
    return network
