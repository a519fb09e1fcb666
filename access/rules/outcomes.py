"""Who may record, see and analyse service outcomes (hospital and crisis stays).

* The person sees their own records (nothing is kept about them out of sight).
* Their peer worker and the organisation's coordinators may record them, with consent.
* Coordinators, supervisors and evaluators see the organisation's analysis: figures
  about groups, never a person's record. Evaluators get research numbers only.
* Commissioners see outcomes only in reports, where small numbers are suppressed.
"""

from __future__ import annotations

from django.db.models import Q

from access.actor import Actor
from access.policy import Decision, can_view_person, decide, operational_orgs
from people.models import Person, RoleKind

ANALYSIS_ROLES = (RoleKind.COORDINATOR, RoleKind.SUPERVISOR, RoleKind.EVALUATOR)


def can_view_outcomes_of(actor: Actor, person: Person) -> Decision:
    allowed = (
        actor.is_self(person.pk)
        or person.pk in actor.supported_ids
        or person.organisation_id in operational_orgs(actor)
    )
    return decide(can_view_person(actor, person).visible, allowed)


def can_record_outcomes(actor: Actor, person: Person) -> Decision:
    allowed = person.pk in actor.supported_ids or actor.has_role(RoleKind.COORDINATOR, person.organisation_id)
    return decide(can_view_person(actor, person).visible, allowed)


def analysis_orgs(actor: Actor) -> frozenset[int]:
    """Organisations whose outcome analysis the actor may see."""
    return actor.orgs_with(*ANALYSIS_ROLES)


def can_import_outcomes(actor: Actor, organisation_id: int) -> Decision:
    return decide(organisation_id in actor.roles, actor.has_role(RoleKind.COORDINATOR, organisation_id))


def can_set_unit_costs(actor: Actor, organisation_id: int) -> Decision:
    allowed = actor.has_any_role((RoleKind.COORDINATOR, RoleKind.ADMINISTRATOR), organisation_id)
    return decide(organisation_id in actor.roles, allowed)


def decide_analysis(allowed: bool) -> Decision:
    """The analysis exists for everyone who asks; only some roles may see it (403 otherwise)."""
    return decide(True, allowed)


def uses_visible(actor: Actor) -> Q:
    """A filter for ServiceUse: the records the actor may read."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    return (
        Q(person_id=actor.person_id)
        | Q(person_id__in=actor.supported_ids)
        | Q(organisation_id__in=operational_orgs(actor))
    )
