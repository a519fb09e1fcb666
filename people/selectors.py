"""Reads of people, scoped to the asking actor. Sensitive reads are audited."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from access import policy
from access.actor import Actor
from audit.services import record_reads
from people.models import Consent, Organisation, Person, PersonTheme, Relationship, Role, RoleKind


def people_for(actor: Actor, *, search: str = "", organisation_id: int | None = None) -> QuerySet[Person]:
    people = Person.objects.filter(policy.people_visible(actor)).select_related("organisation", "user")
    if organisation_id is not None:
        people = people.filter(organisation_id=organisation_id)
    search = search.strip()
    if search:
        people = people.filter(
            Q(display_name__icontains=search) | Q(full_name__icontains=search) | Q(email__icontains=search)
        )
    return people.order_by("display_name", "id")


def person_profile(actor: Actor, person: Person) -> dict:
    """Everything shown on a person's page, with the lived-experience words only
    for those allowed to read them (and that read is audited)."""
    person = (
        Person.objects.select_related("organisation", "user")
        .prefetch_related(
            "languages",
            Prefetch("person_themes", queryset=PersonTheme.objects.select_related("theme").order_by("theme__name")),
            Prefetch("roles", queryset=Role.objects.select_related("organisation").order_by("started_on")),
        )
        .get(pk=person.pk)
    )
    can_read = policy.can_read_lived_experience(actor, person).allowed
    if can_read and person.experience_in_own_words:
        record_reads(actor=actor, targets=[person], summary="Lived experience in own words")
    return {
        "person": person,
        "themes": list(person.person_themes.all()),
        "languages": list(person.languages.all()),
        "roles": list(person.roles.all()),
        "can_read_lived_experience": can_read,
    }


def consents_for(person: Person) -> list[Consent]:
    """The whole consent history, newest first."""
    return list(Consent.objects.filter(person=person).select_related("recorded_by").order_by("-recorded_at", "-id"))


def current_consents(person: Person) -> list[Consent]:
    return list(Consent.objects.filter(person=person, is_current=True).order_by("scope", "recipient"))


def has_consent(person_id: int, scope: str, recipient: str = "") -> bool:
    """Has this person currently consented? Every capability asks this (or uses
    ``consenting``) at the moment it uses data held under a scope."""
    return Consent.objects.filter(
        person_id=person_id, scope=scope, recipient=recipient, is_current=True, given=True
    ).exists()


def consenting(scope: str, person_ref: str = "pk") -> Exists:
    """A filter expression: "this row's person currently consents to ``scope``".

    Use as ``Person.objects.filter(consenting("evaluation"))`` or, on a model with
    a ``person`` foreign key, ``Model.objects.filter(consenting("evaluation", "person_id"))``.
    """
    return Exists(Consent.objects.filter(person_id=OuterRef(person_ref), scope=scope, is_current=True, given=True))


def organisations_for(actor: Actor) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=actor.roles.keys()).order_by("name")


def caseloads(worker_ids: list[int]) -> dict[int, int]:
    """How many people each worker currently supports (active "supports" relationships)."""
    rows = (
        Relationship.objects.filter(
            from_person_id__in=worker_ids, kind=Relationship.Kind.SUPPORTS, ended_at__isnull=True
        )
        .values("from_person_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(worker_ids, 0)
    counts.update({row["from_person_id"]: row["n"] for row in rows})
    return counts


def capacities(worker_ids: list[int], organisation_id: int) -> dict[int, int]:
    """Each worker's capacity in an organisation: their own, or the organisation's usual number."""
    roles = Role.objects.filter(
        person_id__in=worker_ids, organisation_id=organisation_id, kind=RoleKind.WORKER, ended_on__isnull=True
    ).select_related("organisation")
    return {role.person_id: role.effective_capacity for role in roles}
