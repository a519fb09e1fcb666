"""Every write in fidelity: values and local principles, teams, rounds, answers, reflections, actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from audit.models import AuditEvent
from audit.services import record
from evaluation import services as evaluation_services
from evaluation.models import Evaluation, InstrumentVersion, Item
from mutuality.errors import ServiceError
from people.models import Person, Relationship, RoleKind

from .models import (
    Action,
    Framework,
    ItemLink,
    Perspective,
    Principle,
    Reflection,
    Respondent,
    Round,
    SelfAssessment,
    SelfAssessmentAnswer,
    Team,
    Value,
    ValuesStatement,
)

A = AuditEvent.Action


def _lines(text: str | Iterable[str]) -> list[str]:
    rows = text.splitlines() if isinstance(text, str) else list(text)
    return [row.strip() for row in rows if row and row.strip()]


def _name_and_definition(line: str) -> tuple[str, str]:
    name, _, definition = line.partition(":")
    return name.strip(), definition.strip()


# --- Stage 1 and 2: values and the principles that protect them -------------------


@transaction.atomic
def values_statement_create(
    *,
    organisation,
    title: str,
    written_by: str,
    general_values: str | Sequence[str],
    local_values: str | Sequence[str],
    principles: str | Sequence[str],
    actor: Any,
    lived_experience_led: bool = False,
    agreed_on: dt.date | None = None,
) -> ValuesStatement:
    """Record the values peer support rests on here and the local principles that protect them.

    Values and principles are one a line; a principle may be "Name: what it means"."""
    title = title.strip()
    if not title:
        raise ServiceError("Please give these values a title, for example “Our values, spring 2026”.")
    if not written_by.strip():
        raise ServiceError("Please say who took part in writing these values.")
    general, local, principle_lines = _lines(general_values), _lines(local_values), _lines(principles)
    if not general and not local:
        raise ServiceError("Please write at least one value, one a line.")
    if not principle_lines:
        raise ServiceError("Please write at least one principle that protects these values, one a line.")
    too_long = [line for line in general + local + principle_lines if len(_name_and_definition(line)[0]) > 200]
    if too_long:
        raise ServiceError("Please keep each value and principle name under 200 characters.")
    code = slugify(title)[:50] or "local"
    number = (Framework.objects.filter(organisation=organisation, code=code).aggregate(n=Max("version"))["n"] or 0) + 1
    framework = Framework.objects.create(
        organisation=organisation,
        code=code,
        version=number,
        name=title,
        description="Local principles written by the organisation.",
        citation=f"Written by {organisation.name}: {written_by.strip()}",
    )
    statement = ValuesStatement.objects.create(
        organisation=organisation,
        title=title,
        written_by=written_by.strip(),
        lived_experience_led=lived_experience_led,
        agreed_on=agreed_on or timezone.localdate(),
        framework=framework,
        created_by=getattr(actor, "user", None),
    )
    values = [
        Value(statement=statement, position=i, scope=scope, name=name, description=description)
        for i, (scope, (name, description)) in enumerate(
            [(Value.Scope.GENERAL, _name_and_definition(line)) for line in general]
            + [(Value.Scope.LOCAL, _name_and_definition(line)) for line in local]
        )
    ]
    Value.objects.bulk_create(values)
    seen: set[str] = set()
    rows = []
    for position, line in enumerate(principle_lines, start=1):
        name, definition = _name_and_definition(line)
        principle_code = slugify(name)[:55] or f"p{position}"
        if principle_code in seen:
            raise ServiceError(f"The principle “{name}” is written twice.")
        seen.add(principle_code)
        rows.append(
            Principle(framework=framework, position=position, code=principle_code, name=name, definition=definition)
        )
    created = Principle.objects.bulk_create(rows)
    saved_values = list(statement.values.all())
    for principle in created:
        principle.protects.set(saved_values)
    record(
        actor=actor,
        action=A.CREATE,
        target=statement,
        organisation_id=organisation.pk,
        summary=f"Values and principles recorded: {len(values)} values, {len(created)} principles",
    )
    return statement


# --- Teams --------------------------------------------------------------------------


@transaction.atomic
def team_create(*, organisation, name: str, members: Iterable[Person], actor: Any) -> Team:
    name = name.strip()
    if not name:
        raise ServiceError("Please give the team a name.")
    members = list(members)
    if any(member.organisation_id != organisation.pk for member in members):
        raise ServiceError("Every team member must belong to this organisation.")
    if Team.objects.filter(organisation=organisation, name=name).exists():
        raise ServiceError(f"There is already a team called “{name}”.")
    team = Team.objects.create(organisation=organisation, name=name)
    team.members.set(members)
    record(actor=actor, action=A.CREATE, target=team, organisation_id=organisation.pk, summary="Team set up")
    return team


# --- Linking an organisation's own instrument to principles ----------------------------


@transaction.atomic
def item_links_save(*, version: InstrumentVersion, links: Mapping[int, tuple[int | None, str]], actor: Any) -> int:
    """Link each question of an organisation's instrument to one principle and one perspective
    (``item id → (principle id or None, perspective)``). A version already used in a round keeps its links."""
    from evaluation.models import NUMERIC_KINDS

    organisation_id = version.instrument.organisation_id
    if organisation_id is None:
        raise ServiceError("Shipped instruments keep their links. Make your own version to change them.")
    if Round.objects.filter(version=version).exists():
        raise ServiceError("This version is used in a round, so its links stay as they are. Make a new version.")
    items = {item.pk: item for item in version.items.all()}
    principles = set(
        Principle.objects.filter(
            Q(framework__organisation__isnull=True) | Q(framework__organisation_id=organisation_id)
        ).values_list("pk", flat=True)
    )
    keep, problems = [], []
    for item_id, (principle_id, perspective) in links.items():
        item = items.get(item_id)
        if item is None:
            problems.append("a question that is not in this instrument")
            continue
        if principle_id is None:
            continue
        if item.kind not in NUMERIC_KINDS:
            problems.append(f"{item.code} is not rated on a scale")
        elif principle_id not in principles:
            problems.append(f"{item.code}: that principle is not one of yours or a published one")
        elif perspective not in Perspective.values:
            problems.append(f"{item.code}: please choose whose perspective it asks for")
        else:
            keep.append(ItemLink(item=item, principle_id=principle_id, perspective=perspective))
    if problems:
        raise ServiceError("Nothing was saved: " + "; ".join(problems) + ".")
    ItemLink.objects.filter(item__version=version).delete()
    ItemLink.objects.bulk_create(keep)
    record(
        actor=actor,
        action=A.UPDATE,
        target=version,
        organisation_id=organisation_id,
        summary=f"Fidelity links: {len(keep)} questions linked to principles",
    )
    return len(keep)


# --- Rounds ---------------------------------------------------------------------------


def fidelity_perspectives(version: InstrumentVersion) -> set[str]:
    return set(ItemLink.objects.filter(item__version=version).values_list("perspective", flat=True))


@transaction.atomic
def round_open(
    *,
    organisation,
    version: InstrumentVersion,
    subject: str,
    label: str,
    purpose: str,
    perspectives: Sequence[str],
    actor: Any,
    worker: Person | None = None,
    team: Team | None = None,
    enough: int = 2,
    opened_on: dt.date | None = None,
) -> Round:
    """Open a round: an evaluation with one wave behind the scenes, using a fidelity instrument."""
    label, purpose = label.strip(), purpose.strip()
    if not label:
        raise ServiceError("Please give the round a name, for example “Spring 2026”.")
    if not purpose:
        raise ServiceError("Please say what the ratings are for; everyone asked to answer will read it.")
    if subject not in Round.Subject.values:
        raise ServiceError("Please choose whether the round is about a worker, a team or the whole service.")
    if subject == Round.Subject.WORKER and worker is None:
        raise ServiceError("Please choose the worker this round is about.")
    if subject == Round.Subject.TEAM and team is None:
        raise ServiceError("Please choose the team this round is about.")
    if subject != Round.Subject.WORKER:
        worker = None
    if subject != Round.Subject.TEAM:
        team = None
    if worker is not None and (
        worker.organisation_id != organisation.pk
        or not worker.roles.filter(kind=RoleKind.WORKER, organisation=organisation).exists()
    ):
        raise ServiceError(f"{worker.display_name} is not a peer worker in this organisation.")
    if team is not None and team.organisation_id != organisation.pk:
        raise ServiceError("That team belongs to another organisation.")
    if not version.is_published:
        raise ServiceError("That instrument is a draft. Publish it before using it in a round.")
    offered = fidelity_perspectives(version)
    if not offered:
        raise ServiceError("That instrument has no questions linked to principles, so it cannot measure fidelity.")
    perspectives = list(dict.fromkeys(perspectives))
    if not perspectives:
        raise ServiceError("Please choose at least one perspective to hear from.")
    missing = [p for p in perspectives if p not in offered]
    if missing:
        labels = ", ".join(str(Perspective(p).label) for p in missing if p in Perspective.values) or "unknown"
        raise ServiceError(f"The instrument has no questions for: {labels}.")
    if not 1 <= int(enough) <= 50:
        raise ServiceError("Answers needed from each perspective must be between 1 and 50.")
    opened_on = opened_on or timezone.localdate()
    about = worker.display_name if worker else team.name if team else organisation.name
    evaluation = evaluation_services.evaluation_create(
        organisation=organisation,
        name=f"Fidelity: {label} ({about})"[:200],
        anchor_date=opened_on,
        actor=actor,
        cohort_kind=Evaluation.CohortKind.GROUP,
        cohort_label=about[:200],
        waves=[(label[:100], 0)],
        instruments=[version],
        held_for="fidelity",
    )
    round_ = Round.objects.create(
        organisation=organisation,
        evaluation=evaluation,
        wave=evaluation.waves.get(),
        version=version,
        subject=subject,
        worker=worker,
        team=team,
        label=label,
        purpose=purpose,
        perspectives=perspectives,
        enough=int(enough),
        opened_on=opened_on,
        opened_by=getattr(actor, "user", None),
    )
    record(actor=actor, action=A.CREATE, target=round_, organisation_id=organisation.pk, summary="Round opened")
    return round_


@transaction.atomic
def respondent_add(*, round_: Round, person: Person, perspective: str, actor: Any) -> Respondent:
    """Ask someone to rate, from one perspective. They must consent to evaluation."""
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        raise ServiceError("This round has closed; nobody more can be asked.")
    if perspective not in round_.perspectives:
        raise ServiceError("This round is not asking for that perspective.")
    if person.organisation_id != round_.organisation_id:
        raise ServiceError("This person's record is held by another organisation.")
    if round_.respondents.filter(person=person).exists():
        raise ServiceError(f"{person.display_name} has already been asked in this round.")
    if round_.subject == Round.Subject.WORKER:
        if perspective == Perspective.WORKER and person.pk != round_.worker_id:
            raise ServiceError("In a round about one worker, only that worker answers as the peer worker.")
        if (
            perspective == Perspective.PERSON
            and not Relationship.objects.filter(
                kind=Relationship.Kind.SUPPORTS, from_person_id=round_.worker_id, to_person=person
            ).exists()
        ):
            raise ServiceError(f"{person.display_name} is not someone this worker supports or has supported.")
    if (
        round_.subject == Round.Subject.TEAM
        and perspective == Perspective.WORKER
        and not round_.team.members.filter(pk=person.pk).exists()
    ):
        raise ServiceError(f"{person.display_name} is not a member of {round_.team.name}.")
    participant = evaluation_services.participant_enrol(evaluation=round_.evaluation, person=person, actor=actor)
    respondent = Respondent.objects.create(
        round=round_, person=person, perspective=perspective, participant=participant
    )
    record(
        actor=actor,
        action=A.CREATE,
        target=respondent,
        organisation_id=round_.organisation_id,
        summary=f"Asked to rate as {perspective}",
    )
    return respondent


def items_for(respondent: Respondent) -> list[Item]:
    return list(
        Item.objects.filter(version=respondent.round.version, fidelity_link__perspective=respondent.perspective)
        .select_related("fidelity_link__principle")
        .order_by("position")
    )


@transaction.atomic
def answers_submit(*, respondent: Respondent, answers: Mapping[str, Any], actor: Any):
    """Save a respondent's ratings through the evaluation engine. Blank means “cannot say”."""
    round_ = Round.objects.select_for_update().get(pk=respondent.round_id)
    if not round_.is_open:
        raise ServiceError("This round has closed, so answers are no longer taken. Thank you all the same.")
    allowed = {item.code for item in items_for(respondent)}
    foreign = sorted(code for code in answers if code not in allowed)
    if foreign:
        raise ServiceError("Some answers are for questions you were not asked.")
    given = {code: value for code, value in answers.items() if value not in (None, "", [])}
    if not given:
        raise ServiceError("Please rate at least one statement. Leave blank any you cannot say.")
    return evaluation_services.response_save(
        participant=respondent.participant,
        wave=round_.wave,
        version=round_.version,
        answers=given,
        actor=actor,
        complete=True,
    )


