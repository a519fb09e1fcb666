"""Exports (CSV, Word document) and REFI-QDA codebook exchange (.qdc)."""

from __future__ import annotations

import csv
import io
import uuid
import xml.etree.ElementTree as ET

from django.db import transaction
from django.db.models import Q
from docx import Document as WordDocument

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError

from . import agreement, selectors, services
from .models import Code, Project, Segment

QDC_NAMESPACE = "urn:QDA-XML:codebook:1.0"
SEGMENT_COLUMNS = [
    "text",
    "source",
    "research_number",
    "item",
    "wave",
    "code",
    "coder",
    "whole_answer",
    "start",
    "end",
    "passage",
]
CODEBOOK_COLUMNS = ["code", "name", "parent", "level", "definition", "examples", "segments", "guid"]


def _audit_export(project: Project, actor, what: str) -> None:
    record(actor=actor, action=AuditEvent.Action.EXPORT, target=project, summary=f"Exported {what}")


def segments_csv(project: Project, *, actor) -> str:
    """Every coded segment of texts still in use (withdrawn or restricted participants left out).
    During blind double-coding, other coders' codes on the sample are left out."""
    paths = selectors.code_paths(project)
    documents = {document.pk: document for document in selectors.usable_documents(project)}
    segments = (
        Segment.objects.filter(document_id__in=list(documents))
        .select_related("coder")
        .order_by("document__position", "start", "id")
    )
    if project.has_sample and not selectors.sample_complete(project):
        # While the sample is coded blind, nobody's export shows another coder's codes on it.
        segments = segments.filter(Q(document__in_sample=False) | Q(coder_id=getattr(actor, "person_id", None)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(SEGMENT_COLUMNS)
    for segment in segments:
        document = documents[segment.document_id]
        writer.writerow(
            [
                document.label,
                document.source,
                document.participant.research_number if document.participant_id else "",
                document.item_code,
                document.wave_label,
                paths[segment.code_id],
                segment.coder.display_name,
                "yes" if segment.is_whole else "no",
                "" if segment.start is None else segment.start,
                "" if segment.end is None else segment.end,
                segment.passage(document.text),
            ]
        )
    _audit_export(project, actor, "coded segments (CSV)")
    return out.getvalue()


def codebook_csv(project: Project, *, actor) -> str:
    paths = selectors.code_paths(project)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CODEBOOK_COLUMNS)
    for code, depth in selectors.codebook(project):
        writer.writerow(
            [
                paths[code.pk],
                code.name,
                paths.get(code.parent_id, ""),
                depth + 1,
                code.definition,
                code.examples,
                code.n_segments,
                code.guid,
            ]
        )
    _audit_export(project, actor, "codebook (CSV)")
    return out.getvalue()


def report_docx(project: Project, *, actor) -> bytes:
    """A document for reports: codebook, answers per category per wave, agreement, quotations."""
    word = WordDocument()
    word.add_heading(project.name, level=0)
    word.add_paragraph("Answers are known by research number only.")

    word.add_heading("Codebook", level=1)
    table = word.add_table(rows=1, cols=3)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text, table.rows[0].cells[2].text = (
        "Code",
        "Definition",
        "Examples",
    )
    paths = selectors.code_paths(project)
    for code, _depth in selectors.codebook(project):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = paths[code.pk], code.definition, code.examples

    word.add_heading("Answers per category and wave", level=1)
    counts = selectors.counts_per_wave(project)
    table = word.add_table(rows=1, cols=len(counts.waves) + 1)
    table.rows[0].cells[0].text = "Code or category"
    for index, wave in enumerate(counts.waves, start=1):
        table.rows[0].cells[index].text = wave
    for row in counts.rows:
        cells = table.add_row().cells
        cells[0].text = paths[row["code"].pk]
        for index, count in enumerate(row["counts"], start=1):
            cells[index].text = str(count)
    cells = table.add_row().cells
    cells[0].text = "Texts"
    for index, count in enumerate(counts.answered, start=1):
        cells[index].text = str(count)

    figures = agreement.compute(project)
    word.add_heading("Agreement", level=1)
    if figures.overall is None:
        word.add_paragraph("No double-coded answers yet.")
    else:
        word.add_paragraph(
            f"Unit of analysis: the {figures.unit}. {figures.coded_answers} answers double-coded by "
            f"{', '.join(figures.coders)}. Percentage agreement {figures.overall.percent}%, "
            f"Cohen's kappa {_show(figures.overall.kappa)}, Krippendorff's alpha {_show(figures.overall.alpha)}."
        )

    word.add_heading("Quotations", level=1)
    for quotation in selectors.quotations(project):
        segment = quotation.segment
        word.add_paragraph(f"“{segment.passage(segment.document.text)}”", style="Quote")
        word.add_paragraph(f"{paths[segment.code_id]}: {segment.document.label}")
    out = io.BytesIO()
    word.save(out)
    _audit_export(project, actor, "report (Word)")
    return out.getvalue()


def _show(value) -> str:
    return "not defined" if value is None else f"{value:.2f}"


# --- REFI-QDA codebook -------------------------------------------------------------


def codebook_qdc(project: Project, *, actor) -> bytes:
    """The codebook in the REFI-QDA codebook format: CodeBook / Codes / Code (nested), Description."""
    ET.register_namespace("", QDC_NAMESPACE)
    root = ET.Element(f"{{{QDC_NAMESPACE}}}CodeBook", {"origin": "Mutuality"})
    codes_el = ET.SubElement(root, f"{{{QDC_NAMESPACE}}}Codes")
    by_parent: dict[int | None, list[Code]] = {}
    for code in Code.objects.filter(project=project).order_by("position", "name"):
        by_parent.setdefault(code.parent_id, []).append(code)
    changed = []

    def add(parent_el, parent_id):
        for code in by_parent.get(parent_id, []):
            if not code.guid:
                code.guid = str(uuid.uuid4())
                changed.append(code)
            element = ET.SubElement(
                parent_el, f"{{{QDC_NAMESPACE}}}Code", {"guid": code.guid, "name": code.name, "isCodable": "true"}
            )
            description = "\n\n".join(
                part for part in (code.definition, f"Examples: {code.examples}" if code.examples else "") if part
            )
            if description:
                ET.SubElement(element, f"{{{QDC_NAMESPACE}}}Description").text = description
            add(element, code.pk)

    add(codes_el, None)
    if changed:
        Code.objects.bulk_update(changed, ["guid"])
    _audit_export(project, actor, "codebook (REFI-QDA)")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _split_description(text: str) -> tuple[str, str]:
    definition, _, examples = text.partition("\n\nExamples: ")
    return definition.strip(), examples.strip()


@transaction.atomic
def codebook_import_qdc(*, project: Project, content: bytes, actor) -> int:
    """Add the codes of a REFI-QDA codebook. A code whose name is already used at the
    same place is kept as it is (and its sub-codes are added under it). Nothing is half-imported."""
    head = content[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in content.upper():
        raise ServiceError("This file declares a document type or entities, which codebook files do not use.")
    try:
        root = ET.fromstring(content)  # noqa: S314 (DOCTYPE and entities refused above)
    except ET.ParseError as error:
        raise ServiceError(f"This is not a readable codebook file ({error}).") from None
    if root.tag not in (f"{{{QDC_NAMESPACE}}}CodeBook", "CodeBook"):
        raise ServiceError("This is not a REFI-QDA codebook: its first element should be CodeBook.")
    ns = root.tag[: -len("CodeBook")]
    codes_el = root.find(f"{ns}Codes")
    if codes_el is None:
        raise ServiceError("The codebook has no Codes element.")
    added = 0

    def walk(element, parent):
        nonlocal added
        for code_el in element.findall(f"{ns}Code"):
            name = (code_el.get("name") or "").strip()
            if not name:
                raise ServiceError("A code in the file has no name.")
            if code_el.get("guid") is None:
                raise ServiceError(f"The code “{name}” has no guid.")
            description_el = code_el.find(f"{ns}Description")
            definition, examples = _split_description(description_el.text or "" if description_el is not None else "")
            existing = Code.objects.filter(project=project, parent=parent, name__iexact=name).first()
            if existing is None:
                existing = services.code_create(
                    project=project,
                    parent=parent,
                    name=name,
                    definition=definition,
                    examples=examples,
                    guid=code_el.get("guid") or "",
                    actor=actor,
                )
                added += 1
            walk(code_el, existing)

    walk(codes_el, None)
    return added
