"""Import instruments from FHIR R4 Questionnaire JSON and REDCap data dictionary CSV.

Each importer returns an instrument definition (as ``services.instrument_create``
takes it) and a report: one line for everything that could not be mapped, and
where it was, so nothing is silently dropped. A file that cannot be read at all
raises ServiceError with the place it broke, and nothing is saved.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from mutuality.errors import ServiceError

from .models import ItemKind


@dataclass
class ImportResult:
    definition: dict[str, Any]
    report: list[str] = field(default_factory=list)
    format: str = ""


def detect_and_parse(name: str, content: bytes) -> ImportResult:
    """Pick the importer from the content (JSON → FHIR, otherwise REDCap CSV)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError(f"{name}: the file is not text (UTF-8); please export it again as JSON or CSV.") from None
    nul = "\x00" if "\x00" in text else "\\u0000" if "\\u0000" in text else ""
    if nul:
        # A NUL character (raw, or escaped in JSON) is never part of a questionnaire, and PostgreSQL cannot store it.
        line = text[: text.index(nul)].count("\n") + 1
        raise ServiceError(f"{name}, line {line}: the file contains a NUL character; please export it again.")
    stripped = text.lstrip()
    if stripped.startswith("{"):
        return parse_fhir(text, name)
    if "Variable / Field Name" in stripped.splitlines()[0] if stripped else False:
        return parse_redcap(text, name)
    raise ServiceError(
        f"{name}: not a FHIR Questionnaire (JSON) or a REDCap data dictionary (CSV with a "
        "“Variable / Field Name” column)."
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "imported"


# --- FHIR -------------------------------------------------------------------------

FHIR_KINDS = {
    "boolean": ItemKind.YESNO,
    "decimal": ItemKind.NUMBER,
    "integer": ItemKind.NUMBER,
    "date": ItemKind.DATE,
    "string": ItemKind.SHORT_TEXT,
    "text": ItemKind.LONG_TEXT,
    "choice": ItemKind.SINGLE,
}


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_without_nulls(item) for item in value if item is not None]
    return value


