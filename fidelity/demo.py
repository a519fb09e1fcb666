"""Demo fidelity data for the first organisation: three teams over four rounds.

One team (Coast) drifts away from mutuality: by the third round the people it
supports rate mutuality low while its workers still rate it high. The team
reflects, agrees actions, does them, and the fourth round shows it recovering.
The organisation's own values and principles, and a self-assessment, are there too.
Deterministic from ``ctx.rng``; a fixed handful of records whatever the scale.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from people import services as people_services
from people.models import Consent, ConsentScope, Person
from people.selectors import consenting

from . import services, testing
from .models import Framework, Perspective, Round, SelfAssessment

TEAMS = ["North team", "City team", "Coast team"]
DRIFTING = "Coast team"
MUTUALITY = {"en-mutual-w", "en-mutual-p", "en-mutual-s"}
# Coast team's mean for mutuality, from the people supported, in each round.
DRIFT = [2.5, 1.6, 0.4, 2.5]
REFLECTIONS = {
    (DRIFTING, 1): "The people we support rate mutuality lower than we do. We talk about our own stories less.",
    (DRIFTING, 2): (
        "Mutuality has dropped again. Since the new referral forms we start with risk and goals, not with each "
        "other. People told us it feels like being assessed."
    ),
    (DRIFTING, 3): "Starting first meetings by sharing why we do this work has changed how people rate us.",
}
ACTIONS = {
    (DRIFTING, 1): [("Bring mutuality to the next team meeting as the main item", 20)],
    (DRIFTING, 2): [
        ("Start each first meeting by sharing why we do this work, before any form", 30),
        ("Ask the coordinator to move the risk questions to the second meeting", 45),
    ],
}


def _consent(people) -> None:
    for person in people:
        people_services.consent_record(
            person=person, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.PAPER, actor=None
        )


def _rating(ctx, mean: float) -> int:
    return max(0, min(3, round(ctx.rng.gauss(mean, 0.45))))


def load(ctx) -> None:
    if not ctx.organisations or "supervisor" not in ctx.logins:
        return
    organisation = ctx.organisations[0]
    supervisor = ctx.logins["supervisor"]
    jo = ctx.logins.get("worker")
    worker_ids = [pk for pk in ctx.workers.get(organisation.pk, []) if not jo or pk != jo.pk][:8]
    workers = list(Person.objects.filter(pk__in=worker_ids).order_by("pk"))
    if jo:
        workers.insert(0, jo)
    if len(workers) < len(TEAMS):
        return
    peers = list(
        Person.objects.filter(pk__in=ctx.peers.get(organisation.pk, []))
        .filter(consenting(ConsentScope.EVALUATION, "pk"))
        .order_by("pk")[:24]
    )
    if len(peers) < 3:
        return
    _consent([*workers, supervisor])

    statement = services.values_statement_create(
        organisation=organisation,
        title="Our values, written together",
        written_by="Five peer workers, three people we support and our coordinator, over two afternoons",
        lived_experience_led=True,
        general_values="Mutuality: we both give and receive\nHope\nLived experience is knowledge",
        local_values="We meet people where they are, not in clinics\nWe stay connected to the groups in our town",
        principles=(
            "Equal footing: nobody is the expert on someone else's life\n"
            "Our own words: we use the words people choose, not diagnoses\n"
            "Connected: every relationship leads outward to groups and community"
        ),
        actor=None,
        agreed_on=timezone.localdate() - dt.timedelta(days=420),
    )
    version = testing.example_instrument()
    today = timezone.localdate()
    teams = []
    for n, name in enumerate(TEAMS):
        members = workers[n :: len(TEAMS)]
        teams.append(services.team_create(organisation=organisation, name=name, members=members, actor=None))
    rounds = 0
    for index in range(4):
        opened = today - dt.timedelta(days=360 - 90 * index)
        for t, team in enumerate(teams):
            round_ = services.round_open(
                organisation=organisation,
                version=version,
                subject=Round.Subject.TEAM,
                team=team,
                label=f"Round {index + 1}",
                purpose=(
                    "To see together whether our values are alive in practice, and agree what to change. "
                    "Never used to judge or compare anyone."
                ),
                perspectives=[Perspective.WORKER, Perspective.PERSON, Perspective.SUPERVISOR],
                enough=1,
                opened_on=opened,
                actor=None,
            )
            drifting = team.name == DRIFTING
            base = 2.2 + 0.2 * t

            def ratings(perspective: str, drifting=drifting, base=base, index=index) -> dict:
                result = {}
                for item in version.items.filter(fidelity_link__perspective=perspective):
                    mean = base
                    if drifting and item.code in MUTUALITY:
                        mean = DRIFT[index] if perspective == Perspective.PERSON else max(DRIFT[index], 2.4)
                    result[item.code] = _rating(ctx, mean)
                return result

            for member in team.members.all():
                testing.answer(round_, member, Perspective.WORKER, ratings(Perspective.WORKER))
            for person in ctx.rng.sample(peers, 4):
                testing.answer(round_, person, Perspective.PERSON, ratings(Perspective.PERSON))
            testing.answer(round_, supervisor, Perspective.SUPERVISOR, ratings(Perspective.SUPERVISOR))
            round_ = services.round_close(round_=round_, actor=None)
            Round.objects.filter(pk=round_.pk).update(closed_at=timezone.now() - dt.timedelta(days=340 - 90 * index))
            text = REFLECTIONS.get(
                (team.name, index), "The profile is steady. We keep talking about it in supervision."
            )
            services.reflection_add(round_=round_, text=text, who_took_part=f"{team.name} and Priya", actor=None)
            for action_text, days in ACTIONS.get((team.name, index), []):
                action = services.action_add(
                    round_=round_,
                    text=action_text,
                    owner=team.members.first(),
                    due_on=opened + dt.timedelta(days=days + 21),
                    actor=None,
                )
                if index < 3:
                    services.action_complete(
                        action=action, note="Done", done_on=opened + dt.timedelta(days=days + 14), actor=None
                    )
            rounds += 1

    if jo:
        # Jo's own rounds: private to Jo and Priya, her supervisor.
        for index, mean in enumerate((1.8, 2.4)):
            round_ = services.round_open(
                organisation=organisation,
                version=testing.example_instrument(testing.IPS_CHECK),
                subject=Round.Subject.WORKER,
                worker=jo,
                label=f"{jo.display_name}, supervision check {index + 1}",
                purpose="For Jo and Priya to talk about in supervision. Nobody else sees it.",
                perspectives=[Perspective.WORKER, Perspective.SUPERVISOR],
                enough=1,
                opened_on=today - dt.timedelta(days=200 - 120 * index),
                actor=None,
            )
            testing.answer(round_, jo, Perspective.WORKER, _rating(ctx, mean + 0.3))
            testing.answer(round_, supervisor, Perspective.SUPERVISOR, _rating(ctx, mean))
            services.round_close(round_=round_, actor=None)
            rounds += 1

    enrich = Framework.objects.get(code="enrich", organisation=None)
    services.assessment_record(
        organisation=organisation,
        framework=enrich,
        who_took_part="The whole team, with two people we support",
        ratings={
            (principle.pk, area): (ctx.rng.choice([1, 2, 2, 3]), "")
            for principle in enrich.principles.all()
            for area in SelfAssessment.Area.values
        },
        actor=None,
        held_on=today - dt.timedelta(days=200),
    )
    ctx.log(f"fidelity: {len(teams)} teams, {rounds} rounds, values “{statement.title}”")
