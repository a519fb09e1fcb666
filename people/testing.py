"""A small world for tests: one person per role, and an outsider.

Organisation A ("Riverside") holds everyone; organisation B ("Elsewhere")
holds the outsider, a coordinator who must not see A's records. The peer is
supported by the worker, and the worker is supervised by the supervisor.

Tests get it from the ``world`` fixture (conftest.py) and sign in with
``client.force_login(world.users["coordinator"])``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from people.models import Organisation, Person, Relationship, Role, RoleKind, User

ROLES = [kind.value for kind in RoleKind]
# Every column of the authorization table: each role, an outsider, and anonymous.
ACTORS = ["anonymous", *ROLES, "outsider"]
TEST_PASSWORD = "correct horse battery staple"  # noqa: S105 (test data only)

NAMES = {
    "peer": ("Alex", "they/them"),
    "worker": ("Jo", "she/her"),
    "facilitator": ("Sam", "he/him"),
    "supervisor": ("Priya", "she/her"),
    "coordinator": ("Morgan", "they/them"),
    "trainer": ("Chris", "he/him"),
    "evaluator": ("Ann", "she/her"),
    "commissioner": ("Kieran", "he/him"),
    "administrator": ("Fiona", "she/her"),
}


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    people: dict[str, Person] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def person(self, role: str) -> Person:
        return self.people[role]

    def add_person(self, display_name: str, *, role: str | None = None, org: Organisation | None = None, **fields):
        """Another person (with an account if ``role`` is given)."""
        org = org or self.org
        person = Person.objects.create(organisation=org, display_name=display_name, **fields)
        if role:
            email = fields.get("email") or f"{display_name.lower().replace(' ', '.')}@example.org"
            user = User.objects.create_user(email=email)
            user.set_password(TEST_PASSWORD)
            user.save()
            person.user = user
            person.save(update_fields=["user"])
            Role.objects.create(
                person=person,
                organisation=org,
                kind=role,
                worker_type=Role.WorkerType.PAID if role == RoleKind.WORKER else "",
            )
        return person


def build_world() -> World:
    org = Organisation.objects.create(name="Riverside Peer Support", slug="riverside", kind=Organisation.Kind.CHARITY)
    other = Organisation.objects.create(name="Elsewhere Trust", slug="elsewhere", kind=Organisation.Kind.NHS_TRUST)
    world = World(org=org, other_org=other)
    for role in ROLES:
        name, pronouns = NAMES[role]
        person = world.add_person(name, role=role, pronouns=pronouns, email=f"{role}@example.org")
        world.people[role] = person
        world.users[role] = person.user
    outsider = world.add_person("Olu", role=RoleKind.COORDINATOR, org=other, email="outsider@example.org")
    world.people["outsider"] = outsider
    world.users["outsider"] = outsider.user
    Relationship.objects.create(
        organisation=org,
        kind=Relationship.Kind.SUPPORTS,
        from_person=world.people["worker"],
        to_person=world.people["peer"],
    )
    Relationship.objects.create(
        organisation=org,
        kind=Relationship.Kind.SUPERVISES,
        from_person=world.people["supervisor"],
        to_person=world.people["worker"],
    )
    return world


def sign_in(page, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real login form in a Playwright page."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
