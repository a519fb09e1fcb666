"""Who handles people's rights.

* Everyone signed in downloads their own records.
* Coordinators of the person's own organisation produce a subject access
  download, log and carry out rights requests and place legal holds. (They
  already see the organisation's operational records; shared organisations do not.)
* Administrators set the organisation's retention periods.
"""

from __future__ import annotations

from access.actor import Actor
from access.policy import Decision, can_view_person, decide
from people.models import Person, RoleKind


def rights_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.COORDINATOR)


def can_handle_rights_for(actor: Actor, person: Person) -> Decision:
    visible = can_view_person(actor, person).visible
    return decide(visible, person.organisation_id in rights_orgs(actor))


def can_handle_rights(actor: Actor) -> bool:
    return bool(rights_orgs(actor))


def can_set_retention(actor: Actor, organisation_id: int) -> Decision:
    return decide(organisation_id in actor.roles, actor.has_role(RoleKind.ADMINISTRATOR, organisation_id))
