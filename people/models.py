"""People, organisations, roles, relationships and consent.

There is no diagnosis field anywhere in Mutuality: shared experience is
described by the person, through themes they choose and their own words.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField


class Organisation(models.Model):
    class Kind(models.TextChoices):
        NHS_TRUST = "nhs_trust", _("NHS trust")
        CHARITY = "charity", _("Charity")
        USER_LED = "user_led", _("User-led organisation")
        NETWORK = "network", _("Network")
        OTHER = "other", _("Other")

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    area = models.CharField(max_length=200, blank=True, help_text=_("The area the organisation works in."))
    default_capacity = models.PositiveSmallIntegerField(
        _("people a peer worker supports at once"),
        default=6,
        help_text=_("The usual caseload; each worker's own limit can differ."),
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SharingAgreement(models.Model):
    """An explicit agreement that lets one organisation see another's records.

    Without an active agreement nobody sees another organisation's records.
    """

    class Scope(models.TextChoices):
        OPERATIONAL = "operational", _("Operational records (people, referrals, support)")
        REPORTING = "reporting", _("Aggregated reports only")

    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreements_given")
    recipient = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="agreements_received")
    scope = models.CharField(max_length=20, choices=Scope.choices)
    purpose = models.TextField(help_text=_("Why the records are shared, in plain English."))
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey("people.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~Q(owner=models.F("recipient")), name="sharing_not_with_self"),
        ]

    def __str__(self) -> str:
        return f"{self.owner} → {self.recipient} ({self.get_scope_display()})"

    def is_active_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        return self.get(email__iexact=username)


class User(AbstractBaseUser):
    """A sign-in account. What the account may do comes from its person's roles."""

    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.email


class Language(models.Model):
    code = models.CharField(max_length=16, unique=True, help_text=_("BCP 47 language tag, e.g. cy, pl, bfi."))
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    """A lived-experience theme a person chooses to describe shared experience.

    Themes are the person's own description, never a clinical label. A starter
    list is suggested; anyone may add their own.
    """

    name = models.CharField(max_length=80)
    suggested = models.BooleanField(default=False, help_text=_("Offered on the starter list."))

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="theme_name_unique_ci")]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Term(models.TextChoices):
        PEER = "peer", _("peer")
        MEMBER = "member", _("member")
        LIVED_EXPERIENCE = "lived_experience", _("person with lived experience")
        SURVIVOR = "survivor", _("survivor")
        SERVICE_USER = "service_user", _("service user")
        OWN = "own", _("my own word")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        OWN = "own", _("In my own words")
        NOT_SAID = "", _("Prefer not to say")

    class Contact(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone call")
        TEXT = "text", _("Text message")
        LETTER = "letter", _("Letter")
        IN_PERSON = "in_person", _("In person only")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    user = models.OneToOneField(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="person")
    display_name = models.CharField(_("name to use"), max_length=120)
    full_name = models.CharField(
        _("full name"), max_length=200, blank=True, help_text=_("Only if needed, for example on letters.")
    )
    pronouns = models.CharField(max_length=60, blank=True)
    term = models.CharField(_("the word used for me"), max_length=20, choices=Term.choices, default=Term.PEER)
    term_own = models.CharField(_("my own word"), max_length=60, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    gender_own = models.CharField(_("gender in my own words"), max_length=80, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    postcode_district = models.CharField(
        max_length=8, blank=True, help_text=_("The first half of a postcode, e.g. EX2. Used to find things nearby.")
    )
    contact_preference = models.CharField(max_length=20, choices=Contact.choices, default=Contact.EMAIL)
    contact_notes = models.CharField(_("best times and ways to reach me"), max_length=300, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="people")
    accessibility_needs = models.TextField(_("what helps me take part"), blank=True)
    themes = models.ManyToManyField(Theme, through="PersonTheme", blank=True, related_name="people")
    experience_in_own_words = EncryptedTextField(_("my experience in my own words"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text=_("Raised on every edit; stops lost updates."))

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["organisation", "display_name"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def term_label(self) -> str:
        """The word this person chose to be called by."""
        if self.term == self.Term.OWN and self.term_own:
            return self.term_own
        return str(self.Term(self.term).label)

    @property
    def gender_label(self) -> str:
        if self.gender == self.Gender.OWN:
            return self.gender_own
        return str(self.Gender(self.gender).label) if self.gender else ""


class PersonTheme(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="person_themes")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="person_themes")
    own_words = models.CharField(
        _("in my words"), max_length=200, blank=True, help_text=_("Shown to others only for matching.")
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "theme"], name="person_theme_unique")]
        # Matching finds who shares a theme from the theme's side, reading only this index.
        indexes = [models.Index(fields=["theme", "person"], name="persontheme_theme_person")]


class RoleKind(models.TextChoices):
    PEER = "peer", _("Peer")
    WORKER = "worker", _("Peer worker")
    FACILITATOR = "facilitator", _("Group facilitator")
    SUPERVISOR = "supervisor", _("Supervisor")
    COORDINATOR = "coordinator", _("Coordinator")
    TRAINER = "trainer", _("Trainer")
    EVALUATOR = "evaluator", _("Evaluator")
    COMMISSIONER = "commissioner", _("Commissioner")
    ADMINISTRATOR = "administrator", _("Administrator")


class Role(models.Model):
    """A role a person holds in one organisation. One person may hold several."""

    class WorkerType(models.TextChoices):
        PAID = "paid", _("Paid")
        VOLUNTEER = "volunteer", _("Volunteer")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="roles")
    kind = models.CharField(max_length=20, choices=RoleKind.choices)
    worker_type = models.CharField(max_length=10, choices=WorkerType.choices, blank=True)
    capacity = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Peer workers only: how many people they support at once, if not the organisation's usual number."),
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "kind"],
                condition=Q(ended_on__isnull=True),
                name="role_one_active_per_kind",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "kind"]),
            # An organisation's current peer workers and their limits, for matching, read from
            # the index alone (PostgreSQL; SQLite keeps the condition but not the extra column).
            models.Index(
                fields=["organisation", "person"],
                include=["capacity"],
                condition=Q(kind=RoleKind.WORKER, ended_on__isnull=True),
                name="role_current_workers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()} at {self.organisation}"

    @property
    def effective_capacity(self) -> int:
        """The worker's own limit, or their organisation's usual number."""
        return self.capacity if self.capacity is not None else self.organisation.default_capacity


class Relationship(models.Model):
    """Who works with whom: a worker supporting a person, a supervisor supervising a worker.

    Capability apps start and end relationships through people.services; the
    access policy reads them to decide who may see what.
    """

    class Kind(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        SUPERVISES = "supervises", _("supervises")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="relationships")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_out")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships_in")
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "from_person", "to_person"],
                condition=Q(ended_at__isnull=True),
                name="relationship_one_active",
            ),
        ]
        indexes = [models.Index(fields=["from_person", "kind", "ended_at"])]