def parse_fhir(text: str, name: str = "file") -> ImportResult:
    from fhir.resources.R4B.questionnaire import Questionnaire

    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ServiceError(f"{name}: broken JSON at line {error.lineno}, column {error.colno}: {error.msg}.") from None
    if not isinstance(raw, dict):
        raise ServiceError(f"{name}: this JSON is not a FHIR resource (an object with a resourceType).")
    raw = _without_nulls(raw)  # FHIR JSON has no nulls; the model reads them as absent, and so do we
    if raw.get("resourceType") != "Questionnaire":
        raise ServiceError(f"{name}: this is a FHIR {raw.get('resourceType', 'resource')}, not a Questionnaire.")
    try:
        Questionnaire.model_validate(raw)
    except Exception as error:  # pydantic's ValidationError: report its first problems plainly
        detail = str(error).splitlines()
        raise ServiceError(f"{name}: not a valid FHIR R4 Questionnaire: {' '.join(detail[:3])[:400]}") from None
    report: list[str] = []
    contained = {
        resource.get("id"): resource
        for resource in raw.get("contained", [])
        if resource.get("resourceType") == "ValueSet"
    }
    title = raw.get("title") or raw.get("name") or "Imported questionnaire"
    definition: dict[str, Any] = {
        "code": _slug(raw.get("name") or raw.get("id") or title),
        "name": title,
        "description": raw.get("description", ""),
        "licence": raw.get("copyright", ""),
        "sections": [],
    }
    loose: list[dict] = []

    def options_for(entry: dict, where: str) -> list[dict] | None:
        options = []
        for n, option in enumerate(entry.get("answerOption", []), start=1):
            if "valueCoding" in option:
                coding = option["valueCoding"]
                code, label = coding.get("code", ""), coding.get("display") or coding.get("code", "")
            elif "valueInteger" in option:
                code = label = str(option["valueInteger"])
            elif "valueString" in option:
                code, label = str(n - 1), option["valueString"]
            else:
                report.append(f"{where}: answer option {n} is of a type that cannot be used; left out.")
                continue
            options.append((code, label))
        if "answerValueSet" in entry:
            ref = entry["answerValueSet"]
            valueset = contained.get(ref.lstrip("#")) if ref.startswith("#") else None
            if valueset is None:
                report.append(
                    f"{where}: value set {ref} is not contained in the file and cannot be resolved; "
                    "the item was imported as short text."
                )
                return None
            for include in valueset.get("compose", {}).get("include", []):
                for concept in include.get("concept", []):
                    options.append((concept.get("code", ""), concept.get("display") or concept.get("code", "")))
        result = []
        for position, (code, label) in enumerate(options):
            value = int(code) if str(code).lstrip("-").isdigit() else position
            if not str(code).lstrip("-").isdigit():
                report.append(f"{where}: answer code “{code}” is not a number; stored as {value} ({label}).")
            result.append({"value": value, "label": label})
        return result

    def convert(entry: dict, path: str) -> dict | None:
        link = entry.get("linkId", "")
        where = f"item {path} (linkId {link})"
        kind_name = entry.get("type")
        kind = FHIR_KINDS.get(kind_name)
        if kind is None:
            report.append(f"{where}: item type “{kind_name}” has no equivalent; left out.")
            return None
        item: dict[str, Any] = {
            "code": link,
            "text": entry.get("text", link),
            "kind": kind,
            "required": bool(entry.get("required", False)),
        }
        if kind_name == "choice":
            options = options_for(entry, where)
            if options is None:
                item["kind"] = ItemKind.SHORT_TEXT
            elif not options:
                report.append(f"{where}: a choice with no answers; imported as short text.")
                item["kind"] = ItemKind.SHORT_TEXT
            else:
                item["options"] = options
                if entry.get("repeats"):
                    item["kind"] = ItemKind.MULTIPLE
        conditions = entry.get("enableWhen", [])
        if len(conditions) == 1 and conditions[0].get("operator") == "=":
            condition = conditions[0]
            answer = next((v for k, v in condition.items() if k.startswith("answer")), None)
            if isinstance(answer, dict):
                answer = answer.get("code")
            if isinstance(answer, bool):
                answer = int(answer)
            item["enable_when"] = {"item": condition["question"], "equals": answer}
        elif conditions:
            report.append(
                f"{where}: its display condition (enableWhen) uses more than one test or an operator "
                "other than “=”; the item is always shown."
            )
        for extension in entry.get("extension", []):
            report.append(f"{where}: extension {extension.get('url', '?')} is not used.")
        return item

    def walk(entries: list[dict], path: str, section: dict | None, depth: int) -> None:
        for n, entry in enumerate(entries, start=1):
            here = f"{path}{n}"
            if entry.get("type") == "group":
                if depth >= 1:
                    report.append(
                        f"item {here} (linkId {entry.get('linkId')}): a group inside a group; "
                        "its questions were placed in a section of their own."
                    )
                new = {"title": entry.get("text", entry.get("linkId", "")), "items": []}
                definition["sections"].append(new)
                walk(entry.get("item", []), f"{here}.", new, depth + 1)
            elif entry.get("type") == "display":
                target = section if section is not None else None
                if target is not None and not target.get("help_text"):
                    target["help_text"] = entry.get("text", "")
                else:
                    report.append(
                        f"item {here} (linkId {entry.get('linkId')}): display text kept only as help "
                        "text of the section; it was not placed."
                    )
            else:
                item = convert(entry, here)
                if item is not None:
                    (section["items"] if section is not None else loose).append(item)
                if entry.get("item"):
                    report.append(
                        f"item {here}: questions nested under a question were left out ({len(entry['item'])} of them)."
                    )

    walk(raw.get("item", []), "", None, 0)
    if loose:
        definition["sections"].insert(0, {"title": "Questions", "items": loose})
    definition["sections"] = [s for s in definition["sections"] if s["items"]]
    if not definition["sections"]:
        raise ServiceError(f"{name}: the questionnaire has no questions that can be used.")
    return ImportResult(definition, report, "FHIR R4 Questionnaire")


# --- REDCap -------------------------------------------------------------------------

REDCAP_COLUMNS = {
    "name": "Variable / Field Name",
    "form": "Form Name",
    "section": "Section Header",
    "type": "Field Type",
    "label": "Field Label",
    "choices": "Choices, Calculations, OR Slider Labels",
    "note": "Field Note",
    "validation": "Text Validation Type OR Show Slider Number",
    "min": "Text Validation Min",
    "max": "Text Validation Max",
    "branching": "Branching Logic (Show field only if...)",
    "required": "Required Field?",
}
BRANCH = re.compile(r"^\s*\[([a-z0-9_]+)(?:\((\w+)\))?\]\s*=\s*['\"]?(-?\w+)['\"]?\s*$", re.IGNORECASE)


