"""Building people with consent and stays for outcome tests, through the real services."""

from __future__ import annotations

import datetime

from django.utils import timezone

from outcomes import services
from outcomes.models import UseKind
from people import services as people_services
from people.models import ConsentScope, Relationship

D = datetime.date


def consenting_person(world, name: str, *, supported: bool = False):
    person = world.add_person(name)
    people_services.consent_record(person=person, scope=ConsentScope.OUTCOMES, given=True, method="paper", actor=None)
    if supported:
        Relationship.objects.create(
            organisation=world.org,
            kind=Relationship.Kind.SUPPORTS,
            from_person=world.people["worker"],
            to_person=person,
            started_at=timezone.make_aware(datetime.datetime(2020, 1, 1)),
        )
    return person


def stay(person, start: datetime.date, end: datetime.date | None, kind: str = UseKind.HOSPITAL):
    return services.service_use_record(person=person, kind=kind, started_on=start, ended_on=end, actor=None)
