"""Fidelity in a commissioner report: principle profiles of teams and the service.

Never a single worker's profile: fidelity is a learning tool, not a league table.
A perspective's mean is shown only when at least as many people answered as the
report's small-number threshold, so nobody's own ratings can be read off it."""

from __future__ import annotations

from fidelity.models import Round
from fidelity.selectors import PERSPECTIVE_LABELS, profiles_for
from reports.sections import ReportContext, ReportSection, ReportTable

LATEST_ROUNDS = 6


def section(ctx: ReportContext) -> ReportSection | None:
    rounds = list(
        Round.objects.filter(
            organisation_id=ctx.organisation_id,
            worker__isnull=True,
            opened_on__gte=ctx.start,
            opened_on__lte=ctx.end,
        )
        .exclude(status=Round.Status.OPEN)
        .select_related("version__instrument", "team")
        .order_by("-opened_on", "-pk")[:LATEST_ROUNDS]
    )
    if not rounds:
        return None
    profiles = profiles_for(rounds)
    tables = []
    for round_ in rounds:
        profile = profiles[round_.pk]
        perspectives = profile.perspectives
        rows = []
        for row in profile.principles:
            cells = {cell.perspective: cell for cell in row.cells}
            values = []
            for perspective in perspectives:
                cell = cells.get(perspective)
                if cell is None or cell.n_people == 0:
                    values.append("–")
                elif not cell.shown or cell.n_people < ctx.rule.threshold:
                    values.append("*")
                else:
                    values.append(f"{cell.mean:.1f} (n={cell.n_people})")
            rows.append([row.name, *values])
        tables.append(
            ReportTable(
                caption=f"{round_.label} ({round_.get_subject_display().lower()}, {round_.opened_on:%B %Y})",
                columns=["Principle", *(str(PERSPECTIVE_LABELS[p]) for p in perspectives)],
                rows=rows,
                note=f"Mean rating on a scale of {profile.principles[0].low:g} to {profile.principles[0].high:g}."
                if profile.principles
                else "",
            )
        )
    return ReportSection(
        key="fidelity",
        title="Peer-support values in practice (fidelity)",
        intro=(
            "How teams rated their practice against each principle, from the peer workers', the people "
            "supported and supervisors' points of view. These profiles are for learning: where points of "
            "view differ is often the most useful finding. Individual workers are never shown or ranked; a "
            "* means too few people answered from that point of view."
        ),
        tables=tables,
    )
