from __future__ import annotations

from django import forms
from django.db.models import Q

from evaluation.models import InstrumentVersion
from people.models import Person, RoleKind
from web.idempotency import IdempotentFormMixin

from .models import Framework, Perspective, Round, SelfAssessment, Team


class ValuesForm(IdempotentFormMixin):
    title = forms.CharField(max_length=200, help_text="For example “Our values, spring 2026”.")
    written_by = forms.CharField(
        label="Who took part in writing them",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: four peer workers, two people we support, our coordinator.",
    )
    lived_experience_led = forms.BooleanField(required=False, label="Led by people with lived experience")
    general_values = forms.CharField(
        label="Values shared across peer support (one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    local_values = forms.CharField(
        label="Values that are ours, in this place (one a line)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    principles = forms.CharField(
        label="Principles that protect these values (one a line, “Name: what it means”)",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class TeamForm(IdempotentFormMixin):
    name = forms.CharField(max_length=200)
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Person.objects.filter(
            organisation_id=organisation_id, roles__kind=RoleKind.WORKER
        ).distinct()
        self.fields["members"].label_from_instance = lambda person: person.display_name


def fidelity_versions():
    return (
        InstrumentVersion.objects.filter(status=InstrumentVersion.Status.PUBLISHED, items__fidelity_link__isnull=False)
        .select_related("instrument")
        .distinct()
    )


class RoundForm(IdempotentFormMixin):
    label = forms.CharField(max_length=200, label="Name of the round", help_text="For example “Spring 2026”.")
    subject = forms.ChoiceField(choices=Round.Subject.choices, widget=forms.RadioSelect, label="What it is about")
    worker = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label="Worker (your supervisees)")
    team = forms.ModelChoiceField(queryset=Team.objects.none(), required=False)
    version = forms.ModelChoiceField(queryset=InstrumentVersion.objects.none(), label="Instrument")
    perspectives = forms.MultipleChoiceField(
        choices=Perspective.choices, widget=forms.CheckboxSelectMultiple, label="Whose ratings to ask for"
    )
    enough = forms.IntegerField(min_value=1, max_value=50, initial=2, label="Answers needed from each perspective")
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What the ratings are for",
        initial=(
            "We use these ratings to reflect together on whether our peer support values are alive in practice, "
            "and to agree what to change. They are not used to judge or rank anyone."
        ),
    )

    def __init__(self, *args, workers, teams, organisation_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers
        self.fields["worker"].label_from_instance = lambda person: person.display_name
        self.fields["team"].queryset = teams
        self.fields["version"].queryset = fidelity_versions().filter(
            Q(instrument__organisation__isnull=True) | Q(instrument__organisation_id=organisation_id)
        )


class RespondentForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label="Person")
    perspective = forms.ChoiceField(choices=Perspective.choices)

    def __init__(self, *args, people, perspectives, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: person.display_name
        self.fields["perspective"].choices = [(p, Perspective(p).label) for p in perspectives]


class AnswersForm(forms.Form):
    """One radio group per statement, with “cannot say” first."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            choices = [("", "Cannot say")] + [(str(o["value"]), o["label"]) for o in item.options]
            self.fields[item.code] = forms.ChoiceField(
                choices=choices, required=False, widget=forms.RadioSelect, label=item.text, help_text=item.help_text
            )


class ReflectionForm(IdempotentFormMixin):
    prefix = "reflection"
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="What we notice")
    who_took_part = forms.CharField(max_length=300, required=False, label="Who took part")


class ActionForm(IdempotentFormMixin):
    prefix = "action"
    text = forms.CharField(max_length=500, label="What we will do")
    owner = forms.ModelChoiceField(queryset=Person.objects.none(), label="Who will do it")
    due_on = forms.DateField(label="By when", widget=forms.DateInput(attrs={"type": "date"}))
    principle = forms.ModelChoiceField(queryset=None, required=False, label="Principle it is about")

    def __init__(self, *args, owners, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda person: person.display_name
        self.fields["principle"].queryset = principles


class ActionDoneForm(forms.Form):
    note = forms.CharField(max_length=500, required=False, label="What happened")


class AssessmentStartForm(forms.Form):
    framework = forms.ModelChoiceField(queryset=Framework.objects.none())

    def __init__(self, *args, frameworks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = frameworks


class AssessmentForm(IdempotentFormMixin):
    who_took_part = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Who took part")

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.grid = []
        choices = [("", "Not discussed"), ("0", "Not at all"), ("1", "A little"), ("2", "Mostly"), ("3", "Fully")]
        for principle in framework.principles.all():
            row = []
            for area, label in SelfAssessment.Area.choices:
                name = f"r_{principle.pk}_{area}"
                self.fields[name] = forms.ChoiceField(choices=choices, required=False, label=f"{label}")
                self.fields[f"n_{principle.pk}_{area}"] = forms.CharField(
                    required=False, label=f"Note: {label}", max_length=1000
                )
                row.append((area, name, f"n_{principle.pk}_{area}"))
            self.grid.append((principle, row))

    def ratings(self) -> dict:
        result = {}
        for principle, row in self.grid:
            for area, rating_name, note_name in row:
                result[(principle.pk, area)] = (self.cleaned_data.get(rating_name), self.cleaned_data.get(note_name))
        return result
