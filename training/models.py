"""Courses, their parts, cohorts, applications, attendance per day, accreditation and cascade."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Organisation, Person


class Course(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="courses")
    title = models.CharField(max_length=160)
    summary = models.TextField(_("what the course is about"))
    who_for = models.TextField(_("who it is for"), blank=True)
    accreditation = models.CharField(
        _("accreditation"), max_length=200, blank=True, help_text=_("The body and award, if the course is accredited.")
    )
    certificate_wording = models.CharField(
        max_length=300, default="has completed the course and is recognised for their learning and lived experience."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class CoursePart(models.Model):
    """One part of a course: a five-day residential, or a one-day refresher two months later."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="parts")
    title = models.CharField(max_length=160)
    starts_after_days = models.PositiveIntegerField(
        _("starts how many days after the course starts"),
        default=0,
        help_text=_("0 for the first part; about 61 for two months."),
    )
    days = models.PositiveSmallIntegerField(_("number of days"), default=1)
    required_for_certificate = models.BooleanField(default=True)

    class Meta:
        ordering = ["course", "starts_after_days", "id"]
        constraints = [models.CheckConstraint(condition=Q(days__gte=1) & Q(days__lte=30), name="part_days_1_to_30")]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    link = models.URLField(blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title", "id"]


class Cohort(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    places = models.PositiveIntegerField()
    venue = models.CharField(max_length=200, blank=True)
    applications_open = models.BooleanField(default=True)

    class Meta:
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.course} – {self.name}"

    @property
    def organisation_id(self) -> int:
        return self.course.organisation_id


class CohortDay(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="days")
    part = models.ForeignKey(CoursePart, on_delete=models.CASCADE, related_name="cohort_days")
    date = models.DateField()
    day_number = models.PositiveSmallIntegerField(help_text=_("Day 1, 2, … of this part."))

    class Meta:
        ordering = ["date", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "part", "day_number"], name="one_day_per_part_number")]

    def __str__(self) -> str:
        return f"{self.part} day {self.day_number}"


class Application(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        OFFERED = "offered", _("Offered a place")
        WAITING = "waiting", _("On the waiting list")
        DECLINED = "declined", _("Not offered a place")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="course_applications")
    why = models.TextField(_("why you would like to come, and how you might pass it on"))
    needs = models.TextField(_("anything that would help you take part"), blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.APPLIED)
    applied_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="one_application_per_cohort")]

    def __str__(self) -> str:
        return f"{self.person} for {self.cohort}"


class DayAttendance(models.Model):
    day = models.ForeignKey(CohortDay, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="training_attendance")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "person"], name="one_training_attendance_per_day")]


class Completion(models.Model):
    """A participant completed the course: the accreditation record behind a certificate."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="completions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="course_completions")
    completed_on = models.DateField(default=timezone.localdate)
    certificate_number = models.CharField(max_length=40, unique=True)
    accreditation = models.CharField(max_length=200, blank=True)
    name_on_certificate = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-completed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["cohort", "person"], name="one_completion_per_cohort")]


class CascadeReport(models.Model):
    """What a participant went on to do, at a follow-up point after the course (e.g. 2 and 5 months)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="cascade_reports")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="cascade_reports")
    months_after = models.PositiveSmallIntegerField(_("months after the course"))
    joined_group = models.BooleanField(_("joined a peer support group"), default=False)
    started_group = models.BooleanField(_("started a peer support group"), default=False)
    one_to_one_people = models.PositiveIntegerField(_("people supported one to one"), default=0)
    talks_given = models.PositiveIntegerField(_("talks or presentations given"), default=0)
    passed_on_to = models.PositiveIntegerField(
        _("people you passed what you learned on to (an estimate is fine)"), default=0
    )
    reread_materials = models.BooleanField(_("reread the course materials"), default=False)
    reported_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["months_after", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person", "months_after"], name="one_cascade_report_per_point"),
            models.CheckConstraint(condition=Q(months_after__lte=60), name="cascade_within_five_years"),
        ]
