"""Reads for fidelity, scoped to the actor, and the principle profiles.

A profile is, per principle and per perspective: the mean item score, the share
of answers at the top of the scale, and n (people who answered, and answers).
Answers come from the evaluation engine, from participants who have not
withdrawn and still consent to evaluation.

The people supported are protected: their perspective is shown only when at
least ``MIN_PEOPLE`` of them answered, so a worker never sees one person's
ratings of them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Q, QuerySet

from access.actor import Actor
from access.rules import fidelity as rules
from audit.services import record_reads
from evaluation.models import Answer, Participant, Response
from people.models import ConsentScope
from people.selectors import consenting

from .models import Action, Framework, ItemLink, Perspective, Reflection, Respondent, Round, SelfAssessment, Team

MIN_PEOPLE = 3
# Perspectives disagree when their means differ by at least this share of the scale.
DISAGREEMENT = 0.25
PERSPECTIVE_ORDER = [p.value for p in Perspective]
PERSPECTIVE_LABELS = dict(Perspective.choices)


@dataclass
class Cell:
    perspective: str
    mean: float | None = None
    top_share: float | None = None
    n_people: int = 0
    n_answers: int = 0
    suppressed: bool = False

    @property
    def label(self) -> str:
        return str(PERSPECTIVE_LABELS[self.perspective])

    @property
    def shown(self) -> bool:
        return self.mean is not None and not self.suppressed


@dataclass
class PrincipleRow:
    principle_id: int
    code: str
    name: str
    framework: str
    low: float
    high: float
    cells: list[Cell] = field(default_factory=list)
    overall: float | None = None
    disagreement: tuple[Cell, Cell] | None = None
    change: dict[str, float] = field(default_factory=dict)  # perspective or "overall" → change since last round

    @property
    def overall_change(self) -> float | None:
        return self.change.get("overall")


@dataclass
class Profile:
    round: Round
    principles: list[PrincipleRow]
    perspectives: list[str]
    previous: Round | None = None

    @property
    def disagreements(self) -> list[PrincipleRow]:
        return [row for row in self.principles if row.disagreement]

    def as_dict(self) -> dict:
        return {
            "round": {
                "id": self.round.pk,
                "label": self.round.label,
                "subject": self.round.subject,
                "opened_on": self.round.opened_on.isoformat(),
                "status": self.round.status,
                "instrument": str(self.round.version),
            },
            "previous_round": self.previous.pk if self.previous else None,
            "principles": [
                {
                    "code": row.code,
                    "name": row.name,
                    "framework": row.framework,
                    "scale": [row.low, row.high],
                    "overall_mean": row.overall,
                    "change_since_previous": row.change,
                    "perspectives": {
                        cell.perspective: {
                            "mean": cell.mean if not cell.suppressed else None,
                            "top_share": cell.top_share if not cell.suppressed else None,
                            "n_people": cell.n_people,
                            "n_answers": cell.n_answers,
                            "suppressed": cell.suppressed,
                        }
                        for cell in row.cells
                    },
                    "disagreement": (
                        {"high": row.disagreement[0].perspective, "low": row.disagreement[1].perspective}
                        if row.disagreement
                        else None
                    ),
                }
                for row in self.principles
            ],
        }


def _analysable(evaluation_ids: Iterable[int]) -> QuerySet[Participant]:
    return Participant.objects.filter(evaluation_id__in=list(evaluation_ids), withdrawn_at__isnull=True).filter(
        consenting(ConsentScope.EVALUATION, "identity__person_id")
    )


def profiles_for(rounds: Sequence[Round]) -> dict[int, Profile]:
    """Profiles of several rounds in a constant number of queries."""
    rounds = list(rounds)
    if not rounds:
        return {}
    version_ids = {r.version_id for r in rounds}
    links = list(
        ItemLink.objects.filter(item__version_id__in=version_ids)
        .select_related("item", "principle__framework")
        .order_by("principle__framework_id", "principle__position", "principle_id")
    )
    respondents = dict(
        Respondent.objects.filter(
            round__in=rounds, participant__in=_analysable(r.evaluation_id for r in rounds)
        ).values_list("participant_id", "perspective")
    )
    wave_to_round = {r.wave_id: r.pk for r in rounds}
    answers = Answer.objects.filter(
        response__wave_id__in=wave_to_round,
        response__completed_at__isnull=False,
        response__participant_id__in=list(respondents),
    ).values_list("response__wave_id", "response__participant_id", "item_id", "value")
    # round → (principle, perspective) → participant → [values]
    got: dict[int, dict[tuple[int, str], dict[int, list[float]]]] = defaultdict(lambda: defaultdict(dict))
    link_by_item = {link.item_id: link for link in links}
    for wave_id, participant_id, item_id, value in answers:
        link = link_by_item.get(item_id)
        if link is None or value is None or isinstance(value, list):
            continue
        perspective = respondents[participant_id]
        key = (link.principle_id, perspective)
        got[wave_to_round[wave_id]][key].setdefault(participant_id, []).append(float(value))

    result = {}
    for round_ in rounds:
        round_links = [link for link in links if link.item.version_id == round_.version_id]
        principles: dict[int, PrincipleRow] = {}
        for link in round_links:
            values = [int(option["value"]) for option in link.item.options] or [0]
            row = principles.get(link.principle_id)
            if row is None:
                row = principles[link.principle_id] = PrincipleRow(
                    link.principle_id,
                    link.principle.code,
                    link.principle.name,
                    str(link.principle.framework),
                    min(values),
                    max(values),
                )
            row.low, row.high = min(row.low, min(values)), max(row.high, max(values))
        perspectives = [p for p in PERSPECTIVE_ORDER if p in round_.perspectives]
        for row in principles.values():
            shown_values = []
            for perspective in perspectives:
                by_person = got[round_.pk].get((row.principle_id, perspective), {})
                flat = np.array([v for values in by_person.values() for v in values], dtype=float)
                cell = Cell(perspective, n_people=len(by_person), n_answers=int(flat.size))
                if flat.size:
                    cell.mean = round(float(flat.mean()), 2)
                    cell.top_share = round(float((flat >= row.high).mean()), 2)
                    cell.suppressed = perspective == Perspective.PERSON and cell.n_people < MIN_PEOPLE
                    if not cell.suppressed:
                        shown_values.append(flat)
                row.cells.append(cell)
            if shown_values:
                row.overall = round(float(np.concatenate(shown_values).mean()), 2)
            shown = sorted((c for c in row.cells if c.shown), key=lambda c: c.mean, reverse=True)
            span = (row.high - row.low) or 1
            if len(shown) >= 2 and (shown[0].mean - shown[-1].mean) / span >= DISAGREEMENT:
                row.disagreement = (shown[0], shown[-1])
        result[round_.pk] = Profile(round_, list(principles.values()), perspectives)
    return result


def _same_subject(round_: Round) -> Q:
    return Q(
        organisation_id=round_.organisation_id,
        subject=round_.subject,
        worker_id=round_.worker_id,
        team_id=round_.team_id,
        version__instrument_id=round_.version.instrument_id,
    )


def previous_round(round_: Round) -> Round | None:
    return (
        Round.objects.filter(_same_subject(round_))
        .exclude(status=Round.Status.OPEN)
        .filter(Q(opened_on__lt=round_.opened_on) | Q(opened_on=round_.opened_on, pk__lt=round_.pk))
        .select_related("version")
        .order_by("-opened_on", "-pk")
        .first()
    )


def _apply_change(profile: Profile, before: Profile) -> None:
    earlier = {row.principle_id: row for row in before.principles}
    for row in profile.principles:
        old = earlier.get(row.principle_id)
        if old is None:
            continue
        if row.overall is not None and old.overall is not None:
            row.change["overall"] = round(row.overall - old.overall, 2)
        old_cells = {cell.perspective: cell for cell in old.cells}
        for cell in row.cells:
            was = old_cells.get(cell.perspective)
            if cell.shown and was is not None and was.shown:
                row.change[cell.perspective] = round(cell.mean - was.mean, 2)


def round_profile(round_: Round) -> Profile:
    """The round's profile, with the movement since the previous round about the same subject."""
    previous = previous_round(round_)
    profiles = profiles_for([round_] + ([previous] if previous else []))
    profile = profiles[round_.pk]
    if previous:
        profile.previous = previous
        _apply_change(profile, profiles[previous.pk])
    return profile


