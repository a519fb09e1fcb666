"""One-to-one support in a commissioner report: people supported and sessions."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from reports.sections import ReportContext, ReportSection, count, series_table
from support.models import Agreement, GoalsOutcome, Session


def _local_day_bounds(ctx: ReportContext) -> tuple[datetime, datetime]:
    """The period as a range of moments (local midnights), so indexes on the timestamp can be used."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(ctx.start, time.min), zone),
        timezone.make_aware(datetime.combine(ctx.end + timedelta(days=1), time.min), zone),
    )


def section(ctx: ReportContext) -> ReportSection | None:
    agreements = Agreement.objects.filter(organisation_id=ctx.organisation_id, started_on__lte=ctx.end).filter(
        Q(ended_at__isnull=True) | Q(ended_at__date__gte=ctx.start)
    )
    people = agreements.values("person_id").distinct().count()
    started = agreements.filter(started_on__gte=ctx.start).values("person_id").distinct().count()
    after, before = _local_day_bounds(ctx)
    sessions = Session.objects.filter(
        agreement__organisation_id=ctx.organisation_id, starts_at__gte=after, starts_at__lt=before
    ).exclude(status=Session.Status.PLANNED)
    by_status = dict(sessions.values_list("status").annotate(n=Count("id")).order_by())
    ended = Agreement.objects.filter(
        organisation_id=ctx.organisation_id, ended_at__date__gte=ctx.start, ended_at__date__lte=ctx.end
    )
    goals = dict(ended.values_list("goals_outcome").annotate(n=Count("id")).order_by())
    return ReportSection(
        key="support",
        title="One-to-one peer support",
        intro=(
            f"People supported one to one at some time in the period: {count(ctx, people)} "
            f"(of whom {count(ctx, started)} started in the period). A usual plan is ten sessions of 60 to 90 minutes."
        ),
        tables=[
            series_table(
                ctx,
                "Sessions in the period",
                "What happened",
                {
                    str(label): by_status.get(value, 0)
                    for value, label in Session.Status.choices
                    if value != Session.Status.PLANNED
                },
                note="A session that did not happen is recorded without blame; nobody is chased because of it.",
            ),
            series_table(
                ctx,
                "Goals, in the person's own view, when support ended in the period",
                "Where they got to",
                {str(label): goals.get(value, 0) for value, label in GoalsOutcome.choices},
                note="Decided together at the planned ending, about goals the person set in their own words.",
            ),
        ],
    )
