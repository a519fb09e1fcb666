"""Deterministic synthetic people for demonstrations, benchmarks and load tests.

Every name, place and phrase here is invented. The same ``--seed`` gives the
same data. Other apps extend the demo with a ``demo.py`` of their own whose
``load(ctx)`` runs after this one (in settings.MUTUALITY_APPS order) and can
use what is in ``ctx``: the organisations, the demo logins (one person per
role), and the ids of workers and peers per organisation.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from faker import Faker

from people.models import (
    Consent,
    ConsentScope,
    Language,
    Organisation,
    Person,
    PersonTheme,
    PostcodeDistrict,
    Relationship,
    Role,
    RoleKind,
    Theme,
    User,
)


@dataclass(frozen=True)
class Scale:
    organisations: int
    peers: int
    workers: int


SCALES = {
    "small": Scale(organisations=3, peers=60, workers=12),
    "network": Scale(organisations=8, peers=5_000, workers=500),
    "national": Scale(organisations=40, peers=50_000, workers=5_000),
}

# (area, organisation name stem, postcode area, highest district number)
AREAS = [
    ("Devon", "Riverside Recovery Partnership", "EX", 39),
    ("Plymouth", "Harbour Peer Support", "PL", 35),
    ("Exeter", "Open Door Survivors' Network", "EX", 6),
    ("Somerset", "Moorland Mind Matters", "TA", 24),
    ("Leeds", "Northgate Peer Collective", "LS", 29),
    ("South London", "Southside Wellbeing Collective", "SE", 28),
    ("Bristol", "Severn Peer Network", "BS", 16),
    ("Manchester", "Pennine Peer Support", "M", 35),
    ("Birmingham", "Heartlands Hearing Voices Network", "B", 99),
    ("Newcastle", "Tyne Together", "NE", 20),
    ("Cardiff", "Taff Peer Circle", "CF", 24),
    ("Glasgow", "Clyde Lived Experience Network", "G", 80),
    ("Sheffield", "Steel City Peers", "S", 36),
    ("Norwich", "Broadland Peer Support", "NR", 35),
    ("Brighton", "Seafront Survivors", "BN", 27),
    ("Liverpool", "Mersey Mutual", "L", 40),
    ("Nottingham", "Trent Peer Link", "NG", 25),
    ("Cornwall", "Kernow Peer Network", "TR", 27),
    ("Oxford", "Isis Peer Collective", "OX", 29),
    ("Cambridge", "Fenland Peer Support", "CB", 25),
]
KINDS = [Organisation.Kind.NHS_TRUST, Organisation.Kind.CHARITY, Organisation.Kind.USER_LED]

# A few invented phrases people might use for a theme, in their own words.
OWN_WORDS = {
    "Hearing voices": ["voices that talk over each other", "I hear my grandmother's voice", "voices since I was 14"],
    "Anxiety and worry": ["panic on buses", "worry that never switches off", "scared of crowds"],
    "Low mood": ["the grey days", "not getting out of bed", "feeling flat for months"],
    "Trauma": ["things that happened in childhood", "what happened in the army", "flashbacks"],
    "Being in hospital": ["three admissions", "sectioned twice", "long stays on the ward"],
    "Loneliness and isolation": ["nobody to talk to at weekends", "lost touch with friends"],
    "Recovery and hope": ["finding my way back", "small steps every week"],
    "Self-harm": ["cutting when things got too much", "stopped two years ago"],
    "Caring for someone": ["looking after my mum", "caring for my son"],
}
OWN_EXPERIENCE = [
    "I spent a long time feeling that nobody understood. Meeting people who had been there changed that.",
    "Things got very hard after I lost my job. Talking with others helped me see a way forward.",
    "I have used services on and off for years. What helped most was being treated as a person.",
    "I hear voices and have learned ways to live alongside them. I would like to share what I have learned.",
    "After my second admission I felt stuck. Peer support helped me move towards what I want.",
]
TERM_WEIGHTS = [
    (Person.Term.PEER, 40),
    (Person.Term.MEMBER, 15),
    (Person.Term.LIVED_EXPERIENCE, 20),
    (Person.Term.SURVIVOR, 10),
    (Person.Term.SERVICE_USER, 10),
    (Person.Term.OWN, 5),
]
OWN_TERMS = ["expert by experience", "person", "friend", "participant"]
GENDER_WEIGHTS = [
    (Person.Gender.WOMAN, 52),
    (Person.Gender.MAN, 40),
    (Person.Gender.NON_BINARY, 4),
    (Person.Gender.OWN, 1),
    (Person.Gender.NOT_SAID, 3),
]
PRONOUNS = {"woman": "she/her", "man": "he/him", "non_binary": "they/them", "own": "", "": ""}
DEMO_LOGIN_NAMES = {
    "peer": ("Alex Morgan", "Alex", "they/them", Person.Gender.NON_BINARY),
    "worker": ("Joanne Hughes", "Jo", "she/her", Person.Gender.WOMAN),
    "facilitator": ("Samuel Okafor", "Sam", "he/him", Person.Gender.MAN),
    "supervisor": ("Priya Shah", "Priya", "she/her", Person.Gender.WOMAN),
    "coordinator": ("Morgan Ellis", "Morgan", "they/them", Person.Gender.NON_BINARY),
    "trainer": ("Chris Tremayne", "Chris", "he/him", Person.Gender.MAN),
    "evaluator": ("Ann Leyland", "Ann", "she/her", Person.Gender.WOMAN),
    "commissioner": ("Kieran Doyle", "Kieran", "he/him", Person.Gender.MAN),
    "administrator": ("Fiona Blake", "Fiona", "she/her", Person.Gender.WOMAN),
}
DEMO_EMAIL_DOMAIN = "demo.mutuality.test"
BATCH = 2000


@dataclass
class DemoContext:
    scale_name: str
    seed: int
    log: Callable[[str], None] = print
    rng: random.Random = field(init=False)
    faker: Faker = field(init=False)
    organisations: list[Organisation] = field(default_factory=list)
    # The demo login for each role (all in the first organisation).
    logins: dict[str, Person] = field(default_factory=dict)
    # Ids of peer workers and of peers, per organisation id.
    workers: dict[int, list[int]] = field(default_factory=dict)
    peers: dict[int, list[int]] = field(default_factory=dict)
    # Room for apps to leave things for apps loaded after them.
    extra: dict[str, object] = field(default_factory=dict)
    # Seconds each app's demo loader took (reported by `make bench`).
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._districts: dict[str, list[str]] = {}
        self.rng = random.Random(self.seed)
        self.faker = Faker("en_GB")
        self.faker.seed_instance(self.seed)

    @property
    def scale(self) -> Scale:
        return SCALES[self.scale_name]

    @property
    def now(self):
        return timezone.now()

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights, k=1)[0]

    def district(self, organisation: Organisation) -> str:
        """A real postcode district in the organisation's area."""
        codes = self._districts.get(organisation.area)
        if codes is None:
            prefix, highest = organisation_districts(organisation)
            pattern = re.compile(rf"^{prefix}([0-9]+)[A-Z]?$")
            codes = sorted(
                code
                for code in PostcodeDistrict.objects.filter(code__startswith=prefix).values_list("code", flat=True)
                if (match := pattern.match(code)) and int(match.group(1)) <= highest
            )
            self._districts[organisation.area] = codes
        return self.rng.choice(codes)


