"""Peer-support outcomes in a commissioner report, from the evaluations: how many
answered each wave, and the scores of instruments that have them (hope, recovery,
wellbeing...), wave by wave. Figures about fewer people than the threshold are hidden."""

from __future__ import annotations

from datetime import timedelta

from evaluation.models import Evaluation
from evaluation.selectors import dataset
from evaluation.stats import describe, response_rates
from mutuality.suppression import percent, suppress_series
from reports.sections import ReportContext, ReportSection, ReportTable, count

MOST_EVALUATIONS = 4


def section(ctx: ReportContext) -> ReportSection | None:
    evaluations = list(
        Evaluation.objects.filter(
            organisation_id=ctx.organisation_id,
            held_for="",
            anchor_date__gte=ctx.start - timedelta(days=365),
            anchor_date__lte=ctx.end,
        ).order_by("-anchor_date", "-pk")[:MOST_EVALUATIONS]
    )
    tables = []
    for evaluation in evaluations:
        rates = response_rates(evaluation)
        rows = []
        for wave in rates["waves"]:
            # Answered and not answered, with their total: neither can be worked out from the other.
            series = suppress_series({"answered": wave["n"], "not": rates["N"] - wave["n"]}, ctx.rule)
            answered = series.cells["answered"]
            rows.append([wave["label"], str(answered), str(series.total), percent(answered, series.total)])
        tables.append(
            ReportTable(
                caption=f"{evaluation.name}: who answered each wave",
                columns=["Wave", "Answered", "Taking part", "Response rate"],
                rows=rows,
                note="People who withdrew are not counted: their answers leave every analysis.",
            )
        )
        data = dataset(evaluation)
        scores = [v for v in data.variables if v.kind == "score"]
        if not scores or data.frame.empty:
            continue
        rows = []
        for variable in scores:
            for wave in data.waves:
                answered = data.frame[data.frame["wave"] == wave.position]
                summary = describe(answered[variable.name], len(answered))
                if summary["n"] == 0:
                    continue
                if ctx.enough(summary["n"]):
                    mean_sd = f"{summary['mean']:.1f} ({summary['sd']:.1f})" if summary["sd"] is not None else "–"
                    median_iqr = f"{summary['median']:.1f} ({summary['q1']:.1f} to {summary['q3']:.1f})"
                else:
                    mean_sd = median_iqr = "*"
                rows.append([variable.label, wave.label, count(ctx, summary["n"]), mean_sd, median_iqr])
        if rows:
            tables.append(
                ReportTable(
                    caption=f"{evaluation.name}: scores by wave",
                    columns=["Score", "Wave", "n", "Mean (SD)", "Median (quartiles)"],
                    rows=rows,
                    note="Higher is not always better: see each instrument's guidance. Waves differ in who answered.",
                )
            )
    if not tables:
        return None
    return ReportSection(
        key="evaluation",
        title="Peer-support outcomes from evaluations",
        intro=(
            "From questionnaires people chose to answer, known only by research numbers. Taking part is voluntary, "
            "so those who answered may not speak for everyone."
        ),
        tables=tables,
    )