def round_progress(round_: Round) -> list[dict]:
    """Per perspective asked: how many were asked and how many have answered."""
    asked: dict[str, int] = defaultdict(int)
    answered: dict[str, int] = defaultdict(int)
    done = set(
        Response.objects.filter(wave=round_.wave, completed_at__isnull=False).values_list("participant_id", flat=True)
    )
    analysable = set(_analysable([round_.evaluation_id]).values_list("pk", flat=True))
    for participant_id, perspective in round_.respondents.values_list("participant_id", "perspective"):
        asked[perspective] += 1
        if participant_id in done and participant_id in analysable:
            answered[perspective] += 1
    return [
        {"perspective": p, "label": str(PERSPECTIVE_LABELS[p]), "asked": asked[p], "answered": answered[p]}
        for p in PERSPECTIVE_ORDER
        if p in round_.perspectives
    ]


# --- What the actor may see -----------------------------------------------------------


def rounds_for(actor: Actor) -> QuerySet[Round]:
    if not actor.is_authenticated:
        return Round.objects.none()
    team_side = Q(organisation_id__in=rules.fidelity_orgs(actor)) & ~Q(subject=Round.Subject.WORKER)
    own = Q(subject=Round.Subject.WORKER) & Q(worker_id__in={actor.person_id, *actor.supervised_ids})
    return Round.objects.filter(team_side | own).select_related("worker", "team", "version__instrument")


