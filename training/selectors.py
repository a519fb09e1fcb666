"""Reads of courses and training records; cascade totals over time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Q, QuerySet

from access.actor import Actor
from training.models import Application, CascadeReport, Cohort, CohortDay, Completion, Course


def courses() -> QuerySet[Course]:
    return Course.objects.select_related("organisation").annotate(cohort_count=Count("cohorts")).order_by("title", "id")


def course_page(course: Course) -> dict:
    cohorts = list(
        course.cohorts.annotate(
            placed=Count("applications", filter=Q(applications__status=Application.Status.OFFERED))
        ).order_by("-starts_on")
    )
    return {
        "course": course,
        "parts": list(course.parts.all()),
        "materials": list(course.materials.all()),
        "cohorts": cohorts,
    }


@dataclass
class CascadeTotals:
    months_after: int
    reporting: int
    participants: int
    joined_group: int
    started_group: int
    one_to_one: int  # people who supported anyone one to one
    one_to_one_median: float | None
    one_to_one_iqr: float | None
    talks_given: int
    passed_on_people: int  # participants who passed it on
    passed_on_to: int  # total others reached (estimate)

    @property
    def reporting_percent(self) -> float:
        return 100 * self.reporting / self.participants if self.participants else 0.0

    def percent(self, count: int) -> float:
        return 100 * count / self.participants if self.participants else 0.0


def cascade_totals(course: Course) -> list[CascadeTotals]:
    """Per follow-up point (months after the course), over every cohort of the course:
    how many reported, joined or started groups, supported people one to one
    (median and interquartile range among those who did), talks, and people reached."""
    participants = Application.objects.filter(cohort__course=course, status=Application.Status.OFFERED).count()
    rows = list(
        CascadeReport.objects.filter(cohort__course=course).values_list(
            "months_after", "joined_group", "started_group", "one_to_one_people", "talks_given", "passed_on_to"
        )
    )
    by_point: dict[int, list[tuple]] = {}
    for row in rows:
        by_point.setdefault(row[0], []).append(row)
    totals = []
    for months, reports in sorted(by_point.items()):
        helped = np.array([r[3] for r in reports if r[3] > 0])
        if len(helped):
            q1, median, q3 = np.percentile(helped, [25, 50, 75])
        totals.append(
            CascadeTotals(
                months_after=months,
                reporting=len(reports),
                participants=participants,
                joined_group=sum(1 for r in reports if r[1]),
                started_group=sum(1 for r in reports if r[2]),
                one_to_one=len(helped),
                one_to_one_median=float(median) if len(helped) else None,
                one_to_one_iqr=float(q3 - q1) if len(helped) else None,
                talks_given=sum(r[4] for r in reports),
                passed_on_people=sum(1 for r in reports if r[5] > 0),
                passed_on_to=sum(r[5] for r in reports),
            )
        )
    return totals


def cohort_page(cohort: Cohort) -> dict:
    applications = list(cohort.applications.select_related("person").order_by("applied_at", "id"))
    days = list(
        CohortDay.objects.filter(cohort=cohort)
        .select_related("part")
        .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
        .order_by("date", "id")
    )
    completions = {c.person_id: c for c in cohort.completions.all()}
    network = cohort.networks.first()
    return {
        "cohort": cohort,
        "applications": applications,
        "placed": sum(1 for a in applications if a.status == Application.Status.OFFERED),
        "days": days,
        "completions": completions,
        "network": network,
    }


def my_training(actor: Actor) -> dict:
    applications = list(
        Application.objects.filter(person_id=actor.person_id).select_related("cohort__course").order_by("-applied_at")
    )
    completions = list(
        Completion.objects.filter(person_id=actor.person_id).select_related("cohort__course").order_by("-completed_on")
    )
    return {"applications": applications, "completions": completions}


def open_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(applications_open=True).select_related("course").order_by("starts_on")