class ConsentScope(models.TextChoices):
    SUPPORT = "support", _("Receiving peer support")
    NOTE_SHARING = "note_sharing", _("Sharing notes with a named person")
    EVALUATION = "evaluation", _("Taking part in evaluation")
    CONTACT = "contact", _("Being contacted")
    OUTCOMES = "outcomes", _("Recording hospital and crisis outcomes")


class Consent(models.Model):
    """One decision about consent. The history is kept; the newest row is current.

    ``is_current`` marks the newest decision for (person, scope, recipient); a
    partial unique constraint guarantees there is only ever one.
    """

    class Method(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        PAPER = "paper", _("On paper")
        PHONE = "phone", _("By phone")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(max_length=20, choices=ConsentScope.choices)
    recipient = models.CharField(
        max_length=200, blank=True, help_text=_("For note sharing: the named person notes may go to.")
    )
    given = models.BooleanField()
    method = models.CharField(max_length=20, choices=Method.choices)
    note = models.CharField(max_length=300, blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "scope", "recipient"],
                condition=Q(is_current=True),
                name="consent_one_current",
            ),
        ]
        indexes = [models.Index(fields=["scope", "is_current", "given"])]

    def __str__(self) -> str:
        verb = "gave" if self.given else "withdrew"
        return f"{self.person} {verb} consent: {self.get_scope_display()}"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class PostcodeDistrict(models.Model):
    """The centre of a UK postcode district (the first half of a postcode, e.g. EX2).

    Loaded from people/data/postcode_districts.csv, derived from the ONS
    Postcode Directory (Open Government Licence v3.0); see docs/places.md.
    Used to find groups, peer workers and champions near a person, offline.
    """

    code = models.CharField(max_length=4, primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    postcodes = models.PositiveIntegerField(help_text=_("How many postcodes the district has."))

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code
