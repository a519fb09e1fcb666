"""What the support app holds about a person, erasure, and retention."""

from __future__ import annotations

from support.models import Agreement, Note, Session


def _iso(value) -> str:
    return value.isoformat() if value else ""


def subject_data(person) -> dict[str, list[dict]]:
    agreements = list(Agreement.objects.filter(person=person).select_related("worker").order_by("started_on"))
    sessions = Session.objects.filter(agreement__person=person).order_by("starts_at")
    notes = (
        Note.objects.filter(agreement__person=person)
        .prefetch_related("comments", "revisions", "shares")
        .order_by("created_at")
    )
    return {
        "Support agreements": [
            {
                "peer worker": a.worker.display_name,
                "started": _iso(a.started_on),
                "sessions planned": a.planned_sessions,
                "goals": a.goals,
                "hopes": a.person_hopes,
                "what the peer worker hoped to offer": a.worker_hopes,
                "how we keep in touch": a.contact_arrangements,
                "ended": _iso(a.ended_at),
                "reason for ending": a.ending_reason,
                "looking back at the goals": a.goals_review,
                "where they got to with their goals": a.get_goals_outcome_display() if a.goals_outcome else "",
                "to carry on with": a.carry_on_with,
            }
            for a in agreements
        ],
        "Sessions": [
            {
                "when": _iso(s.starts_at),
                "minutes": s.minutes,
                "where": s.get_mode_display(),
                "what happened": s.get_status_display(),
                "cancelled by": s.get_cancelled_by_display() if s.cancelled_by else "",
                "what you tried": s.strategies_tried,
            }
            for s in sessions
        ],
        "Notes": [
            {
                "written": _iso(n.created_at),
                "text": n.text,
                "earlier versions": [r.text for r in n.revisions.all()],
                "comments": [c.text for c in n.comments.all()],
                "shared with": [f"{s.recipient} ({_iso(s.shared_at)})" for s in n.shares.all()],
            }
            for n in notes
        ],
    }


def erase(person, *, actor) -> dict[str, int]:
    agreements = Agreement.objects.filter(person=person)
    counts = {
        "agreements": agreements.count(),
        "sessions": Session.objects.filter(agreement__person=person).count(),
        "notes": Note.objects.filter(agreement__person=person).count(),
    }
    agreements.delete()  # sessions, notes, comments, earlier versions and shares with them
    return counts


def _expire_notes(organisation, cutoff, actor) -> int:
    old = Note.objects.filter(agreement__organisation=organisation, agreement__ended_at__lt=cutoff)
    count = old.count()
    old.delete()
    return count


RETENTION = [
    {
        "key": "support.note",
        "label": "Notes from support that ended",
        "default_days": 8 * 365,
        "expire": _expire_notes,
    },
]
