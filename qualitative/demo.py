"""Demo: a Devon-like course cohort's answers to the three open questions at day 1,
day 5 and two months, a codebook, and two coders' blind double-coded third.

If the evaluation demo has not left a Devon evaluation with free-text answers in
``ctx.extra["devon_evaluation"]``, one is set up here through the evaluation
services, with the first organisation's peers who consent to evaluation.
"""

from __future__ import annotations

import datetime as dt
import re

from access.actor import Actor, actor_for_user
from evaluation import services as evaluation_services
from evaluation.models import Answer, Evaluation, ItemKind
from people.models import ConsentScope, Person, Role, RoleKind
from people.selectors import consenting

from . import services
from .models import Document
from .testing import ANSWERS, codebook_load

COHORT = 26
KEYWORDS: dict[str, list[tuple[str, str]]] = {
    "understand": [
        ("Helping or rescuing", r"help|there for|need|encourage|struggling"),
        ("Mutuality", r"mutual|both|two-way|each other|listen to you|same experience|equal|sharing"),
        ("The four tasks", r"connect|worldview|moving|towards"),
        ("An alternative way of working", r"hope|fear|way of being|stronger"),
    ],
    "offer": [
        ("Personal experience", r"experience|illness|recovery|system"),
        ("Personal qualities and attitudes", r"positive|open|judgemental|heart|drive|willing|curious|warmth|patience"),
        ("Personal skills", r"listen|ability|aware|boundaries"),
        ("Course knowledge and skills", r"course|four tasks|skills from"),
    ],
    "feel": [
        ("Positive feelings", r"excit|hope|positive|enthus|inspir|forward|energ|committed|happy|keen|confident"),
        ("Worries", r"nervous|scared|daunt|frustrat|hard|little time"),
    ],
}


def _codes_for(document: Document) -> list[str]:
    rules = KEYWORDS.get(document.item_code, [])
    text = document.text.lower()
    names = [name for name, pattern in rules if re.search(pattern, text)]
    return names or ([rules[0][0]] if rules else [])


def _evaluation(ctx, organisation) -> Evaluation | None:
    existing = ctx.extra.get("devon_evaluation")
    if (
        isinstance(existing, Evaluation)
        and Answer.objects.filter(response__participant__evaluation=existing, item__kind=ItemKind.LONG_TEXT).exists()
    ):
        return existing
    people = list(
        Person.objects.filter(pk__in=ctx.peers.get(organisation.pk, []))
        .filter(consenting(ConsentScope.EVALUATION, "pk"))
        .order_by("pk")[:COHORT]
    )
    if len(people) < 3:
        return None
    evaluation = evaluation_services.evaluation_create_devon(
        organisation=organisation, name="IPS course, spring cohort", anchor_date=dt.date(2026, 3, 2), actor=None
    )
    participants = [
        evaluation_services.participant_enrol(
            evaluation=evaluation, person=person, research_number=f"D{n:03d}", actor=None
        )
        for n, person in enumerate(people, start=1)
    ]
    for wave in evaluation.waves.order_by("position")[:3]:
        version = wave.instruments.first()
        for participant in participants:
            if wave.position == 3 and ctx.rng.random() < 0.27:
                continue  # about three in four answered at two months
            answers = {item: ctx.rng.choice(ANSWERS[item][wave.position]) for item in ANSWERS}
            evaluation_services.response_save(
                participant=participant, wave=wave, version=version, answers=answers, actor=None, complete=False
            )
    return evaluation


def load(ctx) -> None:
    if not ctx.organisations or "evaluator" not in ctx.logins:
        return
    organisation = ctx.organisations[0]
    evaluation = _evaluation(ctx, organisation)
    if evaluation is None:
        ctx.log("qualitative: not enough consenting participants for a demo project")
        return
    lead_person = ctx.logins["evaluator"]
    lead = actor_for_user(lead_person.user)
    second_person = Person.objects.create(organisation=organisation, display_name="Dee", pronouns="she/her")
    Role.objects.create(person=second_person, organisation=organisation, kind=RoleKind.EVALUATOR)
    second = Actor(user=None, person=second_person, roles={organisation.pk: frozenset({RoleKind.EVALUATOR})})

    project = services.project_create(
        organisation=organisation,
        evaluation=evaluation,
        name="What peer support means: day 1, day 5, two months",
        description="Answers to the three open questions, coded by constant comparison.",
        actor=lead,
    )
    codes = codebook_load(project, lead)
    sample = set(services.sample_draw(project=project, coders=[lead_person, second_person], seed=ctx.seed, actor=lead))
    documents = list(project.documents.order_by("position"))
    for document in documents:
        names = _codes_for(document)
        services.segments_apply(document=document, codes=[codes[name] for name in names], actor=lead)
        if document.pk in sample:
            # The second coder mostly agrees; differences are of omission.
            kept = [name for name in names if ctx.rng.random() > 0.12] or names[:1]
            services.segments_apply(document=document, codes=[codes[name] for name in kept], actor=second)
    services.coder_finish(project=project, actor=lead)
    services.coder_finish(project=project, actor=second)
    for document in documents[:: max(1, len(documents) // 6)][:6]:
        segment = document.segments.filter(coder=lead_person).first()
        if segment is not None:
            services.quotation_pick(segment=segment, actor=lead)
    ctx.extra["qualitative_project"] = project
    ctx.log(f"qualitative: 1 project, {len(documents)} answers, {len(sample)} double-coded")