@transaction.atomic
def round_close(*, round_: Round, actor: Any) -> Round:
    """Close a round once enough answers are in from each perspective; reflection starts."""
    from .selectors import round_progress

    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_open:
        return round_
    short = [row for row in round_progress(round_) if row["answered"] < round_.enough]
    if short:
        waiting = "; ".join(f"{row['label']}: {row['answered']} of {round_.enough}" for row in short)
        raise ServiceError(f"Not enough answers yet, so the round stays open ({waiting}).")
    round_.status = Round.Status.REFLECTING
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_at"])
    record(actor=actor, action=A.UPDATE, target=round_, organisation_id=round_.organisation_id, summary="Closed")
    return round_


# --- Reflection and actions -----------------------------------------------------------


def _parent(round_: Round | None, assessment: SelfAssessment | None) -> tuple[dict, int]:
    if (round_ is None) == (assessment is None):
        raise ServiceError("A reflection belongs to one round or one self-assessment.")
    if round_ is not None:
        if round_.is_open:
            raise ServiceError("Reflection starts once the round has closed and the profile is ready.")
        return {"round": round_}, round_.organisation_id
    return {"assessment": assessment}, assessment.organisation_id


@transaction.atomic
def reflection_add(
    *,
    text: str,
    actor: Any,
    round_: Round | None = None,
    assessment: SelfAssessment | None = None,
    who_took_part: str = "",
) -> Reflection:
    text = text.strip()
    if not text:
        raise ServiceError("Please write what you notice.")
    parent, org_id = _parent(round_, assessment)
    reflection = Reflection.objects.create(
        **parent, text=text, who_took_part=who_took_part.strip()[:300], written_by=getattr(actor, "person", None)
    )
    record(actor=actor, action=A.CREATE, target=reflection, organisation_id=org_id, summary="Reflection written")
    return reflection


