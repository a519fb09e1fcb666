"""Per-person outcome analysis data for evaluators: research numbers, never names.

One row per person who agreed to outcomes data and was followed in the period.
Exact dates are left out (days and years are enough for the analysis and identify
people less); the research number is random and kept in its own table.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from django.db import transaction

from audit.models import AuditEvent
from audit.services import record
from outcomes import analysis
from outcomes.models import ResearchNumber

COLUMNS = [
    "research_number",
    "peer_support",
    "index_discharge_year",
    "days_followed",
    "readmitted",
    "readmitted_within_12_months",
    "bed_days",
    "crisis_days",
    "emergency_attendances",
    "cost_gbp",
]


def _research_numbers(person_ids: list[int]) -> dict[int, str]:
    """Each person's outcome research number, given on first export."""
    known = dict(ResearchNumber.objects.filter(person_id__in=person_ids).values_list("person_id", "number"))
    missing = [ResearchNumber(person_id=pk) for pk in person_ids if pk not in known]
    ResearchNumber.objects.bulk_create(missing)
    known.update({row.person_id: row.number for row in missing})
    return known


def analysis_rows(organisation_ids: list[int], start: date, end: date) -> list[dict]:
    people = analysis._people_frame(organisation_ids, end)
    uses = analysis._uses(organisation_ids, start, end)
    frame = analysis.follow_up(people, uses, start, end)
    costs = analysis.unit_costs_for(organisation_ids, range(start.year, end.year + 1))
    use: dict[int, dict] = {}
    for person_id, _supported, measure, count, cost in analysis.priced_use(people, uses, start, end, costs):
        row = use.setdefault(person_id, {"bed_days": 0, "crisis_days": 0, "emergency_attendances": 0, "cost": 0})
        row[measure] += count
        row["cost"] += cost
    numbers = _research_numbers(sorted(frame.person_id.tolist()))
    rows = []
    for person in frame.sort_values("person_id").itertuples(index=False):
        totals = use.get(person.person_id, {"bed_days": 0, "crisis_days": 0, "emergency_attendances": 0, "cost": 0})
        known_year = person.days >= analysis.YEAR or (person.event and person.days <= analysis.YEAR)
        rows.append(
            {
                "research_number": numbers[person.person_id],
                "peer_support": int(person.supported),
                "index_discharge_year": person.discharged_on.year,
                "days_followed": int(person.days),
                "readmitted": int(person.event),
                "readmitted_within_12_months": int(person.event and person.days <= analysis.YEAR) if known_year else "",
                "bed_days": totals["bed_days"],
                "crisis_days": totals["crisis_days"],
                "emergency_attendances": totals["emergency_attendances"],
                "cost_gbp": f"{totals['cost']:.2f}",
            }
        )
    return sorted(rows, key=lambda row: row["research_number"])


@transaction.atomic
def export_csv(*, organisation_ids: list[int], start: date, end: date, actor) -> str:
    """The analysis file as CSV text; the export is recorded in the audit log."""
    rows = analysis_rows(organisation_ids, start, end)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    for organisation_id in organisation_ids:
        record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            organisation_id=organisation_id,
            summary="Outcome analysis data exported (research numbers)",
            detail={"rows": len(rows), "start": start.isoformat(), "end": end.isoformat()},
        )
    return buffer.getvalue()
