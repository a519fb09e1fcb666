"""Small numbers are hidden, and nobody can work a hidden one out from the totals."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from mutuality.suppression import RULES, Cell, percent, round_count, suppress_series, suppress_table

small_counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=6)
tables = st.integers(1, 4).flatmap(
    lambda rows: st.integers(1, 4).flatmap(
        lambda cols: st.lists(st.lists(small_counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    )
)


def published(values, table):
    """Every figure of the published table as (true value, cell), with the
    equations an attacker knows: each row, each column, and the totals."""
    grid = np.array(values)
    rows, cols = grid.shape
    figures = [(int(grid[r, c]), table.cells[r][c]) for r in range(rows) for c in range(cols)]
    figures += [(int(grid[r].sum()), table.row_totals[r]) for r in range(rows)]
    figures += [(int(grid[:, c].sum()), table.column_totals[c]) for c in range(cols)]
    figures.append((int(grid.sum()), table.total))
    n = rows * cols
    grand = len(figures) - 1
    relations = [([r * cols + c for c in range(cols)], n + r) for r in range(rows)]
    relations += [([r * cols + c for r in range(rows)], n + rows + c) for c in range(cols)]
    relations += [([n + r for r in range(rows)], grand), ([n + rows + c for c in range(cols)], grand)]
    return figures, relations


def attack(figures, relations):
    """For each hidden figure, the smallest and largest whole number it could be,
    given everything shown (an attacker using integer programming)."""
    count = len(figures)
    matrix = []
    for parts, total in relations:
        row = np.zeros(count)
        row[parts] = 1
        row[total] = -1
        matrix.append(row)
    lower = np.zeros(count)
    upper = np.full(count, 10_000.0)
    for index, (_value, cell) in enumerate(figures):
        if not cell.hidden:
            lower[index] = upper[index] = cell.shown
    constraint = LinearConstraint(np.array(matrix), 0, 0)
    ranges = {}
    for index, (_value, cell) in enumerate(figures):
        if cell.hidden:
            objective = np.zeros(count)
            objective[index] = 1
            low = milp(objective, constraints=constraint, bounds=Bounds(lower, upper), integrality=np.ones(count))
            high = milp(-objective, constraints=constraint, bounds=Bounds(lower, upper), integrality=np.ones(count))
            ranges[index] = (round(low.fun), round(-high.fun))
    return ranges


@given(tables)
def test_small_counts_are_hidden_and_none_can_be_recovered_from_the_totals(values):
    table = suppress_table(values, RULES["standard"])
    figures, relations = published(values, table)
    for value, cell in figures:
        if 1 <= value <= 4:
            assert cell.hidden, f"a count of {value} was shown"
        if not cell.hidden:
            assert cell.shown == value, "shown figures are exact under the standard rule"
    for index, (low, high) in attack(figures, relations).items():
        assert low < high, f"hidden figure {figures[index][0]} recovered exactly"
        assert low <= figures[index][0] <= high


@given(st.lists(st.lists(st.integers(0, 7), min_size=2, max_size=2), min_size=2, max_size=2))
def test_exhaustive_search_cannot_pin_down_any_hidden_cell_of_a_two_by_two_table(values):
    """A second, brute-force attacker: try every possible value of the hidden cells."""
    table = suppress_table(values, RULES["standard"])
    figures, relations = published(values, table)
    hidden = [i for i, (_v, cell) in enumerate(figures) if cell.hidden]
    if not hidden:
        return
    # Every combination of values for the hidden inner cells, up to the grand total
    # (knowing the true grand total only makes this attacker stronger).
    grand = sum(v for row in values for v in row)
    inner_hidden = [i for i in hidden if i < 4]
    inner = np.array([[figures[i][1].shown or 0 for i in range(4)]] * 1, dtype=np.int64)
    if inner_hidden:
        grids = np.indices([grand + 1] * len(inner_hidden)).reshape(len(inner_hidden), -1).T
        inner = np.repeat(inner, len(grids), axis=0)
        inner[:, inner_hidden] = grids
    a, b, c, d = inner.T
    derived = np.stack([a, b, c, d, a + b, c + d, a + c, b + d, a + b + c + d], axis=1)
    consistent = np.ones(len(derived), dtype=bool)
    for i, (_value, cell) in enumerate(figures):
        if not cell.hidden:
            consistent &= derived[:, i] == cell.shown
    for i in hidden:
        assert len(set(derived[consistent, i])) > 1, (
            f"figure {i} (true value {figures[i][0]}) has only one possible value"
        )


@given(
    st.dictionaries(st.sampled_from(["GP", "Secondary care", "Another organisation", "Self"]), small_counts, min_size=1)
)
def test_a_list_of_counts_with_its_total_never_reveals_a_hidden_count(counts):
    series = suppress_series(counts)
    hidden = [k for k, cell in series.cells.items() if cell.hidden]
    for key, cell in series.cells.items():
        if 1 <= counts[key] <= 4:
            assert cell.hidden
    if hidden and not series.total.hidden:
        # With the total shown, one hidden count alone would be the total minus the rest.
        assert len(hidden) >= 2


def test_nhs_hospital_rule_hides_one_to_seven_and_rounds_the_rest_to_five():
    series = suppress_series({"a": 7, "b": 3, "c": 12, "d": 13, "e": 0, "f": 102}, RULES["nhs_hospital"])
    shown = {k: str(v) for k, v in series.cells.items()}
    assert (shown["a"], shown["b"]) == ("*", "*")
    assert (shown["c"], shown["d"], shown["e"], shown["f"]) == ("10", "15", "0", "100")
    assert str(series.total) == "135"


def test_rounding_is_half_up_as_national_statistics_round():
    rule = RULES["round_5"]
    assert [round_count(v, rule) for v in (0, 7, 12, 13, 17, 22, 25)] == [0, 5, 10, 15, 15, 20, 25]


def test_a_threshold_can_be_set_per_organisation():
    series = suppress_series({"a": 9, "b": 30, "c": 40}, RULES["standard"].with_threshold(10))
    assert series.cells["a"].hidden


def test_percentages_hide_with_their_counts():
    assert percent(Cell(None, "small"), Cell(40)) == "*"
    assert percent(Cell(19), Cell(26)) == "73%"
    assert percent(Cell(3), Cell(0)) == "–"


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        suppress_table([[1, -2]])
