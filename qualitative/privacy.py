"""People's rights in qualitative analysis.

A participant's answers are copied into projects by research number; the link to
the person is asked of the policy module. A coder's coding carries their person.
"""

from __future__ import annotations

from access.rules.evaluation import participations_of

from .models import Coder, Document, Memo, Segment

RETENTION: list[dict] = []  # kept while the project exists; withdrawn people's answers are already unusable


def _documents(person):
    from evaluation.models import Participant

    participations = list(participations_of(person.pk).values_list("pk", flat=True))
    withdrawn = Participant.objects.filter(identity__person_id=person.pk).values_list("pk", flat=True)
    return Document.objects.filter(participant_id__in=set(participations) | set(withdrawn)).select_related("project")


def subject_data(person) -> dict[str, list[dict]]:
    answers = [
        {
            "project": document.project.name,
            "question": document.question,
            "wave": document.wave_label,
            "text": document.text,
            "codes": sorted({segment.code.name for segment in document.segments.select_related("code")}),
        }
        for document in _documents(person)
    ]
    coding = [
        {
            "project": segment.document.project.name,
            "code": segment.code.name,
            "coded_at": segment.created_at.isoformat(),
        }
        for segment in Segment.objects.filter(coder=person).select_related("document__project", "code")
    ]
    memos = [
        {"project": memo.project.name, "memo": memo.text, "written_at": memo.created_at.isoformat()}
        for memo in Memo.objects.filter(author=person).select_related("project")
    ]
    return {"Your answers in qualitative analysis": answers, "Coding you did": coding, "Memos you wrote": memos}


def erase(person, *, actor) -> dict[str, int]:
    answers, _ = _documents(person).delete()
    segments, _ = Segment.objects.filter(coder=person).delete()
    memos, _ = Memo.objects.filter(author=person).delete()
    Coder.objects.filter(person=person).delete()
    return {"qualitative.answers": answers, "qualitative.coding": segments, "qualitative.memos": memos}
