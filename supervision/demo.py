"""Demo supervision: the demo supervisor's sessions with the demo worker over the last months,
a team meeting, and the demo worker's own reflective log and check-ins (some shared)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from supervision.models import AgreedAction, ReflectiveEntry, Session, TeamMeeting, WellbeingCheckin

AGENDAS = ["Caseload and endings", "A difficult session", "Boundaries and self-care", "Using the four tasks"]
REFLECTIONS = [
    ("A session where I talked too much.", "Next time I will leave more silence."),
    ("Someone I support said they felt heard for the first time.", "Connection first, everything else after."),
    ("I felt pulled into rescuing.", "Mutuality: what are we both learning here?"),
]


def load(ctx) -> None:
    supervisor, worker = ctx.logins["supervisor"], ctx.logins["worker"]
    today = timezone.localdate()
    for n in range(6):
        held_on = today - dt.timedelta(days=30 * (6 - n) + 2)
        session = Session.objects.create(
            organisation=supervisor.organisation,
            supervisor=supervisor,
            held_on=held_on,
            agenda=AGENDAS[n % len(AGENDAS)],
            notes="We talked through the month and what support would help.",
            follow_up_on=held_on + dt.timedelta(days=28),
        )
        session.workers.set([worker])
        AgreedAction.objects.create(
            session=session, text="Take a proper lunch break", owner=worker, done_on=held_on + dt.timedelta(days=7)
        )
    meeting = TeamMeeting.objects.create(
        organisation=supervisor.organisation,
        convened_by=supervisor,
        held_on=today - dt.timedelta(days=10),
        what_worked="Meeting people outdoors; texting before sessions when people asked for it.",
        what_was_hard="Endings, and waiting lists for groups.",
        agreed="Start a shared list of groups and networks to hand on to.",
    )
    meeting.attendees.set([worker, ctx.logins["facilitator"]])
    for n, (happened, reflection) in enumerate(REFLECTIONS):
        ReflectiveEntry.objects.create(
            worker=worker,
            written_on=today - dt.timedelta(days=20 * n + 3),
            what_happened=happened,
            reflection=reflection,
            shared_with_supervisor=n == 1,
        )
    for n in range(8):
        WellbeingCheckin.objects.create(
            worker=worker,
            at=timezone.now() - dt.timedelta(days=7 * n),
            feeling=ctx.rng.choice([2, 3, 3, 4, 4, 5]),
            shared_with_supervisor=n == 0,
        )
    ctx.log("Supervision: sessions, a team meeting, reflections and check-ins for the demo worker")
