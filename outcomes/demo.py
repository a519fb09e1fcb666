"""Demo hospital and crisis records for people who agreed to outcomes data.

Time to readmission is drawn so that, over three years, about 62% of people with
peer support and 73% without are readmitted: the proportions Min et al. (2007)
reported, as cited in Basset et al. (2010). It is invented data with a realistic
difference, for trying the analysis, not evidence of anything.
"""

from __future__ import annotations

import math
from datetime import timedelta

from outcomes.models import ServiceUse, UseKind
from people.demo import BATCH, DemoContext
from people.models import Consent, ConsentScope, Relationship

THREE_YEARS = 3 * 365
# Mean days to readmission giving 62% / 73% readmitted within three years (exponential times).
MEAN_DAYS = {True: THREE_YEARS / -math.log(1 - 0.62), False: THREE_YEARS / -math.log(1 - 0.73)}


def load(ctx: DemoContext) -> None:
    today = ctx.now.date()
    peers = [pk for ids in ctx.peers.values() for pk in ids]
    consenting = dict(
        Consent.objects.filter(
            person_id__in=peers, scope=ConsentScope.OUTCOMES, given=True, is_current=True
        ).values_list("person_id", "person__organisation_id")
    )
    supported = set(
        Relationship.objects.filter(to_person_id__in=consenting, kind=Relationship.Kind.SUPPORTS).values_list(
            "to_person_id", flat=True
        )
    )
    rows = []
    for person_id in sorted(consenting):
        if ctx.rng.random() > 0.45:
            continue
        organisation_id = consenting[person_id]
        discharged = today - timedelta(days=ctx.rng.randrange(60, THREE_YEARS))
        admitted = discharged - timedelta(days=ctx.rng.randrange(4, 60))
        rows.append(_stay(organisation_id, person_id, UseKind.HOSPITAL, admitted, discharged))
        back = discharged + timedelta(days=max(1, int(ctx.rng.expovariate(1 / MEAN_DAYS[person_id in supported]))))
        if back < today:
            length = ctx.rng.randrange(3, 45)
            ended = back + timedelta(days=length)
            rows.append(_stay(organisation_id, person_id, UseKind.HOSPITAL, back, ended if ended < today else None))
        if ctx.rng.random() < 0.2:
            crisis = discharged + timedelta(days=ctx.rng.randrange(10, 200))
            if crisis + timedelta(days=7) < today:
                rows.append(
                    _stay(
                        organisation_id,
                        person_id,
                        UseKind.CRISIS,
                        crisis,
                        crisis + timedelta(days=ctx.rng.randrange(2, 8)),
                    )
                )
        if ctx.rng.random() < 0.3:
            attended = discharged + timedelta(days=ctx.rng.randrange(1, 300))
            if attended < today:
                rows.append(_stay(organisation_id, person_id, UseKind.EMERGENCY, attended, attended))
    ServiceUse.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    ctx.log(f"outcomes: {len(rows)} hospital, crisis and emergency records")


def _stay(organisation_id, person_id, kind, started, ended) -> ServiceUse:
    return ServiceUse(
        organisation_id=organisation_id, person_id=person_id, kind=kind, started_on=started, ended_on=ended
    )
