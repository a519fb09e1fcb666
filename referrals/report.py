"""Referrals in a commissioner report: how people came, and how many were matched."""

from __future__ import annotations

from django.db.models import Count

from referrals.models import Referral
from reports.sections import ReportContext, ReportSection, series_table


def section(ctx: ReportContext) -> ReportSection | None:
    referrals = Referral.objects.filter(
        organisation_id=ctx.organisation_id, received_at__date__gte=ctx.start, received_at__date__lte=ctx.end
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
