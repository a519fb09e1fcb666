"""The Actor: who is asking, with the roles and relationships the policy needs.

Built once per request (lazily, by ActorMiddleware) or per API token. A token
acts with one role in one organisation only, whatever else its owner may do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q
from django.utils import timezone

from people.models import Person, Relationship, Role, RoleKind, SharingAgreement

Roles = Mapping[int, frozenset[str]]


@dataclass
class Actor:
    user: object | None
    person: Person | None
    roles: Roles = field(default_factory=dict)
    # scope -> ids of organisations whose records are shared with one of the actor's organisations
    shared_from: Mapping[str, frozenset[int]] = field(default_factory=dict)

    # --- who ----------------------------------------------------------------
    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and self.person is not None

    @property
    def person_id(self) -> int | None:
        return self.person.pk if self.person else None

    def is_self(self, person_id: int | None) -> bool:
        return person_id is not None and person_id == self.person_id

    # --- roles ----------------------------------------------------------------
    def has_role(self, kind: str, organisation_id: int | None = None) -> bool:
        if organisation_id is None:
            return any(kind in kinds for kinds in self.roles.values())
        return kind in self.roles.get(organisation_id, frozenset())

    def has_any_role(self, kinds: Iterable[str], organisation_id: int | None = None) -> bool:
        return any(self.has_role(kind, organisation_id) for kind in kinds)

    def orgs_with(self, *kinds: str) -> frozenset[int]:
        return frozenset(org for org, held in self.roles.items() if held.intersection(kinds))

    def orgs_reachable(self, *kinds: str, scope: str = SharingAgreement.Scope.OPERATIONAL) -> frozenset[int]:
        """Organisations where the actor holds one of ``kinds``, plus those that
        share records with those organisations under an active agreement."""
        own = self.orgs_with(*kinds)
        if not own:
            return own
        return own | self.shared_from.get(scope, frozenset())

    @property
    def role_kinds(self) -> frozenset[str]:
        return frozenset().union(*self.roles.values()) if self.roles else frozenset()

    @property
    def is_staff_member(self) -> bool:
        """Holds any role other than peer."""
        return bool(self.role_kinds - {RoleKind.PEER})

    # --- relationships --------------------------------------------------------
    def _related(self, kind: str) -> frozenset[int]:
        if self.person is None:
            return frozenset()
        rows = Relationship.objects.filter(from_person=self.person, kind=kind, ended_at__isnull=True).values_list(
            "to_person_id", flat=True
        )
        return frozenset(rows)

    @cached_property
    def supported_ids(self) -> frozenset[int]:
        """People this actor currently supports as a peer worker."""
        if not self.has_role(RoleKind.WORKER):
            return frozenset()
        return self._related(Relationship.Kind.SUPPORTS)

    @cached_property
    def supervised_ids(self) -> frozenset[int]:
        """Workers this actor currently supervises."""
        if not self.has_role(RoleKind.SUPERVISOR):
            return frozenset()
        return self._related(Relationship.Kind.SUPERVISES)


ANONYMOUS = Actor(user=None, person=None)


def _active_roles(person: Person, only: tuple[int, str] | None = None) -> dict[int, frozenset[str]]:
    today = timezone.localdate()
    rows = Role.objects.filter(person=person).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
    if only is not None:
        rows = rows.filter(organisation_id=only[0], kind=only[1])
    held: dict[int, set[str]] = {}
    for org_id, kind in rows.values_list("organisation_id", "kind"):
        held.setdefault(org_id, set()).add(kind)
    return {org: frozenset(kinds) for org, kinds in held.items()}


def _shared_from(org_ids: Iterable[int]) -> dict[str, frozenset[int]]:
    org_ids = list(org_ids)
    if not org_ids:
        return {}
    today = timezone.localdate()
    rows = (
        SharingAgreement.objects.filter(recipient_id__in=org_ids, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("scope", "owner_id")
    )
    shared: dict[str, set[int]] = {}
    for scope, owner in rows:
        shared.setdefault(scope, set()).add(owner)
    return {scope: frozenset(owners) for scope, owners in shared.items()}


def actor_for_user(user, *, only_role: tuple[int, str] | None = None) -> Actor:
    """Build the Actor for a signed-in user; anonymous or account-less users get ANONYMOUS.

    ``only_role`` restricts the actor to a single (organisation id, role kind),
    which is how API tokens are scoped.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    person = Person.objects.select_related("organisation").filter(user=user).first()
    if person is None:
        return ANONYMOUS
    roles = _active_roles(person, only_role)
    return Actor(user=user, person=person, roles=roles, shared_from=_shared_from(roles))