def frameworks_for(actor: Actor) -> QuerySet[Framework]:
    return (
        Framework.objects.filter(Q(organisation__isnull=True) | Q(organisation_id__in=rules.fidelity_orgs(actor)))
        .prefetch_related("principles")
        .order_by("organisation_id", "name", "-version")
    )


def teams_for(actor: Actor) -> QuerySet[Team]:
    return Team.objects.filter(organisation_id__in=rules.fidelity_orgs(actor)).prefetch_related("members")


def my_questionnaires(actor: Actor) -> QuerySet[Respondent]:
    if not actor.is_authenticated:
        return Respondent.objects.none()
    return Respondent.objects.filter(
        person_id=actor.person_id, round__status=Round.Status.OPEN, participant__withdrawn_at__isnull=True
    ).select_related("round", "round__worker", "round__team")


def supervised_workers(actor: Actor):
    from people.models import Person

    return Person.objects.filter(pk__in=actor.supervised_ids).order_by("display_name")


def rounds_about(organisation_id: int, subject: str, *, worker_id=None, team_id=None) -> list[Round]:
    """Closed rounds about one subject, oldest first, for profiles over time."""
    return list(
        Round.objects.filter(organisation_id=organisation_id, subject=subject, worker_id=worker_id, team_id=team_id)
        .exclude(status=Round.Status.OPEN)
        .select_related("version__instrument")
        .order_by("opened_on", "pk")
    )


def service_rounds(organisation_id: int) -> list[Round]:
    """Closed team and service rounds of an organisation (never rounds about one worker), oldest first."""
    return list(
        Round.objects.filter(organisation_id=organisation_id, worker__isnull=True)
        .exclude(status=Round.Status.OPEN)
        .select_related("version__instrument")
        .order_by("opened_on", "pk")
    )


def quarter(day) -> str:
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def reflections_of(*, actor: Actor, round_: Round | None = None, assessment: SelfAssessment | None = None):
    """Reflections are sensitive team text: reading them is audited."""
    parent = {"round": round_} if round_ is not None else {"assessment": assessment}
    rows = list(Reflection.objects.filter(**parent).select_related("written_by").order_by("pk"))
    if rows:
        record_reads(actor=actor, targets=rows, summary="Fidelity reflections")
    return rows


def actions_of(*, round_: Round | None = None, assessment: SelfAssessment | None = None):
    qs = Action.objects.select_related("owner", "principle")
    return list(qs.filter(round=round_) if round_ is not None else qs.filter(assessment=assessment))


def open_actions_for(actor: Actor) -> list[Action]:
    if not actor.is_authenticated:
        return []
    return list(Action.objects.filter(owner_id=actor.person_id, done_on__isnull=True).order_by("due_on"))


def assessments_for(actor: Actor) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(organisation_id__in=rules.fidelity_orgs(actor)).select_related(
        "framework", "team"
    )


def assessment_grid(assessment: SelfAssessment) -> list[dict]:
    """Principle by area, with the rating and note (notes read audited by the caller)."""
    answers = {(a.principle_id, a.area): a for a in assessment.answers.all()}
    areas = SelfAssessment.Area.choices
    return [
        {
            "principle": principle,
            "cells": [{"area": label, "answer": answers.get((principle.pk, area))} for area, label in areas],
        }
        for principle in assessment.framework.principles.all()
    ]


def links_of(version) -> list[ItemLink]:
    return list(ItemLink.objects.filter(item__version=version).select_related("principle"))


def own_instruments(actor: Actor) -> list:
    """The organisation's own published instrument versions, to link their questions to principles."""
    from evaluation.models import InstrumentVersion

    orgs = actor.orgs_with(*rules.RUNNERS, "evaluator") if actor.is_authenticated else frozenset()
    return list(
        InstrumentVersion.objects.filter(instrument__organisation_id__in=orgs)
        .select_related("instrument")
        .order_by("instrument__name", "-number")
    )
