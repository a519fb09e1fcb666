"""Who may see and act on referrals and offers.

* Coordinators of the organisation (and of organisations sharing operational
  records with theirs, for reading) run the triage queue and matching.
* The referred person sees their own referral and chooses from the shortlist.
* A peer worker sees an offer made to them and accepts or declines it.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide, operational_orgs
from people.models import RoleKind


def coordinated_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.COORDINATOR)


def can_triage(actor: Actor) -> bool:
    """See the triage queue and enter referrals."""
    return bool(coordinated_orgs(actor))


def can_view_referral(actor: Actor, referral) -> Decision:
    visible = actor.is_self(referral.person_id) or referral.organisation_id in operational_orgs(actor)
    return decide(visible, actor.is_self(referral.person_id) or referral.organisation_id in operational_orgs(actor))


def can_manage_referral(actor: Actor, referral) -> Decision:
    """Change state, build the shortlist, make offers: a coordinator of the referral's organisation."""
    return decide(
        can_view_referral(actor, referral).visible, actor.has_role(RoleKind.COORDINATOR, referral.organisation_id)
    )


def can_choose(actor: Actor, referral) -> Decision:
    """The person chooses; a coordinator may record the person's choice on their behalf."""
    allowed = actor.is_self(referral.person_id) or actor.has_role(RoleKind.COORDINATOR, referral.organisation_id)
    return decide(can_view_referral(actor, referral).visible, allowed)


def can_answer_offer(actor: Actor, offer) -> Decision:
    """Only the offered peer worker accepts or declines."""
    own = actor.is_self(offer.worker_id) and actor.has_role(RoleKind.WORKER, offer.referral.organisation_id)
    return decide(own, own)


def can_edit_worker_profile(actor: Actor, worker) -> Decision:
    own = actor.is_self(worker.pk) and actor.has_role(RoleKind.WORKER)
    coordinator = actor.has_role(RoleKind.COORDINATOR, worker.organisation_id)
    return decide(own or worker.organisation_id in operational_orgs(actor), own or coordinator)
