"""Every change to groups, their meetings, members and facilitators."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from groups.models import Attendance, Group, Handover, Meeting, Membership, ScheduleRule
from mutuality.concurrency import save_if_unchanged
from mutuality.errors import ServiceError
from people.models import Organisation, Person
from people.places import UnknownPlace, find_district

A = AuditEvent.Action

GROUP_FIELDS = (
    "name",
    "who_for",
    "what_happens",
    "area",
    "venue",
    "format",
    "accessibility",
    "contact",
    "welcomes_new_members",
    "status",
)


def _district_for(fields: dict[str, Any]):
    """Turn the postcode text into a district; in-person groups need one."""
    text = (fields.pop("postcode", "") or "").strip()
    if not text:
        if fields.get("format") != Group.Format.ONLINE:
            raise ServiceError("A group that meets in person needs the first part of its postcode, like EX2.")
        return None
    try:
        return find_district(text)
    except UnknownPlace as error:
        raise ServiceError(str(error)) from error


@transaction.atomic
def group_create(*, organisation: Organisation, facilitator: Person | None, actor: Any, **fields) -> Group:
    if not (fields.get("name") or "").strip():
        raise ServiceError("Please give the group a name.")
    district = _district_for(fields)
    group = Group.objects.create(organisation=organisation, district=district, **fields)
    if facilitator is not None:
        Membership.objects.create(group=group, person=facilitator, role=Membership.Role.FACILITATOR)
    record(actor=actor, action=A.CREATE, target=group, summary="Group")
    return group


@transaction.atomic
def group_update(*, group: Group, expected_version: int, actor: Any, **fields) -> Group:
    district = _district_for(fields)
    for name, value in fields.items():
        setattr(group, name, value)
    group.district = district
    save_if_unchanged(group, expected_version=expected_version, fields=[*fields, "district"])
    record(actor=actor, action=A.UPDATE, target=group, summary="Group", detail={"fields": sorted(fields)})
    return group


@transaction.atomic
def schedule_rule_add(
    *,
    group: Group,
    weekday: int,
    starts_at: dt.time,
    ends_at: dt.time,
    first_date: dt.date,
    frequency: str = ScheduleRule.Frequency.WEEKLY,
    week_of_month: int | None = None,
    actor: Any,
) -> ScheduleRule:
    if ends_at <= starts_at:
        raise ServiceError("The meeting must end after it starts.")
    if first_date.weekday() != weekday:
        raise ServiceError("The first meeting date is not on the day of the week chosen.")
    if frequency == ScheduleRule.Frequency.MONTHLY and not week_of_month:
        raise ServiceError("For a monthly meeting, say which week of the month (1 to 5).")
    rule = ScheduleRule.objects.create(
        group=group,
        weekday=weekday,
        starts_at=starts_at,
        ends_at=ends_at,
        first_date=first_date,
        frequency=frequency,
        week_of_month=week_of_month if frequency == ScheduleRule.Frequency.MONTHLY else None,
    )
    record(actor=actor, action=A.CREATE, target=rule, organisation_id=group.organisation_id, summary="Meeting time")
    return rule


def rule_dates(rule: ScheduleRule, start: dt.date, end: dt.date) -> list[dt.date]:
    """Dates the rule gives between start and end (inclusive)."""
    day = max(rule.first_date, start)
    day += dt.timedelta(days=(rule.weekday - day.weekday()) % 7)
    dates = []
    while day <= end:
        if rule.frequency == ScheduleRule.Frequency.WEEKLY:
            dates.append(day)
        elif rule.frequency == ScheduleRule.Frequency.FORTNIGHTLY:
            if ((day - rule.first_date).days // 7) % 2 == 0:
                dates.append(day)
        elif (day.day - 1) // 7 + 1 == rule.week_of_month:
            dates.append(day)
        day += dt.timedelta(days=7)
    return dates


@transaction.atomic
def meetings_plan(*, group: Group, until: dt.date, actor: Any) -> int:
    """Create the planned meetings the rules give up to ``until``; existing ones are kept as they are."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    existing = set(group.meetings.values_list("starts_at", flat=True))
    new = []
    for rule in group.rules.all():
        for day in rule_dates(rule, today, until):
            starts = dt.datetime.combine(day, rule.starts_at, tzinfo=tz)
            if starts in existing:
                continue
            existing.add(starts)
            new.append(
                Meeting(
                    group=group, rule=rule, starts_at=starts, ends_at=dt.datetime.combine(day, rule.ends_at, tzinfo=tz)
                )
            )
    Meeting.objects.bulk_create(new)
    if new:
        record(
            actor=actor,
            action=A.CREATE,
            target=group,
            summary="Meetings planned",
            detail={"count": len(new)},
        )
    return len(new)


