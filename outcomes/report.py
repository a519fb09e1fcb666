"""The outcomes part of a commissioner report: readmission, days in the community,
bed days and costs, every count through the report's small-number rule."""

from __future__ import annotations

from mutuality.suppression import percent, suppress_table
from outcomes import analysis
from outcomes.templatetags.outcomes_extras import pvalue
from reports.sections import ReportChart, ReportContext, ReportSection, ReportTable, count


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def readmission_table(ctx: ReportContext, proportions: list[analysis.Proportion]) -> ReportTable:
    """Readmitted / followed a year, per group (in ``analysis.GROUPS`` order) and in all."""
    table = suppress_table([[p.events, p.n - p.events] for p in proportions], ctx.rule)
    rows = []
    for group, p, cells, total in zip(analysis.GROUPS, proportions, table.cells, table.row_totals, strict=True):
        shown = not cells[0].hidden and not total.hidden and ctx.enough(p.n)
        interval = f"{_pct(p.low)} to {_pct(p.high)}" if shown and p.n else "*" if p.n else "–"
        rows.append([group, str(cells[0]), str(total), percent(cells[0], total), interval])
    rows.append(
        ["All", str(table.column_totals[0]), str(table.total), percent(table.column_totals[0], table.total), ""]
    )
    return ReportTable(
        caption="Readmitted within 12 months of discharge",
        columns=["Group", "Readmitted", "People followed a year", "Share", "95% confidence interval"],
        rows=rows,
        note="People followed for less than a year without readmission are not counted: it is not yet known.",
    )


def _ratio(comparison: analysis.Comparison) -> str:
    if comparison.hr_low is None or comparison.hr_high is None:
        return f"{comparison.hazard_ratio:.2f} (no confidence interval could be estimated)"
    return f"{comparison.hazard_ratio:.2f} (95% CI {comparison.hr_low:.2f} to {comparison.hr_high:.2f})"


def comparison_table(comparison: analysis.Comparison) -> ReportTable | None:
    """Log-rank and Cox figures, as far as the data gave them (any may be missing)."""
    if comparison.logrank_p is None and comparison.hazard_ratio is None:
        return None
    rows = []
    if comparison.hazard_ratio is not None:
        rows.append(["Hazard ratio, peer support vs none (Cox model)", _ratio(comparison)])
    if comparison.logrank_p is not None:
        rows.append(["Log-rank test", f"p = {pvalue(comparison.logrank_p)}"])
    if comparison.ph_p is not None:
        rows.append(
            [
                "Proportional hazards check",
                f"p = {pvalue(comparison.ph_p)}"
                + ("" if comparison.ph_holds else ": the ratio seems to change over time"),
            ]
        )
    return ReportTable(
        caption="Comparing the groups",
        columns=["Measure", "Value"],
        rows=rows,
        note="A hazard ratio below 1 means a lower rate of readmission with peer support at any point in time."
        + (f" {comparison.message}" if comparison.message else ""),
    )


def section(ctx: ReportContext) -> ReportSection | None:
    stats = analysis.outcome_stats([ctx.organisation_id], ctx.start, ctx.end)
    groups = list(analysis.GROUPS)
    result = ReportSection(
        key="outcomes",
        title="Hospital and crisis outcomes",
        intro=(
            "For people who agreed to their hospital and crisis outcomes being recorded and were discharged "
            "from hospital in the period. “Had peer support” means a peer worker supported them."
        ),
        caution=analysis.CAUTION,
    )
    result.tables.append(readmission_table(ctx, [stats.readmission[g] for g in groups]))
    # Days in the community: shown only when every group is large enough for a curve.
    curves = [analysis.truncated(c, ctx.rule.threshold) for c in stats.curves]
    if curves and all(ctx.enough(c.n) for c in curves):
        result.charts.append(
            ReportChart(
                title=(
                    "Still in the community (not readmitted), by days since discharge, with 95% bands. "
                    "Each curve stops where fewer people than the small-number threshold were still followed."
                ),
                image=analysis.km_chart_png(curves),
                alt="Kaplan–Meier curves for each group: the share of people not yet readmitted by days since discharge.",
                table=1,
            )
        )
        rows = []
        for day in analysis.AT_RISK_DAYS:
            row = [str(day)]
            for curve in curves:
                at_risk = count(ctx, dict(curve.at_risk)[day])
                point = analysis.survival_at(curve, day)
                # A share of a hidden number of people could give that number away: hide it too.
                share = "*" if at_risk == "*" else _pct(point["survival"]) if point else "–"
                row += [share, at_risk]
            rows.append(row)
        result.tables.append(
            ReportTable(
                caption="Still in the community, and numbers at risk",
                columns=["Days since discharge"]
                + [f"{c.group}: {h}" for c in curves for h in ("still out", "at risk")],
                rows=rows,
            )
        )
        comparison_rows = comparison_table(stats.comparison)
        if comparison_rows is not None:
            result.tables.append(comparison_rows)
    else:
        result.intro += " The curve of days in the community is not shown: a group is too small."
    # Bed days and costs.
    use = [stats.use[g] for g in groups]
    table = suppress_table([[u.bed_days, u.crisis_days, u.emergency_attendances] for u in use], ctx.rule)
    rows = []
    for group, u, cells in zip(groups, use, table.cells, strict=True):
        cost = "*" if any(c.hidden for c in cells) else f"£{u.cost:,.0f}"
        rows.append([group, *(str(c) for c in cells), cost])
    everything = stats.use["All"]
    total_cost = "*" if any(c.hidden for c in table.column_totals) else f"£{everything.cost:,.0f}"
    rows.append(["All", *(str(c) for c in table.column_totals), total_cost])
    sources = "; ".join(sorted({f"{c['item']}: £{c['amount_gbp']} ({c['source']})" for c in stats.unit_costs}))
    result.tables.append(
        ReportTable(
            caption="Bed days and costs in the period",
            columns=["Group", "Hospital bed days", "Crisis service days", "Emergency attendances", "Cost"],
            rows=rows,
            note=f"Unit costs: {sources}." if sources else "",
        )
    )
    return result
