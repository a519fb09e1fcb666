import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from mutuality.errors import ServiceError
from training import selectors, services
from training.models import Application, CascadeReport, Cohort, Completion, Course, DayAttendance
from training.testing import make_cohort, make_course

pytestmark = pytest.mark.django_db


def test_a_cohort_gets_a_dated_day_for_each_day_of_each_part(world):
    cohort = make_cohort(world, days_ago=0)
    dates = [(d.part.title, d.day_number, d.date - cohort.starts_on) for d in cohort.days.select_related("part")]
    assert [d for d in dates if d[0] == "Residential"] == [
        ("Residential", n + 1, dt.timedelta(days=n)) for n in range(5)
    ]
    assert ("Two-month refresher", 1, dt.timedelta(days=61)) in dates
    assert ("Five-month refresher", 1, dt.timedelta(days=152)) in dates


def test_a_cohort_needs_parts_and_places(world):
    course = Course.objects.create(organisation=world.org, title="Empty", summary="x")
    with pytest.raises(ServiceError, match="Add the parts of the course"):
        services.cohort_create(course=course, name="A", starts_on=timezone.localdate(), places=10, actor=None)
    with pytest.raises(ServiceError, match="at least one place"):
        services.cohort_create(
            course=make_course(world), name="A", starts_on=timezone.localdate(), places=0, actor=None
        )
    assert not Cohort.objects.exists()


def test_a_person_applies_once_and_is_offered_a_place_while_places_last(world, client):
    cohort = make_cohort(world, places=1, placed=())
    client.force_login(world.users["peer"])
    token = "2b0d4d6e-2b47-4d8e-9d55-7f1d6b7a1c01"
    form = {"why": "I want to start a group in my town", "needs": "", "submission_token": token}
    client.post(reverse("training:apply", args=[cohort.pk]), form)
    client.post(reverse("training:apply", args=[cohort.pk]), form)  # the button pressed twice
    assert Application.objects.filter(cohort=cohort).count() == 1
    with pytest.raises(ServiceError, match="already applied"):
        services.application_submit(cohort=cohort, person=world.people["peer"], why="again", actor=None)
    second = services.application_submit(cohort=cohort, person=world.people["worker"], why="To learn", actor=None)
    services.application_decide(
        application=Application.objects.get(person=world.people["peer"]), status="offered", actor=None
    )
    with pytest.raises(ServiceError, match="All 1 places are taken"):
        services.application_decide(application=second, status="offered", actor=None)
    services.application_decide(application=second, status="waiting", actor=None)
    second.refresh_from_db()
    assert second.status == Application.Status.WAITING


def test_an_application_needs_a_reason_and_an_open_cohort(world):
    cohort = make_cohort(world, placed=())
    with pytest.raises(ServiceError, match="why you would like to come"):
        services.application_submit(cohort=cohort, person=world.people["peer"], why="  ", actor=None)
    cohort.applications_open = False
    cohort.save()
    with pytest.raises(ServiceError, match="closed"):
        services.application_submit(cohort=cohort, person=world.people["peer"], why="To learn", actor=None)


def test_attendance_is_taken_per_day_for_people_with_a_place_only(world, client):
    cohort = make_cohort(world)
    day = cohort.days.order_by("date").first()
    client.force_login(world.users["trainer"])
    response = client.post(reverse("training:attendance", args=[day.pk]), {"present": [world.people["peer"].pk]})
    assert response.status_code == 302
    assert DayAttendance.objects.get(day=day).present
    with pytest.raises(ServiceError, match="do not have a place"):
        services.day_attendance_record(day=day, present_ids={world.people["worker"].pk}, actor=None)


