"""Fidelity and reflective learning: are peer-support values surviving in practice?

* Frameworks of principles are data (ENRICH's five, IPS's four tasks,
  Together's twelve are shipped; an organisation writes its own), versioned by
  ``version``; nothing assumes how many principles a framework has.
* Stage 1 and 2: a ``ValuesStatement`` records the values an organisation's
  peer support rests on (general and local), who wrote them, and the local
  framework of principles that protects them.
* A fidelity instrument is an evaluation ``InstrumentVersion`` whose items are
  each linked (``ItemLink``) to one principle and one respondent perspective.
* A ``Round`` owns an evaluation (one wave) behind the scenes, so responses,
  answers and withdrawal are the evaluation engine's; the round adds who it is
  about (a worker, a team or the service) and each respondent's perspective.
* The reflective cycle: ``Reflection`` (what the team notices) and ``Action``
  (who does what by when, tracked to done), on a round or on a stage-3
  ``SelfAssessment``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluation.models import Evaluation, InstrumentVersion, Item, Participant, Wave
from mutuality.fields import EncryptedTextField
from people.models import Organisation, Person


class Perspective(models.TextChoices):
    WORKER = "worker", _("Peer worker")
    PERSON = "person", _("Person supported")
    SUPERVISOR = "supervisor", _("Supervisor")
    OBSERVER = "observer", _("Observer")


class Framework(models.Model):
    """A named, versioned set of principles. Shipped frameworks have no organisation."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="fidelity_frameworks"
    )
    code = models.SlugField(max_length=60)
    version = models.PositiveIntegerField(default=1)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    citation = models.TextField(blank=True, help_text=_("Where the principles come from."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation_id", "name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code", "version"], name="framework_code_version_org"),
            models.UniqueConstraint(
                fields=["code", "version"], condition=Q(organisation__isnull=True), name="framework_code_version"
            ),
        ]

    def __str__(self) -> str:
        return self.name if self.version == 1 else f"{self.name} (version {self.version})"

    @property
    def is_local(self) -> bool:
        return self.organisation_id is not None


class ValuesStatement(models.Model):
    """Stage 1 and 2: the values peer support rests on here, who wrote them, and the principles protecting them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="values_statements")
    title = models.CharField(max_length=200)
    written_by = models.TextField(help_text=_("Who took part in writing these values, in your own words."))
    lived_experience_led = models.BooleanField(default=False)
    agreed_on = models.DateField(default=timezone.localdate)
    framework = models.OneToOneField(
        Framework, null=True, blank=True, on_delete=models.SET_NULL, related_name="statement"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-agreed_on", "-id"]

    def __str__(self) -> str:
        return self.title


class Value(models.Model):
    class Scope(models.TextChoices):
        GENERAL = "general", _("Shared across peer support")
        LOCAL = "local", _("Ours, in this place")

    statement = models.ForeignKey(ValuesStatement, on_delete=models.CASCADE, related_name="values")
    position = models.PositiveIntegerField(default=0)
    scope = models.CharField(max_length=10, choices=Scope.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["statement", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="principles")
    position = models.PositiveIntegerField(default=0)
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    sub_points = models.JSONField(default=list, blank=True)
    protects = models.ManyToManyField(Value, blank=True, related_name="principles")

    class Meta:
        ordering = ["framework", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="principle_code_per_framework")]

    def __str__(self) -> str:
        return self.name


class ItemLink(models.Model):
    """Makes an instrument item a fidelity item: the principle it looks at and who answers it."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="fidelity_link")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="item_links")
    perspective = models.CharField(max_length=12, choices=Perspective.choices)

    def __str__(self) -> str:
        return f"{self.item.code} → {self.principle.code} ({self.perspective})"


class Team(models.Model):
    """A small team of peer workers, for team profiles."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="fidelity_teams")
    name = models.CharField(max_length=200)
    members = models.ManyToManyField(Person, blank=True, related_name="fidelity_teams")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="team_name_per_org")]

    def __str__(self) -> str:
        return self.name


class Round(models.Model):
    class Subject(models.TextChoices):
        WORKER = "worker", _("One peer worker")
        TEAM = "team", _("A team")
        SERVICE = "service", _("The whole service")

    class Status(models.TextChoices):
        OPEN = "open", _("Collecting answers")
        REFLECTING = "reflecting", _("Answers in: reflecting")
        DONE = "done", _("Done")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="fidelity_rounds")
    evaluation = models.OneToOneField(Evaluation, on_delete=models.PROTECT, related_name="fidelity_round")
    wave = models.OneToOneField(Wave, on_delete=models.PROTECT, related_name="fidelity_round")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="fidelity_rounds")
    subject = models.CharField(max_length=10, choices=Subject.choices)
    worker = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.CASCADE, related_name="rounds")
    label = models.CharField(max_length=200)
    purpose = models.TextField(help_text=_("What the ratings are for, shown to everyone asked to answer."))
    perspectives = models.JSONField(default=list)
    enough = models.PositiveIntegerField(default=2, help_text=_("Answers needed from each perspective."))
    opened_on = models.DateField(default=timezone.localdate)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="round_subject_matches",
                condition=(
                    Q(subject="worker", worker__isnull=False, team__isnull=True)
                    | Q(subject="team", team__isnull=False, worker__isnull=True)
                    | Q(subject="service", team__isnull=True, worker__isnull=True)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Respondent(models.Model):
    """Someone asked to rate in a round, from one perspective. Their answers are the engine's Response."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    perspective = models.CharField(max_length=12, choices=Perspective.choices)
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="fidelity_respondent")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["round", "perspective", "id"]
        constraints = [models.UniqueConstraint(fields=["round", "person"], name="respondent_once_per_round")]


