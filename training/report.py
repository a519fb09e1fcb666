"""Training in a commissioner report: who completed courses, and what they passed on."""

from __future__ import annotations

from reports.sections import ReportContext, ReportSection, ReportTable, count
from training.models import CascadeReport, Completion, DayAttendance


def section(ctx: ReportContext) -> ReportSection | None:
    org = ctx.organisation_id
    came = (
        DayAttendance.objects.filter(
            day__cohort__course__organisation_id=org, day__date__gte=ctx.start, day__date__lte=ctx.end, present=True
        )
        .values("person_id")
        .distinct()
        .count()
    )
    completed = Completion.objects.filter(
        cohort__course__organisation_id=org, completed_on__gte=ctx.start, completed_on__lte=ctx.end
    ).count()
    # Cascade: each person's latest follow-up for each course (their figures grow over time).
    latest: dict[tuple[int, int], dict] = {}
    for row in CascadeReport.objects.filter(cohort__course__organisation_id=org).values(
        "person_id",
        "cohort_id",
        "months_after",
        "joined_group",
        "started_group",
        "one_to_one_people",
        "talks_given",
        "passed_on_to",
    ):
        key = (row["person_id"], row["cohort_id"])
        if key not in latest or row["months_after"] > latest[key]["months_after"]:
            latest[key] = row
    final = list(latest.values())

    def total(name: str) -> int:
        return sum(int(row[name]) for row in final)

    return ReportSection(
        key="training",
        title="Training and what was passed on",
        intro="Course days attended and completions in the period; what participants went on to do, from their latest follow-up.",
        tables=[
            ReportTable(
                caption="Courses and cascade",
                columns=["Measure", "Number"],
                rows=[
                    ["People who came to a course day", count(ctx, came)],
                    ["Courses completed", count(ctx, completed)],
                    ["Participants who told us what they went on to do", count(ctx, len(final))],
                    ["…who joined a peer support group", count(ctx, total("joined_group"))],
                    ["…who started a peer support group", count(ctx, total("started_group"))],
                    ["People they supported one to one", count(ctx, total("one_to_one_people"))],
                    ["Talks and presentations given", count(ctx, total("talks_given"))],
                    ["People they passed it on to", count(ctx, total("passed_on_to"))],
                ],
                note="The cascade is what participants told us at the two- and five-month follow-ups.",
            )
        ],
    )
