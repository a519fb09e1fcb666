import datetime
import json
import random
from decimal import Decimal
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command
from django.urls import reverse

from outcomes import analysis, services
from outcomes.models import CostItem, UseKind
from outcomes.tests.helpers import D, consenting_person, stay
from people import services as people_services
from people.models import Consent, ConsentScope

START, END = D(2023, 1, 1), D(2025, 12, 31)


def _stats(world):
    return analysis.outcome_stats([world.org.pk], START, END)


def test_readmission_within_a_year_counts_only_people_whose_year_can_be_known(world):
    readmitted = consenting_person(world, "Ana")
    stay(readmitted, D(2023, 1, 10), D(2023, 2, 1))
    stay(readmitted, D(2023, 8, 1), D(2023, 8, 20))  # 181 days later
    stayed_out = consenting_person(world, "Ben")
    stay(stayed_out, D(2023, 3, 1), D(2023, 3, 15))  # never back
    late = consenting_person(world, "Cal")
    stay(late, D(2023, 2, 1), D(2023, 2, 10))
    stay(late, D(2024, 6, 1), D(2024, 6, 5))  # back after more than a year
    too_recent = consenting_person(world, "Dee")
    stay(too_recent, D(2025, 9, 1), D(2025, 9, 30))  # only three months of follow-up
    stats = _stats(world)
    p = stats.readmission[analysis.NOT_SUPPORTED]
    assert (p.events, p.n) == (1, 3)
    assert stats.people == 4
    assert p.low < 1 / 3 < p.high


def test_withdrawing_consent_ends_follow_up_that_day_and_nothing_after_counts(world):
    person = consenting_person(world, "Ana")
    stay(person, D(2023, 1, 1), D(2023, 1, 31))
    stay(person, D(2024, 6, 1), D(2024, 6, 10))  # after the withdrawal below
    withdrawal = people_services.consent_record(
        person=person, scope=ConsentScope.OUTCOMES, given=False, method="paper", actor=None
    )
    Consent.objects.filter(pk=withdrawal.pk).update(recorded_at=datetime.datetime(2024, 1, 31, 12, tzinfo=datetime.UTC))
    people = analysis._people_frame([world.org.pk], END)
    frame = analysis.follow_up(people, analysis._uses([world.org.pk], START, END), START, END)
    row = frame.iloc[0]
    assert (row.event, row.days) == (0, 365)  # censored on the day of withdrawal
    totals = _stats(world).use["All"]
    assert totals.bed_days == 30  # the June 2024 stay is after the withdrawal


def test_people_who_never_agreed_are_not_in_any_figure(world):
    person = world.add_person("Eve")
    from outcomes.models import ServiceUse

    ServiceUse.objects.create(
        organisation=world.org, person=person, kind=UseKind.HOSPITAL, started_on=D(2023, 1, 1), ended_on=D(2023, 2, 1)
    )
    stats = _stats(world)
    assert stats.people == 0 and stats.use["All"].bed_days == 0


def test_bed_days_inside_the_period_are_priced_with_each_years_unit_cost(world):
    person = consenting_person(world, "Ana")
    stay(person, D(2022, 12, 22), D(2023, 1, 11))  # 10 nights inside the period
    stay(person, D(2024, 12, 27), D(2025, 1, 6), kind=UseKind.CRISIS)  # 5 nights in 2024, 5 in 2025
    stay(person, D(2025, 12, 21), None)  # still there: 11 nights to the end of the period
    stay(person, D(2024, 3, 3), None, kind=UseKind.EMERGENCY)
    services.unit_cost_set(
        organisation=world.org,
        year=2025,
        item=CostItem.CRISIS_DAY,
        amount=Decimal("200"),
        source="Our 2025 budget",
        actor=None,
    )
    totals = _stats(world).use["All"]
    assert (totals.bed_days, totals.crisis_days, totals.emergency_attendances) == (21, 10, 1)
    # 21 bed days at the default £259, 5 crisis days at the default £180 and 5 at our £200;
    # no cost is set for emergency attendances, so they are counted but not priced.
    assert totals.cost == Decimal(21 * 259 + 5 * 180 + 5 * 200)


def _cohort(world, rng, n, supported, mean_days):
    """People discharged early in 2023 whose time to readmission is exponential with the given mean."""
    for i in range(n):
        person = consenting_person(world, f"{'S' if supported else 'N'}{i}", supported=supported)
        discharged = D(2023, 1, 1) + datetime.timedelta(days=rng.randrange(0, 60))
        stay(person, discharged - datetime.timedelta(days=rng.randrange(5, 30)), discharged)
        back = discharged + datetime.timedelta(days=max(1, int(rng.expovariate(1 / mean_days))))
        if back <= END:
            stay(person, back, back + datetime.timedelta(days=7))


