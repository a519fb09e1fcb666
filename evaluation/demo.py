"""Demo evaluations: a Devon-like course cohort, and (at network scale and above)
a network-wide outcomes evaluation with tens of thousands of responses.

Deterministic from ``ctx.rng``; bulk inserts. Everyone enrolled has consented to
evaluation. Free-text answers are invented phrases.
"""

from __future__ import annotations

import datetime as dt
import json

from django.db import connection
from django.utils import timezone

from people.models import Consent, ConsentScope, Person

from .models import (
    TEXT_KINDS,
    Answer,
    Evaluation,
    InstrumentVersion,
    Item,
    ItemKind,
    Participant,
    ParticipantIdentity,
    Response,
    Wave,
)
from .scoring import options_of
from .shipped import DEVON_CODES

BATCH = 2000
COPY_ANSWERS = "COPY evaluation_answer (response_id, item_id, value, text) FROM STDIN"
NATIONAL_SAMPLE = 0.65

PHRASES = [
    "Being listened to by someone who has been there.",
    "A two-way street where we both learn.",
    "Staying connected with people from the course.",
    "Not having a group nearby to practise with.",
    "Moving towards what I want rather than away from what I fear.",
    "I feel hopeful but a bit unsure where to start.",
    "Lack of time and my own health got in the way.",
    "Talking at the local group about the four tasks.",
]

# Devon course: who answered at which wave (participants 1..30; 27-30 gave data once only).
DEVON_WAVES = {
    1: range(1, 31),
    2: [n for n in range(1, 27) if n not in (25, 26)],
    3: range(1, 20),
    4: [*range(1, 17), *range(20, 27)],
}


def _shipped(code: str) -> InstrumentVersion:
    return InstrumentVersion.objects.filter(instrument__organisation__isnull=True, instrument__code=code).latest(
        "number"
    )


def _value(ctx, item: Item, shown_yes: dict[str, int]):
    if item.enable_when and shown_yes.get(item.enable_when["item"]) != item.enable_when["equals"]:
        return None, ""
    if item.kind in TEXT_KINDS:
        return (None, ctx.rng.choice(PHRASES)) if ctx.rng.random() < 0.7 else (None, "")
    if item.kind == ItemKind.NUMBER:
        return ctx.rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20]), ""
    if item.kind == ItemKind.DATE:
        return None, ""
    values = [int(o["value"]) for o in options_of(item)]
    if item.kind == ItemKind.MULTIPLE:
        return sorted(ctx.rng.sample(values, k=1)), ""
    # Lean towards the upper-middle of scales, as the Devon answers did.
    weights = [1 + i for i in range(len(values))]
    return ctx.rng.choices(values, weights=weights)[0], ""


def _participants(ctx, evaluation: Evaluation, person_ids: list[int], prefix: str) -> list[Participant]:
    participants = Participant.objects.bulk_create(
        [Participant(evaluation=evaluation, research_number=f"{prefix}{n:05d}") for n in range(1, len(person_ids) + 1)],
        batch_size=BATCH,
    )
    ParticipantIdentity.objects.bulk_create(
        [ParticipantIdentity(participant=p, person_id=pid) for p, pid in zip(participants, person_ids, strict=True)],
        batch_size=BATCH,
    )
    return participants


def _answers(ctx, plan: list[tuple[Participant, Wave, InstrumentVersion, dt.datetime]]) -> int:
    items: dict[int, list[Item]] = {}
    responses = []
    for participant, wave, version, when in plan:
        responses.append(
            Response(
                participant=participant,
                wave=wave,
                version=version,
                mode=ctx.rng.choice(["web", "web", "paper", "phone"]),
                completed_at=when,
                updated_at=when,
            )
        )
    responses = Response.objects.bulk_create(responses, batch_size=BATCH)
    answers: list[tuple[int, int, object, str]] = []
    for response in responses:
        version_items = items.get(response.version_id)
        if version_items is None:  # one query per instrument version, not per response
            version_items = items[response.version_id] = list(Item.objects.filter(version_id=response.version_id))
        chosen: dict[str, int] = {}
        for item in version_items:
            value, text = _value(ctx, item, chosen)
            if value is None and not text:
                continue
            if not isinstance(value, list) and value is not None:
                chosen[item.code] = value
            answers.append((response.pk, item.pk, value, text))
        if len(answers) >= BATCH * 25:
            _insert_answers(answers)
            answers = []
    _insert_answers(answers)
    return len(responses)


