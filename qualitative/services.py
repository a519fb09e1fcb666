"""Every write in qualitative analysis, audited; refusals are ServiceError in plain English."""

from __future__ import annotations

import random
import secrets
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from evaluation.models import TEXT_KINDS, Answer, Evaluation
from evaluation.selectors import participants_taking_part
from mutuality.errors import ServiceError

from . import selectors
from .models import DEFAULT_SAMPLE_FRACTION, Code, Coder, Document, Memo, Project, Quotation, Resolution, Segment

A = AuditEvent.Action


def _person(actor: Any):
    return getattr(actor, "person", None)


# --- Projects and texts ----------------------------------------------------------


@transaction.atomic
def project_create(
    *, organisation, name: str, actor: Any, evaluation: Evaluation | None = None, description: str = ""
) -> Project:
    name = name.strip()
    if not name:
        raise ServiceError("Please give the project a name.")
    if evaluation is not None and evaluation.organisation_id != organisation.pk:
        raise ServiceError("That evaluation belongs to another organisation.")
    project = Project.objects.create(
        organisation=organisation,
        evaluation=evaluation,
        name=name,
        description=description.strip(),
        lead=_person(actor),
    )
    if project.lead_id:
        Coder.objects.create(project=project, person=project.lead)
    record(actor=actor, action=A.CREATE, target=project, summary="Qualitative project set up")
    if evaluation is not None:
        _gather_answers(project)
    return project


def _gather_answers(project: Project) -> int:
    """Copy in the free-text answers of participants still taking part (not withdrawn, consenting).
    A restricted person's answers are copied in too but not used (``selectors.usable_documents``
    leaves them out) until the restriction is lifted."""
    answers = (
        Answer.objects.filter(
            response__participant__in=participants_taking_part(project.evaluation),
            item__kind__in=TEXT_KINDS,
        )
        .select_related("item", "response__wave", "response__participant")
        .order_by("item__code", "response__wave__position", "response__participant__research_number", "id")
    )
    taken = set(project.documents.exclude(answer=None).values_list("answer_id", flat=True))
    position = project.documents.count()
    documents = []
    for answer in answers:
        if answer.pk in taken or not answer.text.strip():
            continue
        position += 1
        documents.append(
            Document(
                project=project,
                source=Document.Source.ANSWER,
                participant=answer.response.participant,
                answer=answer,
                item_code=answer.item.code,
                question=answer.item.text,
                wave_position=answer.response.wave.position,
                wave_label=answer.response.wave.label,
                text=answer.text,
                position=position,
            )
        )
    Document.objects.bulk_create(documents)
    return len(documents)


@transaction.atomic
def project_refresh(*, project: Project, actor: Any) -> int:
    """Bring in answers given since the project was set up."""
    if project.evaluation is None:
        raise ServiceError("This project is not linked to an evaluation.")
    added = _gather_answers(project)
    record(actor=actor, action=A.UPDATE, target=project, summary=f"{added} new answers brought in")
    return added


@transaction.atomic
def text_import(
    *, project: Project, title: str, text: str, actor: Any, wave_label: str = "", item_code: str = ""
) -> Document:
    """Add a text from outside (transcribed workshop notes). It must not name anyone."""
    title, text = title.strip(), text.strip()
    if not title:
        raise ServiceError("Please give the text a title, such as 'Workshop notes, two months'.")
    if not text:
        raise ServiceError("The text is empty.")
    document = Document.objects.create(
        project=project,
        source=Document.Source.IMPORTED,
        title=title[:200],
        text=text,
        wave_label=wave_label.strip()[:100],
        item_code=item_code.strip()[:60],
        position=project.documents.count() + 1,
    )
    record(
        actor=actor, action=A.CREATE, target=document, organisation_id=project.organisation_id, summary="Text imported"
    )
    return document


# --- Codebook --------------------------------------------------------------------


def _check_parent(project: Project, parent: Code | None, code: Code | None = None) -> None:
    if parent is None:
        return
    if parent.project_id != project.pk:
        raise ServiceError("That category belongs to another project.")
    node = parent
    while node is not None:
        if code is not None and node.pk == code.pk:
            raise ServiceError("A code cannot be placed inside itself.")
        node = node.parent


