"""Qualitative analysis: coding free-text answers together.

A ``Project`` gathers texts (``Document``): the free-text answers of an
evaluation, one per research number, item and wave, and any text the team
imports (transcribed workshop notes). Names never appear: an answer is known by
its research number only.

The codebook is a tree of ``Code`` rows (a code with children is a category).
Coders attach codes to whole answers or passages (``Segment``: character
offsets, for display and quotation only; agreement is computed per answer).
A seeded random ``sample`` of answers is coded blind by two or more coders;
``Resolution`` settles a disagreement without touching either original coding.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.fields import EncryptedTextField
from people.models import Organisation, Person

DEFAULT_SAMPLE_FRACTION = 1 / 3


class Project(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="qualitative_projects")
    evaluation = models.ForeignKey(
        "evaluation.Evaluation", null=True, blank=True, on_delete=models.SET_NULL, related_name="qualitative_projects"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    lead = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    # The double-coding sample, recorded so it can be drawn again and checked.
    sample_fraction = models.FloatField(default=DEFAULT_SAMPLE_FRACTION)
    sample_seed = models.BigIntegerField(null=True, blank=True)
    sample_drawn_at = models.DateTimeField(null=True, blank=True)
    sample_drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_sample(self) -> bool:
        return self.sample_drawn_at is not None


class Coder(models.Model):
    """Someone coding in a project. ``double_codes``: one of the blind coders of the sample."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="coders")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    double_codes = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["project", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "person"], name="coder_once_per_project")]


class Document(models.Model):
    """One text to code: an answer (research number × item × wave) or an imported text."""

    class Source(models.TextChoices):
        ANSWER = "answer", _("Answer to a question")
        IMPORTED = "imported", _("Imported text")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="documents")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ANSWER)
    participant = models.ForeignKey(
        "evaluation.Participant", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    answer = models.ForeignKey("evaluation.Answer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    item_code = models.CharField(max_length=60, blank=True)
    question = models.TextField(blank=True)
    wave_position = models.PositiveIntegerField(null=True, blank=True)
    wave_label = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=200, blank=True, help_text=_("For imported texts, e.g. 'Workshop notes'."))
    text = EncryptedTextField()
    in_sample = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "answer"], condition=Q(answer__isnull=False), name="answer_once_per_project"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        if self.source == self.Source.IMPORTED:
            return self.title or "Imported text"
        parts = [self.participant.research_number if self.participant_id else "", self.item_code, self.wave_label]
        return " · ".join(part for part in parts if part)


class Code(models.Model):
    """A code, or a category when it has children. Any depth."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="codes")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    examples = models.TextField(blank=True)
    guid = models.CharField(max_length=36, blank=True, help_text=_("REFI-QDA identifier, kept across exchange."))
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project", "position", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "parent", "name"], name="code_name_per_parent"),
            models.UniqueConstraint(
                fields=["project", "name"], condition=Q(parent__isnull=True), name="top_code_name_per_project"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Segment(models.Model):
    """A code applied by one coder to a whole answer (no offsets) or to a passage."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="segments")
    code = models.ForeignKey(Code, on_delete=models.PROTECT, related_name="segments")
    coder = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True, end__isnull=True) | Q(start__isnull=False, end__gt=models.F("start")),
                name="segment_whole_or_passage",
            )
        ]

    @property
    def is_whole(self) -> bool:
        return self.start is None

    def passage(self, text: str) -> str:
        return text if self.start is None else text[self.start : self.end]


class Memo(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memos")
    code = models.ForeignKey(Code, null=True, blank=True, on_delete=models.CASCADE, related_name="memos")
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.CASCADE, related_name="memos")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]


class Resolution(models.Model):
    """The team's settled decision on one disagreement (answer × code). Both codings stay as they were."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="resolutions")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="resolutions")
    applies = models.BooleanField()
    note = models.TextField(blank=True)
    settled_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    settled_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "code"], name="one_resolution_per_disagreement")]


class Quotation(models.Model):
    """An illustrative quotation picked by the team from a coded segment."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="quotations")
    note = models.CharField(max_length=300, blank=True)
    picked_by = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    picked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["picked_at", "id"]
        constraints = [models.UniqueConstraint(fields=["segment"], name="quotation_once_per_segment")]
