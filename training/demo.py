"""Demo courses: in each organisation, the five-day course with refreshers at two and five months,
a cohort that finished most of a year ago (with attendance, completions and cascade reports) and
one open for applications. Each finished cohort keeps in touch through an alumni network."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from groups.models import Network, NetworkMember
from training.models import (
    Application,
    CascadeReport,
    Cohort,
    CohortDay,
    Completion,
    Course,
    CoursePart,
    DayAttendance,
)


def _cohort(course, parts, name, starts_on, places):
    cohort = Cohort.objects.create(
        course=course, name=name, starts_on=starts_on, places=places, venue="Dartington Hall"
    )
    days = CohortDay.objects.bulk_create(
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
    return cohort, days


def load(ctx) -> None:
    today = timezone.localdate()
    for index, organisation in enumerate(ctx.organisations):
        course = Course.objects.create(
            organisation=organisation,
            title="Intentional Peer Support: the core course",
            summary="Five days together learning the four tasks (connection, worldview, mutuality, moving towards), "
            "then one-day refresher workshops at two and five months.",
            who_for="People with lived experience who want to use peer support and pass it on in their own area.",
            accreditation="Open College Network, Level 3 (demo)",
        )
        parts = [
            CoursePart.objects.create(course=course, title="Five-day residential", starts_after_days=0, days=5),
            CoursePart.objects.create(course=course, title="Two-month refresher", starts_after_days=61, days=1),
            CoursePart.objects.create(
                course=course,
                title="Five-month refresher",
                starts_after_days=152,
                days=1,
                required_for_certificate=False,
            ),
        ]
        past, days = _cohort(course, parts, "Autumn cohort", today - dt.timedelta(days=300), 30)
        _cohort(course, parts, "Spring cohort", today + dt.timedelta(days=45), 30)
        pool = list(ctx.peers.get(organisation.pk, [])) + list(ctx.workers.get(organisation.pk, []))
        chosen = ctx.rng.sample(pool, k=min(len(pool), 26))
        if index == 0 and ctx.logins["peer"].pk not in chosen:
            chosen = [ctx.logins["peer"].pk, *chosen[:-1]]
        Application.objects.bulk_create(
            [
                Application(cohort=past, person_id=pid, why="To use peer support and pass it on.", status="offered")
                for pid in chosen
            ]
        )
        attendance, completions, reports = [], [], []
        for pid in chosen:
            all_required = True
            for day in days:
                present = ctx.rng.random() < 0.93
                attendance.append(DayAttendance(day=day, person_id=pid, present=present))
                if day.part.required_for_certificate and not present:
                    all_required = False
            if all_required:
                completions.append(
                    Completion(
                        cohort=past,
                        person_id=pid,
                        completed_on=past.starts_on + dt.timedelta(days=61),
                        certificate_number=f"DEMO-{past.pk}-{pid}",
                        accreditation=course.accreditation,
                        name_on_certificate=f"Participant {pid}",
                    )
                )
            for months, answer_rate in ((2, 0.73), (5, 0.89)):
                if ctx.rng.random() < answer_rate:
                    reports.append(
                        CascadeReport(
                            cohort=past,
                            person_id=pid,
                            months_after=months,
                            joined_group=ctx.rng.random() < 0.4,
                            started_group=ctx.rng.random() < 0.05,
                            one_to_one_people=ctx.rng.choice([0, 0, 1, 2, 3, 4, 6, 10]),
                            talks_given=ctx.rng.choice([0, 0, 0, 1, 2]),
                            passed_on_to=ctx.rng.choice([0, 2, 4, 6, 10, 15]) * (1 if months == 2 else 2),
                            reread_materials=ctx.rng.random() < 0.35,
                        )
                    )
        DayAttendance.objects.bulk_create(attendance, batch_size=5000)
        Completion.objects.bulk_create(completions)
        CascadeReport.objects.bulk_create(reports)
        alumni = Network.objects.create(
            organisation=organisation,
            name=f"{organisation.area} IPS alumni",
            about="Everyone from the core course, keeping in touch and sharing what works.",
            area=organisation.area,
            cohort=past,
        )
        NetworkMember.objects.bulk_create(
            [
                NetworkMember(
                    network=alumni,
                    person_id=pid,
                    listed=ctx.rng.random() < 0.5,
                    digest=ctx.rng.choice(["never", "weekly", "monthly"]),
                )
                for pid in chosen
            ]
        )
    ctx.log(f"Training: {len(ctx.organisations)} courses with cohorts, attendance and cascade reports")
