"""Outcome analysis: readmission, days in the community, bed days and costs.

The statistics come from lifelines (Kaplan–Meier, log-rank, Cox proportional
hazards and its Schoenfeld-residual check) and statsmodels (Wilson confidence
intervals); this module only prepares one row per person and words the results.

Who is in it: people of the organisation who agreed to outcomes data being used
and had a hospital discharge in the study period. Their *index discharge* is the
first one in the period. Follow-up runs from it to the next hospital admission (the
event), or is censored at the end of the period or on the day the person withdrew
consent, whichever comes first. Nothing after a withdrawal is used. People with a
restriction in force (records kept but not used) are left out until it is lifted.

Groups: "had peer support" means a peer worker supported the person at some time
up to the end of the period (a "supports" relationship). Groups are not randomised.
"""

from __future__ import annotations

import base64
import io
import math
import warnings
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import pandas as pd
from django.db.models import Exists, OuterRef

from outcomes.models import DEFAULT_UNIT_COSTS, CostItem, ServiceUse, UnitCost, UseKind
from people.models import Consent, ConsentScope, Organisation, Relationship
from privacy.selectors import restricted_person_ids

SUPPORTED = "Had peer support"
NOT_SUPPORTED = "No peer support"
GROUPS = (SUPPORTED, NOT_SUPPORTED)
YEAR = 365
AT_RISK_DAYS = (0, 90, 180, 365, 545, 730)
RMST_HORIZON = 730  # restricted mean: average days out of hospital in the first two years

CAUTION = (
    "People were not randomly assigned to peer support. Those who chose it may differ from "
    "those who did not in ways these figures cannot see, so a difference here does not show "
    "that peer support caused it."
)


@dataclass
class Proportion:
    events: int
    n: int
    low: float | None
    high: float | None

    @property
    def value(self) -> float | None:
        return self.events / self.n if self.n else None


@dataclass
class Curve:
    group: str
    n: int
    events: int
    median_days: float | None
    rmst_days: float | None
    points: list[dict]  # day, survival, low, high, at_risk
    at_risk: list[tuple[int, int]]  # (day, number still followed and not readmitted)


@dataclass
class Comparison:
    logrank_statistic: float | None = None
    logrank_p: float | None = None
    hazard_ratio: float | None = None
    hr_low: float | None = None
    hr_high: float | None = None
    cox_p: float | None = None
    ph_p: float | None = None
    message: str = ""

    @property
    def ph_holds(self) -> bool | None:
        return None if self.ph_p is None else self.ph_p >= 0.05


@dataclass
class UseTotals:
    bed_days: int = 0
    crisis_days: int = 0
    emergency_attendances: int = 0
    cost: Decimal = Decimal("0.00")


@dataclass
class OutcomeStats:
    start: date
    end: date
    people: int
    groups: dict[str, int]
    readmission: dict[str, Proportion]
    curves: list[Curve]
    comparison: Comparison
    use: dict[str, UseTotals]
    unit_costs: list[dict]
    caution: str = CAUTION
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        def num(x):
            return None if x is None or (isinstance(x, float) and math.isnan(x)) else x

        return {
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "caution": self.caution,
            "people_followed": self.people,
            "groups": self.groups,
            "readmission_within_12_months": {
                g: {"readmitted": p.events, "n": p.n, "proportion": num(p.value), "ci95": [num(p.low), num(p.high)]}
                for g, p in self.readmission.items()
            },
            "days_in_community": [
                {
                    "group": c.group,
                    "n": c.n,
                    "readmitted": c.events,
                    "median_days": num(c.median_days),
                    "restricted_mean_days_first_two_years": num(c.rmst_days),
                    "at_risk": [{"day": d, "n": n} for d, n in c.at_risk],
                }
                for c in self.curves
            ],
            "comparison": {
                "logrank_statistic": num(self.comparison.logrank_statistic),
                "logrank_p": num(self.comparison.logrank_p),
                "hazard_ratio_supported_vs_not": num(self.comparison.hazard_ratio),
                "hazard_ratio_ci95": [num(self.comparison.hr_low), num(self.comparison.hr_high)],
                "cox_p": num(self.comparison.cox_p),
                "proportional_hazards_test_p": num(self.comparison.ph_p),
                "message": self.comparison.message,
            },
            "service_use": {
                g: {
                    "bed_days": t.bed_days,
                    "crisis_days": t.crisis_days,
                    "emergency_attendances": t.emergency_attendances,
                    "cost_gbp": str(t.cost),
                }
                for g, t in self.use.items()
            },
            "unit_costs": self.unit_costs,
            "notes": self.notes,
        }


