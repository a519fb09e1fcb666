"""Reads for qualitative analysis, scoped to the actor. Texts are read audited.

Blind double-coding: on an answer in the sample, each coder sees only their own
codes until every double coder has finished (``sample_complete``).
Withdrawn participants' answers, and those of people with a restriction in force,
are left out of lists, analyses, quotations and exports.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from access.actor import Actor
from access.rules import qualitative as rules
from audit.services import record_reads
from evaluation.models import Participant
from evaluation.selectors import restricted_participants

from .models import Code, Coder, Document, Memo, Project, Resolution, Segment


def projects_for(actor: Actor) -> QuerySet[Project]:
    return (
        Project.objects.filter(organisation_id__in=rules.project_orgs(actor))
        .select_related("evaluation", "lead")
        .annotate(n_documents=Count("documents", distinct=True))
        .order_by("-created_at", "id")
    )


def usable_documents(project: Project) -> QuerySet[Document]:
    """Texts still in use: imported texts, and answers of participants who have not withdrawn
    and whose person has no restriction in force."""
    return (
        Document.objects.filter(project=project)
        .filter(Q(participant__isnull=True) | Q(participant__withdrawn_at__isnull=True))
        .exclude(participant__in=restricted_participants())
        .select_related("participant")
    )


def unavailable_reason(document: Document) -> str | None:
    """Why an answer may not be coded or used now, in words for the coder; None if it may."""
    if document.participant_id is None:
        return None
    participant = (
        Participant.objects.filter(pk=document.participant_id)
        .annotate(restricted=Exists(restricted_participants().filter(pk=OuterRef("pk"))))
        .values("withdrawn_at", "restricted")
        .get()
    )
    if participant["withdrawn_at"] is not None:
        return "The person who gave it has withdrawn from the evaluation. Their answers cannot be coded or used."
    if participant["restricted"]:
        return (
            "The person who gave it has asked for their records not to be used for now."
            " Their answers cannot be coded or used until that is lifted."
        )
    return None


def double_coders(project: Project) -> list[Coder]:
    return list(Coder.objects.filter(project=project, double_codes=True).select_related("person").order_by("id"))


def sample_complete(project: Project) -> bool:
    coders = double_coders(project)
    return project.has_sample and len(coders) >= 2 and all(coder.finished_at for coder in coders)


def codebook(project: Project) -> list[tuple[Code, int]]:
    """Codes in tree order with their depth (0 = top), each with ``n_segments``."""
    codes = list(
        Code.objects.filter(project=project).annotate(n_segments=Count("segments")).order_by("position", "name")
    )
    children = defaultdict(list)
    for code in codes:
        children[code.parent_id].append(code)
    ordered: list[tuple[Code, int]] = []

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            ordered.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return ordered


def code_paths(project: Project) -> dict[int, str]:
    codes = {code.pk: code for code in Code.objects.filter(project=project)}

    def path(code: Code) -> str:
        names = []
        while code is not None:
            names.append(code.name)
            code = codes.get(code.parent_id)
        return " › ".join(reversed(names))

    return {pk: path(code) for pk, code in codes.items()}


def descendants(project: Project) -> dict[int, set[int]]:
    """Each code → itself and every code below it."""
    parents = dict(Code.objects.filter(project=project).values_list("pk", "parent_id"))
    result: dict[int, set[int]] = {pk: {pk} for pk in parents}
    for pk in parents:
        node = parents[pk]
        while node is not None:
            result[node].add(pk)
            node = parents[node]
    return result


@dataclass
class DocumentPage:
    document: Document
    segments: list[Segment]
    hidden_count: int
    memos: list[Memo]
    blind: bool
    quoted: set[int] = field(default_factory=set)
    chunks: list[tuple[str, bool]] = field(default_factory=list)


def _chunks(text: str, segments: list[Segment]) -> list[tuple[str, bool]]:
    """The text cut into (words, coded?) pieces, overlapping passages joined, for highlighting."""
    spans = sorted((s.start, s.end) for s in segments if s.start is not None)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, at = [], 0
    for start, end in merged:
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def document_for_coding(document: Document, actor: Actor) -> DocumentPage:
    project = document.project
    segments = list(
        Segment.objects.filter(document=document).select_related("code", "coder").prefetch_related("quotations")
    )
    blind = document.in_sample and not sample_complete(project)
    visible = [segment for segment in segments if not blind or segment.coder_id == actor.person_id]
    for segment in visible:
        segment.text_passage = segment.passage(document.text)
    memos = list(Memo.objects.filter(document=document).select_related("author"))
    record_reads(actor=actor, targets=[document], summary="Text read for coding")
    return DocumentPage(
        document=document,
        segments=visible,
        hidden_count=len(segments) - len(visible),
        memos=memos,
        blind=blind,
        quoted={segment.pk for segment in visible if segment.quotations.all()},
        chunks=_chunks(document.text, visible),
    )


def documents_list(project: Project, actor: Actor, *, wave: str = "", item: str = "") -> list[dict]:
    """The project's texts with how many codes the actor (and, outside the blind sample, everyone) applied."""
    documents = usable_documents(project).annotate(
        mine=Count("segments", filter=Q(segments__coder_id=actor.person_id)),
        everyone=Count("segments"),
    )
    if wave:
        documents = documents.filter(wave_label=wave)
    if item:
        documents = documents.filter(item_code=item)
    return list(documents.order_by("position", "id"))


