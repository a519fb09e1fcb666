"""Reads for evaluation, scoped to the actor. Free-text answers are read audited.

Analyses and exports start from ``analysable_participants``: participants who
have not withdrawn, whose person still consents to evaluation, and whose person
has no restriction in force. Withdrawn people's answers are kept out of every
table and export (and counted as withdrawn, not as missing); a restricted
person's answers are kept out the same way until the restriction is lifted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd
from django.db.models import Count, Prefetch, Q, QuerySet

from access.actor import Actor
from access.rules import evaluation as rules
from audit.services import record_reads
from people.models import ConsentScope
from people.selectors import consenting
from privacy.selectors import restricted_person_ids

from . import scoring
from .models import (
    TEXT_KINDS,
    Answer,
    Evaluation,
    Instrument,
    InstrumentVersion,
    Item,
    ItemKind,
    Participant,
    Response,
    Wave,
)


def instruments_for(actor: Actor) -> QuerySet[Instrument]:
    orgs = rules.evaluation_orgs(actor)
    return (
        Instrument.objects.filter(Q(organisation__isnull=True) | Q(organisation_id__in=orgs))
        .prefetch_related(Prefetch("versions", queryset=InstrumentVersion.objects.order_by("-number")))
        .order_by("organisation_id", "name")
    )


def evaluations_for(actor: Actor) -> QuerySet[Evaluation]:
    return (
        Evaluation.objects.filter(organisation_id__in=rules.evaluation_orgs(actor), held_for="")
        .annotate(n_participants=Count("participants", distinct=True))
        .select_related("organisation")
        .order_by("-created_at", "id")
    )


def version_with_items(version_id: int) -> InstrumentVersion:
    return (
        InstrumentVersion.objects.select_related("instrument").prefetch_related("sections", "items").get(pk=version_id)
    )


def participants_taking_part(evaluation: Evaluation) -> QuerySet[Participant]:
    """Participants still in: not withdrawn, and currently consenting to evaluation."""
    return Participant.objects.filter(evaluation=evaluation, withdrawn_at__isnull=True).filter(
        consenting(ConsentScope.EVALUATION, "identity__person_id")
    )


def analysable_participants(evaluation: Evaluation) -> QuerySet[Participant]:
    """Participants still in whose person has no restriction in force (records kept, not used)."""
    return participants_taking_part(evaluation).exclude(identity__person_id__in=restricted_person_ids())


def restricted_participants() -> QuerySet:
    """Participants whose person has a restriction in force (a subquery for ``__in``)."""
    return Participant.objects.filter(identity__person_id__in=restricted_person_ids()).values("pk")


def withdrawn_count(evaluation: Evaluation) -> int:
    """Withdrawn or no longer consenting; a restriction is not a withdrawal."""
    return evaluation.participants.count() - participants_taking_part(evaluation).count()


def variable_name(instrument_code: str, item_code: str) -> str:
    """A variable name SPSS, Stata and R all accept: letters, digits, underscore, at most 32 characters."""
    prefix = re.sub(r"[^a-z0-9]+", "_", instrument_code.lower()).strip("_")
    code = re.sub(r"[^a-z0-9]+", "_", item_code.lower()).strip("_")
    squashed = prefix.replace("_", "")
    name = code if code.startswith(squashed) or code.startswith(prefix) else f"{prefix}_{code}"
    if not name or not name[0].isalpha():
        name = f"v_{name}"
    return name[:32]


@dataclass
class Variable:
    name: str
    label: str
    kind: str  # an ItemKind, or "score"
    instrument: str
    value_labels: dict[int, str] = field(default_factory=dict)


@dataclass
class Dataset:
    """Answers of analysable participants: one row per participant per wave (long)."""

    evaluation: Evaluation
    waves: list[Wave]
    variables: list[Variable]
    frame: pd.DataFrame  # research_number, wave, wave_label, mode, completed_on, <variables...>
    n_participants: int
    withdrawn: int


def dataset(evaluation: Evaluation, *, actor=None, include_text: bool = False) -> Dataset:
    """Build the analysis dataset in a constant number of queries. Reading free
    text is audited (one row per response whose text is included)."""
    waves = list(evaluation.waves.prefetch_related("instruments__instrument").order_by("position"))
    versions: dict[int, InstrumentVersion] = {}
    for wave in waves:
        for version in wave.instruments.all():
            versions[version.pk] = version
    items = list(
        Item.objects.filter(version_id__in=versions)
        .select_related("version__instrument")
        .order_by("version", "position")
    )
    variables: list[Variable] = []
    by_item: dict[int, Variable] = {}
    seen = set()
    for item in items:
        if item.kind in TEXT_KINDS and not include_text:
            continue
        name = variable_name(item.version.instrument.code, item.code)
        if name in seen:
            continue
        seen.add(name)
        labels = {int(o["value"]): o["label"] for o in scoring.options_of(item)}
        variable = Variable(name, item.text[:250], item.kind, item.version.instrument.code, labels)
        variables.append(variable)
        by_item[item.pk] = variable
    score_rules = []
    for version in versions.values():
        for rule in version.scoring:
            name = variable_name(version.instrument.code, rule["code"])
            if name not in seen:
                seen.add(name)
                variables.append(Variable(name, rule.get("label", rule["code"]), "score", version.instrument.code))
            score_rules.append((version, rule, name))
    item_options = {item.code: [int(o["value"]) for o in scoring.options_of(item)] for item in items}

    participants = analysable_participants(evaluation)
    n_participants = participants.count()
    responses = list(
        Response.objects.filter(participant__in=participants, completed_at__isnull=False)
        .select_related("participant", "wave")
        .order_by("participant__research_number", "wave__position")
    )
    item_by_id = {item.pk: item for item in items}
    fields = ["response_id", "item_id", "value"] + (["text"] if include_text else [])
    answers = Answer.objects.filter(response__participant__in=participants, response__completed_at__isnull=False)
    per_response: dict[int, list[tuple]] = {}
    for row in answers.values_list(*fields).iterator(chunk_size=5000):
        per_response.setdefault(row[0], []).append(row)
    if include_text and actor is not None:
        record_reads(actor=actor, targets=[r for r in responses if r.pk in per_response], summary="Evaluation answers")

    rows: dict[tuple[str, int], dict] = {}
    for response in responses:
        key = (response.participant.research_number, response.wave.position)
        row = rows.setdefault(
            key,
            {
                "research_number": response.participant.research_number,
                "wave": response.wave.position,
                "wave_label": response.wave.label,
                "mode": response.mode,
                "completed_on": response.completed_at.date(),
            },
        )
        values_by_code = {}
        for answer in per_response.get(response.pk, []):
            item = item_by_id.get(answer[1])
            if item is None:
                continue
            value = answer[2]
            values_by_code[item.code] = value
            variable = by_item.get(item.pk)
            if variable is None:
                continue
            if item.kind in TEXT_KINDS:
                row[variable.name] = answer[3] if include_text else None
            elif item.kind == ItemKind.MULTIPLE:
                row[variable.name] = ";".join(str(v) for v in value or [])
            else:
                row[variable.name] = value
        for version, rule, name in score_rules:
            if version.pk == response.version_id:
                row[name] = scoring.score(rule, values_by_code, item_options)
    columns = ["research_number", "wave", "wave_label", "mode", "completed_on", *[v.name for v in variables]]
    frame = pd.DataFrame(list(rows.values()), columns=columns)
    return Dataset(evaluation, waves, variables, frame, n_participants, withdrawn_count(evaluation))


def response_counts(evaluation: Evaluation) -> dict[int, int]:
    """Participants with at least one completed questionnaire in each wave (wave id → n)."""
    rows = (
        Response.objects.filter(participant__in=analysable_participants(evaluation), completed_at__isnull=False)
        .values("wave_id")
        .annotate(n=Count("participant", distinct=True))
        .order_by()
    )
    return {row["wave_id"]: row["n"] for row in rows}


def participant_waves(participant: Participant) -> list[dict]:
    """For the participant's own page: each wave with its questionnaires and whether done."""
    done = set(
        Response.objects.filter(participant=participant, completed_at__isnull=False).values_list(
            "wave_id", "version_id"
        )
    )
    waves = participant.evaluation.waves.prefetch_related("instruments__instrument").order_by("position")
    return [
        {"wave": wave, "questionnaires": [(v, (wave.pk, v.pk) in done) for v in wave.instruments.all()]}
        for wave in waves
    ]
