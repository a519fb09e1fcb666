"""Demo agreements, sessions and a few notes for the pairs referrals/demo.py matched."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection

from support.models import Agreement, Note, Session

STATUSES = [("attended", 80), ("cancelled", 10), ("not_attended", 10)]
MODES = [("in_person", 60), ("online", 25), ("phone", 15)]
FLUSH = 50_000
COPY_SESSIONS = (
    "COPY support_session (agreement_id, worker_id, starts_at, minutes, mode, status, cancelled_by,"
    " place, strategies_tried, created_at) FROM STDIN"
)
NOTE = "We talked about what has helped this week and agreed to try a short walk each morning."


def _insert_sessions(rows: list[tuple], now) -> int:
    """Sessions in bulk: PostgreSQL's COPY (about a million rows at national scale), bulk_create elsewhere."""
    if connection.vendor != "postgresql":
        Session.objects.bulk_create(
            [
                Session(
                    agreement_id=agreement,
                    worker_id=worker,
                    starts_at=when,
                    minutes=minutes,
                    mode=mode,
                    status=status,
                    cancelled_by=cancelled_by,
                    created_at=now,
                )
                for agreement, worker, when, minutes, mode, status, cancelled_by in rows
            ],
            batch_size=5000,
        )
        return len(rows)
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_SESSIONS) as copy:
        for row in rows:
            copy.write_row((*row, "", "", now))
    return len(rows)


def load(ctx) -> None:
    rng = ctx.rng
    now = ctx.now
    pairs = ctx.extra.get("support_pairs", [])
    agreements = [
        Agreement(
            organisation_id=org,
            person_id=peer,
            worker_id=worker,
            started_on=started.date(),
            created_at=started,
            contact_arrangements="Text to arrange, weekdays",
            ended_at=None if current else started + timedelta(days=90),
            ending_reason="" if current else "Plan completed",
        )
        for org, worker, peer, started, current in pairs
    ]
    Agreement.objects.bulk_create(agreements, batch_size=2000)
    sessions, total = [], 0
    for agreement in agreements:
        start = agreement.created_at + timedelta(days=3, hours=rng.randint(0, 8))
        for week in range(rng.randint(8, 16) if agreement.ended_at else rng.randint(1, 12)):
            when = start + timedelta(days=7 * week)
            if agreement.ended_at and when > agreement.ended_at:
                break
            future = when > now
            status = "planned" if future else ctx.weighted(STATUSES)
            sessions.append(
                (
                    agreement.pk,
                    agreement.worker_id,
                    when,
                    rng.choice([60, 60, 75, 90]),
                    ctx.weighted(MODES),
                    status,
                    rng.choice(["person", "worker"]) if status == "cancelled" else "",
                )
            )
            if future:
                break
        if len(sessions) >= FLUSH:  # keep memory flat at national scale (about a million sessions)
            total += _insert_sessions(sessions, now)
            sessions = []
    total += _insert_sessions(sessions, now)
    notes = [
        Note(agreement=a, text=NOTE, written_by_id=a.worker_id, created_at=a.created_at + timedelta(days=3))
        for a in agreements[:200]
    ]
    login = ctx.logins.get("peer")
    if login is not None:
        notes += [
            Note(agreement=a, text=NOTE, written_by_id=a.worker_id, created_at=a.created_at + timedelta(days=10))
            for a in agreements[200:]
            if a.person_id == login.pk
        ]
    Note.objects.bulk_create(notes, batch_size=1000)
    ctx.log(f"support: {len(agreements)} agreements, {total} sessions, {len(notes)} notes")