def _insert_answers(rows: list[tuple[int, int, object, str]]) -> None:
    """Answers in bulk: PostgreSQL's COPY at national scale (millions of rows), bulk_create elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Answer.objects.bulk_create(
            [Answer(response_id=r, item_id=i, value=v, text=t) for r, i, v, t in rows], batch_size=BATCH
        )
        return
    encrypt = Answer._meta.get_field("text").get_prep_value
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_ANSWERS) as copy:
        for response_id, item_id, value, text in rows:
            copy.write_row((response_id, item_id, None if value is None else json.dumps(value), encrypt(text)))


def _devon(ctx) -> None:
    organisation = ctx.organisations[0]
    anchor = timezone.localdate() - dt.timedelta(days=170)
    evaluation = Evaluation.objects.create(
        organisation=organisation,
        name="Intentional peer support course (Devon-style)",
        anchor_date=anchor,
        cohort_kind=Evaluation.CohortKind.COURSE,
        cohort_label="Five-day residential course, 30 places",
    )
    offsets = [("Day 1", 0), ("Day 5", 4), ("Two months", 61), ("Five months", 153)]
    waves = Wave.objects.bulk_create(
        [
            Wave(evaluation=evaluation, position=n, label=label, offset_days=days)
            for n, (label, days) in enumerate(offsets, start=1)
        ]
    )
    for wave, code in zip(waves, DEVON_CODES, strict=True):
        wave.instruments.set([_shipped(code)])
    people = Person.objects.bulk_create(
        [
            Person(organisation=organisation, display_name=ctx.faker.first_name(), full_name=ctx.faker.name())
            for _ in range(30)
        ]
    )
    Consent.objects.bulk_create(
        [Consent(person=p, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.PAPER) for p in people]
    )
    participants = _participants(ctx, evaluation, [p.pk for p in people], "D")
    plan = []
    for wave, version_code in zip(waves, DEVON_CODES, strict=True):
        version = _shipped(version_code)
        when = timezone.make_aware(dt.datetime.combine(anchor + dt.timedelta(days=wave.offset_days), dt.time(11)))
        for n in DEVON_WAVES[wave.position]:
            plan.append((participants[n - 1], wave, version, when))
    count = _answers(ctx, plan)
    ctx.log(f"evaluation: Devon-style course, 30 participants, {count} responses")


def _network(ctx) -> None:
    versions = [_shipped("phq-9"), _shipped("gad-7"), _shipped("qpr-15")]
    offsets = [("Start", 0), ("Three months", 91), ("Six months", 182), ("Twelve months", 365)]
    keep = [1.0, 0.9, 0.8, 0.7]
    anchor = timezone.localdate() - dt.timedelta(days=400)
    total = 0
    consenting = set(
        Consent.objects.filter(scope=ConsentScope.EVALUATION, is_current=True, given=True).values_list(
            "person_id", flat=True
        )
    )
    # At national scale a sample of those who consented is followed up (about 200,000 responses in all).
    share = NATIONAL_SAMPLE if ctx.scale_name == "national" else 1.0
    for organisation in ctx.organisations:
        peers = [pid for pid in ctx.peers.get(organisation.pk, []) if pid in consenting and ctx.rng.random() < share]
        if not peers:
            continue
        evaluation = Evaluation.objects.create(
            organisation=organisation,
            name="Peer support outcomes (network)",
            anchor_date=anchor,
            cohort_kind=Evaluation.CohortKind.CASELOAD,
            cohort_label="Everyone supported who consented" if share == 1.0 else "A sample of those who consented",
        )
        waves = Wave.objects.bulk_create(
            [
                Wave(evaluation=evaluation, position=n, label=label, offset_days=days)
                for n, (label, days) in enumerate(offsets, start=1)
            ]
        )
        for wave in waves:
            wave.instruments.set(versions)
        participants = _participants(ctx, evaluation, peers, f"N{organisation.pk}-")
        plan = []
        for wave, share in zip(waves, keep, strict=True):
            when = timezone.make_aware(dt.datetime.combine(anchor + dt.timedelta(days=wave.offset_days), dt.time(10)))
            for participant in participants:
                if ctx.rng.random() < share:
                    plan.extend((participant, wave, version, when) for version in versions)
        total += _answers(ctx, plan)
    ctx.log(f"evaluation: network outcomes, {total} responses")


def load(ctx) -> None:
    _devon(ctx)
    if ctx.scale_name != "small":
        _network(ctx)
