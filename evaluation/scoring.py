"""Checking answers against their item, deciding which items show, and scoring.

Pure functions over plain values, so the web form, paper entry, imports and the
statistics all apply the same rules.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from mutuality.errors import ServiceError

from .models import Item, ItemKind

YES_NO = [{"value": 1, "label": "Yes"}, {"value": 0, "label": "No"}]


def clean_answer(item: Item, raw: Any) -> tuple[Any, str]:
    """Turn a raw answer (text from a form or file, or a Python value) into
    ``(value, text)`` for an Answer, or raise ServiceError naming the item.
    Empty answers come back as ``(None, "")``."""
    where = f"Question {item.code}"
    if raw is None or raw == "" or raw == []:
        return None, ""
    kind = item.kind
    if kind in (ItemKind.SHORT_TEXT, ItemKind.LONG_TEXT):
        text = str(raw).strip()
        if kind == ItemKind.SHORT_TEXT and len(text) > 500:
            raise ServiceError(f"{where}: please keep this answer under 500 characters.")
        return None, text
    if kind == ItemKind.DATE:
        if isinstance(raw, dt.date):
            return raw.isoformat(), ""
        try:
            return dt.date.fromisoformat(str(raw).strip()).isoformat(), ""
        except ValueError:
            raise ServiceError(f"{where}: “{raw}” is not a date (use YYYY-MM-DD).") from None
    if kind == ItemKind.MULTIPLE:
        values = raw if isinstance(raw, list | tuple) else str(raw).replace(";", ",").split(",")
        chosen = sorted({_choice(item, value, where) for value in values if str(value).strip() != ""})
        return chosen, ""
    if kind in (ItemKind.SINGLE, ItemKind.SCALE, ItemKind.YESNO):
        return _choice(item, raw, where), ""
    # number
    try:
        number = float(str(raw).strip())
    except ValueError:
        raise ServiceError(f"{where}: “{raw}” is not a number.") from None
    if not math.isfinite(number):
        raise ServiceError(f"{where}: “{raw}” is not a number.")
    if item.min_value is not None and number < item.min_value:
        raise ServiceError(f"{where}: {raw} is below the lowest allowed value, {item.min_value:g}.")
    if item.max_value is not None and number > item.max_value:
        raise ServiceError(f"{where}: {raw} is above the highest allowed value, {item.max_value:g}.")
    return (int(number) if number.is_integer() else number), ""


def options_of(item: Item) -> list[dict]:
    return YES_NO if item.kind == ItemKind.YESNO else list(item.options)


def _choice(item: Item, raw: Any, where: str) -> int:
    allowed = {int(option["value"]) for option in options_of(item)}
    text = str(raw).strip().lower()
    if item.kind == ItemKind.YESNO and text in {"yes", "y", "true"}:
        return 1
    if item.kind == ItemKind.YESNO and text in {"no", "n", "false"}:
        return 0
    try:
        value = int(float(text))
    except (ValueError, OverflowError):
        raise ServiceError(f"{where}: “{raw}” is not one of the answers offered.") from None
    if value not in allowed:
        choices = ", ".join(str(v) for v in sorted(allowed))
        raise ServiceError(f"{where}: {value} is out of range (the answers are {choices}).")
    return value


def is_shown(item: Item, values: Mapping[str, Any]) -> bool:
    """Conditional display: shown unless its condition names an item whose answer differs."""
    condition = item.enable_when
    if not condition:
        return True
    answer = values.get(condition.get("item"))
    wanted = condition.get("equals")
    if isinstance(answer, list):
        return wanted in answer
    return answer is not None and str(answer) == str(wanted)


def missing_required(items: Iterable[Item], values: Mapping[str, Any], texts: Mapping[str, str]) -> list[Item]:
    return [
        item
        for item in items
        if item.required and is_shown(item, values) and values.get(item.code) is None and not texts.get(item.code)
    ]


def score(rule: Mapping[str, Any], values: Mapping[str, Any], options: Mapping[str, list[int]]) -> float | None:
    """One scoring rule over a participant's answers.

    ``method`` is "sum" or "mean"; items named in ``reverse`` are reversed
    within their own range (min + max - value); fewer than ``min_answered``
    answers (default: all) gives no score. A "sum" with some items missing but
    enough answered is prorated (mean × number of items), as PHQ-9 and GAD-7
    guidance allow; the rule can turn this off with "prorate": false.
    """
    codes = list(rule["items"])
    reverse = set(rule.get("reverse", []))
    got = []
    for code in codes:
        value = values.get(code)
        if value is None or isinstance(value, list):
            continue
        value = float(value)
        if code in reverse and options.get(code):
            low, high = min(options[code]), max(options[code])
            value = low + high - value
        got.append(value)
    needed = int(rule.get("min_answered", len(codes)))
    if not got or len(got) < needed:
        return None
    mean = sum(got) / len(got)
    if rule.get("method", "sum") == "mean":
        return round(mean, 4)
    if len(got) == len(codes) or not rule.get("prorate", True):
        return sum(got)
    return round(mean * len(codes), 4)


def band(rule: Mapping[str, Any], value: float | None) -> str:
    if value is None:
        return ""
    for low, high, label in rule.get("bands", []):
        if low <= value <= high:
            return label
    return ""