# --- Building the data --------------------------------------------------------------------


def _people_frame(organisation_ids: list[int], end: date) -> pd.DataFrame:
    """Everyone with an outcomes consent decision and no restriction in force: their group and censoring date."""
    supported = Relationship.objects.filter(
        to_person_id=OuterRef("person_id"), kind=Relationship.Kind.SUPPORTS, started_at__date__lte=end
    )
    rows = (
        Consent.objects.filter(
            person__organisation_id__in=organisation_ids, scope=ConsentScope.OUTCOMES, is_current=True
        )
        .exclude(person_id__in=restricted_person_ids())
        .annotate(supported=Exists(supported))
        .values_list("person_id", "person__organisation_id", "given", "recorded_at", "supported")
    )
    frame = pd.DataFrame(list(rows), columns=["person_id", "organisation_id", "given", "recorded_at", "supported"])
    if frame.empty:
        return frame.assign(censor_on=pd.Series(dtype="object"))
    frame["censor_on"] = [
        end if given else min(end, at.date()) for given, at in zip(frame.given, frame.recorded_at, strict=True)
    ]
    return frame


def _uses(organisation_ids: list[int], start: date, end: date) -> pd.DataFrame:
    rows = (
        ServiceUse.objects.filter(organisation_id__in=organisation_ids, started_on__lte=end)
        .exclude(person_id__in=restricted_person_ids())
        .values_list("person_id", "kind", "started_on", "ended_on")
    )
    return pd.DataFrame(list(rows), columns=["person_id", "kind", "started_on", "ended_on"])


