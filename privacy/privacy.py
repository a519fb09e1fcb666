"""The privacy app's own records about a person: the rights requests they made.

Legal holds are not included in a subject access copy: telling the person about a
hold could prejudice the inquiry it protects (Data Protection Act 2018, schedule 2).
"""

from __future__ import annotations

from privacy.models import LegalHold, RightsRequest


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Requests about your information": [
            {
                "Reference": rq.reference,
                "Asked for": rq.get_kind_display(),
                "Received": rq.received_at.isoformat(),
                "Answer due by": rq.due_on.isoformat(),
                "Status": rq.get_status_display(),
                "Outcome": rq.outcome,
            }
            for rq in RightsRequest.objects.filter(subject=person).order_by("received_at")
        ]
    }


def erase(person, *, actor) -> dict[str, int]:
    """Earlier requests stay as records that they happened, with nothing about the person."""
    requests = RightsRequest.objects.filter(subject=person).update(subject=None, notes="")
    holds = LegalHold.objects.filter(person=person, released_at__isnull=False).delete()[0]
    return {"earlier requests unlinked": requests, "released legal holds": holds}