@pytest.fixture
def two_groups(world):
    rng = random.Random(7)
    _cohort(world, rng, 60, True, mean_days=900)
    _cohort(world, rng, 60, False, mean_days=250)
    return world


def test_longer_time_in_the_community_with_peer_support_shows_in_every_measure(two_groups):
    stats = _stats(two_groups)
    curves = {c.group: c for c in stats.curves}
    assert curves[analysis.SUPPORTED].rmst_days > curves[analysis.NOT_SUPPORTED].rmst_days
    c = stats.comparison
    assert c.hazard_ratio < 1 and c.hr_low < c.hazard_ratio < c.hr_high
    assert c.logrank_p < 0.05
    assert c.ph_p is not None
    at_start = dict(curves[analysis.SUPPORTED].at_risk)
    assert at_start[0] == 60 and at_start[365] <= 60


def test_survival_curve_and_hazard_ratio_agree_with_statsmodels(two_groups):
    """lifelines does the work; statsmodels, an independent implementation, must agree."""
    import statsmodels.api as sm

    people = analysis._people_frame([two_groups.org.pk], END)
    frame = analysis.follow_up(people, analysis._uses([two_groups.org.pk], START, END), START, END)
    stats = _stats(two_groups)
    for curve in stats.curves:
        rows = frame[frame.group == curve.group]
        reference = sm.SurvfuncRight(rows.days.to_numpy(float), rows.event.to_numpy(float))
        for day in (90, 365, 730):
            ours = analysis.survival_at(curve, day)["survival"]
            index = np.searchsorted(reference.surv_times, day, side="right") - 1
            theirs = 1.0 if index < 0 else reference.surv_prob[index]
            assert ours == pytest.approx(theirs, abs=1e-9)
    model = sm.PHReg(
        frame.days.to_numpy(float),
        frame[["supported"]].to_numpy(float),
        status=frame.event.to_numpy(float),
        ties="efron",
    ).fit()
    assert stats.comparison.hazard_ratio == pytest.approx(float(np.exp(model.params[0])), rel=1e-4)


def test_too_little_data_is_said_plainly_instead_of_a_figure(world):
    person = consenting_person(world, "Ana")
    stay(person, D(2023, 1, 1), D(2023, 1, 10))
    stats = _stats(world)
    assert stats.comparison.hazard_ratio is None
    assert "Not enough data" in stats.comparison.message


def test_outcomes_stats_command_prints_json_with_the_caution(two_groups):
    out = StringIO()
    call_command(
        "outcomes_stats",
        "--org",
        two_groups.org.slug,
        "--format",
        "json",
        "--start",
        "2023-01-01",
        "--end",
        "2025-12-31",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["caution"] == analysis.CAUTION
    assert data["readmission_within_12_months"][analysis.SUPPORTED]["n"] > 0
    assert data["comparison"]["hazard_ratio_supported_vs_not"] < 1


def test_outcomes_stats_command_refuses_an_unknown_organisation(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no organisation"):
        call_command("outcomes_stats", "--org", "nowhere", "--format", "json")


def test_outcomes_page_shows_the_caution_chart_and_tables_in_constant_queries(
    two_groups, client, django_assert_max_num_queries
):
    client.force_login(two_groups.users["coordinator"])
    url = reverse("outcomes:overview") + "?start=2023-01-01&end=2025-12-31"
    with django_assert_max_num_queries(20):
        response = client.get(url)
    page = response.content.decode()
    assert analysis.CAUTION in page
    assert 'src="data:image/png;base64,' in page and "Kaplan–Meier curves" in page
    assert "Hazard ratio (peer support vs none, Cox model)" in page
    assert "Healthcare Commission (2008)" in page


def test_a_period_that_ends_before_it_starts_is_refused(world, client):
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("outcomes:overview") + "?start=2025-01-01&end=2024-01-01")
    assert "The end of the period must be after its start." in response.content.decode()


def test_unit_cost_needs_a_source_and_cannot_be_negative(world, client):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("outcomes:costs"), {"year": 2026, "item": CostItem.HOSPITAL_DAY, "amount": "-5", "source": ""}
    )
    page = response.content.decode()
    assert "Nothing has been saved yet" in page
    response = client.post(
        reverse("outcomes:costs"),
        {"year": 2026, "item": CostItem.HOSPITAL_DAY, "amount": "300", "source": "Trust finance 2026"},
    )
    assert response.status_code == 302
