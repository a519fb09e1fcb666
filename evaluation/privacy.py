"""People's rights over their evaluation records (see docs/contributing.md)."""

from __future__ import annotations

from typing import Any

from audit.models import AuditEvent
from audit.services import record

from .models import TEXT_KINDS, Answer, Participant, ParticipantIdentity


def subject_data(person) -> dict[str, list[dict]]:
    participations = Participant.objects.filter(identity__person=person).select_related("evaluation")
    answers = (
        Answer.objects.filter(response__participant__identity__person=person)
        .select_related("item", "response__wave", "response__participant__evaluation", "response__version__instrument")
        .order_by("response__participant_id", "response__wave__position", "item__position")
    )
    return {
        "Evaluations you take part in": [
            {
                "evaluation": p.evaluation.name,
                "research number": p.research_number,
                "joined": p.enrolled_at.date().isoformat(),
                "withdrawn": p.withdrawn_at.date().isoformat() if p.withdrawn_at else "",
            }
            for p in participations
        ],
        "Your questionnaire answers": [
            {
                "evaluation": a.response.participant.evaluation.name,
                "wave": a.response.wave.label,
                "questionnaire": a.response.version.instrument.name,
                "question": a.item.text,
                "answer": a.text if a.item.kind in TEXT_KINDS else a.value,
            }
            for a in answers
        ],
    }


def erase(person, *, actor: Any) -> dict[str, int]:
    """Remove the person's participations and answers (and so the research-number link)."""
    participants = list(Participant.objects.filter(identity__person=person))
    answers = Answer.objects.filter(response__participant__in=participants).count()
    for participant in participants:
        record(actor=actor, action=AuditEvent.Action.DELETE, target=participant, summary="Erased on request")
    ParticipantIdentity.objects.filter(participant__in=participants).delete()
    Participant.objects.filter(pk__in=[p.pk for p in participants]).delete()
    return {"evaluation.participant": len(participants), "evaluation.answer": answers}


# Evaluation answers are kept until the person withdraws or asks for erasure; the
# evaluation's own data-management plan sets any end date.
RETENTION: list[dict] = []
