"""Support agreements, sessions, the diary and its calendar feed."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from access.actor import actor_for_user
from mutuality.errors import ServiceError
from people.models import Relationship
from support import selectors, services
from support.models import Agreement, CalendarFeed, Session, SupportSettings


def actor(world, role):
    return actor_for_user(world.users[role])


def agree(world, **extra):
    return services.agreement_start(
        person=world.people["peer"], worker=world.people["worker"], actor=actor(world, "worker"), **extra
    )


def at(days: int, hour: int = 10, minute: int = 0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def test_agreement_uses_the_organisations_usual_plan(world):
    SupportSettings.objects.create(organisation=world.org, planned_sessions=8, session_minutes_min=45)
    agreement = agree(world, goals="Get back to swimming", contact_arrangements="Text on weekdays")
    assert (agreement.planned_sessions, agreement.session_minutes_min, agreement.session_minutes_max) == (8, 45, 90)


def test_default_plan_is_ten_sessions_of_sixty_to_ninety_minutes(world):
    agreement = agree(world)
    assert (agreement.planned_sessions, agreement.session_minutes_min, agreement.session_minutes_max) == (10, 60, 90)


def test_only_a_worker_supporting_the_person_can_start_an_agreement(world):
    other = world.add_person("Lee", role="worker")
    with pytest.raises(ServiceError, match="not currently supporting"):
        services.agreement_start(person=world.people["peer"], worker=other, actor=actor(world, "worker"))
    agree(world)
    with pytest.raises(ServiceError, match="already an open agreement"):
        agree(world)


def test_agreement_form_rejects_a_bad_plan_and_saves_nothing(client, world):
    client.force_login(world.users["worker"])
    url = reverse("support:agreement_new", args=[world.people["peer"].pk])
    response = client.post(url, {"planned_sessions": "0"})
    assert "Ensure this value is greater than or equal to 1" in response.content.decode()
    response = client.post(url, {"planned_sessions": "10", "planned_end_on": "2001-01-01"})
    assert "cannot be in the past" in response.content.decode()
    assert not Agreement.objects.exists()


def test_sessions_are_numbered_against_the_plan_and_cancelled_ones_do_not_count(world):
    agreement = agree(world)
    first = services.session_schedule(
        agreement=agreement, starts_at=at(-14), minutes=60, mode="in_person", actor=actor(world, "worker")
    )
    second = services.session_schedule(
        agreement=agreement, starts_at=at(-7), minutes=60, mode="online", actor=actor(world, "worker")
    )
    third = services.session_schedule(
        agreement=agreement, starts_at=at(3), minutes=90, mode="phone", actor=actor(world, "worker")
    )
    services.session_record(
        session=first, status="attended", strategies_tried="Walked daily", actor=actor(world, "worker")
    )
    services.session_record(session=second, status="cancelled", cancelled_by="person", actor=actor(world, "worker"))
    numbers = {s.pk: n for s, n in selectors.numbered_sessions(agreement)}
    assert numbers == {first.pk: 1, second.pk: None, third.pk: 2}
    assert Session.objects.get(pk=first.pk).strategies_tried == "Walked daily"


def test_not_attended_is_recorded_without_blame_and_starts_no_chasing(world, client, mailoutbox):
    agreement = agree(world)
    session = services.session_schedule(
        agreement=agreement, starts_at=at(-1), minutes=60, mode="in_person", actor=actor(world, "worker")
    )
    client.force_login(world.users["worker"])
    response = client.post(reverse("support:session_record", args=[session.pk]), {"status": "not_attended"})
    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).status == "not_attended"
    assert mailoutbox == []
    page = client.get(reverse("support:agreement", args=[agreement.pk])).content.decode()
    assert "Did not happen" in page and "missed" not in page.lower() and "no-show" not in page.lower()


def test_recording_a_session_needs_who_cancelled_and_cannot_record_the_future_as_attended(world):
    agreement = agree(world)
    later = services.session_schedule(
        agreement=agreement, starts_at=at(2), minutes=60, mode="online", actor=actor(world, "worker")
    )
    with pytest.raises(ServiceError, match="who cancelled"):
        services.session_record(session=later, status="cancelled", actor=actor(world, "worker"))
    with pytest.raises(ServiceError, match="future"):
        services.session_record(session=later, status="attended", actor=actor(world, "worker"))
    assert Session.objects.get(pk=later.pk).status == "planned"


def test_plan_changes_keep_the_reason_and_who_agreed(world):
    agreement = agree(world)
    with pytest.raises(ServiceError, match="why the plan is changing"):
        services.plan_change(
            agreement=agreement,
            planned_sessions=12,
            planned_end_on=None,
            reason="",
            agreed_by="",
            actor=actor(world, "worker"),
        )
    change = services.plan_change(
        agreement=agreement,
        planned_sessions=12,
        planned_end_on=None,
        reason="Took a while to get going",
        agreed_by="Alex and Jo",
        actor=actor(world, "worker"),
    )
    agreement.refresh_from_db()
    assert agreement.planned_sessions == 12 and (change.sessions_before, change.sessions_after) == (10, 12)


def test_diary_week_flags_clashes(client, world, django_assert_max_num_queries):
    agreement = agree(world)
    for hour, minute in [(10, 0), (10, 30), (14, 0)]:
        services.session_schedule(
            agreement=agreement, starts_at=at(1, hour, minute), minutes=60, mode="online", actor=actor(world, "worker")
        )
    days = selectors.diary_week(world.people["worker"], selectors.week_start(timezone.localdate() + timedelta(days=1)))
    flags = [item["clash"] for day in days for item in day["sessions"]]
    assert flags == [True, True, False]
    client.force_login(world.users["worker"])
    week = (timezone.localdate() + timedelta(days=1)).isoformat()
    with django_assert_max_num_queries(12):
        page = client.get(reverse("support:diary") + f"?week={week}").content.decode()
    assert page.count("Clash: overlaps another session") == 2


def test_calendar_feed_works_in_a_calendar_app_until_the_link_is_revoked(client, world):
    agreement = agree(world)
    services.session_schedule(
        agreement=agreement,
        starts_at=at(2),
        minutes=75,
        mode="in_person",
        place="Library café",
        actor=actor(world, "worker"),
    )
    feed = services.calendar_feed_reset(worker=world.people["worker"], actor=actor(world, "worker"))
    response = client.get(reverse("support:ical", args=[feed.token]))
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Peer support: Alex" and str(event["location"]) == "Library café"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=75)
    services.calendar_feed_reset(worker=world.people["worker"], actor=actor(world, "worker"))
    assert client.get(reverse("support:ical", args=[feed.token])).status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_a_planned_ending_reviews_goals_and_ends_the_support_relationship(world):
    agreement = agree(world, goals="Feel less alone")
    upcoming = services.session_schedule(
        agreement=agreement, starts_at=at(5), minutes=60, mode="online", actor=actor(world, "worker")
    )
    services.agreement_end(
        agreement=agreement,
        reason="Plan completed",
        goals_review="Joined a walking group",
        goals_outcome="moving",
        carry_on_with="Tuesday walking group",
        actor=actor(world, "worker"),
    )
    agreement.refresh_from_db()
    assert not agreement.is_open and agreement.feedback_invited
    assert agreement.get_goals_outcome_display() == "Moved towards them"
    assert Session.objects.get(pk=upcoming.pk).status == "cancelled"
    assert not Relationship.objects.filter(
        from_person=world.people["worker"], to_person=world.people["peer"], ended_at=None
    ).exists()
    with pytest.raises(ServiceError, match="already ended"):
        services.agreement_end(agreement=agreement, reason="Again", actor=actor(world, "worker"))


def test_the_person_can_end_support_themselves(client, world):
    agreement = agree(world)
    client.force_login(world.users["peer"])
    response = client.post(reverse("support:ending", args=[agreement.pk]), {"reason": "I feel ready to stop"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.ending_reason == "I feel ready to stop" and not agreement.is_open


def test_sessions_in_the_api_carry_no_personal_words(world):
    from rest_framework.test import APIClient

    agreement = agree(world)
    session = services.session_schedule(
        agreement=agreement, starts_at=at(-1), minutes=60, mode="online", actor=actor(world, "worker")
    )
    services.session_record(
        session=session, status="attended", strategies_tried="Breathing", actor=actor(world, "worker")
    )
    client = APIClient()
    client.force_authenticate(world.users["peer"])
    rows = client.get("/api/sessions/").json()["results"]
    assert [(r["id"], r["status"], r["person"]) for r in rows] == [(session.pk, "attended", world.people["peer"].pk)]
    assert "Breathing" not in str(rows)


def test_coordinator_sets_the_organisations_usual_numbers_and_bad_ones_are_refused(client, world):
    client.force_login(world.users["coordinator"])
    data = {"referral_target_days": 3, "planned_sessions": 12, "session_minutes_min": 90, "session_minutes_max": 60}
    response = client.post(reverse("support:settings"), data)
    assert "cannot be shorter than the shortest" in response.content.decode()
    assert SupportSettings.for_organisation(world.org.pk).planned_sessions == 10
    client.post(reverse("support:settings"), {**data, "session_minutes_max": 120})
    assert agree(world).planned_sessions == 12


def test_planning_a_session_over_another_warns_of_the_clash(client, world):
    agreement = agree(world)
    services.session_schedule(
        agreement=agreement, starts_at=at(2, 10), minutes=90, mode="online", actor=actor(world, "worker")
    )
    client.force_login(world.users["worker"])
    url = reverse("support:session_new", args=[agreement.pk])
    data = {"starts_at": at(2, 11).strftime("%Y-%m-%dT%H:%M"), "minutes": 60, "mode": "in_person"}
    response = client.post(url, data, follow=True)
    assert "clashes with another in the diary" in response.content.decode()
    response = client.post(url, {**data, "minutes": 2})
    assert "greater than or equal to 5" in response.content.decode()
    assert Session.objects.count() == 2


def test_an_ending_with_an_unknown_goals_outcome_is_refused_and_support_goes_on(world):
    agreement = agree(world, goals="Feel less alone")
    with pytest.raises(ServiceError, match="where the person got to"):
        services.agreement_end(
            agreement=agreement, reason="Plan completed", goals_outcome="cured", actor=actor(world, "worker")
        )
    agreement.refresh_from_db()
    assert agreement.is_open
