"""Who may do what with peer-led groups.

* Anyone, signed in or not, sees the directory and the page of every group that
  is not closed (the directory is public so nobody needs an account to find a group).
* A group's facilitators run it: meetings, attendance, members, handover, its page.
* Coordinators of the group's organisation may do the same, and see closed groups.
* Facilitators and coordinators may start a group in their organisation.
* The member list is seen by the group's facilitators and coordinators only.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, decide
from people.models import RoleKind


def _facilitates(actor: Actor, group) -> bool:
    if not actor.is_authenticated:
        return False
    from groups.models import Membership

    return Membership.objects.filter(
        group_id=group.pk, person_id=actor.person_id, role=Membership.Role.FACILITATOR, left_on__isnull=True
    ).exists()


def _coordinates(actor: Actor, group) -> bool:
    return actor.has_role(RoleKind.COORDINATOR, group.organisation_id)


def can_view_group(actor: Actor, group) -> Decision:
    from groups.models import Group

    if group.status != Group.Status.CLOSED:
        return decide(True, True)
    allowed = _coordinates(actor, group) or _facilitates(actor, group)
    return decide(allowed, allowed)


def can_run_group(actor: Actor, group) -> Decision:
    """Edit the page, plan meetings, take attendance, manage members, hand over."""
    return decide(can_view_group(actor, group).visible, _coordinates(actor, group) or _facilitates(actor, group))


def group_creatable_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.FACILITATOR, RoleKind.COORDINATOR)


def can_join_group(actor: Actor, group) -> Decision:
    """A signed-in person may ask to join a group that welcomes new members."""
    visible = can_view_group(actor, group).visible
    return decide(visible, actor.is_authenticated and group.welcomes_new_members)


# --- Networks -------------------------------------------------------------------
#
# * Any signed-in person sees a network's name and purpose, and may join one that is open.
# * Members see its news and the member directory, which shows only members who
#   chose to be listed, and only the details each chose to show.
# * Coordinators and trainers of the organisation (and members) post news; coordinators
#   and trainers may start a network.


def _network_member(actor: Actor, network) -> bool:
    if not actor.is_authenticated:
        return False
    from groups.models import NetworkMember

    return NetworkMember.objects.filter(network_id=network.pk, person_id=actor.person_id, left_at__isnull=True).exists()


def network_creatable_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.COORDINATOR, RoleKind.TRAINER)


def can_view_network(actor: Actor, network) -> Decision:
    return decide(actor.is_authenticated, True)


def can_see_network_inside(actor: Actor, network) -> Decision:
    """News and the member directory."""
    allowed = _network_member(actor, network) or actor.has_any_role(
        (RoleKind.COORDINATOR, RoleKind.TRAINER), network.organisation_id
    )
    return decide(actor.is_authenticated, allowed)


def can_post_news(actor: Actor, network) -> Decision:
    return can_see_network_inside(actor, network)


def can_join_network(actor: Actor, network) -> Decision:
    return decide(actor.is_authenticated, network.open_to_join)