@transaction.atomic
def action_add(
    *,
    text: str,
    owner: Person,
    due_on: dt.date,
    actor: Any,
    round_: Round | None = None,
    assessment: SelfAssessment | None = None,
    principle: Principle | None = None,
) -> Action:
    text = text.strip()
    if not text:
        raise ServiceError("Please say what will be done.")
    if len(text) > 500:
        raise ServiceError("Please keep the action under 500 characters.")
    parent, org_id = _parent(round_, assessment)
    if owner.organisation_id != org_id:
        raise ServiceError("The owner of an action must belong to this organisation.")
    if due_on is None:
        raise ServiceError("Please give a date the action is due.")
    action = Action.objects.create(**parent, text=text, owner=owner, due_on=due_on, principle=principle)
    record(actor=actor, action=A.CREATE, target=action, organisation_id=org_id, summary="Action agreed")
    return action


@transaction.atomic
def action_complete(*, action: Action, actor: Any, note: str = "", done_on: dt.date | None = None) -> Action:
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.is_done:
        return action
    action.done_on = done_on or timezone.localdate()
    action.done_note = note.strip()[:500]
    action.save(update_fields=["done_on", "done_note"])
    parent = action.round or action.assessment
    record(actor=actor, action=A.UPDATE, target=action, organisation_id=parent.organisation_id, summary="Action done")
    if action.round_id and action.round.reflections.exists() and not action.round.actions.filter(done_on=None):
        Round.objects.filter(pk=action.round_id).update(status=Round.Status.DONE)
    return action


