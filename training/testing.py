"""Helpers for tests that need a course with a cohort."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from training.models import Application, Cohort, CohortDay, Completion, Course, CoursePart


def make_course(world, *, title="Intentional Peer Support") -> Course:
    course = Course.objects.create(
        organisation=world.org,
        title=title,
        summary="Five days together, then refresher workshops at two and five months.",
        accreditation="Open College Network, Level 3",
    )
    CoursePart.objects.create(course=course, title="Residential", starts_after_days=0, days=5)
    CoursePart.objects.create(course=course, title="Two-month refresher", starts_after_days=61, days=1)
    CoursePart.objects.create(
        course=course, title="Five-month refresher", starts_after_days=152, days=1, required_for_certificate=False
    )
    return course


def make_cohort(world, *, course=None, days_ago=200, places=30, placed=("peer",)) -> Cohort:
    from training import services

    course = course or make_course(world)
    cohort = services.cohort_create(
        course=course,
        name="Spring",
        starts_on=timezone.localdate() - dt.timedelta(days=days_ago),
        places=places,
        actor=None,
    )
    for role in placed:
        Application.objects.create(
            cohort=cohort, person=world.people[role], why="To start a group", status=Application.Status.OFFERED
        )
    return cohort


def make_completion(world) -> Completion:
    cohort = make_cohort(world)
    return Completion.objects.create(
        cohort=cohort, person=world.people["peer"], certificate_number="TEST-1", name_on_certificate="Alex"
    )


def first_day(cohort) -> CohortDay:
    return cohort.days.order_by("date").first()
