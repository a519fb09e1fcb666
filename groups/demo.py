"""Demo groups across every organisation's area, with a year of meetings, members and attendance.

Scale: about one group for every ten peers (at least 20): 500 at network scale.
Meetings run from six months ago to six months ahead; attendance is kept for the
last twelve meetings of each group. The demo facilitator runs the first group and
the demo peer belongs to it.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from groups.models import Attendance, Group, Meeting, Membership, Network, NetworkMember, NewsItem, ScheduleRule

KINDS = [
    ("Hearing Voices Group", "People who hear voices, see visions or have other unusual experiences."),
    ("Peer Support Circle", "Anyone with lived experience of mental distress who wants to meet others who understand."),
    ("Walk and Talk", "People who find it easier to talk side by side, outdoors. Gentle pace."),
    ("Carers' Peer Group", "People who care for someone with mental health difficulties."),
    ("Young Adults' Group", "People aged 18 to 25 with lived experience."),
    ("Self-harm Support Group", "People who self-harm or have done so, in a safe, non-judgemental space."),
    ("Recovery Café", "Drop in for tea and conversation with peers. Everyone welcome."),
    ("Creative Wellbeing", "People who find art, writing or music helps. No experience needed."),
    ("Men's Peer Group", "Men who want to talk about how things really are."),
    ("Women's Circle", "Women with lived experience, meeting in a women-only space."),
]
HAPPENS = "A welcome, a check-in round, time to talk in pairs or as a group, and tea."
ACCESS = ["Step-free access and an accessible toilet.", "Hearing loop. Quiet room available.", "Upstairs, no lift.", ""]
TIMES = [(dt.time(10, 0), dt.time(12, 0)), (dt.time(13, 30), dt.time(15, 0)), (dt.time(18, 30), dt.time(20, 0))]
PAST_WEEKS, FUTURE_WEEKS, ATTENDANCE_KEPT = 26, 26, 12


def _slug(text: str) -> str:
    return text.lower().replace("'", "").replace(" ", ".")


def group_count(scale) -> int:
    """About one group for every ten peers, and at least 20."""
    return max(20, scale.peers // 10)


def load(ctx) -> None:
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    total = group_count(ctx.scale)
    organisations = ctx.organisations
    groups: list[Group] = []
    for index in range(total):
        organisation = organisations[index % len(organisations)]
        kind, who_for = KINDS[index % len(KINDS)]
        fmt = ctx.weighted([(Group.Format.IN_PERSON, 70), (Group.Format.ONLINE, 15), (Group.Format.BOTH, 15)])
        district = ctx.district(organisation) if fmt != Group.Format.ONLINE else None
        groups.append(
            Group(
                organisation=organisation,
                name=f"{organisation.area} {kind}" + (f" {index // len(KINDS) + 1}" if index >= len(KINDS) else ""),
                who_for=who_for,
                what_happens=HAPPENS,
                area=organisation.area,
                district_id=district,
                venue="" if district is None else f"{ctx.faker.street_name()} Community Centre",
                format=fmt,
                accessibility=ctx.rng.choice(ACCESS),
                contact=f"Email {_slug(kind)}@example.org",
                welcomes_new_members=ctx.rng.random() < 0.85,
                status=ctx.weighted(
                    [
                        (Group.Status.ACTIVE, 85),
                        (Group.Status.STARTING, 5),
                        (Group.Status.PAUSED, 5),
                        (Group.Status.CLOSED, 5),
                    ]
                ),
            )
        )
    groups = Group.objects.bulk_create(groups, batch_size=2000)

    rules, meetings = [], []
    for group in groups:
        weekday = ctx.rng.randrange(7)
        starts, ends = ctx.rng.choice(TIMES)
        first = today - dt.timedelta(weeks=PAST_WEEKS)
        first += dt.timedelta(days=(weekday - first.weekday()) % 7)
        rules.append(ScheduleRule(group=group, weekday=weekday, starts_at=starts, ends_at=ends, first_date=first))
    rules = ScheduleRule.objects.bulk_create(rules, batch_size=2000)
    for rule in rules:
        group = rule.group
        if group.status in (Group.Status.STARTING,):
            continue
        for week in range(PAST_WEEKS + FUTURE_WEEKS):
            day = rule.first_date + dt.timedelta(weeks=week)
            past = day < today
            if group.status in (Group.Status.PAUSED, Group.Status.CLOSED) and not past:
                break
            cancelled = ctx.rng.random() < 0.04
            status = (
                Meeting.Status.CANCELLED if cancelled else (Meeting.Status.HELD if past else Meeting.Status.PLANNED)
            )
            meetings.append(
                Meeting(
                    group=group,
                    rule=rule,
                    starts_at=dt.datetime.combine(day, rule.starts_at, tzinfo=tz),
                    ends_at=dt.datetime.combine(day, rule.ends_at, tzinfo=tz),
                    status=status,
                    note="Venue closed this week" if cancelled else "",
                    guests=ctx.rng.randrange(3) if status == Meeting.Status.HELD else 0,
                )
            )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=5000)

    memberships = []
    members_of: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        pool = ctx.peers.get(group.organisation_id, []) + ctx.workers.get(group.organisation_id, [])
        chosen = ctx.rng.sample(pool, k=min(len(pool), ctx.rng.randint(4, 9)))
        if index == 0:
            chosen = [p for p in chosen if p not in (ctx.logins["facilitator"].pk, ctx.logins["peer"].pk)]
            chosen = [ctx.logins["facilitator"].pk, ctx.logins["peer"].pk, *chosen]
        for position, person_id in enumerate(chosen):
            role = Membership.Role.FACILITATOR if position == 0 else Membership.Role.MEMBER
            memberships.append(
                Membership(
                    group=group, person_id=person_id, role=role, joined_on=today - dt.timedelta(weeks=PAST_WEEKS + 4)
                )
            )
        members_of[group.pk] = chosen
    Membership.objects.bulk_create(memberships, batch_size=5000)

    held: dict[int, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.status == Meeting.Status.HELD:
            held.setdefault(meeting.group_id, []).append(meeting)
    attendance = []
    for group_id, group_meetings in held.items():
        for meeting in group_meetings[-ATTENDANCE_KEPT:]:
            attendance.extend(
                Attendance(meeting=meeting, person_id=pid, present=ctx.rng.random() < 0.7)
                for pid in members_of[group_id]
            )
    Attendance.objects.bulk_create(attendance, batch_size=5000)

    circle = Network.objects.create(
        organisation=organisations[0],
        name=f"{organisations[0].area} Peer Circle",
        about="Peers in the area keeping in touch between groups: news, events and people to call on.",
        area=organisations[0].area,
        district_id=ctx.logins["facilitator"].postcode_district or None,
    )
    NetworkMember.objects.bulk_create(
        [
            NetworkMember(network=circle, person=ctx.logins["peer"], listed=True, show_area=True, digest="weekly"),
            NetworkMember(
                network=circle,
                person=ctx.logins["facilitator"],
                listed=True,
                champion=True,
                champion_offer="Happy to help anyone start a group nearby.",
                digest="monthly",
            ),
        ]
    )
    NewsItem.objects.create(
        network=circle,
        author=ctx.logins["facilitator"],
        title="New Walk and Talk group starting",
        body="We start on the first Saturday of next month. All welcome.",
    )
    ctx.extra["groups"] = len(groups)
    ctx.log(f"Groups: {len(groups)} groups, {len(meetings)} meetings, {len(attendance)} attendance records")
