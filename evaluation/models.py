"""Evaluation: instruments (questionnaires), evaluations with waves, participants
known by research number, and their responses.

The engine is general on purpose: fidelity checklists and qualitative coding
reuse Instrument / Item / Response / Answer. Items keep a stable ``code`` (the
FHIR linkId), so answers can be compared across waves and versions.

The link between a research number and a person lives in its own table,
``ParticipantIdentity``; only the policy module (``access/rules/evaluation.py``)
joins the two. Evaluators work with research numbers only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField
from people.models import Organisation, Person


class Instrument(models.Model):
    """A questionnaire, with its versions. Shipped instruments have no organisation."""

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="instruments"
    )
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    licence = models.TextField(blank=True, help_text=_("Licence or attribution, shown wherever the instrument is."))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="instrument_code_per_org"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(organisation__isnull=True), name="instrument_code_shipped"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(models.Model):
    """One version of an instrument. A published version is never edited: a new one is made."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    # Scoring rules: [{"code", "label", "method": "sum"|"mean", "items": [...], "reverse": [...],
    #                  "min_answered": int, "bands": [[low, high, "label"], ...]}]
    scoring = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text=_("Where it was imported from, if it was."))

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="instrument_version_number")]

    def __str__(self) -> str:
        return f"{self.instrument.name} (version {self.number})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Section(models.Model):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=300)
    help_text = models.TextField(blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class ItemKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale with labelled anchors")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    YESNO = "yesno", _("Yes or no")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long free text")


CHOICE_KINDS = {ItemKind.SINGLE, ItemKind.MULTIPLE, ItemKind.SCALE}
NUMERIC_KINDS = {ItemKind.SINGLE, ItemKind.SCALE, ItemKind.NUMBER, ItemKind.YESNO}
TEXT_KINDS = {ItemKind.SHORT_TEXT, ItemKind.LONG_TEXT}


class Item(models.Model):
    """One question. ``options`` is a list of {"value": int, "label": str}; for a
    scale, the labelled anchors. ``enable_when`` is {"item": code, "equals": value}:
    show this item only when that item has that answer."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    position = models.PositiveIntegerField(default=0)
    code = models.CharField(max_length=60)
    text = models.TextField()
    help_text = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ItemKind.choices)
    required = models.BooleanField(default=False)
    options = models.JSONField(default=list, blank=True)
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    enable_when = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="item_code_per_version")]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"

    def option_labels(self) -> dict[int, str]:
        return {int(option["value"]): option["label"] for option in self.options}


class Evaluation(models.Model):
    class CohortKind(models.TextChoices):
        COURSE = "course", _("A course cohort")
        CASELOAD = "caseload", _("A caseload")
        GROUP = "group", _("A group")
        IMPORTED = "imported", _("An imported list")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="evaluations")
    name = models.CharField(max_length=200)
    cohort_kind = models.CharField(max_length=20, choices=CohortKind.choices, default=CohortKind.COURSE)
    cohort_label = models.CharField(max_length=200, blank=True)
    held_for = models.CharField(
        max_length=30,
        blank=True,
        help_text=_(
            "Set when another part of Mutuality runs this evaluation behind the scenes (for example a fidelity "
            "round, whose ratings only its own pages may show). Such evaluations are not listed or analysed here."
        ),
    )
    anchor_date = models.DateField(help_text=_("Waves are timed from this date (for example, the first course day)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.name


class Wave(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="waves")
    position = models.PositiveIntegerField()
    label = models.CharField(max_length=100)
    offset_days = models.IntegerField(help_text=_("Days after the anchor date (0 = the anchor day)."))
    instruments = models.ManyToManyField(InstrumentVersion, related_name="waves", blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "position"], name="wave_position")]

    def __str__(self) -> str:
        return self.label


class Participant(models.Model):
    """Someone taking part, known to the evaluation only by a research number."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="participants")
    research_number = models.CharField(max_length=30)
    enrolled_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "research_number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "research_number"], name="research_number_unique"),
        ]

    def __str__(self) -> str:
        return self.research_number


class ParticipantIdentity(models.Model):
    """Research number → person. Joined only by access/rules/evaluation.py."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="identity")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "participant"], name="identity_once")]


class Response(models.Model):
    class Mode(models.TextChoices):
        WEB = "web", _("On the web")
        PAPER = "paper", _("On paper, entered later")
        PHONE = "phone", _("By phone, entered by a worker")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="responses")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.WEB)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "wave", "version"], name="one_response_per_wave"),
        ]
        indexes = [models.Index(fields=["wave", "completed_at"])]

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    """One answer. ``value`` holds numbers, choice values (a list for multiple
    choice), dates (ISO text) and yes/no (1/0); free text is encrypted in ``text``."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    text = EncryptedTextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")]