def _name_free(project: Project, parent: Code | None, name: str, exclude: Code | None = None) -> None:
    clash = Code.objects.filter(project=project, parent=parent, name__iexact=name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude.pk)
    if clash.exists():
        where = f"in {parent.name}" if parent else "at the top of the codebook"
        raise ServiceError(f"There is already a code called “{name}” {where}.")


@transaction.atomic
def code_create(
    *,
    project: Project,
    name: str,
    actor: Any,
    parent: Code | None = None,
    definition: str = "",
    examples: str = "",
    guid: str = "",
) -> Code:
    name = name.strip()
    if not name:
        raise ServiceError("Please give the code a name.")
    _check_parent(project, parent)
    _name_free(project, parent, name)
    code = Code.objects.create(
        project=project,
        parent=parent,
        name=name[:200],
        definition=definition.strip(),
        examples=examples.strip(),
        guid=guid or str(uuid.uuid4()),
        position=Code.objects.filter(project=project, parent=parent).count(),
    )
    record(actor=actor, action=A.CREATE, target=code, organisation_id=project.organisation_id, summary="Code added")
    return code


@transaction.atomic
def code_update(
    *, code: Code, actor: Any, name: str, definition: str = "", examples: str = "", parent: Code | None = None
) -> Code:
    """Rename, redefine or move a code. Its segments stay with it."""
    name = name.strip()
    if not name:
        raise ServiceError("Please give the code a name.")
    _check_parent(code.project, parent, code)
    _name_free(code.project, parent, name, exclude=code)
    code.name, code.definition, code.examples, code.parent = name[:200], definition.strip(), examples.strip(), parent
    code.save()
    record(
        actor=actor,
        action=A.UPDATE,
        target=code,
        organisation_id=code.project.organisation_id,
        summary="Code changed",
    )
    return code


@transaction.atomic
def code_merge(*, source: Code, target: Code, actor: Any) -> Code:
    """Fold ``source`` into ``target``: every segment, memo and sub-code moves; none is lost."""
    if source.pk == target.pk:
        raise ServiceError("Choose a different code to merge into.")
    if source.project_id != target.project_id:
        raise ServiceError("Codes can only be merged within one project.")
    node = target
    while node is not None:
        if node.pk == source.pk:
            raise ServiceError("A code cannot be merged into one of its own sub-codes.")
        node = node.parent
    for child in source.children.all():
        _name_free(target.project, target, child.name)
    moved = Segment.objects.filter(code=source).update(code=target)
    source.children.update(parent=target)
    source.memos.update(code=target)
    for resolution in Resolution.objects.filter(code=source):
        if Resolution.objects.filter(document=resolution.document_id, code=target).exists():
            resolution.delete()
        else:
            resolution.code = target
            resolution.save(update_fields=["code"])
    name = source.name
    source.delete()
    record(
        actor=actor,
        action=A.UPDATE,
        target=target,
        organisation_id=target.project.organisation_id,
        summary=f"Code merged in ({moved} segments moved)",
        detail={"merged": name},
    )
    return target


@transaction.atomic
def code_split(*, code: Code, name: str, segment_ids: Iterable[int], actor: Any, definition: str = "") -> Code:
    """Make a new sibling code and move the chosen segments to it; the others stay."""
    ids = {int(pk) for pk in segment_ids}
    if not ids:
        raise ServiceError("Choose the segments that go to the new code.")
    chosen = Segment.objects.filter(code=code, pk__in=ids)
    if chosen.count() != len(ids):
        raise ServiceError("Some of the chosen segments are not coded with this code.")
    new = code_create(project=code.project, name=name, parent=code.parent, definition=definition, actor=actor)
    chosen.update(code=new)
    record(
        actor=actor,
        action=A.UPDATE,
        target=code,
        organisation_id=code.project.organisation_id,
        summary=f"Code split ({len(ids)} segments moved)",
    )
    return new


