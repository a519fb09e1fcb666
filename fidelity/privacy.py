"""People's rights for fidelity: what it holds about a person, and erasure.

Answers themselves are the evaluation engine's (Response, Answer); here are who
was asked and from which perspective, rounds about a worker, reflections they
wrote, actions they own and team membership.
"""

from __future__ import annotations

from evaluation.models import Evaluation, Participant

from .models import Action, Reflection, Respondent, Round, Team


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Fidelity rounds you were asked to answer": [
            {"round": r.round.label, "opened": r.round.opened_on.isoformat(), "as": str(r.get_perspective_display())}
            for r in Respondent.objects.filter(person=person).select_related("round")
        ],
        "Fidelity rounds about your practice": [
            {"round": r.label, "opened": r.opened_on.isoformat(), "status": str(r.get_status_display())}
            for r in Round.objects.filter(worker=person)
        ],
        "Reflections you wrote up": [
            {"written": r.written_at.date().isoformat(), "text": r.text}
            for r in Reflection.objects.filter(written_by=person)
        ],
        "Actions you agreed to": [
            {"action": a.text, "due": a.due_on.isoformat(), "done": a.done_on.isoformat() if a.done_on else ""}
            for a in Action.objects.filter(owner=person)
        ],
        "Teams": [{"team": t.name} for t in Team.objects.filter(members=person)],
    }


def erase(person, *, actor) -> dict[str, int]:
    """Rounds about the person go entirely (with their answers); their own ratings leave
    every round; team text they wrote up stays as the team's, without their name."""
    own_rounds = list(Round.objects.filter(worker=person).values_list("pk", "evaluation_id"))
    Round.objects.filter(pk__in=[pk for pk, _ in own_rounds]).delete()
    Evaluation.objects.filter(pk__in=[e for _, e in own_rounds]).delete()
    participant_ids = list(Respondent.objects.filter(person=person).values_list("participant_id", flat=True))
    respondents = Participant.objects.filter(pk__in=participant_ids).delete()[1].get("fidelity.Respondent", 0)
    reflections = Reflection.objects.filter(written_by=person).update(written_by=None)
    actions = Action.objects.filter(owner=person).update(owner=None)
    for team in Team.objects.filter(members=person):
        team.members.remove(person)
    return {
        "rounds about the person": len(own_rounds),
        "ratings": respondents,
        "reflections": reflections,
        "actions": actions,
    }


RETENTION: list[dict] = []
