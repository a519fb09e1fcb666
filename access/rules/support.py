"""Who may see and act on support agreements, sessions and notes.

* The person sees their own agreement, sessions and notes, comments on notes
  and asks for corrections.
* The peer worker in the agreement keeps the diary, records sessions and writes
  notes with the person.
* Coordinators and supervisors of the organisation see agreements and sessions
  (not note text) to keep support running.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide, operational_orgs
from people.models import RoleKind


def _is_worker(actor: Actor, agreement) -> bool:
    return actor.is_self(agreement.worker_id) and actor.has_role(RoleKind.WORKER, agreement.organisation_id)


def can_view_agreement(actor: Actor, agreement) -> Decision:
    visible = (
        actor.is_self(agreement.person_id)
        or _is_worker(actor, agreement)
        or agreement.organisation_id in operational_orgs(actor)
    )
    return decide(visible, True)


def can_manage_agreement(actor: Actor, agreement) -> Decision:
    """Record sessions, change the plan, end support: the worker, or a coordinator."""
    allowed = _is_worker(actor, agreement) or actor.has_role(RoleKind.COORDINATOR, agreement.organisation_id)
    return decide(can_view_agreement(actor, agreement).visible, allowed)


def can_start_agreement(actor: Actor, person) -> Decision:
    """Start an agreement: the peer worker who currently supports the person, together with them."""
    allowed = person.pk in actor.supported_ids
    visible = allowed or person.organisation_id in operational_orgs(actor) or actor.is_self(person.pk)
    return decide(visible, allowed)


def can_read_notes(actor: Actor, agreement) -> Decision:
    """Note text: the person and their worker only."""
    allowed = actor.is_self(agreement.person_id) or _is_worker(actor, agreement)
    return decide(can_view_agreement(actor, agreement).visible, allowed)


def can_write_notes(actor: Actor, agreement) -> Decision:
    return decide(can_view_agreement(actor, agreement).visible, _is_worker(actor, agreement) and agreement.is_open)


def can_comment_on_notes(actor: Actor, agreement) -> Decision:
    return decide(can_view_agreement(actor, agreement).visible, actor.is_self(agreement.person_id))


def can_keep_diary(actor: Actor) -> bool:
    return actor.has_role(RoleKind.WORKER)


def can_end_agreement(actor: Actor, agreement) -> Decision:
    """Either side can end support: the person, their worker, or a coordinator."""
    allowed = actor.is_self(agreement.person_id) or can_manage_agreement(actor, agreement).allowed
    return decide(can_view_agreement(actor, agreement).visible, allowed)


def settings_orgs(actor: Actor) -> frozenset[int]:
    """Organisations whose one-to-one settings the actor may change: coordinators and administrators."""
    return actor.orgs_with(RoleKind.COORDINATOR, RoleKind.ADMINISTRATOR)
