import datetime

import numpy as np
import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from mutuality.suppression import RULES
from outcomes import analysis
from outcomes.report import readmission_table
from outcomes.tests.helpers import D, consenting_person, stay
from reports.models import Report
from reports.sections import ReportContext
from reports.services import report_build


@pytest.mark.django_db(transaction=True)
def test_coordinator_builds_a_report_in_the_background_and_shares_it_with_commissioners(client, run_worker):
    from people.testing import build_world

    world = build_world()
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("reports:create"),
        {"organisation": world.org.slug, "start": "2025-01-01", "end": "2025-12-31", "rule": "standard"},
    )
    report = Report.objects.get()
    assert response.status_code == 302 and response.url == reverse("jobs:detail", args=[report.job_id])
    run_worker()
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert "outcomes" in [s["key"] for s in report.content]
    pdf = client.get(reverse("reports:pdf", args=[report.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")

    client.force_login(world.users["commissioner"])
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404  # not shared yet
    client.force_login(world.users["coordinator"])
    client.post(reverse("reports:publish", args=[report.pk]))
    client.force_login(world.users["commissioner"])
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Hospital and crisis outcomes" in page and analysis.CAUTION in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"start": "2025-12-31", "end": "2025-01-01"}, "The end of the period must be after its start."),
        ({"start": "2025-01-01", "end": "2999-01-01"}, "The period cannot end in the future."),
        ({"start": "2025-01-01", "end": "2025-12-31", "threshold": "1"}, "greater than or equal to 2"),
        ({"start": "2025-01-01", "end": "2025-12-31", "rule": "none"}, "Select a valid choice"),
        ({"start": "soon", "end": "2025-12-31"}, "Enter a valid date"),
    ],
)
def test_a_report_request_that_cannot_be_built_is_refused_plainly(world, client, data, message):
    client.force_login(world.users["coordinator"])
    response = client.post(reverse("reports:create"), {"organisation": world.org.slug, "rule": "standard", **data})
    assert message in response.content.decode()
    assert not Report.objects.exists()


def _small_group(world):
    """Three people with peer support, two readmitted within a year; many without."""
    for i in range(3):
        person = consenting_person(world, f"S{i}", supported=True)
        stay(person, D(2023, 1, 1), D(2023, 1, 10))
        if i < 2:
            stay(person, D(2023, 3, 1), D(2023, 3, 4))
    for i in range(12):
        person = consenting_person(world, f"N{i}")
        stay(person, D(2023, 1, 1), D(2023, 1, 10))
        if i < 7:
            stay(person, D(2023, 6, 1), D(2023, 6, 8))


def test_small_groups_are_hidden_in_the_report_and_their_curve_is_not_drawn(world):
    _small_group(world)
    report = Report.objects.create(
        organisation=world.org, start=D(2023, 1, 1), end=D(2025, 12, 31), rule="standard", threshold=5
    )
    report_build(report=report)
    section = next(s for s in report.content if s["key"] == "outcomes")
    readmission = section["tables"][0]["rows"]
    assert readmission[0][:3] == [analysis.SUPPORTED, "*", "*"]  # 2 of 3: both small
    assert readmission[1][1] == "*"  # hidden too, or 2 could be worked out from the total of 9
    assert not section["charts"]
    assert "too small" in section["intro"]
    text = str(section)
    assert "2 of 3" not in text and "67%" not in text


def _parse(text: str) -> int | None:
    return None if text == "*" else int(text.replace(",", ""))


def _recoverable(values: list[int | None]) -> list[str]:
    """Small counts (readmitted or not, per group) an attacker can pin down exactly, knowing that
    counts add up, that nobody is readmitted more often than followed, and every shown
    figure (integer programming). ``values``: r1, r2, t1, t2, R, T (readmitted and
    followed per group, then in all), None where hidden."""
    n = len(values)
    equations = [[1, 1, 0, 0, -1, 0], [0, 0, 1, 1, 0, -1]]
    inequalities = [[1, 0, -1, 0, 0, 0], [0, 1, 0, -1, 0, 0]]  # r_g <= t_g
    lower, upper = np.zeros(n), np.full(n, 1000.0)
    for i, v in enumerate(values):
        if v is not None:
            lower[i] = upper[i] = v
    constraints = [LinearConstraint(np.array(equations), 0, 0), LinearConstraint(np.array(inequalities), -np.inf, 0)]
    # What an attacker wants: each group's readmitted count, and its not-readmitted count (t - r).
    targets = {"r1": [1, 0, 0, 0, 0, 0], "r2": [0, 1, 0, 0, 0, 0], "n1": [-1, 0, 1, 0, 0, 0], "n2": [0, -1, 0, 1, 0, 0]}
    exposed = []
    for name, weights in targets.items():
        c = np.array(weights, dtype=float)
        bounds = Bounds(lower, upper)
        low = milp(c, constraints=constraints, bounds=bounds, integrality=np.ones(n)).fun
        high = -milp(-c, constraints=constraints, bounds=bounds, integrality=np.ones(n)).fun
        if round(low) == round(high) and 1 <= round(low) < 5:
            exposed.append(name)
    return exposed


@settings(max_examples=150)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])), min_size=2, max_size=2
    )
)
def test_nobody_can_work_out_a_hidden_readmission_count_from_the_report(groups):
    ctx = ReportContext(1, "Test", datetime.date(2023, 1, 1), datetime.date(2025, 12, 31), RULES["standard"])
    proportions = [analysis.Proportion(events=e, n=n, low=0.1, high=0.9) for e, n in groups]
    table = readmission_table(ctx, proportions)
    rows = table.rows
    shown = [_parse(rows[0][1]), _parse(rows[1][1]), _parse(rows[0][2]), _parse(rows[1][2])]
    shown += [_parse(rows[2][1]), _parse(rows[2][2])]
    assert _recoverable(shown) == []
    # Every small count really is hidden, and shown percentages never sit beside a hidden count.
    for (events, _n), row in zip(groups, rows[:2], strict=True):
        if 1 <= events < 5:
            assert row[1] == "*"
        if row[1] == "*" or row[2] == "*":
            assert row[3] == "*" and row[4] in {"*", "–"}