def parse_redcap(text: str, name: str = "file") -> ImportResult:
    reader = csv.DictReader(io.StringIO(text))
    headers = reader.fieldnames or []
    for key in ("name", "type", "label"):
        if REDCAP_COLUMNS[key] not in headers:
            raise ServiceError(f"{name}: line 1: the column “{REDCAP_COLUMNS[key]}” is missing.")
    report: list[str] = []
    sections: list[dict] = []
    current: dict | None = None
    forms = []
    for line, row in enumerate(reader, start=2):

        def get(key: str, row=row) -> str:
            return (row.get(REDCAP_COLUMNS[key]) or "").strip()

        code, field_type, label = get("name"), get("type").lower(), get("label")
        where = f"line {line} ({code or 'no name'})"
        if not code:
            raise ServiceError(f"{name}: {where}: the variable name is empty.")
        if get("form") and get("form") not in forms:
            forms.append(get("form"))
        if get("section") or current is None:
            current = {"title": get("section") or get("form") or "Questions", "items": []}
            sections.append(current)
        item: dict[str, Any] = {
            "code": code,
            "text": label or code,
            "help_text": get("note"),
            "required": get("required").lower() == "y",
        }
        validation = get("validation").lower()
        if field_type == "text":
            if validation in ("integer", "number", "number_1dp", "number_2dp"):
                item["kind"] = ItemKind.NUMBER
                for bound in ("min", "max"):
                    if get(bound):
                        try:
                            item[bound] = float(get(bound))
                        except ValueError:
                            report.append(f"{where}: the {bound}imum “{get(bound)}” is not a number; not used.")
            elif validation.startswith("date"):
                item["kind"] = ItemKind.DATE
                if validation not in ("date_ymd", "date_dmy", "date_mdy"):
                    report.append(f"{where}: validation “{validation}” kept as a date without the time.")
            else:
                item["kind"] = ItemKind.SHORT_TEXT
                if validation:
                    report.append(f"{where}: text validation “{validation}” is not checked by Mutuality.")
        elif field_type == "notes":
            item["kind"] = ItemKind.LONG_TEXT
        elif field_type in ("radio", "dropdown", "checkbox"):
            options = []
            for part in get("choices").split("|"):
                if not part.strip():
                    continue
                value, _, choice_label = part.partition(",")
                value = value.strip()
                if not value.lstrip("-").isdigit():
                    report.append(f"{where}: choice code “{value}” is not a number; that choice was left out.")
                    continue
                options.append({"value": int(value), "label": choice_label.strip()})
            if not options:
                raise ServiceError(f"{name}: {where}: a {field_type} field with no usable choices.")
            item["kind"] = ItemKind.MULTIPLE if field_type == "checkbox" else ItemKind.SINGLE
            item["options"] = options
        elif field_type in ("yesno", "truefalse"):
            item["kind"] = ItemKind.YESNO
        elif field_type == "slider":
            labels = [p.strip() for p in get("choices").split("|")]
            item["kind"] = ItemKind.SCALE
            item["options"] = [{"value": v, "label": ""} for v in range(0, 101)]
            for value, anchor in zip((0, 50, 100), labels + ["", "", ""], strict=False):
                item["options"][value]["label"] = anchor
        elif field_type == "descriptive":
            if not current.get("help_text"):
                current["help_text"] = label
            report.append(f"{where}: descriptive text kept as help text of its section.")
            continue
        else:
            report.append(
                f"{where}: field type “{field_type}” has no equivalent (calculated, file, SQL and "
                "signature fields are not imported); left out."
            )
            continue
        branching = get("branching")
        if branching:
            match = BRANCH.match(branching)
            if match:
                source, checkbox_code, equals = match.groups()
                value = checkbox_code if checkbox_code else equals
                item["enable_when"] = {"item": source, "equals": int(value) if value.lstrip("-").isdigit() else value}
            else:
                report.append(
                    f"{where}: branching logic “{branching}” is too complex to map; the item is always shown."
                )
        current["items"].append(item)
    sections = [s for s in sections if s["items"]]
    if not sections:
        raise ServiceError(f"{name}: no fields that can be used.")
    if len(forms) > 1:
        report.append(
            f"The file holds {len(forms)} REDCap forms; they were imported as one instrument with "
            "a section per section header."
        )
    title = forms[0].replace("_", " ").capitalize() if forms else "Imported REDCap form"
    return ImportResult({"code": _slug(title), "name": title, "sections": sections}, report, "REDCap data dictionary")
