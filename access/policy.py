"""Who may do what: the one place that decides.

Every view and API endpoint asks this module (or a capability's rules in
``access/rules/``, which are built from the predicates here) before it reads or
writes. A decision has two parts, because they lead to different answers:

* *visible*: may the actor know the record exists? If not, the answer is 404.
* *allowed*: may the actor do this to it? If visible but not allowed, 403.

Summary of the rules (see docs/access-and-audit.md for the full table):

* a person sees and edits their own record;
* a peer worker sees the people they currently support;
* supervisors and coordinators see their organisation's operational records,
  and those of organisations that share with theirs under an agreement;
* administrators manage organisations, accounts and roles, but read no
  lived-experience text, notes or answers;
* evaluators see pseudonymous research data only (never a person record);
* commissioners see aggregated reports only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from access.actor import Actor
from people.models import Person, RoleKind, SharingAgreement

# Roles that run day-to-day operations and may see an organisation's people.
OPERATIONAL_ROLES = (RoleKind.SUPERVISOR, RoleKind.COORDINATOR)
# Roles that may see a person's account and roles for administration.
PERSON_VIEW_ROLES = (*OPERATIONAL_ROLES, RoleKind.ADMINISTRATOR)
# Roles that must use two-factor authentication (they can read identifiable records).
STAFF_ROLES = frozenset(RoleKind.values) - {RoleKind.PEER}


@dataclass(frozen=True)
class Decision:
    visible: bool
    allowed: bool

    def __bool__(self) -> bool:
        return self.visible and self.allowed


DENY = Decision(False, False)


def decide(visible: bool, allowed: bool) -> Decision:
    return Decision(visible, visible and allowed)


# --- Organisations ------------------------------------------------------------


def operational_orgs(actor: Actor) -> frozenset[int]:
    """Organisations whose operational records the actor may see."""
    return actor.orgs_reachable(*OPERATIONAL_ROLES, scope=SharingAgreement.Scope.OPERATIONAL)


def can_administer(actor: Actor, organisation_id: int) -> Decision:
    """Manage an organisation: its accounts, roles, sharing agreements, audit log."""
    member = organisation_id in actor.roles
    return decide(member, actor.has_role(RoleKind.ADMINISTRATOR, organisation_id))


def administered_orgs(actor: Actor) -> frozenset[int]:
    return actor.orgs_with(RoleKind.ADMINISTRATOR)


# --- People -------------------------------------------------------------------


def people_visible(actor: Actor) -> Q:
    """A filter for Person querysets: the people the actor may see."""
    if not actor.is_authenticated:
        return Q(pk__in=[])
    condition = Q(pk=actor.person_id) | Q(pk__in=actor.supported_ids) | Q(pk__in=actor.supervised_ids)
    orgs = operational_orgs(actor) | administered_orgs(actor)
    if orgs:
        condition |= Q(organisation_id__in=orgs)
    return condition


def can_view_person(actor: Actor, person: Person) -> Decision:
    visible = (
        actor.is_self(person.pk)
        or person.pk in actor.supported_ids
        or person.pk in actor.supervised_ids
        or person.organisation_id in operational_orgs(actor)
        or person.organisation_id in administered_orgs(actor)
    )
    return decide(visible, True)


def can_edit_person(actor: Actor, person: Person) -> Decision:
    """Change someone's profile: themselves, or a coordinator or administrator of their organisation."""
    allowed = actor.is_self(person.pk) or actor.has_any_role(
        (RoleKind.COORDINATOR, RoleKind.ADMINISTRATOR), person.organisation_id
    )
    return decide(can_view_person(actor, person).visible, allowed)


def can_read_lived_experience(actor: Actor, person: Person) -> Decision:
    """Read a person's own words about their experience (audited).

    The person, the worker supporting them and a coordinator (for matching).
    Administrators and supervisors do not."""
    allowed = (
        actor.is_self(person.pk)
        or person.pk in actor.supported_ids
        or actor.has_role(RoleKind.COORDINATOR, person.organisation_id)
    )
    return decide(can_view_person(actor, person).visible, allowed)


def can_add_person(actor: Actor, organisation_id: int) -> Decision:
    member = organisation_id in actor.roles
    allowed = actor.has_any_role((RoleKind.COORDINATOR, RoleKind.ADMINISTRATOR), organisation_id)
    return decide(member, allowed)


def can_list_people(actor: Actor) -> bool:
    return bool(operational_orgs(actor) | administered_orgs(actor)) or bool(actor.supported_ids)


# --- Consent ------------------------------------------------------------------


def can_view_consents(actor: Actor, person: Person) -> Decision:
    allowed = (
        actor.is_self(person.pk)
        or person.pk in actor.supported_ids
        or person.organisation_id in operational_orgs(actor)
    )
    return decide(can_view_person(actor, person).visible, allowed)


def can_record_consent(actor: Actor, person: Person) -> Decision:
    """The person online, or a worker or coordinator recording what the person said."""
    allowed = (
        actor.is_self(person.pk)
        or person.pk in actor.supported_ids
        or actor.has_role(RoleKind.COORDINATOR, person.organisation_id)
    )
    return decide(can_view_person(actor, person).visible, allowed)


# --- Roles and accounts ---------------------------------------------------------


def can_manage_roles(actor: Actor, person: Person) -> Decision:
    return decide(
        can_view_person(actor, person).visible,
        actor.has_role(RoleKind.ADMINISTRATOR, person.organisation_id),
    )


def can_view_audit(actor: Actor, organisation_id: int) -> Decision:
    return can_administer(actor, organisation_id)


def can_use_api_tokens(actor: Actor) -> bool:
    """Integrations are set up by staff; a token acts as one of its owner's roles."""
    return actor.is_authenticated and actor.is_staff_member


# --- Background jobs ----------------------------------------------------------


def can_view_job(actor: Actor, job) -> Decision:
    """A job's progress and result belong to whoever asked for it."""
    own = actor.is_authenticated and job.requested_by_id == getattr(actor.user, "pk", None)
    return decide(own, own)
