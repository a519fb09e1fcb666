"""What the supervision app holds about a worker, for subject access and erasure."""

from __future__ import annotations

from supervision.models import ReflectiveEntry, Session, SupervisionPlan, TeamMeeting, WellbeingCheckin


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Supervision sessions": [
            {
                "date": s.held_on.isoformat(),
                "kind": s.get_kind_display(),
                "supervisor": s.supervisor.display_name,
                "agenda": s.agenda,
                "what was discussed": s.notes,
            }
            for s in Session.objects.filter(workers=person).select_related("supervisor")
        ],
        "Reflective log": [
            {
                "date": e.written_on.isoformat(),
                "what happened": e.what_happened,
                "reflection": e.reflection,
                "shared": e.shared_with_supervisor,
            }
            for e in ReflectiveEntry.objects.filter(worker=person)
        ],
        "Wellbeing check-ins": [
            {
                "when": c.at.isoformat(),
                "feeling": c.get_feeling_display(),
                "note": c.note,
                "shared": c.shared_with_supervisor,
            }
            for c in WellbeingCheckin.objects.filter(worker=person)
        ],
        "Team meetings": [{"date": m.held_on.isoformat()} for m in TeamMeeting.objects.filter(attendees=person)],
    }


def erase(person, *, actor) -> dict[str, int]:
    """The worker's own logs and check-ins go; they leave the sessions and team meetings they were in,
    and individual sessions that were only with them go too."""
    counts = {
        "reflective entries": ReflectiveEntry.objects.filter(worker=person).delete()[0],
        "check-ins": WellbeingCheckin.objects.filter(worker=person).delete()[0],
        "plans": SupervisionPlan.objects.filter(worker=person).delete()[0],
    }
    individual = Session.objects.filter(workers=person, kind=Session.Kind.INDIVIDUAL)
    counts["individual sessions"] = individual.count()
    individual.delete()
    for session in Session.objects.filter(workers=person):
        session.workers.remove(person)
    for meeting in TeamMeeting.objects.filter(attendees=person):
        meeting.attendees.remove(person)
    return counts


RETENTION: list[dict] = []