@transaction.atomic
def code_delete(*, code: Code, actor: Any, move_to: Code | None = None) -> None:
    """Delete a code. If it has segments or sub-codes, the caller must say where
    they go (``move_to``): nothing coded is ever thrown away silently."""
    has_segments = code.segments.exists()
    has_children = code.children.exists()
    if (has_segments or has_children or code.memos.exists()) and move_to is None:
        raise ServiceError(
            f"“{code.name}” has {code.segments.count()} coded segments and {code.children.count()} sub-codes. "
            "Choose a code to move them to before deleting it."
        )
    if move_to is not None:
        code_merge(source=code, target=move_to, actor=actor)
        return
    record(
        actor=actor,
        action=A.DELETE,
        target=code,
        organisation_id=code.project.organisation_id,
        summary="Code deleted",
    )
    code.resolutions.all().delete()
    code.delete()


# --- Coding ----------------------------------------------------------------------


def coder_join(project: Project, person) -> Coder:
    coder, _ = Coder.objects.get_or_create(project=project, person=person)
    return coder


def _check_codable(document: Document) -> None:
    reason = selectors.unavailable_reason(document)
    if reason:
        raise ServiceError(reason)


def passage_offsets(text: str, passage: str) -> tuple[int | None, int | None]:
    """Offsets of a passage quoted from the text (its first occurrence); (None, None) for the whole answer."""
    passage = passage.strip()
    if not passage or passage == text.strip():
        return None, None
    start = text.find(passage)
    if start < 0:
        raise ServiceError(
            "That passage is not in the answer. Copy it exactly, or leave it empty to code the whole answer."
        )
    return start, start + len(passage)


@transaction.atomic
def segments_apply(
    *,
    document: Document,
    codes: Sequence[Code],
    actor: Any,
    start: int | None = None,
    end: int | None = None,
) -> list[Segment]:
    """Apply one or more codes to a whole answer (no offsets) or to a passage of it."""
    _check_codable(document)
    if not codes:
        raise ServiceError("Choose at least one code.")
    if any(code.project_id != document.project_id for code in codes):
        raise ServiceError("That code belongs to another project.")
    if (start is None) != (end is None):
        raise ServiceError("A passage needs both a start and an end.")
    if start is not None and not (0 <= start < end <= len(document.text)):
        raise ServiceError("That passage is outside the answer.")
    person = _person(actor)
    if person is None:
        raise ServiceError("Only a signed-in coder can code.")
    coder = coder_join(document.project, person)
    if document.in_sample and coder.finished_at is not None and coder.double_codes:
        raise ServiceError("You have finished double-coding the sample; your codes on it are fixed for comparison.")
    made = []
    for code in codes:
        existing = Segment.objects.filter(document=document, code=code, coder=person, start=start, end=end).first()
        made.append(
            existing or Segment.objects.create(document=document, code=code, coder=person, start=start, end=end)
        )
    record(
        actor=actor,
        action=A.CREATE,
        target=document,
        organisation_id=document.project.organisation_id,
        summary=f"{len(codes)} codes applied",
    )
    return made


@transaction.atomic
def segment_remove(*, segment: Segment, actor: Any) -> None:
    if segment.coder_id != getattr(_person(actor), "pk", None):
        raise ServiceError("You can only remove your own coding.")
    coder = Coder.objects.filter(project=segment.document.project, person_id=segment.coder_id).first()
    if segment.document.in_sample and coder and coder.double_codes and coder.finished_at:
        raise ServiceError("You have finished double-coding the sample; your codes on it are fixed for comparison.")
    if segment.quotations.exists():
        raise ServiceError("This passage is used as a quotation. Remove the quotation first.")
    document = segment.document
    segment.delete()
    record(
        actor=actor,
        action=A.DELETE,
        target=document,
        organisation_id=document.project.organisation_id,
        summary="Coding removed",
    )


@transaction.atomic
def memo_add(*, project: Project, text: str, actor: Any, code: Code | None = None, document: Document | None = None):
    text = text.strip()
    if not text:
        raise ServiceError("The memo is empty.")
    if code is None and document is None:
        raise ServiceError("A memo is about a code or an answer.")
    if document is not None:
        _check_codable(document)
    memo = Memo.objects.create(project=project, code=code, document=document, author=_person(actor), text=text)
    record(actor=actor, action=A.CREATE, target=memo, organisation_id=project.organisation_id, summary="Memo written")
    return memo


# --- Sample and blind double-coding ------------------------------------------------


