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


# --- Two-factor authentication in tests ---------------------------------------
# Staff must verify a second factor (privacy/middleware.py). These helpers give
# a staff account a real authenticator device and use real codes from it, so
# that ``client.force_login`` (see conftest.py) and ``sign_in`` work for every role.


def needs_second_factor(user) -> bool:
    from access.actor import actor_for_user
    from privacy import twofactor

    return twofactor.is_required(actor_for_user(user)) or twofactor.has_confirmed_device(user)


def authenticator_for(user):
    """The account's confirmed TOTP device, made if it has none yet."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def current_code(device) -> str:
    """The code the authenticator app would show now. A code is accepted once
    only, so the device forgets the last one used (one test may sign in twice
    within thirty seconds)."""
    from django_otp.oath import TOTP

    device.last_t = -1
    device.throttling_failure_count = 0
    device.save(update_fields=["last_t", "throttling_failure_count"])
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify_client_session(client, user) -> None:
    """Mark a test client's session as verified with the account's authenticator (staff only)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    if user is None or not needs_second_factor(user):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()


def sign_in(page, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign in through the real login form in a Playwright page, typing a real
    code from the authenticator app when the account needs a second factor."""
    user = User.objects.filter(email__iexact=email).first()
    device = authenticator_for(user) if user is not None and needs_second_factor(user) else None
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if device is not None and "/two-factor/verify/" in page.url:
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
        page.wait_for_load_state()