@transaction.atomic
def meeting_add(*, group: Group, starts_at: dt.datetime, ends_at: dt.datetime, note: str = "", actor: Any) -> Meeting:
    """A one-off meeting (an extra date, or a meeting moved to a new time)."""
    if ends_at <= starts_at:
        raise ServiceError("The meeting must end after it starts.")
    if group.meetings.filter(starts_at=starts_at).exists():
        raise ServiceError("There is already a meeting at that time.")
    meeting = Meeting.objects.create(group=group, starts_at=starts_at, ends_at=ends_at, note=note)
    record(actor=actor, action=A.CREATE, target=meeting, organisation_id=group.organisation_id, summary="Meeting")
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, note: str, actor: Any) -> Meeting:
    if meeting.status == Meeting.Status.HELD:
        raise ServiceError("This meeting has already taken place and cannot be cancelled.")
    meeting.status = Meeting.Status.CANCELLED
    meeting.note = note[:300]
    meeting.save(update_fields=["status", "note"])
    record(
        actor=actor,
        action=A.UPDATE,
        target=meeting,
        organisation_id=meeting.group.organisation_id,
        summary="Meeting cancelled",
    )
    return meeting


@transaction.atomic
def attendance_record(*, meeting: Meeting, present_ids: set[int], guests: int, actor: Any) -> int:
    """Who came, from the group's current members; replaces any earlier record for this meeting."""
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError("This meeting was cancelled, so there is no attendance to take.")
    if guests < 0:
        raise ServiceError("The number of guests cannot be negative.")
    if meeting.starts_at.date() > timezone.localdate():
        raise ServiceError("Attendance can be taken on the day of the meeting or afterwards.")
    members = set(
        Membership.objects.filter(group_id=meeting.group_id, left_on__isnull=True).values_list("person_id", flat=True)
    )
    strangers = present_ids - members
    if strangers:
        raise ServiceError("Some of the people ticked are not members of this group.")
    Attendance.objects.filter(meeting=meeting).delete()
    Attendance.objects.bulk_create(
        [Attendance(meeting=meeting, person_id=pid, present=pid in present_ids) for pid in sorted(members)]
    )
    meeting.status = Meeting.Status.HELD
    meeting.guests = guests
    meeting.save(update_fields=["status", "guests"])
    record(
        actor=actor,
        action=A.UPDATE,
        target=meeting,
        organisation_id=meeting.group.organisation_id,
        summary="Attendance",
        detail={"present": len(present_ids), "guests": guests},
    )
    return len(present_ids) + guests


@transaction.atomic
def membership_join(*, group: Group, person: Person, actor: Any) -> Membership:
    if group.status == Group.Status.CLOSED:
        raise ServiceError("This group has closed.")
    if not group.welcomes_new_members:
        raise ServiceError("This group is not taking new members just now. Please get in touch with it first.")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(group=group, person=person)
    except IntegrityError:
        raise ServiceError("You are already a member of this group.") from None
    record(
        actor=actor, action=A.CREATE, target=membership, organisation_id=group.organisation_id, summary="Joined group"
    )
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, actor: Any) -> Membership:
    if membership.left_on is not None:
        return membership
    group = membership.group
    if (
        membership.role == Membership.Role.FACILITATOR
        and not group.memberships.filter(role=Membership.Role.FACILITATOR, left_on__isnull=True)
        .exclude(pk=membership.pk)
        .exists()
        and group.status != Group.Status.CLOSED
    ):
        raise ServiceError("The group's only facilitator cannot leave: hand the group over first.")
    membership.left_on = timezone.localdate()
    membership.save(update_fields=["left_on"])
    record(actor=actor, action=A.UPDATE, target=membership, organisation_id=group.organisation_id, summary="Left group")
    return membership


@transaction.atomic
def facilitator_handover(*, group: Group, from_person: Person, to_person: Person, notes: str, actor: Any) -> Handover:
    """The outgoing facilitator hands the group to a current member, with notes for them."""
    if from_person.pk == to_person.pk:
        raise ServiceError("Choose someone else to hand the group over to.")
    outgoing = (
        Membership.objects.select_for_update()
        .filter(group=group, person=from_person, role=Membership.Role.FACILITATOR, left_on__isnull=True)
        .first()
    )
    if outgoing is None:
        raise ServiceError(f"{from_person.display_name} is not a facilitator of this group.")
    incoming = (
        Membership.objects.select_for_update().filter(group=group, person=to_person, left_on__isnull=True).first()
    )
    if incoming is None:
        raise ServiceError(f"{to_person.display_name} must be a member of the group before taking it over.")
    incoming.role = Membership.Role.FACILITATOR
    incoming.save(update_fields=["role"])
    outgoing.role = Membership.Role.MEMBER
    outgoing.save(update_fields=["role"])
    handover = Handover.objects.create(group=group, from_person=from_person, to_person=to_person, notes=notes)
    record(actor=actor, action=A.UPDATE, target=group, summary="Facilitator handover")
    return handover
