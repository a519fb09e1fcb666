"""Helpers for fidelity tests and demo data: the shipped instruments, a team and rounds with answers."""

from __future__ import annotations

import datetime as dt

from evaluation.models import InstrumentVersion
from people import services as people_services
from people.models import Consent, ConsentScope, Person, Relationship

from . import services
from .models import Perspective, Respondent, Round

ENRICH_CHECK = "mutuality-enrich-check"
IPS_CHECK = "mutuality-ips-check"
PURPOSE = "To reflect together on whether our values are alive in practice. Not to judge anyone."


def example_instrument(code: str = ENRICH_CHECK) -> InstrumentVersion:
    return InstrumentVersion.objects.filter(instrument__code=code, instrument__organisation__isnull=True).latest(
        "number"
    )


def consent(person: Person) -> Person:
    people_services.consent_record(
        person=person, scope=ConsentScope.EVALUATION, given=True, method=Consent.Method.PAPER, actor=None
    )
    return person


def supported_person(world, name: str) -> Person:
    """Someone else the world's worker supports, who consents to evaluation."""
    person = consent(world.add_person(name))
    Relationship.objects.create(
        organisation=world.org,
        kind=Relationship.Kind.SUPPORTS,
        from_person=world.people["worker"],
        to_person=person,
    )
    return person


def team_round(world, *, label="Spring", opened_on=dt.date(2026, 3, 1), team=None, enough=1) -> Round:
    team = team or services.team_create(
        organisation=world.org, name="Riverside team", members=[world.people["worker"]], actor=None
    )
    return services.round_open(
        organisation=world.org,
        version=example_instrument(),
        subject=Round.Subject.TEAM,
        team=team,
        label=label,
        purpose=PURPOSE,
        perspectives=[Perspective.WORKER, Perspective.PERSON, Perspective.SUPERVISOR],
        enough=enough,
        opened_on=opened_on,
        actor=None,
    )


def worker_round(world, *, label="Jo, spring", opened_on=dt.date(2026, 3, 1), enough=1) -> Round:
    return services.round_open(
        organisation=world.org,
        version=example_instrument(),
        subject=Round.Subject.WORKER,
        worker=world.people["worker"],
        label=label,
        purpose=PURPOSE,
        perspectives=[Perspective.WORKER, Perspective.PERSON, Perspective.SUPERVISOR],
        enough=enough,
        opened_on=opened_on,
        actor=None,
    )


def answer(round_: Round, person: Person, perspective: str, rating: int | dict) -> Respondent:
    """Ask ``person`` and answer every statement for their perspective (one rating, or code → rating)."""
    respondent = services.respondent_add(round_=round_, person=person, perspective=perspective, actor=None)
    items = services.items_for(respondent)
    answers = {item.code: (rating.get(item.code) if isinstance(rating, dict) else rating) for item in items}
    services.answers_submit(respondent=respondent, answers=answers, actor=None)
    return respondent
