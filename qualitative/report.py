"""Quotations the team picked, for a commissioner report: the words, the wave and the
code, never a name or research number. Withdrawn participants' words, and those of
people with a restriction in force, are left out."""

from __future__ import annotations

from qualitative.models import Project
from qualitative.selectors import quotations
from reports.sections import ReportContext, ReportSection

MOST_QUOTES = 12


def section(ctx: ReportContext) -> ReportSection | None:
    quotes = []
    for project in Project.objects.filter(organisation_id=ctx.organisation_id).order_by("pk"):
        for quotation in quotations(project):
            segment = quotation.segment
            document = segment.document
            words = segment.passage(document.text).strip()
            if not words:
                continue
            where = f" ({document.wave_label})" if document.wave_label else ""
            quotes.append(f"“{words}”{where}: {segment.code.name}")
            if len(quotes) >= MOST_QUOTES:
                break
        if len(quotes) >= MOST_QUOTES:
            break
    if not quotes:
        return None
    return ReportSection(
        key="quotations",
        title="In people's own words",
        intro="Passages the team chose from what people wrote in evaluation questionnaires, with the theme they were coded to.",
        quotes=quotes,
    )
