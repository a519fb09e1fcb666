"""What a commissioner report is made of, and how each capability adds its part.

An app that has something for commissioners provides ``<app>/report.py`` with
``section(ctx: ReportContext) -> ReportSection | None``. Sections are collected in
app order, so no central file changes when a capability adds its figures.

Every count in a section passes through ``mutuality.suppression`` with the report's
rule before it is put in a table: sections hold only what may be shown.
"""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache

from django.conf import settings

from mutuality.suppression import Rule


@dataclass
class ReportTable:
    caption: str
    columns: list[str]
    rows: list[list[str]]
    note: str = ""


@dataclass
class ReportChart:
    title: str
    image: str  # a PNG data URI, drawn on the server
    alt: str
    table: int | None = None  # index of the table in the section that holds the same figures


@dataclass
class ReportSection:
    key: str
    title: str
    intro: str = ""
    tables: list[ReportTable] = field(default_factory=list)
    charts: list[ReportChart] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    caution: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ReportSection:
        return cls(
            key=data["key"],
            title=data["title"],
            intro=data.get("intro", ""),
            tables=[ReportTable(**t) for t in data.get("tables", [])],
            charts=[ReportChart(**c) for c in data.get("charts", [])],
            quotes=list(data.get("quotes", [])),
            caution=data.get("caution", ""),
        )


@dataclass(frozen=True)
class ReportContext:
    organisation_id: int
    organisation_name: str
    start: date
    end: date
    rule: Rule

    def enough(self, n: int) -> bool:
        """Is a group large enough for figures about it (rates, curves, averages) to be shown?"""
        return n >= self.rule.threshold


@cache
def _section_modules() -> tuple:
    modules = []
    for app in settings.MUTUALITY_APPS:
        try:
            modules.append(importlib.import_module(f"{app}.report"))
        except ModuleNotFoundError as error:
            if error.name != f"{app}.report":
                raise
    return tuple(modules)


def section_builders() -> list:
    return [module.section for module in _section_modules()]


def count(ctx: ReportContext, n: int) -> str:
    """One count on its own (no total published beside it), through the suppression rule."""
    from mutuality.suppression import suppress_series

    return str(suppress_series({0: int(n)}, ctx.rule).cells[0])


def series_table(ctx: ReportContext, caption: str, heading: str, counts: dict[str, int], note: str = "") -> ReportTable:
    """A list of counts with their total, suppressed together (hidden figures cannot be
    worked out from the total), with each count's share of the total."""
    from mutuality.suppression import percent, suppress_series

    series = suppress_series(counts, ctx.rule)
    rows = [[label, str(cell), percent(cell, series.total)] for label, cell in series.cells.items()]
    rows.append(["All", str(series.total), ""])
    return ReportTable(caption=caption, columns=[heading, "Number", "Share"], rows=rows, note=note)