class SelfAssessment(models.Model):
    """Stage 3: does our role description, training, supervision and team culture protect each principle?"""

    class Area(models.TextChoices):
        ROLE = "role", _("Role description")
        TRAINING = "training", _("Training")
        SUPERVISION = "supervision", _("Supervision and support")
        CULTURE = "culture", _("Team culture")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="fidelity_assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    held_on = models.DateField(default=timezone.localdate)
    who_took_part = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Self-assessment, {self.held_on:%d %b %Y}"


SELF_ASSESSMENT_SCALE = [
    (0, _("Not at all")),
    (1, _("A little")),
    (2, _("Mostly")),
    (3, _("Fully")),
]


class SelfAssessmentAnswer(models.Model):
    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="answers")
    principle = models.ForeignKey(Principle, on_delete=models.PROTECT, related_name="+")
    area = models.CharField(max_length=12, choices=SelfAssessment.Area.choices)
    rating = models.PositiveSmallIntegerField(choices=SELF_ASSESSMENT_SCALE)
    note = EncryptedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "principle", "area"], name="one_answer_per_area"),
            models.CheckConstraint(name="self_assessment_rating_range", condition=Q(rating__lte=3)),
        ]


_ONE_PARENT = Q(round__isnull=False, assessment__isnull=True) | Q(round__isnull=True, assessment__isnull=False)


class Reflection(models.Model):
    """What the team notices, on a round or a self-assessment."""

    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="reflections")
    assessment = models.ForeignKey(
        SelfAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="reflections"
    )
    text = EncryptedTextField()
    who_took_part = models.CharField(max_length=300, blank=True)
    written_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["written_at", "id"]
        constraints = [models.CheckConstraint(name="reflection_one_parent", condition=_ONE_PARENT)]


class Action(models.Model):
    """Something the team agreed to do, with an owner and a date, tracked to done."""

    round = models.ForeignKey(Round, null=True, blank=True, on_delete=models.CASCADE, related_name="actions")
    assessment = models.ForeignKey(
        SelfAssessment, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    principle = models.ForeignKey(Principle, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(max_length=500)
    owner = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="fidelity_actions")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["done_on", "due_on", "id"]
        constraints = [models.CheckConstraint(name="action_one_parent", condition=_ONE_PARENT)]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
