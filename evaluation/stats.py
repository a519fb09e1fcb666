"""Statistics an evaluator can publish, computed with pandas, NumPy and SciPy.

* Response per wave: n/N (%), N being the participants still taking part.
* Descriptives per item and score, per wave: n, missing, frequencies with %,
  mean (SD), median (IQR), min–max.
* Change between two waves for people who answered both: paired differences,
  Wilcoxon signed-rank and paired t-test, effect sizes.

Quartiles depend on a definition, which is stated under every table:
``default`` is Hyndman–Fan type 7 (NumPy "linear", R's default, Excel's
PERCENTILE.INC); ``spss`` is Hyndman–Fan type 6 (NumPy "weibull"), the weighted
average at (n + 1)p that SPSS's EXAMINE procedure uses by default (HAVERAGE).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as sps

from .models import CHOICE_KINDS, Evaluation, ItemKind
from .selectors import Dataset, dataset, response_counts

QUANTILES = {
    "default": ("linear", "Quartiles: Hyndman–Fan type 7 (linear interpolation; R, NumPy and Excel PERCENTILE.INC)."),
    "spss": ("weibull", "Quartiles: Hyndman–Fan type 6, weighted average at (n+1)p (SPSS EXAMINE default, HAVERAGE)."),
}


def percent(n: int, total: int) -> int | None:
    return round(100 * n / total) if total else None


def n_of(n: int, total: int) -> str:
    """“19/26 (73%)”."""
    pct = percent(n, total)
    return f"{n}/{total} ({pct}%)" if pct is not None else f"{n}/{total}"


def response_rates(evaluation: Evaluation) -> dict[str, Any]:
    counts = response_counts(evaluation)
    from .selectors import analysable_participants, withdrawn_count

    total = analysable_participants(evaluation).count()
    waves = []
    for wave in evaluation.waves.order_by("position"):
        n = counts.get(wave.pk, 0)
        waves.append(
            {
                "wave": wave.position,
                "label": wave.label,
                "n": n,
                "N": total,
                "percent": percent(n, total),
                "text": n_of(n, total),
            }
        )
    return {"N": total, "withdrawn": withdrawn_count(evaluation), "waves": waves}


def quantiles(values: np.ndarray, method: str) -> tuple[float, float, float]:
    q1, median, q3 = np.quantile(values, [0.25, 0.5, 0.75], method=QUANTILES[method][0])
    return float(q1), float(median), float(q3)


def _clean(x: float | None, digits: int = 2) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), digits)


def describe(
    values: pd.Series, responded: int, method: str = "default", labels: dict | None = None, kind: str = ItemKind.NUMBER
) -> dict[str, Any]:
    """Descriptives of one variable in one wave. ``responded`` is how many completed that wave."""
    numbers = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    n = len(numbers)
    result: dict[str, Any] = {"n": n, "missing": responded - n}
    if n:
        q1, median, q3 = quantiles(numbers, method)
        result.update(
            mean=_clean(numbers.mean()),
            sd=_clean(numbers.std(ddof=1)) if n > 1 else None,
            median=_clean(median),
            q1=_clean(q1),
            q3=_clean(q3),
            iqr=_clean(q3 - q1),
            min=_clean(numbers.min()),
            max=_clean(numbers.max()),
        )
    if kind in CHOICE_KINDS or kind == ItemKind.YESNO:
        counts = pd.Series(numbers).value_counts()
        result["frequencies"] = [
            {
                "value": value,
                "label": label,
                "n": int(counts.get(float(value), 0)),
                "percent": percent(int(counts.get(float(value), 0)), n),
            }
            for value, label in sorted((labels or {}).items())
        ]
    return result


def descriptives(evaluation: Evaluation, method: str = "default", data: Dataset | None = None) -> dict[str, Any]:
    if method not in QUANTILES:
        raise ValueError(f"Unknown quantile definition {method!r}; use one of {', '.join(QUANTILES)}.")
    data = data or dataset(evaluation)
    frame = data.frame
    tables = []
    for wave in data.waves:
        rows = frame[frame["wave"] == wave.position]
        instruments = {v.instrument.code for v in wave.instruments.all()}
        variables = []
        for variable in data.variables:
            if variable.instrument not in instruments or variable.kind in (
                ItemKind.SHORT_TEXT,
                ItemKind.LONG_TEXT,
                ItemKind.DATE,
                ItemKind.MULTIPLE,
            ):
                continue
            summary = describe(rows[variable.name], len(rows), method, variable.value_labels, variable.kind)
            variables.append({"name": variable.name, "label": variable.label, "kind": variable.kind, **summary})
        tables.append({"wave": wave.position, "label": wave.label, "responded": len(rows), "variables": variables})
    return {"quantiles": method, "quantile_definition": QUANTILES[method][1], "waves": tables}


def paired_change(data: Dataset, variable: str, wave_a: int, wave_b: int) -> dict[str, Any]:
    """People who answered ``variable`` at both waves: differences (b − a), Wilcoxon signed-rank and
    paired t-test (SciPy), Cohen's dz and the matched-pairs rank-biserial correlation."""
    frame = data.frame
    a = frame[frame["wave"] == wave_a].set_index("research_number")[variable]
    b = frame[frame["wave"] == wave_b].set_index("research_number")[variable]
    both = pd.concat(
        [pd.to_numeric(a, errors="coerce"), pd.to_numeric(b, errors="coerce")], axis=1, keys=["a", "b"], join="inner"
    ).dropna()
    diff = (both["b"] - both["a"]).to_numpy(dtype=float)
    result: dict[str, Any] = {
        "variable": variable,
        "from_wave": wave_a,
        "to_wave": wave_b,
        "n": len(diff),
        "per_person": [
            {"research_number": rn, "from": float(a), "to": float(b)}
            for rn, a, b in zip(both.index, both["a"], both["b"], strict=True)
        ],
    }
    if len(diff) < 2:
        result["note"] = "Fewer than two people answered at both waves: no test."
        return result
    result.update(
        mean_difference=_clean(diff.mean(), 3),
        sd_difference=_clean(diff.std(ddof=1), 3),
        median_difference=_clean(float(np.median(diff)), 3),
    )
    t = sps.ttest_rel(both["b"], both["a"])
    result["t_test"] = {"t": _clean(t.statistic, 3), "df": len(diff) - 1, "p": _clean(t.pvalue, 4)}
    sd = diff.std(ddof=1)
    result["cohens_dz"] = _clean(diff.mean() / sd, 3) if sd > 0 else None
    nonzero = diff[diff != 0]
    if len(nonzero):
        w = sps.wilcoxon(both["b"], both["a"], zero_method="wilcox")
        ranks = sps.rankdata(np.abs(nonzero))
        positive, negative = ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()
        result["wilcoxon"] = {
            "statistic": _clean(w.statistic, 3),
            "p": _clean(w.pvalue, 4),
            "n_nonzero": int(len(nonzero)),
        }
        result["rank_biserial"] = _clean((positive - negative) / ranks.sum(), 3)
    else:
        result["note"] = "Nobody's answer changed: no signed-rank test."
    return result


def evaluation_stats(evaluation: Evaluation, method: str = "default") -> dict[str, Any]:
    """Everything for the results page and ``manage.py evaluation_stats``."""
    data = dataset(evaluation)
    result = {
        "evaluation": {"id": evaluation.pk, "name": evaluation.name},
        "response": response_rates(evaluation),
        "descriptives": descriptives(evaluation, method, data),
        "change": [],
    }
    # Change between every pair of waves for scores and numeric items asked at both.
    positions = [w.position for w in data.waves]
    for variable in data.variables:
        if variable.kind not in ("score", ItemKind.NUMBER, ItemKind.SCALE, ItemKind.SINGLE):
            continue
        asked = [p for p in positions if data.frame.loc[data.frame["wave"] == p, variable.name].notna().any()]
        for i, first in enumerate(asked):
            for second in asked[i + 1 :]:
                change = paired_change(data, variable.name, first, second)
                change.pop("per_person")
                result["change"].append(change)
    return result