# --- Stage 3: self-assessment -----------------------------------------------------------


@transaction.atomic
def assessment_record(
    *,
    organisation,
    framework: Framework,
    who_took_part: str,
    ratings: Mapping[tuple[int, str], tuple[Any, str]],
    actor: Any,
    team: Team | None = None,
    held_on: dt.date | None = None,
) -> SelfAssessment:
    """Record a self-assessment answered together: for each principle and area, 0-3 and an optional note."""
    if framework.organisation_id not in (None, organisation.pk):
        raise ServiceError("That framework belongs to another organisation.")
    if not who_took_part.strip():
        raise ServiceError("Please say who took part; a self-assessment is answered together.")
    principles = {p.pk: p for p in framework.principles.all()}
    areas = set(SelfAssessment.Area.values)
    rows = []
    for (principle_id, area), (raw, note) in ratings.items():
        if principle_id not in principles or area not in areas:
            raise ServiceError("Some ratings are for principles or areas not in this framework.")
        if raw in (None, ""):
            continue
        try:
            rating = int(raw)
        except (TypeError, ValueError):
            raise ServiceError(f"{principles[principle_id].name}: “{raw}” is not a rating from 0 to 3.") from None
        if not 0 <= rating <= 3:
            raise ServiceError(f"{principles[principle_id].name}: ratings go from 0 (not at all) to 3 (fully).")
        rows.append((principle_id, area, rating, (note or "").strip()))
    if not rows:
        raise ServiceError("Please rate at least one principle in one area.")
    assessment = SelfAssessment.objects.create(
        organisation=organisation,
        framework=framework,
        team=team,
        held_on=held_on or timezone.localdate(),
        who_took_part=who_took_part.strip(),
        created_by=getattr(actor, "user", None),
    )
    SelfAssessmentAnswer.objects.bulk_create(
        SelfAssessmentAnswer(assessment=assessment, principle_id=p, area=a, rating=r, note=n) for p, a, r, n in rows
    )
    record(actor=actor, action=A.CREATE, target=assessment, organisation_id=organisation.pk, summary="Self-assessment")
    return assessment
