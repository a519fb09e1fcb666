"""What the training app holds about a person, for subject access and erasure."""

from __future__ import annotations

from training.models import Application, CascadeReport, Completion, DayAttendance


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Course applications": [
            {"course": a.cohort.course.title, "cohort": a.cohort.name, "status": a.get_status_display(), "why": a.why}
            for a in Application.objects.filter(person=person).select_related("cohort__course")
        ],
        "Course attendance": [
            {"day": d.day.date.isoformat(), "part": d.day.part.title, "present": d.present}
            for d in DayAttendance.objects.filter(person=person).select_related("day__part")
        ],
        "Certificates": [
            {"course": c.cohort.course.title, "completed": c.completed_on.isoformat(), "number": c.certificate_number}
            for c in Completion.objects.filter(person=person).select_related("cohort__course")
        ],
        "What I went on to do": [
            {
                "months after": r.months_after,
                "joined a group": r.joined_group,
                "started a group": r.started_group,
                "people one to one": r.one_to_one_people,
                "talks": r.talks_given,
                "passed on to": r.passed_on_to,
            }
            for r in CascadeReport.objects.filter(person=person)
        ],
    }


def erase(person, *, actor) -> dict[str, int]:
    """Everything goes, completion records included: a certificate already printed stays
    with its holder, but the organisation can no longer confirm it."""
    counts = {
        "applications": Application.objects.filter(person=person).delete()[0],
        "attendance": DayAttendance.objects.filter(person=person).delete()[0],
        "cascade reports": CascadeReport.objects.filter(person=person).delete()[0],
    }
    counts["completions"] = Completion.objects.filter(person=person).delete()[0]
    return counts


RETENTION: list[dict] = []