def test_the_report_curve_stops_where_few_people_remain_and_their_share_is_hidden(world):
    import random

    from outcomes.tests.test_analysis import _cohort

    rng = random.Random(3)
    _cohort(world, rng, 30, True, mean_days=900)
    _cohort(world, rng, 30, False, mean_days=250)
    report = Report.objects.create(
        organisation=world.org, start=D(2023, 1, 1), end=D(2025, 12, 31), rule="standard", threshold=5
    )
    report_build(report=report)
    section = next(s for s in report.content if s["key"] == "outcomes")
    assert len(section["charts"]) == 1
    at_risk_table = section["tables"][1]
    hidden = [row for row in at_risk_table["rows"] if row[4] == "*"]
    assert hidden, "the group without support falls below five people at risk within two years"
    assert all(row[3] == "*" for row in hidden)
    stats = analysis.outcome_stats([world.org.pk], D(2023, 1, 1), D(2025, 12, 31))
    for curve in stats.curves:
        kept = analysis.truncated(curve, 5).points
        assert all(p["at_risk"] >= 5 for p in kept)
        assert len(kept) < len(curve.points) or min(p["at_risk"] for p in curve.points) >= 5


NOT_PEOPLE = {"Groups open now (listed in the directory)", "Groups that met", "Meetings"}


def test_every_count_of_people_in_a_report_on_demo_data_is_zero_hidden_or_at_least_five(db):
    from people.management.commands.demo import load_demo
    from people.models import Organisation

    load_demo("small", 1, log=lambda line: None)
    organisation = Organisation.objects.order_by("pk").first()
    report = Report.objects.create(
        organisation=organisation,
        start=datetime.date.today() - datetime.timedelta(days=3 * 365),
        end=datetime.date.today(),
        rule="standard",
        threshold=5,
    )
    report_build(report=report)
    keys = [s["key"] for s in report.content]
    assert {"referrals", "support", "groups", "training", "outcomes"} <= set(keys)
    checked = 0
    for section in report.content:
        for table in section["tables"]:
            if "Number" not in table["columns"]:
                continue
            column = table["columns"].index("Number")
            for row in table["rows"]:
                if row[0] in NOT_PEOPLE:
                    continue
                value = row[column]
                checked += 1
                assert value == "*" or int(value.replace(",", "")) == 0 or int(value.replace(",", "")) >= 5, (
                    section["key"],
                    row,
                )
    assert checked > 20


def test_a_hazard_ratio_without_a_confidence_interval_is_reported_plainly_not_as_a_crash():
    from outcomes.report import comparison_table

    table = comparison_table(analysis.Comparison(logrank_statistic=1.2, logrank_p=0.27, hazard_ratio=0.8, ph_p=None))
    assert table.rows[0] == [
        "Hazard ratio, peer support vs none (Cox model)",
        "0.80 (no confidence interval could be estimated)",
    ]
    assert [row[0] for row in table.rows] == ["Hazard ratio, peer support vs none (Cox model)", "Log-rank test"]
    assert comparison_table(analysis.Comparison(message="Not enough data")) is None
