"""Exports: CSV, SPSS .sav and Stata .dta (pyreadstat), FHIR R4 QuestionnaireResponse bundle.

Research numbers only, never names. Withdrawn participants are left out.
The de-identified option re-keys research numbers for this export, drops free
text unless asked for, and shifts dates by a random offset per person (the same
offset for all of a person's dates, so intervals are kept); the choices are
returned with the file and recorded in the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyreadstat

from .models import TEXT_KINDS, Answer, Evaluation, ItemKind, Response
from .selectors import Dataset, analysable_participants, dataset

FORMATS = ("csv", "sav", "dta", "fhir")
SHAPES = ("long", "wide")
MISSING_CODE = -99  # "not answered" in SPSS and Stata numeric variables
FHIR_SYSTEM = "urn:mutuality:research-number"


@dataclass
class ExportOptions:
    format: str = "csv"
    shape: str = "long"
    deidentify: bool = False
    include_text: bool = False
    missing_codes: bool = True


def _deidentify(frame: pd.DataFrame, text_columns: list[str], include_text: bool) -> pd.DataFrame:
    frame = frame.copy()
    numbers = sorted(frame["research_number"].unique())
    rng = random.SystemRandom()
    keys = rng.sample(range(10000, 99999), len(numbers))
    rekey = {old: f"X{new}" for old, new in zip(numbers, keys, strict=True)}
    shift = {old: rng.randint(-180, 180) for old in numbers}
    frame["completed_on"] = [
        day + dt.timedelta(days=shift[rn])
        for day, rn in zip(frame["completed_on"], frame["research_number"], strict=True)
    ]
    frame["research_number"] = frame["research_number"].map(rekey)
    if not include_text:
        frame = frame.drop(columns=[c for c in text_columns if c in frame.columns])
    return frame.sort_values(["research_number", "wave"]).reset_index(drop=True)


def _wide(frame: pd.DataFrame) -> pd.DataFrame:
    values = [c for c in frame.columns if c not in ("research_number", "wave", "wave_label")]
    wide = frame.pivot(index="research_number", columns="wave", values=values)
    wide.columns = [f"{name}_w{wave}" for name, wave in wide.columns]
    wide = wide.dropna(axis=1, how="all").reset_index()
    return wide


def build_frame(data: Dataset, options: ExportOptions) -> tuple[pd.DataFrame, dict[str, Any]]:
    text_columns = [v.name for v in data.variables if v.kind in TEXT_KINDS]
    frame = data.frame
    if options.deidentify:
        frame = _deidentify(frame, text_columns, options.include_text)
    elif not options.include_text:
        frame = frame.drop(columns=[c for c in text_columns if c in frame.columns])
    if options.shape == "wide":
        frame = _wide(frame)
    choices = {
        "format": options.format,
        "shape": options.shape,
        "deidentified": options.deidentify,
        "free_text": options.include_text,
        "participants": data.n_participants,
        "withdrawn_left_out": data.withdrawn,
    }
    return frame, choices


def _labels(data: Dataset, frame: pd.DataFrame) -> tuple[dict[str, str], dict[str, dict]]:
    column_labels = {
        "research_number": "Research number",
        "wave": "Wave",
        "wave_label": "Wave name",
        "mode": "How completed",
        "completed_on": "Date completed",
    }
    value_labels: dict[str, dict] = {}
    by_name = {v.name: v for v in data.variables}
    for column in frame.columns:
        base, _, suffix = column.rpartition("_w")
        variable = by_name.get(column) or (by_name.get(base) if suffix.isdigit() else None)
        if variable is None:
            continue
        column_labels[column] = variable.label[:250] + (f" (wave {suffix})" if variable.name != column else "")
        if variable.value_labels and variable.kind != ItemKind.MULTIPLE:
            value_labels[column] = {**{float(k): v for k, v in variable.value_labels.items()}}
    return column_labels, value_labels


def _for_stats_package(data: Dataset, frame: pd.DataFrame, options: ExportOptions):
    frame = frame.copy()
    column_labels, value_labels = _labels(data, frame)
    numeric = []
    for column in frame.columns:
        if column == "completed_on" or column.startswith("completed_on_w"):
            frame[column] = pd.to_datetime(frame[column])
            continue
        converted = pd.to_numeric(frame[column], errors="coerce")
        if (
            frame[column].notna().sum()
            and converted.notna().sum() == frame[column].notna().sum()
            and column not in ("research_number",)
        ):
            frame[column] = converted.astype(float)
            numeric.append(column)
        else:
            frame[column] = frame[column].fillna("").astype(str)
    value_labels = {k: v for k, v in value_labels.items() if k in numeric}
    missing = {}
    if options.missing_codes:
        for column in numeric:
            if column in ("wave",) or column.startswith("wave_w"):
                continue
            frame[column] = frame[column].fillna(MISSING_CODE)
            missing[column] = [MISSING_CODE]
            value_labels.setdefault(column, {})[float(MISSING_CODE)] = "Not answered"
    return frame, column_labels, value_labels, missing


def write(evaluation: Evaluation, path: Path, options: ExportOptions, progress=None) -> dict[str, Any]:
    """Write the export to ``path``; return the choices made (recorded with the export)."""
    if options.format not in FORMATS:
        raise ValueError(f"Unknown format {options.format!r}.")
    if options.format == "fhir":
        bundle, count = fhir_bundle(evaluation, options, progress)
        Path(path).write_text(json.dumps(bundle, indent=1, default=str), encoding="utf-8")
        return {
            "format": "fhir",
            "responses": count,
            "deidentified": options.deidentify,
            "free_text": options.include_text,
        }
    data = dataset(evaluation, include_text=options.include_text)
    if progress:
        progress(1, 2, "Answers gathered")
    frame, choices = build_frame(data, options)
    if options.format == "csv":
        frame.to_csv(path, index=False)
    else:
        frame, column_labels, value_labels, missing = _for_stats_package(data, frame, options)
        labels = [column_labels.get(c, c) for c in frame.columns]
        if options.format == "sav":
            pyreadstat.write_sav(
                frame,
                str(path),
                column_labels=labels,
                variable_value_labels=value_labels,
                missing_ranges=missing,
            )
        else:
            pyreadstat.write_dta(
                frame,
                str(path),
                column_labels=labels,
                variable_value_labels={
                    k: {int(code): label for code, label in v.items()} for k, v in value_labels.items()
                },
            )
    if progress:
        progress(2, 2, "Written")
    choices["rows"] = len(frame)
    return choices


def fhir_bundle(evaluation: Evaluation, options: ExportOptions, progress=None) -> tuple[dict, int]:
    """A collection Bundle of R4 QuestionnaireResponses (validated with fhir.resources before it is returned)."""
    from fhir.resources.R4B.bundle import Bundle

    responses = list(
        Response.objects.filter(participant__in=analysable_participants(evaluation), completed_at__isnull=False)
        .select_related("participant", "wave", "version__instrument")
        .order_by("participant__research_number", "wave__position")
    )
    answers: dict[int, list[Answer]] = {}
    query = (
        Answer.objects.filter(response__in=[r.pk for r in responses]).select_related("item").order_by("item__position")
    )
    if not options.include_text:
        query = query.defer("text")
    for answer in query:
        answers.setdefault(answer.response_id, []).append(answer)
    rekey = {}
    if options.deidentify:
        numbers = sorted({r.participant.research_number for r in responses})
        rng = random.SystemRandom()
        rekey = dict(zip(numbers, (f"X{n}" for n in rng.sample(range(10000, 99999), len(numbers))), strict=True))
    entries = []
    for index, response in enumerate(responses, start=1):
        items = []
        for answer in answers.get(response.pk, []):
            item = answer.item
            if item.kind in TEXT_KINDS:
                if not options.include_text or not answer.text:
                    continue
                values = [{"valueString": answer.text}]
            elif item.kind == ItemKind.DATE:
                values = [{"valueDate": answer.value}]
            elif item.kind == ItemKind.YESNO:
                values = [{"valueBoolean": bool(answer.value)}]
            elif item.kind == ItemKind.NUMBER:
                values = [
                    {"valueDecimal": answer.value}
                    if isinstance(answer.value, float)
                    else {"valueInteger": answer.value}
                ]
            else:
                labels = item.option_labels()
                chosen = answer.value if isinstance(answer.value, list) else [answer.value]
                values = [{"valueCoding": {"code": str(v), "display": labels.get(int(v), str(v))}} for v in chosen]
            items.append({"linkId": item.code, "text": item.text[:1000], "answer": values})
        number = rekey.get(response.participant.research_number, response.participant.research_number)
        resource = {
            "resourceType": "QuestionnaireResponse",
            "id": f"r{index}",
            "status": "completed",
            "questionnaire": f"urn:mutuality:questionnaire:{response.version.instrument.code}|{response.version.number}",
            "subject": {"identifier": {"system": FHIR_SYSTEM, "value": number}},
            "extension": [{"url": "urn:mutuality:wave", "valueString": response.wave.label}],
        }
        if items:
            resource["item"] = items
        if not options.deidentify:
            resource["authored"] = response.completed_at.isoformat()
        entries.append({"fullUrl": f"urn:uuid:{_uuid(evaluation.pk, response.pk)}", "resource": resource})
        if progress and index % 500 == 0:
            progress(index, len(responses), f"{index} responses")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    Bundle.model_validate(bundle)
    return bundle, len(entries)


def _uuid(evaluation_id: int, response_id: int) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"mutuality:evaluation:{evaluation_id}:response:{response_id}"))
