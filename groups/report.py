"""Peer-led groups in a commissioner report: groups meeting, meetings and attendance."""

from __future__ import annotations

from django.db.models import Count, Sum

from groups.models import Attendance, Group, Meeting
from reports.sections import ReportContext, ReportSection, ReportTable, count


def section(ctx: ReportContext) -> ReportSection | None:
    held = Meeting.objects.filter(
        group__organisation_id=ctx.organisation_id, starts_at__date__gte=ctx.start, starts_at__date__lte=ctx.end
    ).exclude(status=Meeting.Status.CANCELLED)
    totals = held.aggregate(meetings=Count("id"), groups=Count("group_id", distinct=True), guests=Sum("guests"))
    present = Attendance.objects.filter(meeting__in=held, present=True)
    attendances = present.count()
    members = present.values("person_id").distinct().count()
    groups = Group.objects.filter(organisation_id=ctx.organisation_id).exclude(status=Group.Status.CLOSED).count()
    return ReportSection(
        key="groups",
        title="Peer-led groups",
        intro="Groups run by and for peers. Figures count meetings that were not cancelled.",
        tables=[
            ReportTable(
                caption="Groups and meetings in the period",
                columns=["Measure", "Number"],
                rows=[
                    ["Groups open now (listed in the directory)", f"{groups:,}"],
                    ["Groups that met", f"{totals['groups'] or 0:,}"],
                    ["Meetings", f"{totals['meetings'] or 0:,}"],
                    ["Attendances by members", count(ctx, attendances)],
                    ["Different members who came", count(ctx, members)],
                    ["Visits by people who were not members", count(ctx, totals["guests"] or 0)],
                ],
                note="Groups and meetings are not people, so they are shown exactly; counts of people follow the small-number rule.",
            )
        ],
    )
