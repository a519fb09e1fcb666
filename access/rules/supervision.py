"""Who may see supervision, reflective practice and wellbeing records.

* A supervision session is seen by its supervisor and the workers in it; nobody
  else, not coordinators or administrators (they see only whether it is due).
* A reflective entry belongs to the worker; their current supervisor reads it only
  once the worker shares it.
* A wellbeing check-in belongs to the worker alone; shared ones are seen by their
  current supervisor. Supervisors otherwise see only whether supervision is due.
* A team meeting is seen by the person who convened it and those who were there.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind


def can_view_session(actor: Actor, session, worker_ids: frozenset[int]) -> Decision:
    inside = actor.is_self(session.supervisor_id) or actor.person_id in worker_ids
    return decide(inside, inside)


def can_edit_session(actor: Actor, session, worker_ids: frozenset[int]) -> Decision:
    return decide(can_view_session(actor, session, worker_ids).visible, actor.is_self(session.supervisor_id))


def can_supervise(actor: Actor, worker_id: int) -> bool:
    return worker_id in actor.supervised_ids


def can_record_supervision(actor: Actor) -> bool:
    return bool(actor.supervised_ids)


def can_keep_own_records(actor: Actor) -> bool:
    """Reflective logs and wellbeing check-ins are for people who do peer support work."""
    return actor.has_any_role((RoleKind.WORKER, RoleKind.FACILITATOR, RoleKind.SUPERVISOR))


def can_view_private_entry(actor: Actor, entry) -> Decision:
    """A reflective entry or a wellbeing check-in."""
    own = actor.is_self(entry.worker_id)
    shared = entry.shared_with_supervisor and entry.worker_id in actor.supervised_ids
    return decide(own or shared, own or shared)


def can_edit_private_entry(actor: Actor, entry) -> Decision:
    return decide(can_view_private_entry(actor, entry).visible, actor.is_self(entry.worker_id))


def can_convene_team_meeting(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.SUPERVISOR, RoleKind.COORDINATOR)


def can_view_team_meeting(actor: Actor, meeting, attendee_ids: frozenset[int]) -> Decision:
    inside = actor.is_self(meeting.convened_by_id) or actor.person_id in attendee_ids
    return decide(inside, inside)


def can_view_workload(actor: Actor) -> bool:
    return bool(actor.supervised_ids) or actor.has_role(RoleKind.SUPERVISOR)
