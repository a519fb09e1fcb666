"""People's rights for outcomes: the stays recorded about the person, and their outcome research number."""

from __future__ import annotations

from outcomes.models import ResearchNumber, ServiceUse


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def subject_data(person) -> dict[str, list[dict]]:
    return {
        "Hospital and crisis stays": [
            {
                "What": use.get_kind_display(),
                "From": _iso(use.started_on),
                "Until": _iso(use.ended_on),
                "Recorded as a readmission": use.is_readmission,
                "Source": use.get_source_display(),
                "Recorded": _iso(use.recorded_at),
            }
            for use in ServiceUse.objects.filter(person=person).order_by("started_on")
        ],
        "Outcome research number": [
            {"Number": row.number, "Given": _iso(row.created_at)}
            for row in ResearchNumber.objects.filter(person=person)
        ],
    }


def erase(person, *, actor) -> dict[str, int]:
    """Stays and the research number go. Figures already in a built report stay there,
    aggregated and suppressed, as the privacy notice says."""
    return {
        "hospital and crisis stays": ServiceUse.objects.filter(person=person).delete()[0],
        "outcome research numbers": ResearchNumber.objects.filter(person=person).delete()[0],
    }


def _expire_stays(organisation, cutoff, actor) -> int:
    from privacy.selectors import held_person_ids

    return (
        ServiceUse.objects.filter(organisation=organisation, recorded_at__lt=cutoff)
        .exclude(person_id__in=held_person_ids(organisation))
        .delete()[0]
    )


RETENTION = [
    {
        "key": "outcomes.service_use",
        "label": "Hospital and crisis stays",
        "default_days": 8 * 365,
        "expire": _expire_stays,
    },
]
