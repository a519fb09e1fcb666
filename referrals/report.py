"""Referrals in a commissioner report: how people came, and how many were matched."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from referrals.models import Referral
from reports.sections import ReportContext, ReportSection, series_table


def _local_day_bounds(ctx: ReportContext) -> tuple[datetime, datetime]:
    """The period as a range of moments (local midnights), so indexes on the timestamp can be used."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(ctx.start, time.min), zone),
        timezone.make_aware(datetime.combine(ctx.end + timedelta(days=1), time.min), zone),
    )


def section(ctx: ReportContext) -> ReportSection | None:
    after, before = _local_day_bounds(ctx)
    referrals = Referral.objects.filter(
        organisation_id=ctx.organisation_id, received_at__gte=after, received_at__lt=before
    )
    by_route = dict(referrals.values_list("route").annotate(n=Count("id")).order_by())
    by_status = dict(referrals.values_list("status").annotate(n=Count("id")).order_by())
    return ReportSection(
        key="referrals",
        title="Referrals",
        intro="Referrals received in the period, by how they came, and where they had got to by the end of it.",
        tables=[
            series_table(
                ctx,
                "Referrals by route",
                "Route",
                {str(label): by_route.get(value, 0) for value, label in Referral.Route.choices},
            ),
            series_table(
                ctx,
                "Where referrals had got to",
                "Stage",
                {str(label): by_status.get(value, 0) for value, label in Referral.Status.choices},
                note="“Matched” means the person chose a peer worker who accepted. Nobody is allocated.",
            ),
        ],
    )
