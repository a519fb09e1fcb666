import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from access.actor import actor_for_user
from audit.models import AuditEvent
from mutuality.errors import ServiceError
from supervision import selectors, services
from supervision.models import ReflectiveEntry, Session, WellbeingCheckin
from supervision.testing import make_checkin, make_reflection, make_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_supervisor_records_a_session_with_actions_and_the_worker_sees_it(world, client):
    client.force_login(world.users["supervisor"])
    response = client.post(
        reverse("supervision:session_new"),
        {
            "kind": "individual",
            "workers": [world.people["worker"].pk],
            "held_on": TODAY().isoformat(),
            "agenda": "A hard week",
            "notes": "Talked about endings with Alex",
            "action_1": "Plan the ending together",
            "follow_up_on": (TODAY() + dt.timedelta(days=14)).isoformat(),
            "submission_token": "3b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01",
        },
    )
    session = Session.objects.get()
    assert response.status_code == 302
    assert session.actions.get().owner == world.people["worker"]
    client.force_login(world.users["worker"])
    page = client.get(reverse("supervision:session", args=[session.pk])).content.decode()
    assert "Talked about endings with Alex" in page and "Plan the ending together" in page
    assert AuditEvent.objects.filter(action="read", target_type="supervision.session").exists()


def test_supervision_notes_are_encrypted_at_rest(world):
    session = make_session(world, notes="Something private")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM supervision_session WHERE id = %s", [session.pk])
        stored = cursor.fetchone()[0]
    assert "Something private" not in stored
    assert Session.objects.get().notes == "Something private"


@pytest.mark.parametrize("role", ["coordinator", "administrator", "peer", "evaluator", "commissioner"])
def test_nobody_outside_the_session_can_see_it(world, client, role):
    session = make_session(world)
    client.force_login(world.users[role])
    assert client.get(reverse("supervision:session", args=[session.pk])).status_code == 404


def test_supervision_only_with_people_you_supervise_and_not_in_the_future(world):
    kwargs = {
        "supervisor": world.people["supervisor"],
        "supervised_ids": frozenset({world.people["worker"].pk}),
        "actor": None,
    }
    with pytest.raises(ServiceError, match="people you supervise"):
        services.session_record(workers=[world.people["facilitator"]], held_on=TODAY(), **kwargs)
    with pytest.raises(ServiceError, match="in the future"):
        services.session_record(workers=[world.people["worker"]], held_on=TODAY() + dt.timedelta(days=1), **kwargs)
    with pytest.raises(ServiceError, match="Choose who"):
        services.session_record(workers=[], held_on=TODAY(), **kwargs)
    with pytest.raises(ServiceError, match="follow-up date must be after"):
        services.session_record(
            workers=[world.people["worker"]], held_on=TODAY(), follow_up_on=TODAY() - dt.timedelta(days=3), **kwargs
        )
    assert not Session.objects.exists()


def test_a_wellbeing_check_in_belongs_to_the_worker_until_they_share_it(world, client):
    client.force_login(world.users["worker"])
    client.post(
        reverse("supervision:wellbeing"),
        {"feeling": 2, "note": "Running on empty", "submission_token": "4b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"},
    )
    checkin = WellbeingCheckin.objects.get()
    client.force_login(world.users["supervisor"])
    shared_page = client.get(reverse("supervision:shared", args=[world.people["worker"].pk])).content.decode()
    assert "Running on empty" not in shared_page
    workload_page = client.get(reverse("supervision:workload")).content.decode()
    assert "Running on empty" not in workload_page and "Struggling" not in workload_page and "Low" not in workload_page
    assert client.post(reverse("supervision:checkin_share", args=[checkin.pk]), {"shared": "1"}).status_code == 404
    client.force_login(world.users["worker"])
    client.post(reverse("supervision:checkin_share", args=[checkin.pk]), {"shared": "1"})
    client.force_login(world.users["supervisor"])
    assert (
        "Running on empty"
        in client.get(reverse("supervision:shared", args=[world.people["worker"].pk])).content.decode()
    )


def test_reflective_log_is_private_by_default_and_shareable(world, client):
    private = make_reflection(world)
    shared = make_reflection(world, shared=True)
    ReflectiveEntry.objects.filter(pk=shared.pk).update(what_happened="Shared story")
    client.force_login(world.users["supervisor"])
    page = client.get(reverse("supervision:shared", args=[world.people["worker"].pk])).content.decode()
    assert "Shared story" in page and private.what_happened not in page
    client.force_login(world.users["coordinator"])
    assert client.get(reverse("supervision:shared", args=[world.people["worker"].pk])).status_code == 404


def test_a_reflection_needs_words(world):
    with pytest.raises(ServiceError, match="what happened"):
        services.reflection_write(worker=world.people["worker"], what_happened=" ", actor=None)


def test_workload_shows_caseload_against_capacity_and_when_supervision_is_due(world, client):
    make_session(world, days_ago=40)
    client.force_login(world.users["supervisor"])
    [row] = selectors.workload(actor_for_user(world.users["supervisor"]))
    assert (row.caseload, row.capacity) == (1, 6)
    assert row.supervision.state == "overdue"
    html = client.get(reverse("supervision:workload")).content.decode()
    assert "overdue" in html and "Jo" in html
    assert "boundaries" not in html  # the session's notes never appear
    services.plan_set(worker=world.people["worker"], every_days=60, actor=None)
    assert selectors.supervision_status([world.people["worker"].pk])[world.people["worker"].pk].state == "up to date"


def test_a_plan_outside_7_to_180_days_is_refused(world, client):
    client.force_login(world.users["supervisor"])
    response = client.post(reverse("supervision:plan", args=[world.people["worker"].pk]), {"every_days": 3})
    assert response.status_code == 200
    with pytest.raises(ServiceError, match="7 to 180"):
        services.plan_set(worker=world.people["worker"], every_days=365, actor=None)


def test_the_worker_sees_their_own_supervision_status(world, client):
    make_session(world, days_ago=25)
    client.force_login(world.users["worker"])
    assert "due soon" in client.get(reverse("supervision:home")).content.decode()


def test_team_meeting_is_seen_by_those_who_were_there(world, client):
    client.force_login(world.users["supervisor"])
    response = client.post(
        reverse("supervision:team_meeting_new"),
        {
            "attendees": [world.people["worker"].pk, world.people["facilitator"].pk],
            "held_on": TODAY().isoformat(),
            "what_worked": "Meeting people outdoors",
            "what_was_hard": "Endings",
            "submission_token": "5b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01",
        },
    )
    assert response.status_code == 302
    client.force_login(world.users["facilitator"])
    assert "Meeting people outdoors" in client.get(response.url).content.decode()
    client.force_login(world.users["peer"])
    assert client.get(response.url).status_code == 404


def test_a_checkin_with_a_made_up_feeling_is_refused(world):
    with pytest.raises(ServiceError, match="Choose how you are doing"):
        services.checkin_record(worker=world.people["worker"], feeling=9, actor=None)
    assert not WellbeingCheckin.objects.exists()
    make_checkin(world)