def sample_ids(document_ids: Sequence[int], fraction: float, seed: int) -> list[int]:
    """The same ids, fraction and seed always give the same sample."""
    ids = sorted(document_ids)
    size = max(1, round(len(ids) * fraction)) if ids else 0
    return sorted(random.Random(seed).sample(ids, size))  # noqa: S311 (reproducible sample, not a secret)


@transaction.atomic
def sample_draw(
    *,
    project: Project,
    coders: Sequence,
    actor: Any,
    fraction: float = DEFAULT_SAMPLE_FRACTION,
    seed: int | None = None,
) -> list[int]:
    """Pick a random share of the answers for blind double-coding, and name the coders."""
    if project.has_sample:
        raise ServiceError("The sample has been drawn already. It stays the same so the comparison is fair.")
    if not 0 < fraction <= 1:
        raise ServiceError("The share to double-code must be more than 0 and at most 1 (for example 0.33).")
    people = list({person.pk: person for person in coders}.values())
    if len(people) < 2:
        raise ServiceError("Choose at least two coders for double-coding.")
    seed = int(seed) if seed is not None else secrets.randbelow(2**31)
    documents = Document.objects.filter(project=project, source=Document.Source.ANSWER).filter(
        participant__withdrawn_at__isnull=True
    )
    chosen = sample_ids(list(documents.values_list("pk", flat=True)), fraction, seed)
    if not chosen:
        raise ServiceError("There are no answers to sample yet.")
    Document.objects.filter(pk__in=chosen).update(in_sample=True)
    for person in people:
        Coder.objects.update_or_create(project=project, person=person, defaults={"double_codes": True})
    project.sample_fraction, project.sample_seed = fraction, seed
    project.sample_drawn_at, project.sample_drawn_by = timezone.now(), getattr(actor, "user", None)
    project.save()
    record(
        actor=actor,
        action=A.UPDATE,
        target=project,
        summary="Double-coding sample drawn",
        detail={"seed": seed, "fraction": fraction, "answers": len(chosen), "coders": len(people)},
    )
    return chosen


@transaction.atomic
def coder_finish(*, project: Project, actor: Any) -> Coder:
    """A double coder says they have finished the sample; codes are shown side by side once all have."""
    coder = Coder.objects.filter(project=project, person=_person(actor), double_codes=True).first()
    if coder is None:
        raise ServiceError("You are not one of the double coders of this project.")
    if coder.finished_at is None:
        coder.finished_at = timezone.now()
        coder.save(update_fields=["finished_at"])
        record(actor=actor, action=A.UPDATE, target=project, summary="Double-coding finished by one coder")
    return coder


@transaction.atomic
def disagreement_settle(*, document: Document, code: Code, applies: bool, actor: Any, note: str = "") -> Resolution:
    """Record what the team agreed for one answer and code; both coders' originals stay."""
    if not document.in_sample:
        raise ServiceError("Only answers in the double-coding sample have disagreements to settle.")
    _check_codable(document)
    try:
        with transaction.atomic():
            resolution, _ = Resolution.objects.update_or_create(
                document=document,
                code=code,
                defaults={"applies": applies, "note": note.strip(), "settled_by": _person(actor)},
            )
    except IntegrityError:
        raise ServiceError("Someone settled this at the same moment; please reload.") from None
    record(
        actor=actor,
        action=A.UPDATE,
        target=document,
        organisation_id=document.project.organisation_id,
        summary="Disagreement settled",
    )
    return resolution


# --- Quotations ------------------------------------------------------------------


@transaction.atomic
def quotation_pick(*, segment: Segment, actor: Any, note: str = "") -> Quotation:
    _check_codable(segment.document)
    quotation, _ = Quotation.objects.get_or_create(
        segment=segment, defaults={"note": note.strip()[:300], "picked_by": _person(actor)}
    )
    record(
        actor=actor,
        action=A.CREATE,
        target=quotation,
        organisation_id=segment.document.project.organisation_id,
        summary="Quotation picked",
    )
    return quotation


@transaction.atomic
def quotation_remove(*, quotation: Quotation, actor: Any) -> None:
    organisation_id = quotation.segment.document.project.organisation_id
    record(actor=actor, action=A.DELETE, target=quotation, organisation_id=organisation_id, summary="Quotation removed")
    quotation.delete()