def organisation_districts(organisation: Organisation) -> tuple[str, int]:
    for area, _stem, prefix, highest in AREAS:
        if organisation.area == area:
            return prefix, highest
    return "EX", 6


def _organisations(ctx: DemoContext) -> list[Organisation]:
    rows = []
    for index in range(ctx.scale.organisations):
        area, stem, _prefix, _highest = AREAS[index % len(AREAS)]
        round_ = index // len(AREAS)
        name = stem if round_ == 0 else f"{stem} {['North', 'South', 'East', 'West'][round_ % 4]}"
        slug = name.lower().replace("'", "").replace(" ", "-")
        rows.append(Organisation(name=name, slug=slug[:80], kind=KINDS[index % len(KINDS)], area=area))
    return Organisation.objects.bulk_create(rows)


def _new_person(ctx: DemoContext, organisation: Organisation) -> Person:
    gender = ctx.weighted(GENDER_WEIGHTS)
    if gender == Person.Gender.WOMAN:
        first = ctx.faker.first_name_female()
    elif gender == Person.Gender.MAN:
        first = ctx.faker.first_name_male()
    else:
        first = ctx.faker.first_name_nonbinary()
    last = ctx.faker.last_name()
    term = ctx.weighted(TERM_WEIGHTS)
    contact = ctx.rng.choice(
        [Person.Contact.EMAIL, Person.Contact.EMAIL, Person.Contact.PHONE, Person.Contact.TEXT, Person.Contact.LETTER]
    )
    has_words = ctx.rng.random() < 0.3
    return Person(
        organisation=organisation,
        display_name=first if ctx.rng.random() < 0.7 else f"{first} {last[0]}.",
        full_name=f"{first} {last}",
        pronouns=PRONOUNS[gender] if ctx.rng.random() < 0.6 else "",
        term=term,
        term_own=ctx.rng.choice(OWN_TERMS) if term == Person.Term.OWN else "",
        gender=gender,
        gender_own="genderfluid" if gender == Person.Gender.OWN else "",
        email=f"{first}.{last}.{ctx.rng.randint(1, 99999)}@example.org".lower().replace("'", ""),
        phone=f"07700 9{ctx.rng.randint(0, 99999):05d}",
        postcode_district=ctx.district(organisation),
        contact_preference=contact,
        experience_in_own_words=ctx.rng.choice(OWN_EXPERIENCE) if has_words else "",
    )


def _bulk_people(ctx: DemoContext, organisation: Organisation, count: int) -> list[Person]:
    people = [_new_person(ctx, organisation) for _ in range(count)]
    return Person.objects.bulk_create(people, batch_size=BATCH)