def final_codes(project: Project) -> dict[int, set[int]]:
    """Document id → codes that apply after settling: every coder's codes, with settled
    disagreements deciding in or out. Sample answers count only once double-coding is finished."""
    applied: dict[int, set[int]] = defaultdict(set)
    segments = Segment.objects.filter(document__project=project)
    if project.has_sample and not sample_complete(project):
        # While the double-coding sample is blind, its codes stay out of every count and
        # report, or a coder could read another's codes off the totals.
        segments = segments.exclude(document__in_sample=True)
    for document_id, code_id in segments.values_list("document_id", "code_id"):
        applied[document_id].add(code_id)
    for document_id, code_id, applies in Resolution.objects.filter(document__project=project).values_list(
        "document_id", "code_id", "applies"
    ):
        if applies:
            applied[document_id].add(code_id)
        else:
            applied[document_id].discard(code_id)
    return applied


@dataclass
class WaveCounts:
    waves: list[str]
    rows: list[dict]  # {"code", "depth", "counts": [n per wave], "total"}
    answered: list[int]  # texts per wave (the denominator)


def counts_per_wave(project: Project, *, item: str = "") -> WaveCounts:
    """How many answers fall in each code or category (counting a category once per answer), per wave."""
    documents = usable_documents(project)
    if item:
        documents = documents.filter(item_code=item)
    rows = list(documents.values_list("pk", "wave_label", "wave_position"))
    waves = [
        label for label, _ in sorted({(label or "No wave", pos or 0) for _, label, pos in rows}, key=lambda x: x[1])
    ]
    wave_of = {pk: (label or "No wave") for pk, label, _ in rows}
    applied = final_codes(project)
    below = descendants(project)
    result = []
    for code, depth in codebook(project):
        counts = dict.fromkeys(waves, 0)
        for document_id, wave in wave_of.items():
            if applied.get(document_id, set()) & below[code.pk]:
                counts[wave] += 1
        result.append(
            {"code": code, "depth": depth, "counts": [counts[w] for w in waves], "total": sum(counts.values())}
        )
    answered = [sum(1 for w in wave_of.values() if w == wave) for wave in waves]
    return WaveCounts(waves=waves, rows=result, answered=answered)


def quotations(project: Project):
    from .models import Quotation

    return list(
        Quotation.objects.filter(segment__document__in=usable_documents(project))
        .select_related("segment__code", "segment__document__participant", "picked_by")
        .order_by("segment__code__name", "picked_at")
    )


def item_codes(project: Project) -> list[str]:
    return sorted(set(usable_documents(project).exclude(item_code="").values_list("item_code", flat=True)))


def wave_labels(project: Project) -> list[str]:
    pairs = set(usable_documents(project).exclude(wave_label="").values_list("wave_label", "wave_position"))
    return [label for label, _ in sorted(pairs, key=lambda pair: pair[1] or 0)]


def memos_for_code(code: Code) -> list[Memo]:
    return list(Memo.objects.filter(code=code).select_related("author"))


def coder_records(project: Project) -> QuerySet[Coder]:
    return Coder.objects.filter(project=project).select_related("person")


def segments_of(code: Code) -> QuerySet[Segment]:
    return (
        Segment.objects.filter(code=code)
        .select_related("document__participant", "coder")
        .prefetch_related(Prefetch("quotations"))
    )


def code_segments(code: Code, actor: Actor) -> list[Segment]:
    """A code's segments the actor may see (their own only, on the blind sample), read audited."""
    blind = not sample_complete(code.project)
    segments = [
        segment
        for segment in segments_of(code)
        .filter(Q(document__participant__isnull=True) | Q(document__participant__withdrawn_at__isnull=True))
        .exclude(document__participant__in=restricted_participants())
        if not (blind and segment.document.in_sample and segment.coder_id != actor.person_id)
    ]
    record_reads(actor=actor, targets={segment.document for segment in segments}, summary="Texts read for a code")
    return segments
