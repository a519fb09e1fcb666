"""Every change to courses, cohorts, applications, attendance, completions and cascade reports."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people.models import Organisation, Person
from training.models import (
    Application,
    CascadeReport,
    Cohort,
    CohortDay,
    Completion,
    Course,
    CoursePart,
    DayAttendance,
    Material,
)

A = AuditEvent.Action
PLACED = (Application.Status.OFFERED,)


@transaction.atomic
def course_create(*, organisation: Organisation, title: str, summary: str, actor: Any, **fields) -> Course:
    if not title.strip():
        raise ServiceError("Please give the course a title.")
    course = Course.objects.create(organisation=organisation, title=title.strip(), summary=summary, **fields)
    record(actor=actor, action=A.CREATE, target=course, summary="Course")
    return course


@transaction.atomic
def course_part_add(
    *, course: Course, title: str, starts_after_days: int, days: int, required_for_certificate: bool = True, actor: Any
) -> CoursePart:
    if not 1 <= days <= 30:
        raise ServiceError("A part of a course lasts between 1 and 30 days.")
    part = CoursePart.objects.create(
        course=course,
        title=title,
        starts_after_days=starts_after_days,
        days=days,
        required_for_certificate=required_for_certificate,
    )
    record(actor=actor, action=A.CREATE, target=part, organisation_id=course.organisation_id, summary="Course part")
    return part


@transaction.atomic
def material_add(*, course: Course, title: str, link: str = "", description: str = "", actor: Any) -> Material:
    material = Material.objects.create(course=course, title=title, link=link, description=description)
    record(actor=actor, action=A.CREATE, target=material, organisation_id=course.organisation_id, summary="Material")
    return material


@transaction.atomic
def cohort_create(*, course: Course, name: str, starts_on: dt.date, places: int, venue: str = "", actor: Any) -> Cohort:
    """A cohort with a dated day for every day of every part of the course."""
    parts = list(course.parts.all())
    if not parts:
        raise ServiceError("Add the parts of the course (for example a five-day residential) before a cohort.")
    if places < 1:
        raise ServiceError("A cohort needs at least one place.")
    cohort = Cohort.objects.create(course=course, name=name, starts_on=starts_on, places=places, venue=venue)
    CohortDay.objects.bulk_create(
        [
            CohortDay(
                cohort=cohort,
                part=part,
                date=starts_on + dt.timedelta(days=part.starts_after_days + n),
                day_number=n + 1,
            )
            for part in parts
            for n in range(part.days)
        ]
    )
    record(actor=actor, action=A.CREATE, target=cohort, organisation_id=course.organisation_id, summary="Cohort")
    return cohort


@transaction.atomic
def application_submit(*, cohort: Cohort, person: Person, why: str, needs: str = "", actor: Any) -> Application:
    if not cohort.applications_open:
        raise ServiceError("Applications for this cohort are closed.")
    if not why.strip():
        raise ServiceError("Please say a little about why you would like to come.")
    try:
        with transaction.atomic():
            application = Application.objects.create(cohort=cohort, person=person, why=why, needs=needs)
    except IntegrityError:
        raise ServiceError("You have already applied for this cohort.") from None
    record(
        actor=actor,
        action=A.CREATE,
        target=application,
        organisation_id=cohort.course.organisation_id,
        summary="Application",
    )
    return application


@transaction.atomic
def application_decide(*, application: Application, status: str, actor: Any) -> Application:
    """Offer a place (only while places are left), put on the waiting list, or decline."""
    if status not in (Application.Status.OFFERED, Application.Status.WAITING, Application.Status.DECLINED):
        raise ServiceError("Choose to offer a place, add to the waiting list, or not offer a place.")
    cohort = Cohort.objects.select_for_update().get(pk=application.cohort_id)
    if status == Application.Status.OFFERED and application.status != status:
        taken = cohort.applications.filter(status__in=PLACED).count()
        if taken >= cohort.places:
            raise ServiceError(f"All {cohort.places} places are taken. Add this person to the waiting list instead.")
    application.status = status
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    record(
        actor=actor,
        action=A.UPDATE,
        target=application,
        organisation_id=cohort.course.organisation_id,
        summary="Application decided",
        detail={"status": status},
    )
    return application


def participant_ids(cohort: Cohort) -> frozenset[int]:
    return frozenset(cohort.applications.filter(status__in=PLACED).values_list("person_id", flat=True))


@transaction.atomic
def day_attendance_record(*, day: CohortDay, present_ids: set[int], actor: Any) -> int:
    participants = participant_ids(day.cohort)
    if present_ids - participants:
        raise ServiceError("Some of the people ticked do not have a place on this cohort.")
    if day.date > timezone.localdate():
        raise ServiceError("Attendance can be taken on the day or afterwards.")
    DayAttendance.objects.filter(day=day).delete()
    DayAttendance.objects.bulk_create(
        [DayAttendance(day=day, person_id=pid, present=pid in present_ids) for pid in sorted(participants)]
    )
    record(
        actor=actor,
        action=A.UPDATE,
        target=day,
        organisation_id=day.cohort.course.organisation_id,
        summary="Training attendance",
        detail={"present": len(present_ids)},
    )
    return len(present_ids)


def missing_required_days(cohort: Cohort, person: Person) -> int:
    required = CohortDay.objects.filter(cohort=cohort, part__required_for_certificate=True)
    attended = required.filter(attendance__person=person, attendance__present=True)
    return required.count() - attended.count()


@transaction.atomic
def completion_record(*, cohort: Cohort, person: Person, actor: Any) -> Completion:
    """Record that a participant completed the course; they can then download a certificate."""
    if person.pk not in participant_ids(cohort):
        raise ServiceError(f"{person.display_name} did not have a place on this cohort.")
    missing = missing_required_days(cohort, person)
    if missing:
        raise ServiceError(
            f"{person.display_name} has {missing} required day{'s' if missing != 1 else ''} not marked as attended."
        )
    if Completion.objects.filter(cohort=cohort, person=person).exists():
        raise ServiceError(f"{person.display_name}'s completion is already recorded.")
    completion = Completion.objects.create(
        cohort=cohort,
        person=person,
        certificate_number=f"{cohort.course.organisation.slug[:8].upper()}-{cohort.pk}-{secrets.token_hex(4).upper()}",
        accreditation=cohort.course.accreditation,
        name_on_certificate=person.full_name or person.display_name,
        recorded_by=getattr(actor, "person", None),
    )
    record(
        actor=actor,
        action=A.CREATE,
        target=completion,
        organisation_id=cohort.course.organisation_id,
        summary="Course completed",
    )
    return completion


@transaction.atomic
def cascade_report_save(*, cohort: Cohort, person: Person, months_after: int, actor: Any, **answers) -> CascadeReport:
    """A participant's own account of what they went on to do; one per follow-up point, replaced if sent again."""
    if person.pk not in participant_ids(cohort):
        raise ServiceError("Only people who had a place on this cohort can record what they went on to do.")
    if not 1 <= months_after <= 60:
        raise ServiceError("Months after the course must be between 1 and 60.")
    for name in ("one_to_one_people", "talks_given", "passed_on_to"):
        if answers.get(name, 0) < 0:
            raise ServiceError("Numbers cannot be negative.")
    report, created = CascadeReport.objects.update_or_create(
        cohort=cohort,
        person=person,
        months_after=months_after,
        defaults={**answers, "reported_on": timezone.localdate()},
    )
    record(
        actor=actor,
        action=A.CREATE if created else A.UPDATE,
        target=report,
        organisation_id=cohort.course.organisation_id,
        summary="Cascade report",
    )
    return report