def follow_up(people: pd.DataFrame, uses: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """One row per person with an index discharge: group, days followed, readmitted or not."""
    censor = dict(zip(people.person_id, people.censor_on, strict=True)) if not people.empty else {}
    group = dict(zip(people.person_id, people.supported, strict=True)) if not people.empty else {}
    out = []
    hospital = uses[uses.kind == UseKind.HOSPITAL] if not uses.empty else uses
    for person_id, stays in hospital.groupby("person_id") if not hospital.empty else []:
        if person_id not in censor:
            continue
        stop = censor[person_id]
        stays = stays.sort_values("started_on")
        index = stays[stays.ended_on.notna() & (stays.ended_on >= start) & (stays.ended_on <= stop)]
        if index.empty:
            continue
        discharged = index.ended_on.iloc[0]
        later = stays[(stays.started_on > discharged) & (stays.started_on <= stop)]
        if later.empty:
            days, event = (stop - discharged).days, False
        else:
            days, event = (later.started_on.iloc[0] - discharged).days, True
        out.append(
            {
                "person_id": person_id,
                "group": SUPPORTED if group[person_id] else NOT_SUPPORTED,
                "supported": int(bool(group[person_id])),
                "discharged_on": discharged,
                "days": days,
                "event": int(event),
            }
        )
    return pd.DataFrame(out, columns=["person_id", "group", "supported", "discharged_on", "days", "event"])


# --- Statistics ---------------------------------------------------------------------------


def readmission_within_year(frame: pd.DataFrame) -> dict[str, Proportion]:
    """Readmitted within 12 months of the index discharge, with a Wilson 95% CI.

    Counted only for people followed for a full year or readmitted within it:
    someone followed for three months without readmission cannot say."""
    from statsmodels.stats.proportion import proportion_confint

    result = {}
    for name in GROUPS:
        rows = frame[frame.group == name]
        known = rows[(rows.days >= YEAR) | ((rows.event == 1) & (rows.days <= YEAR))]
        events = int(((known.event == 1) & (known.days <= YEAR)).sum())
        n = len(known)
        low = high = None
        if n:
            low, high = (float(x) for x in proportion_confint(events, n, alpha=0.05, method="wilson"))
        result[name] = Proportion(events=events, n=n, low=low, high=high)
    return result


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def kaplan_meier(frame: pd.DataFrame) -> list[Curve]:
    from lifelines import KaplanMeierFitter
    from lifelines.utils import restricted_mean_survival_time

    curves = []
    for name in GROUPS:
        rows = frame[frame.group == name]
        if rows.empty:
            continue
        km = KaplanMeierFitter(label=name).fit(rows.days, rows.event)
        ci = km.confidence_interval_survival_function_
        points = [
            {
                "day": int(day),
                "survival": float(s),
                "low": float(lo),
                "high": float(hi),
                "at_risk": int((rows.days >= day).sum()),
            }
            for day, s, lo, hi in zip(
                km.survival_function_.index, km.survival_function_[name], ci.iloc[:, 0], ci.iloc[:, 1], strict=True
            )
        ]
        at_risk = [(day, int((rows.days >= day).sum())) for day in AT_RISK_DAYS]
        rmst = restricted_mean_survival_time(km, t=RMST_HORIZON) if rows.days.max() > 0 else None
        curves.append(
            Curve(
                group=name,
                n=len(rows),
                events=int(rows.event.sum()),
                median_days=_finite(km.median_survival_time_),
                rmst_days=None if rmst is None else float(rmst),
                points=points,
                at_risk=at_risk,
            )
        )
    return curves


def compare(frame: pd.DataFrame) -> Comparison:
    """Log-rank test and Cox hazard ratio (peer support vs none), with the PH check."""
    from lifelines import CoxPHFitter
    from lifelines.exceptions import ConvergenceError
    from lifelines.statistics import logrank_test, proportional_hazard_test

    a, b = frame[frame.supported == 1], frame[frame.supported == 0]
    if a.empty or b.empty or frame.event.sum() == 0:
        return Comparison(message="Not enough data to compare the groups: each needs people, and someone readmitted.")
    test = logrank_test(a.days, b.days, event_observed_A=a.event, event_observed_B=b.event)
    result = Comparison(logrank_statistic=float(test.test_statistic), logrank_p=float(test.p_value))
    data = frame[["days", "event", "supported"]].astype(float)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cox = CoxPHFitter().fit(data, duration_col="days", event_col="event")
            check = proportional_hazard_test(cox, data, time_transform="rank")
    except (ConvergenceError, ValueError, ZeroDivisionError, ArithmeticError):
        result.message = "The hazard ratio could not be estimated from these data (too few readmissions)."
        return result
    row = cox.summary.loc["supported"]
    result.hazard_ratio = _finite(row["exp(coef)"])
    result.hr_low = _finite(row["exp(coef) lower 95%"])
    result.hr_high = _finite(row["exp(coef) upper 95%"])
    result.cox_p = _finite(row["p"])
    result.ph_p = _finite(check.summary["p"].iloc[0])
    return result


# --- Service use and costs -------------------------------------------------------------------


def _overlap_by_year(first: date, last: date) -> dict[int, int]:
    """Days from ``first`` up to (not including) ``last``, split by calendar year."""
    days: dict[int, int] = {}
    day = first
    while day < last:
        year_end = date(day.year + 1, 1, 1)
        stop = min(last, year_end)
        days[day.year] = days.get(day.year, 0) + (stop - day).days
        day = stop
    return days


def unit_costs_for(organisation_ids: list[int], years: range) -> dict[tuple[int, int, str], tuple[Decimal, str]]:
    """(organisation, year, item) → (amount, source): the organisation's own figure,
    or the default cited from the source documents."""
    own = {
        (c.organisation_id, c.year, c.item): (c.amount, c.source)
        for c in UnitCost.objects.filter(organisation_id__in=organisation_ids, year__in=list(years))
    }
    table = {}
    for org in organisation_ids:
        for year in years:
            for item in CostItem.values:
                value = own.get((org, year, item)) or DEFAULT_UNIT_COSTS.get(item)
                if value:
                    table[(org, year, item)] = value
    return table


def priced_use(
    people: pd.DataFrame, uses: pd.DataFrame, start: date, end: date, costs: dict
) -> list[tuple[int, bool, str, int, Decimal]]:
    """Each stay or attendance as (person, supported, measure, count, cost), counting only
    what falls inside the period and before any withdrawal of consent. Bed and crisis days
    are nights from admission to discharge; a stay still going on counts to the end of the period."""
    if people.empty or uses.empty:
        return []
    info = {
        row.person_id: (row.organisation_id, row.supported, row.censor_on)
        for row in people[["person_id", "organisation_id", "supported", "censor_on"]].itertuples(index=False)
    }
    priced = []
    for person_id, kind, started, ended in uses.itertuples(index=False):
        if person_id not in info:
            continue
        org, supported, censor_on = info[person_id]
        last_day = min(end, censor_on)
        if kind == UseKind.EMERGENCY:
            if not start <= started <= last_day:
                continue
            per_year = {started.year: 1}
            item, measure = CostItem.EMERGENCY_ATTENDANCE, "emergency_attendances"
        else:
            limit = last_day + timedelta(days=1)
            per_year = _overlap_by_year(max(started, start), min(ended or limit, limit))
            item, measure = (
                (CostItem.HOSPITAL_DAY, "bed_days")
                if kind == UseKind.HOSPITAL
                else (CostItem.CRISIS_DAY, "crisis_days")
            )
        count = sum(per_year.values())
        if count <= 0:
            continue
        cost = sum((costs.get((org, year, item), (Decimal(0), ""))[0] * n for year, n in per_year.items()), Decimal(0))
        priced.append((person_id, bool(supported), measure, count, cost))
    return priced


def service_use_totals(
    people: pd.DataFrame, uses: pd.DataFrame, start: date, end: date, organisation_ids: list[int]
) -> tuple[dict[str, UseTotals], list[dict]]:
    """Bed days, crisis days and attendances inside the period, priced with unit costs, per group."""
    totals = {name: UseTotals() for name in (*GROUPS, "All")}
    costs = unit_costs_for(organisation_ids, range(start.year, end.year + 1))
    for _person_id, supported, measure, count, cost in priced_use(people, uses, start, end, costs):
        for group in (SUPPORTED if supported else NOT_SUPPORTED, "All"):
            setattr(totals[group], measure, getattr(totals[group], measure) + count)
            totals[group].cost += cost
    return totals, _cost_rows(costs)


def _cost_rows(costs) -> list[dict]:
    names = dict(Organisation.objects.filter(pk__in={org for org, _, _ in costs}).values_list("pk", "name"))
    return [
        {
            "organisation": names.get(org, ""),
            "year": year,
            "item": str(CostItem(item).label),
            "amount_gbp": str(amount),
            "source": source,
        }
        for (org, year, item), (amount, source) in sorted(costs.items())
    ]


# --- Everything at once ---------------------------------------------------------------------


def default_period(end: date | None = None) -> tuple[date, date]:
    from django.utils import timezone

    end = end or timezone.localdate()
    return end - timedelta(days=3 * YEAR), end


def outcome_stats(organisation_ids: list[int], start: date, end: date) -> OutcomeStats:
    people = _people_frame(organisation_ids, end)
    uses = _uses(organisation_ids, start, end)
    frame = follow_up(people, uses, start, end)
    totals, unit_costs = service_use_totals(people, uses, start, end, organisation_ids)
    notes = []
    if frame.empty:
        notes.append("Nobody who agreed to outcomes data had a hospital discharge in this period.")
    return OutcomeStats(
        start=start,
        end=end,
        people=len(frame),
        groups={name: int((frame.group == name).sum()) for name in GROUPS},
        readmission=readmission_within_year(frame),
        curves=kaplan_meier(frame) if not frame.empty else [],
        comparison=compare(frame) if not frame.empty else Comparison(message="No data."),
        use=totals,
        unit_costs=unit_costs,
        notes=notes,
    )


# --- Chart -------------------------------------------------------------------------------------


def km_chart_png(curves: list[Curve]) -> str:
    """The Kaplan–Meier curves with 95% bands as a PNG data URI (drawn on the server
    so it needs no JavaScript; the page shows the same numbers in a table beside it)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7, 4), dpi=100)
    axes = figure.subplots()
    for curve, colour in zip(curves, ("#1d70b8", "#d4351c"), strict=False):
        days = [p["day"] for p in curve.points]
        axes.step(days, [p["survival"] for p in curve.points], where="post", color=colour, label=curve.group)
        axes.fill_between(
            days,
            [p["low"] for p in curve.points],
            [p["high"] for p in curve.points],
            step="post",
            alpha=0.2,
            color=colour,
        )
    axes.set_xlabel("Days since discharge")
    axes.set_ylabel("Still in the community")
    axes.set_ylim(0, 1.02)
    axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    axes.legend(loc="lower left")
    axes.grid(alpha=0.3)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def truncated(curve: Curve, min_at_risk: int) -> Curve:
    """The curve only as far as at least ``min_at_risk`` people are still followed: further
    out, each step would show what happened to one or two people."""
    points = [p for p in curve.points if p["at_risk"] >= min_at_risk]
    return Curve(
        group=curve.group,
        n=curve.n,
        events=curve.events,
        median_days=curve.median_days,
        rmst_days=curve.rmst_days,
        points=points,
        at_risk=curve.at_risk,
    )


def survival_at(curve: Curve, day: int) -> dict | None:
    """The curve's value on a given day (the last step at or before it)."""
    value = None
    for point in curve.points:
        if point["day"] > day:
            break
        value = point
    return value
