"""Helpers for evaluation tests and demo data: a cohort of consenting participants."""

from __future__ import annotations

import datetime as dt

from people import services as people_services
from people.models import Consent, ConsentScope, Person

from . import services
from .models import Evaluation, InstrumentVersion, Participant


def shipped(code: str) -> InstrumentVersion:
    return InstrumentVersion.objects.filter(instrument__code=code, instrument__organisation__isnull=True).latest(
        "number"
    )


def consenting_person(world, name: str) -> Person:
    person = world.add_person(name)
    people_services.consent_record(
        person=person,
        scope=ConsentScope.EVALUATION,
        given=True,
        method=Consent.Method.PAPER,
        actor=None,
    )
    return person


def cohort(world, evaluation: Evaluation, size: int) -> list[Participant]:
    return [
        services.participant_enrol(
            evaluation=evaluation,
            person=consenting_person(world, f"Participant {n}"),
            research_number=f"D{n:03d}",
            actor=None,
        )
        for n in range(1, size + 1)
    ]


def evaluation_with(world, versions, waves=None, name: str = "IPS course 2007") -> Evaluation:
    return services.evaluation_create(
        organisation=world.org,
        name=name,
        anchor_date=dt.date(2007, 3, 5),
        actor=None,
        waves=waves,
        instruments=versions,
    )