def test_completion_needs_every_required_day_and_gives_a_pdf_certificate(world, client):
    cohort = make_cohort(world)
    peer = world.people["peer"]
    with pytest.raises(ServiceError, match="6 required days not marked as attended"):
        services.completion_record(cohort=cohort, person=peer, actor=None)
    for day in cohort.days.filter(part__required_for_certificate=True):
        services.day_attendance_record(day=day, present_ids={peer.pk}, actor=None)
    client.force_login(world.users["trainer"])
    client.post(reverse("training:complete", args=[cohort.pk, peer.pk]))
    completion = Completion.objects.get()
    assert completion.accreditation == "Open College Network, Level 3"
    client.force_login(world.users["peer"])
    response = client.get(reverse("training:certificate", args=[completion.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"],
            input=response.content,
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert "Certificate of completion" in text
        assert "Alex" in text
        assert "Intentional Peer Support" in text
        assert completion.certificate_number in text


def test_only_people_with_a_place_record_what_they_went_on_to_do(world, client):
    cohort = make_cohort(world)
    with pytest.raises(ServiceError, match="Only people who had a place"):
        services.cascade_report_save(cohort=cohort, person=world.people["worker"], months_after=2, actor=None)
    client.force_login(world.users["peer"])
    response = client.post(
        reverse("training:cascade", args=[cohort.pk]),
        {"months_after": 2, "joined_group": "on", "one_to_one_people": 4, "talks_given": 1, "passed_on_to": 12},
    )
    assert response.status_code == 302
    report = CascadeReport.objects.get()
    assert (report.months_after, report.joined_group, report.passed_on_to) == (2, True, 12)
    bad = client.post(reverse("training:cascade", args=[cohort.pk]), {"months_after": 2, "passed_on_to": -3})
    assert bad.status_code == 200
    assert CascadeReport.objects.get().passed_on_to == 12


def test_course_page_totals_the_cascade_at_each_follow_up_like_the_devon_evaluation(world, client):
    people = [world.add_person(f"Participant {n}") for n in range(6)]
    cohort = make_cohort(world, placed=())
    for person in people:
        Application.objects.create(cohort=cohort, person=person, why="x", status="offered")
    two_months = [(4, 10), (0, 0), (8, 40), (2, 43)]
    for person, (one_to_one, passed) in zip(people, two_months, strict=False):
        services.cascade_report_save(
            cohort=cohort, person=person, months_after=2, one_to_one_people=one_to_one, passed_on_to=passed, actor=None
        )
    for person in people[:5]:
        services.cascade_report_save(
            cohort=cohort, person=person, months_after=5, passed_on_to=40, talks_given=2, started_group=True, actor=None
        )
    totals = selectors.cascade_totals(cohort.course)
    first, second = totals
    assert (first.months_after, first.reporting, first.participants) == (2, 4, 6)
    assert (first.passed_on_people, first.passed_on_to) == (3, 93)
    assert first.one_to_one == 3 and first.one_to_one_median == 4.0 and first.one_to_one_iqr == 3.0
    assert (second.reporting, second.passed_on_to, second.talks_given, second.started_group) == (5, 200, 10, 5)
    client.force_login(world.users["trainer"])
    html = client.get(reverse("training:course", args=[cohort.course_id])).content.decode()
    assert "4/6 (67%)" in html and "93" in html
    client.force_login(world.users["peer"])
    assert "Cascade over time" not in client.get(reverse("training:course", args=[cohort.course_id])).content.decode()


def test_course_page_queries_do_not_grow_with_cohorts(world, client, django_assert_max_num_queries):
    course = make_course(world)
    for _ in range(8):
        make_cohort(world, course=course, placed=())
    client.force_login(world.users["trainer"])
    with django_assert_max_num_queries(16):
        assert client.get(reverse("training:course", args=[course.pk])).status_code == 200


def test_a_cohort_becomes_a_network_its_alumni_join_by_choice(world, client):
    cohort = make_cohort(world)
    client.force_login(world.users["trainer"])
    client.post(reverse("training:cohort_network", args=[cohort.pk]))
    client.post(reverse("training:cohort_network", args=[cohort.pk]))  # again: still one network
    network = cohort.networks.get()
    assert network.members.count() == 0  # nobody is added without choosing
    client.force_login(world.users["peer"])
    assert network.name in client.get(reverse("training:mine")).content.decode()
