"""Demo referrals in every state, offers, and the support relationships of matched ones.

Leaves ``ctx.extra["support_pairs"]`` for support/demo.py: (organisation id,
worker id, person id, started at, still supported?)."""

from __future__ import annotations

from datetime import timedelta

from people.models import Relationship
from referrals.models import Offer, Referral, ReferralEvent

STATES = [("matched", 75), ("received", 5), ("contacted", 4), ("choosing", 4), ("closed", 12)]
ROUTES = [("gp", 35), ("secondary", 25), ("organisation", 15), ("self", 25)]
CLOSED = ["declined", "no_contact", "withdrawn", "elsewhere"]
CAPACITY = 6
# How many earlier episodes of support a person had, at national scale (about 1.5 on average).
EARLIER_EPISODES = [0, 1, 1, 2, 2, 3]


def _earlier_episodes(ctx, organisation, peer_id, workers, pairs) -> list[tuple[Referral, int]]:
    """At national scale, people also came back: up to three earlier, finished episodes of support
    in the years before (so the commissioner report has a national-sized history to count)."""
    rng = ctx.rng
    now = ctx.now
    episodes = []
    for earlier in range(rng.choice(EARLIER_EPISODES)):
        started = now - timedelta(days=400 + 365 * earlier + rng.randint(0, 300))
        worker = rng.choice(workers)
        pairs.append((organisation.pk, worker, peer_id, started, False))
        received = started - timedelta(days=rng.randint(5, 25))
        episodes.append(
            (
                Referral(
                    organisation=organisation,
                    person_id=peer_id,
                    route=ctx.weighted(ROUTES),
                    status="matched",
                    received_at=received,
                    first_contact_at=received + timedelta(days=rng.randint(1, 8)),
                    availability=rng.getrandbits(21),
                    referrer_name="Demo referrer",
                ),
                worker,
            )
        )
    return episodes


def load(ctx) -> None:
    rng = ctx.rng
    now = ctx.now
    referrals, pairs = [], []
    offered_to: dict[int, int] = {}  # id() of a matched referral -> the worker the person chose
    for organisation in ctx.organisations:
        workers = list(ctx.workers.get(organisation.pk, []))
        room = dict.fromkeys(workers, CAPACITY)
        for index, peer_id in enumerate(ctx.peers.get(organisation.pk, [])):
            is_login = ctx.logins.get("peer") is not None and peer_id == ctx.logins["peer"].pk
            status = "matched" if is_login else ctx.weighted(STATES)
            open_state = status in {"received", "contacted", "choosing"}
            received = now - timedelta(days=rng.randint(0, 20) if open_state else rng.randint(30, 400))
            referral = Referral(
                organisation=organisation,
                person_id=peer_id,
                route=ctx.weighted(ROUTES),
                status=status,
                closed_reason=rng.choice(CLOSED) if status == "closed" else "",
                received_at=received,
                first_contact_at=None if status == "received" else received + timedelta(days=rng.randint(1, 8)),
                availability=rng.getrandbits(21),
                referrer_name="Demo referrer",
            )
            if status == "matched" and workers:
                worker = ctx.logins["worker"].pk if is_login else workers[index % len(workers)]
                current = room.get(worker, 0) > 0 or is_login
                if current:
                    room[worker] = room.get(worker, CAPACITY) - 1
                    started = now - timedelta(days=rng.randint(7, 70))
                else:
                    started = now - timedelta(days=rng.randint(120, 380))
                pairs.append((organisation.pk, worker, peer_id, started, current))
                offered_to[id(referral)] = worker
                referral.received_at = started - timedelta(days=rng.randint(5, 25))
            referrals.append(referral)
            if ctx.scale_name == "national" and workers:
                for earlier, worker in _earlier_episodes(ctx, organisation, peer_id, workers, pairs):
                    referrals.append(earlier)
                    offered_to[id(earlier)] = worker
    Referral.objects.bulk_create(referrals, batch_size=2000)
    events, offers = [], []
    for referral in referrals:
        events.append(ReferralEvent(referral=referral, to_status="received", at=referral.received_at))
        if referral.status != "received":
            events.append(
                ReferralEvent(
                    referral=referral,
                    from_status="received",
                    to_status=referral.status,
                    at=referral.received_at + timedelta(days=3),
                )
            )
        worker = offered_to.get(id(referral))
        if worker:
            offers.append(Offer(referral=referral, worker_id=worker, status="accepted", reasons=["Demo match"]))
        elif referral.status == "choosing":
            choices = ctx.workers.get(referral.organisation_id, [])[:2]
            offers += [Offer(referral=referral, worker_id=w, reasons=["Demo offer"]) for w in choices]
    ReferralEvent.objects.bulk_create(events, batch_size=5000)
    Offer.objects.bulk_create(offers, batch_size=5000)
    Relationship.objects.bulk_create(
        [
            Relationship(
                organisation_id=org,
                kind=Relationship.Kind.SUPPORTS,
                from_person_id=worker,
                to_person_id=peer,
                started_at=started,
                ended_at=None if current else started + timedelta(days=90),
            )
            for org, worker, peer, started, current in pairs
        ],
        batch_size=5000,
    )
    ctx.extra["support_pairs"] = pairs
    ctx.log(f"referrals: {len(referrals)} referrals, {len(pairs)} matched")
