import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups import services
from groups.models import Attendance, Group, Handover, Meeting, Membership
from groups.testing import make_group, make_meeting
from mutuality.errors import ServiceError

pytestmark = pytest.mark.django_db

NEW_GROUP = {
    "name": "Tuesday Drop-in",
    "who_for": "Anyone finding things hard",
    "what_happens": "",
    "format": "in_person",
    "area": "Exeter",
    "venue": "The Library",
    "accessibility": "Step-free",
    "contact": "Call 01392 000000",
    "welcomes_new_members": "on",
    "status": "starting",
    "postcode": "EX2 4AB",
}


def test_a_facilitator_starts_a_group_and_runs_it(world, client):
    client.force_login(world.users["facilitator"])
    response = client.post(
        reverse("groups:create"), {**NEW_GROUP, "submission_token": "9b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"}
    )
    group = Group.objects.get(name="Tuesday Drop-in")
    assert response.status_code == 302
    assert group.district_id == "EX2"
    assert group.memberships.get().role == Membership.Role.FACILITATOR
    again = client.post(
        reverse("groups:create"), {**NEW_GROUP, "submission_token": "9b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"}
    )
    assert again.status_code == 302
    assert Group.objects.filter(name="Tuesday Drop-in").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"postcode": ""}, "needs the first part of its postcode"),
        ({"postcode": "ZZ99"}, "could not find the postcode area ZZ99"),
        ({"postcode": "banana"}, "does not look like a UK postcode"),
    ],
)
def test_a_group_with_a_bad_place_is_refused_and_nothing_is_saved(world, client, changes, message):
    client.force_login(world.users["facilitator"])
    response = client.post(
        reverse("groups:create"), {**NEW_GROUP, **changes, "submission_token": "1b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Group.objects.exists()


def test_an_online_group_needs_no_postcode(world):
    group = services.group_create(
        organisation=world.org,
        facilitator=None,
        actor=None,
        **{**{k: v for k, v in NEW_GROUP.items() if k != "welcomes_new_members"}, "format": "online", "postcode": ""},
    )
    assert group.district is None


def test_bad_meeting_times_are_refused(world):
    group = make_group(world)
    with pytest.raises(ServiceError, match="end after it starts"):
        services.schedule_rule_add(
            group=group,
            weekday=0,
            starts_at=dt.time(12),
            ends_at=dt.time(11),
            first_date=dt.date(2025, 1, 6),
            actor=None,
        )
    with pytest.raises(ServiceError, match="not on the day of the week"):
        services.schedule_rule_add(
            group=group,
            weekday=1,
            starts_at=dt.time(10),
            ends_at=dt.time(11),
            first_date=dt.date(2025, 1, 6),
            actor=None,
        )
    with pytest.raises(ServiceError, match="which week of the month"):
        services.schedule_rule_add(
            group=group,
            weekday=0,
            starts_at=dt.time(10),
            ends_at=dt.time(11),
            first_date=dt.date(2025, 1, 6),
            frequency="monthly",
            actor=None,
        )


def test_rules_give_weekly_fortnightly_and_monthly_dates(world):
    group = make_group(world)
    first = dt.date(2025, 1, 6)  # a Monday
    weekly, fortnightly, monthly = (
        services.schedule_rule_add(
            group=group,
            weekday=0,
            starts_at=dt.time(10),
            ends_at=dt.time(11),
            first_date=first,
            frequency=freq,
            week_of_month=2 if freq == "monthly" else None,
            actor=None,
        )
        for freq in ("weekly", "fortnightly", "monthly")
    )
    end = dt.date(2025, 2, 28)
    assert len(services.rule_dates(weekly, first, end)) == 8
    assert services.rule_dates(fortnightly, first, end)[:3] == [first, dt.date(2025, 1, 20), dt.date(2025, 2, 3)]
    assert services.rule_dates(monthly, first, end) == [dt.date(2025, 1, 13), dt.date(2025, 2, 10)]


def test_planning_meetings_twice_does_not_double_them(world, client):
    group = make_group(world)
    client.force_login(world.users["facilitator"])
    client.post(reverse("groups:meetings_plan", args=[group.pk]))
    count = group.meetings.count()
    assert 11 <= count <= 13
    client.post(reverse("groups:meetings_plan", args=[group.pk]))
    assert group.meetings.count() == count


def test_facilitator_takes_attendance_of_members_and_guests(world, client):
    group = make_group(world)
    Membership.objects.create(group=group, person=world.people["peer"])
    meeting = make_meeting(group)
    client.force_login(world.users["facilitator"])
    page = client.get(reverse("groups:attendance", args=[meeting.pk])).content.decode()
    assert "Alex" in page and "Sam" in page
    response = client.post(
        reverse("groups:attendance", args=[meeting.pk]), {"present": [world.people["peer"].pk], "guests": 2}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.guests == 2
    assert set(Attendance.objects.filter(meeting=meeting, present=True).values_list("person_id", flat=True)) == {
        world.people["peer"].pk
    }


def test_attendance_is_refused_for_non_members_future_and_cancelled_meetings(world):
    group = make_group(world)
    meeting = make_meeting(group)
    with pytest.raises(ServiceError, match="not members"):
        services.attendance_record(meeting=meeting, present_ids={world.people["evaluator"].pk}, guests=0, actor=None)
    assert not Attendance.objects.exists()
    future = make_meeting(group, days_ago=-7)
    with pytest.raises(ServiceError, match="on the day of the meeting"):
        services.attendance_record(meeting=future, present_ids=set(), guests=0, actor=None)
    services.meeting_cancel(meeting=future, note="Venue closed", actor=None)
    with pytest.raises(ServiceError, match="cancelled"):
        services.attendance_record(meeting=future, present_ids=set(), guests=0, actor=None)


def test_a_cancelled_meeting_shows_as_cancelled_on_the_group_page(world, client):
    group = make_group(world)
    meeting = make_meeting(group, days_ago=-2)
    services.meeting_cancel(meeting=meeting, note="Venue closed", actor=None)
    html = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert "cancelled" in html and "Venue closed" in html


def test_a_person_joins_and_leaves_but_the_only_facilitator_cannot_leave(world, client):
    group = make_group(world)
    client.force_login(world.users["peer"])
    client.post(reverse("groups:join", args=[group.pk]))
    assert group.memberships.filter(person=world.people["peer"], left_on__isnull=True).exists()
    client.post(reverse("groups:leave", args=[group.pk]))
    assert not group.memberships.filter(person=world.people["peer"], left_on__isnull=True).exists()
    client.force_login(world.users["facilitator"])
    response = client.post(reverse("groups:leave", args=[group.pk]), follow=True)
    assert "hand the group over first" in response.content.decode()


def test_a_group_not_taking_members_refuses_to_join(world):
    group = make_group(world, welcomes_new_members=False)
    with pytest.raises(ServiceError, match="not taking new members"):
        services.membership_join(group=group, person=world.people["peer"], actor=None)


def test_facilitator_hands_the_group_over_to_a_member(world, client):
    group = make_group(world)
    Membership.objects.create(group=group, person=world.people["peer"])
    client.force_login(world.users["facilitator"])
    response = client.post(
        reverse("groups:handover", args=[group.pk]),
        {"to_person": world.people["peer"].pk, "notes": "Keys are with the caretaker."},
    )
    assert response.status_code == 302
    roles = dict(group.memberships.values_list("person__display_name", "role"))
    assert roles == {"Alex": "facilitator", "Sam": "member"}
    assert Handover.objects.get().notes == "Keys are with the caretaker."
    # The old facilitator no longer runs the group.
    assert client.get(reverse("groups:meetings", args=[group.pk])).status_code == 403


def test_handover_to_someone_outside_the_group_is_refused(world):
    group = make_group(world)
    with pytest.raises(ServiceError, match="must be a member"):
        services.facilitator_handover(
            group=group, from_person=world.people["facilitator"], to_person=world.people["peer"], notes="", actor=None
        )
    assert group.memberships.get().role == Membership.Role.FACILITATOR


def test_meetings_page_queries_are_constant(world, client, django_assert_max_num_queries):
    group = make_group(world)
    for days in range(20):
        make_meeting(group, days_ago=days)
    client.force_login(world.users["facilitator"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("groups:meetings", args=[group.pk])).status_code == 200
    assert timezone.now()
