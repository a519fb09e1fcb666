"""Small-number suppression for figures that leave an organisation.

Every count shown to a commissioner or published passes through here. Counts
that are small enough to identify someone are hidden ("*"), and further cells
are hidden where needed so that the hidden ones cannot be worked out from the
totals (secondary suppression). A rule can also round the counts that are shown.

No maintained Python library does cell suppression with marginal totals (the
standard tools, tau-Argus and sdcTable, are Java and R), so the method is
written here: hide small cells; then, until no hidden cell can be calculated
exactly, hide the smallest visible cell beside each one that can. Whether a
hidden cell can be calculated is checked the way an attacker would: with
SciPy's mixed-integer solver, find the smallest and largest whole-number value
the cell could take given everything shown; if they are equal, it is exposed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

K = TypeVar("K")


@dataclass(frozen=True)
class Rule:
    """How small counts are protected.

    ``threshold``: counts from 1 up to ``threshold - 1`` are hidden (0 is shown:
    knowing that nobody is in a cell identifies nobody). ``round_to``: counts
    that are shown are rounded to the nearest multiple (None: exact).
    """

    key: str
    label: str
    threshold: int = 5
    round_to: int | None = None

    def with_threshold(self, threshold: int) -> Rule:
        return Rule(self.key, self.label, threshold=threshold, round_to=self.round_to)


RULES = {
    "standard": Rule("standard", "Counts of 1 to 4 hidden", threshold=5),
    "nhs_hospital": Rule(
        "nhs_hospital",
        "NHS hospital statistics rule: counts of 1 to 7 hidden, other counts rounded to the nearest 5",
        threshold=8,
        round_to=5,
    ),
    "round_5": Rule("round_5", "Counts of 1 to 4 hidden, other counts rounded to the nearest 5", 5, 5),
    "round_10": Rule("round_10", "Counts of 1 to 9 hidden, other counts rounded to the nearest 10", 10, 10),
}
DEFAULT_RULE = RULES["standard"]


@dataclass(frozen=True)
class Cell:
    """One figure as it may be shown: ``shown`` is None when hidden."""

    shown: int | None
    reason: str = ""  # "" (shown), "small", or "secondary" (hidden to protect another cell)

    @property
    def hidden(self) -> bool:
        return self.shown is None

    def __str__(self) -> str:
        return "*" if self.shown is None else f"{self.shown:,}"


@dataclass
class Table:
    """A suppressed table: cells, a total per row and column, and the grand total."""

    cells: list[list[Cell]]
    row_totals: list[Cell]
    column_totals: list[Cell]
    total: Cell
    rule: Rule

    @property
    def hidden_count(self) -> int:
        every = [c for row in self.cells for c in row] + self.row_totals + self.column_totals + [self.total]
        return sum(c.hidden for c in every)


@dataclass
class Series(Generic[K]):
    """A suppressed list of counts with its total (a one-row table)."""

    cells: dict[K, Cell]
    total: Cell
    rule: Rule
    extra: dict = field(default_factory=dict)


def round_count(value: int, rule: Rule) -> int:
    if not rule.round_to or value == 0:
        return value
    # Round half up, as national statistics do (12.5 → 15), not Python's round-half-even.
    return int((value + rule.round_to / 2) // rule.round_to * rule.round_to)


def percent(numerator: Cell, denominator: Cell, places: int = 0) -> str:
    """A percentage that hides itself when either part is hidden."""
    if numerator.hidden or denominator.hidden or not denominator.shown:
        return "*" if (numerator.hidden or denominator.hidden) else "–"
    return f"{100 * numerator.shown / denominator.shown:.{places}f}%"


def suppress_series(counts: Mapping[K, int], rule: Rule = DEFAULT_RULE) -> Series[K]:
    """Suppress a list of counts published with its total (e.g. referrals by route)."""
    keys = list(counts)
    table = suppress_table([[int(counts[k]) for k in keys]], rule, column_totals=False)
    return Series(cells=dict(zip(keys, table.cells[0], strict=True)), total=table.total, rule=rule)


def suppress_table(values: Sequence[Sequence[int]], rule: Rule = DEFAULT_RULE, *, column_totals: bool = True) -> Table:
    """Suppress a table of counts published with its row totals, column totals
    (unless ``column_totals`` is False) and grand total."""
    grid = np.array(values, dtype=np.int64).reshape(len(values), -1 if values and len(values[0]) else 0)
    if grid.size and grid.min() < 0:
        raise ValueError("Counts cannot be negative.")
    rows, cols = grid.shape
    # Unknowns: every cell, then row totals, then column totals (if shown), then the grand total.
    col_sums = grid.sum(axis=0) if column_totals else np.array([], dtype=np.int64)
    flat = np.concatenate([grid.ravel(), grid.sum(axis=1), col_sums, [grid.sum()]]).astype(np.int64)
    equations = _equations(rows, cols, column_totals)
    hidden = np.array([1 <= v < rule.threshold for v in flat])
    reasons = np.where(hidden, "small", "").astype(object)
    cell_count = rows * cols

    def hide(indexes) -> None:
        for i in indexes:
            if not hidden[i]:
                hidden[i] = True
                reasons[i] = "secondary"

    # First protect each small inner cell with the cheapest rectangle of cells
    # (same row, same column, and the corner between), the classic pattern that
    # leaves one degree of freedom, smallest cells first.
    if rows >= 2 and cols >= 2:
        small = sorted((i for i in range(cell_count) if hidden[i]), key=lambda i: (flat[i], i))
        for index in small:
            if index in _exposed(flat, hidden, equations):
                hide(_rectangle(index, flat, hidden, rows, cols))
    # Then, while any hidden figure can still be calculated, hide the smallest
    # visible figure beside it, one at a time, checking again after each.
    while True:
        partners = (_partner(i, flat, hidden, equations, cell_count) for i in _exposed(flat, hidden, equations))
        choice = next((p for p in partners if p is not None), None)
        if choice is None:
            break
        hide([choice])

    def cell(i: int) -> Cell:
        return Cell(None, reasons[i]) if hidden[i] else Cell(round_count(int(flat[i]), rule))

    return Table(
        cells=[[cell(r * cols + c) for c in range(cols)] for r in range(rows)],
        row_totals=[cell(cell_count + r) for r in range(rows)],
        column_totals=[cell(cell_count + rows + c) for c in range(cols)] if column_totals else [],
        total=cell(len(flat) - 1),
        rule=rule,
    )


def _equations(rows: int, cols: int, column_totals: bool = True) -> list[list[int]]:
    """Each equation lists unknowns whose first members sum to the last one (a total)."""
    cell_count = rows * cols
    row_total, col_total = cell_count, cell_count + rows
    grand = cell_count + rows + (cols if column_totals else 0)
    eqs = [[r * cols + c for c in range(cols)] + [row_total + r] for r in range(rows)]
    eqs.append([row_total + r for r in range(rows)] + [grand])
    if column_totals:
        eqs += [[r * cols + c for r in range(rows)] + [col_total + c] for c in range(cols)]
        eqs.append([col_total + c for c in range(cols)] + [grand])
    return eqs


def _exposed(values: np.ndarray, hidden: np.ndarray, equations: list[list[int]]) -> list[int]:
    """Hidden positions whose exact value follows from what is shown (integer bounds meet)."""
    unknown = np.flatnonzero(hidden)
    if unknown.size == 0:
        return []
    position = {int(index): n for n, index in enumerate(unknown)}
    rows_a, rows_b = [], []
    for eq in equations:
        *parts, total = eq
        coeffs = np.zeros(unknown.size)
        constant = 0.0
        for index, sign in [(p, 1.0) for p in parts] + [(total, -1.0)]:
            if hidden[index]:
                coeffs[position[index]] += sign
            else:
                constant -= sign * values[index]
        if coeffs.any():
            rows_a.append(coeffs)
            rows_b.append(constant)
    if not rows_a:
        return []
    constraint = LinearConstraint(np.array(rows_a), np.array(rows_b), np.array(rows_b))
    upper = float(values.max()) if values.size else 0.0
    bounds = Bounds(np.zeros(unknown.size), np.full(unknown.size, upper))
    integrality = np.ones(unknown.size)
    exposed = []
    for n, index in enumerate(unknown):
        objective = np.zeros(unknown.size)
        objective[n] = 1.0
        low = milp(objective, constraints=constraint, bounds=bounds, integrality=integrality)
        high = milp(-objective, constraints=constraint, bounds=bounds, integrality=integrality)
        if low.success and high.success and round(low.fun) == round(-high.fun):
            exposed.append(int(index))
    return exposed


def _rectangle(index: int, values: np.ndarray, hidden: np.ndarray, rows: int, cols: int) -> list[int]:
    """The three cells completing the cheapest rectangle with ``index`` (fewest people hidden)."""
    r, c = divmod(index, cols)
    best: tuple[int, int, list[int]] | None = None
    for r2 in range(rows):
        for c2 in range(cols):
            if r2 == r or c2 == c:
                continue
            corners = [r * cols + c2, r2 * cols + c, r2 * cols + c2]
            cost = sum(int(values[i]) for i in corners if not hidden[i])
            # Prefer rectangles whose cells are not zero: a known zero pins the others.
            zeros = sum(int(values[i]) == 0 for i in corners)
            key = (zeros, cost, r2 * cols + c2)
            if best is None or key < best[:2] + (best[2][2],):
                best = (zeros, cost, corners)
    return best[2] if best else []


def _partner(
    index: int, values: np.ndarray, hidden: np.ndarray, equations: list[list[int]], cell_count: int
) -> int | None:
    """The visible figure to hide alongside an exposed one: the smallest in an equation
    it belongs to, preferring inner cells to totals (less is lost that way)."""
    candidates = {i for eq in equations if index in eq for i in eq if not hidden[i]}
    if not candidates:
        return None
    return min(candidates, key=lambda i: (i >= cell_count, int(values[i]), i))
