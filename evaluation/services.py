"""Every write in evaluation: instruments, evaluations, participants, responses."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people.models import ConsentScope, Person
from people.selectors import has_consent

from . import scoring
from .models import (
    CHOICE_KINDS,
    Answer,
    Evaluation,
    Instrument,
    InstrumentVersion,
    Item,
    ItemKind,
    Participant,
    ParticipantIdentity,
    Response,
    Section,
    Wave,
)

A = AuditEvent.Action

# Wave schedules offered when an evaluation is set up: (label, days after the anchor).
TEMPLATES: dict[str, list[tuple[str, int]]] = {
    "devon": [("Day 1", 0), ("Day 5", 4), ("Two months", 61), ("Five months", 153)],
    "one_to_one": [("First session", 0), ("Last session", 84), ("Three months after ending", 175)],
}
TEMPLATE_LABELS = {
    "devon": "Course: day 1, day 5, two months, five months",
    "one_to_one": "One-to-one: first session, last session, three months after ending",
}


# --- Instruments ----------------------------------------------------------------


def _check_definition(definition: Mapping[str, Any]) -> None:
    """Refuse a definition with a located message before anything is saved."""
    if not str(definition.get("code", "")).strip() or not str(definition.get("name", "")).strip():
        raise ServiceError("An instrument needs a code and a name.")
    seen: set[str] = set()
    for s, section in enumerate(definition.get("sections", []), start=1):
        for i, item in enumerate(section.get("items", []), start=1):
            where = f"Section {s}, item {i}"
            code = str(item.get("code", "")).strip()
            if not code:
                raise ServiceError(f"{where}: every item needs a code.")
            if code in seen:
                raise ServiceError(f"{where}: the code “{code}” is used twice.")
            seen.add(code)
            if item.get("kind") not in ItemKind.values:
                raise ServiceError(f"{where} ({code}): unknown item type “{item.get('kind')}”.")
            if item["kind"] in CHOICE_KINDS and not item.get("options"):
                raise ServiceError(f"{where} ({code}): a choice or scale item needs its answers.")
            condition = item.get("enable_when")
            if condition and condition.get("item") not in seen:
                raise ServiceError(f"{where} ({code}): it depends on “{condition.get('item')}”, which comes later.")
    for rule in definition.get("scoring", []):
        unknown = [code for code in rule.get("items", []) if code not in seen]
        if unknown:
            raise ServiceError(f"Score {rule.get('code')}: unknown items {', '.join(unknown)}.")


def _fill_version(version: InstrumentVersion, definition: Mapping[str, Any]) -> None:
    position = 0
    items = []
    for s, section_def in enumerate(definition.get("sections", [])):
        section = Section.objects.create(
            version=version, position=s, title=section_def.get("title", ""), help_text=section_def.get("help_text", "")
        )
        for item in section_def.get("items", []):
            position += 1
            items.append(
                Item(
                    version=version,
                    section=section,
                    position=position,
                    code=item["code"].strip(),
                    text=item.get("text", ""),
                    help_text=item.get("help_text", ""),
                    kind=item["kind"],
                    required=bool(item.get("required", False)),
                    options=item.get("options", []),
                    min_value=item.get("min"),
                    max_value=item.get("max"),
                    enable_when=item.get("enable_when"),
                )
            )
    Item.objects.bulk_create(items)


@transaction.atomic
def instrument_create(
    *, definition: Mapping[str, Any], actor: Any, organisation=None, publish: bool = False, source: str = ""
) -> InstrumentVersion:
    """Create an instrument (or a new version of an existing one with the same code)
    from a definition: {code, name, description, licence, scoring, sections: [{title, items: [...]}]}."""
    _check_definition(definition)
    instrument, _ = Instrument.objects.get_or_create(
        organisation=organisation,
        code=definition["code"].strip(),
        defaults={
            "name": definition["name"].strip(),
            "description": definition.get("description", ""),
            "licence": definition.get("licence", ""),
        },
    )
    number = (instrument.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = InstrumentVersion.objects.create(
        instrument=instrument, number=number, scoring=definition.get("scoring", []), source=source[:200]
    )
    _fill_version(version, definition)
    if publish:
        version.status = InstrumentVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at"])
    record(
        actor=actor,
        action=A.CREATE,
        target=version,
        organisation_id=getattr(organisation, "pk", None),
        summary=f"Instrument version {number}: {instrument.code}",
    )
    return version


def _editable(version: InstrumentVersion) -> None:
    if version.is_published:
        raise ServiceError("This version is published and cannot be changed. Make a new version to change it.")


@transaction.atomic
def item_add(*, version: InstrumentVersion, item: Mapping[str, Any], actor: Any, section_title: str = "") -> Item:
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    existing = list(version.items.values_list("code", flat=True))
    definition = {"code": "x", "name": "x", "sections": [{"items": [{"code": c, "kind": "number"} for c in existing]}]}
    definition["sections"][0]["items"].append(dict(item))
    _check_definition(definition)
    section = version.sections.filter(title=section_title).first() or Section.objects.create(
        version=version, title=section_title or "Questions", position=version.sections.count()
    )
    created = Item.objects.create(
        version=version,
        section=section,
        position=len(existing) + 1,
        code=item["code"].strip(),
        text=item.get("text", ""),
        help_text=item.get("help_text", ""),
        kind=item["kind"],
        required=bool(item.get("required")),
        options=item.get("options", []),
        min_value=item.get("min"),
        max_value=item.get("max"),
        enable_when=item.get("enable_when"),
    )
    record(actor=actor, action=A.UPDATE, target=version, summary=f"Item added: {created.code}")
    return created


@transaction.atomic
def version_publish(*, version: InstrumentVersion, actor: Any) -> InstrumentVersion:
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        return version
    if not version.items.exists():
        raise ServiceError("An instrument needs at least one question before it is published.")
    version.status = InstrumentVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    record(actor=actor, action=A.UPDATE, target=version, summary="Instrument version published")
    return version


def definition_of(version: InstrumentVersion) -> dict[str, Any]:
    instrument = version.instrument
    sections = []
    items = list(version.items.all())
    for section in version.sections.all():
        sections.append(
            {
                "title": section.title,
                "help_text": section.help_text,
                "items": [
                    {
                        "code": i.code,
                        "text": i.text,
                        "help_text": i.help_text,
                        "kind": i.kind,
                        "required": i.required,
                        "options": i.options,
                        "min": i.min_value,
                        "max": i.max_value,
                        "enable_when": i.enable_when,
                    }
                    for i in items
                    if i.section_id == section.pk
                ],
            }
        )
    return {
        "code": instrument.code,
        "name": instrument.name,
        "description": instrument.description,
        "licence": instrument.licence,
        "scoring": version.scoring,
        "sections": sections,
    }


@transaction.atomic
def version_new(*, version: InstrumentVersion, actor: Any) -> InstrumentVersion:
    """A new draft copied from ``version``; the published one stays as it was."""
    return instrument_create(
        definition=definition_of(version), actor=actor, organisation=version.instrument.organisation
    )


# --- Evaluations and waves ------------------------------------------------------------


@transaction.atomic
def evaluation_create(
    *,
    organisation,
    name: str,
    anchor_date: dt.date,
    actor: Any,
    template: str = "devon",
    cohort_kind: str = Evaluation.CohortKind.COURSE,
    cohort_label: str = "",
    waves: Sequence[tuple[str, int]] | None = None,
    instruments: Sequence[InstrumentVersion] = (),
    held_for: str = "",
) -> Evaluation:
    name = name.strip()
    if not name:
        raise ServiceError("Please give the evaluation a name.")
    if waves is None:
        if template not in TEMPLATES:
            raise ServiceError("Please choose a schedule of waves.")
        waves = TEMPLATES[template]
    if not waves:
        raise ServiceError("An evaluation needs at least one wave.")
    for version in instruments:
        if not version.is_published:
            raise ServiceError(f"{version} is a draft. Publish it before using it in an evaluation.")
    evaluation = Evaluation.objects.create(
        organisation=organisation,
        name=name,
        anchor_date=anchor_date,
        cohort_kind=cohort_kind,
        cohort_label=cohort_label.strip(),
        held_for=held_for,
        created_by=getattr(actor, "user", None),
    )
    for position, (label, offset) in enumerate(waves, start=1):
        wave = Wave.objects.create(evaluation=evaluation, position=position, label=label, offset_days=int(offset))
        wave.instruments.set(instruments)
    record(actor=actor, action=A.CREATE, target=evaluation, summary="Evaluation set up")
    return evaluation


@transaction.atomic
def wave_set_instruments(*, wave: Wave, versions: Sequence[InstrumentVersion], actor: Any) -> Wave:
    for version in versions:
        if not version.is_published:
            raise ServiceError(f"{version} is a draft. Publish it before using it in an evaluation.")
    wave.instruments.set(versions)
    record(actor=actor, action=A.UPDATE, target=wave.evaluation, summary=f"Instruments for wave {wave.position}")
    return wave


def _new_research_number(evaluation: Evaluation) -> str:
    taken = set(evaluation.participants.values_list("research_number", flat=True))
    while True:
        number = f"R{secrets.randbelow(900000) + 100000}"
        if number not in taken:
            return number


@transaction.atomic
def participant_enrol(*, evaluation: Evaluation, person: Person, actor: Any, research_number: str = "") -> Participant:
    """Give a consenting person a research number in this evaluation."""
    if person.organisation_id != evaluation.organisation_id:
        raise ServiceError("This person's record is held by another organisation.")
    if not has_consent(person.pk, ConsentScope.EVALUATION):
        raise ServiceError(f"{person.display_name} has not given consent to take part in evaluation.")
    if ParticipantIdentity.objects.filter(participant__evaluation=evaluation, person=person).exists():
        raise ServiceError(f"{person.display_name} already takes part in this evaluation.")
    research_number = research_number.strip() or _new_research_number(evaluation)
    if evaluation.participants.filter(research_number=research_number).exists():
        raise ServiceError(f"Research number {research_number} is already used in this evaluation.")
    try:
        with transaction.atomic():
            participant = Participant.objects.create(evaluation=evaluation, research_number=research_number)
    except IntegrityError:
        raise ServiceError(f"Research number {research_number} is already used in this evaluation.") from None
    ParticipantIdentity.objects.create(participant=participant, person=person)
    record(
        actor=actor,
        action=A.CREATE,
        target=participant,
        organisation_id=evaluation.organisation_id,
        summary="Participant enrolled",
    )
    return participant


def participants_withdraw(*, person_id: int, actor: Any) -> int:
    """Mark every participation of this person as withdrawn (called when evaluation consent is withdrawn)."""
    now = timezone.now()
    ids = list(
        Participant.objects.filter(identity__person_id=person_id, withdrawn_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    Participant.objects.filter(pk__in=ids).update(withdrawn_at=now)
    for participant in Participant.objects.filter(pk__in=ids):
        record(actor=actor, action=A.UPDATE, target=participant, organisation_id=None, summary="Withdrawn")
    return len(ids)


# --- Responses --------------------------------------------------------------------


def _values(answers: Mapping[str, Any], items: Sequence[Item]) -> tuple[dict, dict]:
    values, texts = {}, {}
    errors = []
    for item in items:
        try:
            value, text = scoring.clean_answer(item, answers.get(item.code))
        except ServiceError as error:
            errors.append(str(error))
            continue
        values[item.code] = value
        texts[item.code] = text
    unknown = sorted(set(answers) - {item.code for item in items})
    if unknown:
        errors.append(f"Unknown questions: {', '.join(unknown)}.")
    if errors:
        raise ServiceError(" ".join(errors))
    return values, texts


@transaction.atomic
def response_save(
    *,
    participant: Participant,
    wave: Wave,
    version: InstrumentVersion,
    answers: Mapping[str, Any],
    actor: Any,
    mode: str = Response.Mode.WEB,
    complete: bool = True,
) -> Response:
    """Save answers (all or part, for save-and-return). ``complete`` checks required items.
    Answers are checked first: one bad answer and nothing is saved."""
    if participant.withdrawn_at is not None:
        raise ServiceError("This person has withdrawn from the evaluation; no answers are taken.")
    if wave.evaluation_id != participant.evaluation_id or not wave.instruments.filter(pk=version.pk).exists():
        raise ServiceError("This questionnaire is not part of that wave.")
    if mode not in Response.Mode.values:
        raise ServiceError("Please say how the answers were given.")
    items = list(version.items.all())
    values, texts = _values(answers, items)
    if complete:
        missing = scoring.missing_required(items, values, texts)
        if missing:
            raise ServiceError("Please answer: " + "; ".join(f"{item.code} ({item.text[:60]})" for item in missing))
    response, _ = Response.objects.select_for_update().get_or_create(
        participant=participant, wave=wave, version=version, defaults={"mode": mode}
    )
    Answer.objects.filter(response=response).delete()
    Answer.objects.bulk_create(
        Answer(response=response, item=item, value=values[item.code], text=texts[item.code])
        for item in items
        if (values[item.code] is not None or texts[item.code]) and scoring.is_shown(item, values)
    )
    response.mode = mode
    response.entered_by = getattr(actor, "user", None) if mode != Response.Mode.WEB else None
    response.updated_at = timezone.now()
    if complete and response.completed_at is None:
        response.completed_at = response.updated_at
    response.save()
    record(
        actor=actor,
        action=A.UPDATE,
        target=response,
        organisation_id=participant.evaluation.organisation_id,
        summary=f"Answers saved ({mode}{', complete' if complete else ''})",
    )
    return response


def paper_entries_differ(first: Mapping[str, Any], second: Mapping[str, Any]) -> list[str]:
    """Double entry: the item codes where the two typings of a paper form disagree."""
    codes = sorted(set(first) | set(second))
    return [code for code in codes if str(first.get(code, "")).strip() != str(second.get(code, "")).strip()]


@transaction.atomic
def instrument_import(*, name: str, content: bytes, actor: Any, organisation) -> tuple[InstrumentVersion, list[str]]:
    """Import a FHIR Questionnaire or a REDCap data dictionary as a new draft.
    Returns the version and the line-by-line report of what could not be mapped."""
    from .importers import detect_and_parse

    result = detect_and_parse(name, content)
    version = instrument_create(
        definition=result.definition, actor=actor, organisation=organisation, source=f"{result.format}: {name}"
    )
    return version, result.report


@transaction.atomic
def evaluation_create_devon(*, organisation, name: str, anchor_date: dt.date, actor: Any) -> Evaluation:
    """The Devon course evaluation, ready to run: four waves, each with its own shipped questionnaire."""
    from .shipped import DEVON_CODES

    evaluation = evaluation_create(
        organisation=organisation,
        name=name,
        anchor_date=anchor_date,
        actor=actor,
        template="devon",
        cohort_kind=Evaluation.CohortKind.COURSE,
    )
    for wave, code in zip(evaluation.waves.order_by("position"), DEVON_CODES, strict=True):
        version = (
            InstrumentVersion.objects.filter(instrument__organisation__isnull=True, instrument__code=code)
            .order_by("-number")
            .first()
        )
        if version is None:
            raise ServiceError("The Devon questionnaires are missing; run the database migrations.")
        wave.instruments.set([version])
    return evaluation


@transaction.atomic
def participants_import(*, evaluation: Evaluation, content: bytes, actor: Any) -> list[Participant]:
    """Enrol an imported list: a CSV with columns ``email`` and ``research_number``
    (research number may be empty to have one made up). Every line is checked
    first; any problem is reported with its line and nobody is enrolled."""
    import csv
    import io

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ServiceError("The list is not text (UTF-8); please save it as CSV.") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "email" not in [f.strip().lower() for f in reader.fieldnames]:
        raise ServiceError("Line 1: the list needs an “email” column (and optionally “research_number”).")
    rows = [
        ({k.strip().lower(): (v or "").strip() for k, v in row.items() if k}, line)
        for line, row in enumerate(reader, start=2)
    ]
    emails = [row["email"].lower() for row, _ in rows]
    people = {
        p.email.lower(): p
        for p in Person.objects.filter(organisation_id=evaluation.organisation_id, email__in=[e for e in emails if e])
    }
    enrolled = set(
        ParticipantIdentity.objects.filter(participant__evaluation=evaluation).values_list("person_id", flat=True)
    )
    used = set(evaluation.participants.values_list("research_number", flat=True))
    errors, seen_numbers, seen_people, plan = [], {}, {}, []
    for row, line in rows:
        email, number = row.get("email", "").lower(), row.get("research_number", "")
        person = people.get(email)
        if person is None:
            errors.append(f"Line {line}: nobody in this organisation has the email “{email}”.")
            continue
        if not has_consent(person.pk, ConsentScope.EVALUATION):
            errors.append(f"Line {line}: {person.display_name} has not given consent to take part in evaluation.")
        if person.pk in enrolled:
            errors.append(f"Line {line}: {person.display_name} already takes part in this evaluation.")
        if person.pk in seen_people:
            errors.append(f"Line {line}: the same person as line {seen_people[person.pk]}.")
        seen_people.setdefault(person.pk, line)
        if number:
            if number in used:
                errors.append(f"Line {line}: research number {number} is already used in this evaluation.")
            elif number in seen_numbers:
                errors.append(f"Line {line}: research number {number} is also on line {seen_numbers[number]}.")
            seen_numbers.setdefault(number, line)
        plan.append((person, number))
    if not rows:
        errors.append("The list has no lines after the header.")
    if errors:
        raise ServiceError(" ".join(errors[:20]) + (f" (and {len(errors) - 20} more)" if len(errors) > 20 else ""))
    return [participant_enrol(evaluation=evaluation, person=p, research_number=n, actor=actor) for p, n in plan]