def _themes_and_languages(ctx: DemoContext, people: list[Person]) -> None:
    themes = list(Theme.objects.filter(suggested=True))
    english = Language.objects.get(code="en")
    others = list(Language.objects.exclude(code="en"))
    person_themes, person_languages = [], []
    Through = Person.languages.through
    for person in people:
        for theme in ctx.rng.sample(themes, k=ctx.rng.randint(1, 3)):
            words = OWN_WORDS.get(theme.name)
            own = ctx.rng.choice(words) if words and ctx.rng.random() < 0.6 else ""
            person_themes.append(PersonTheme(person_id=person.pk, theme_id=theme.pk, own_words=own))
        person_languages.append(Through(person_id=person.pk, language_id=english.pk))
        if ctx.rng.random() < 0.15:
            person_languages.append(Through(person_id=person.pk, language_id=ctx.rng.choice(others).pk))
    PersonTheme.objects.bulk_create(person_themes, batch_size=BATCH)
    Through.objects.bulk_create(person_languages, batch_size=BATCH)


def _consents(ctx: DemoContext, people: list[Person], recorded_by: User | None) -> None:
    rows = []
    methods = Consent.Method.values
    for person in people:
        rows.append(
            Consent(person_id=person.pk, scope=ConsentScope.SUPPORT, given=True, method=ctx.rng.choice(methods))
        )
        rows.append(
            Consent(person_id=person.pk, scope=ConsentScope.CONTACT, given=True, method=ctx.rng.choice(methods))
        )
        if ctx.rng.random() < 0.6:
            rows.append(Consent(person_id=person.pk, scope=ConsentScope.EVALUATION, given=True, method="paper"))
        if ctx.rng.random() < 0.5:
            rows.append(Consent(person_id=person.pk, scope=ConsentScope.OUTCOMES, given=True, method="in_person"))
    for row in rows:
        row.recorded_by = recorded_by
    Consent.objects.bulk_create(rows, batch_size=BATCH)


def _roles(people: list[Person], organisation: Organisation, kind: str, rng: random.Random) -> None:
    Role.objects.bulk_create(
        [
            Role(
                person_id=person.pk,
                organisation=organisation,
                kind=kind,
                worker_type=(rng.choice(Role.WorkerType.values) if kind == RoleKind.WORKER else ""),
            )
            for person in people
        ],
        batch_size=BATCH,
    )


def _logins(ctx: DemoContext, organisation: Organisation) -> None:
    password = make_password(settings.DEMO_PASSWORD)
    for role, (full_name, display_name, pronouns, gender) in DEMO_LOGIN_NAMES.items():
        user = User.objects.create(email=f"{role}@{DEMO_EMAIL_DOMAIN}", password=password)
        person = Person.objects.create(
            organisation=organisation,
            user=user,
            display_name=display_name,
            full_name=full_name,
            pronouns=pronouns,
            gender=gender,
            email=user.email,
            postcode_district=ctx.district(organisation),
            term=Person.Term.SURVIVOR if role == "peer" else Person.Term.LIVED_EXPERIENCE,
        )
        Role.objects.create(
            person=person,
            organisation=organisation,
            kind=role,
            worker_type=Role.WorkerType.PAID if role == RoleKind.WORKER else "",
        )
        ctx.logins[role] = person
    Relationship.objects.create(
        organisation=organisation,
        kind=Relationship.Kind.SUPERVISES,
        from_person=ctx.logins["supervisor"],
        to_person=ctx.logins["worker"],
    )
    _themes_and_languages(ctx, list(ctx.logins.values()))
    _consents(ctx, [ctx.logins["peer"]], recorded_by=None)
    ctx.workers.setdefault(organisation.pk, []).append(ctx.logins["worker"].pk)
    ctx.peers.setdefault(organisation.pk, []).append(ctx.logins["peer"].pk)


def load(ctx: DemoContext) -> None:
    ctx.organisations = _organisations(ctx)
    _logins(ctx, ctx.organisations[0])
    coordinator_user = ctx.logins["coordinator"].user
    per_org_peers = max(1, ctx.scale.peers // len(ctx.organisations))
    per_org_workers = max(1, ctx.scale.workers // len(ctx.organisations))
    for organisation in ctx.organisations:
        workers = _bulk_people(ctx, organisation, per_org_workers)
        peers = _bulk_people(ctx, organisation, per_org_peers)
        _roles(workers, organisation, RoleKind.WORKER, ctx.rng)
        _roles(peers, organisation, RoleKind.PEER, ctx.rng)
        _themes_and_languages(ctx, workers + peers)
        _consents(ctx, peers, recorded_by=coordinator_user)
        ctx.workers.setdefault(organisation.pk, []).extend(p.pk for p in workers)
        ctx.peers.setdefault(organisation.pk, []).extend(p.pk for p in peers)
    total = Person.objects.count()
    ctx.log(f"people: {len(ctx.organisations)} organisations, {total} people")
