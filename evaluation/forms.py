from __future__ import annotations

from django import forms

from web.idempotency import IdempotentFormMixin

from . import scoring
from .models import Evaluation, InstrumentVersion, Item, ItemKind, Response
from .services import TEMPLATE_LABELS


class InstrumentForm(IdempotentFormMixin):
    name = forms.CharField(max_length=200)
    code = forms.SlugField(max_length=60, help_text="A short name used in exports, for example wellbeing-check.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ItemForm(forms.Form):
    code = forms.SlugField(max_length=60, help_text="Stable name for exports, for example mood.")
    text = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    kind = forms.ChoiceField(label="Type of answer", choices=ItemKind.choices)
    help_text = forms.CharField(required=False)
    required = forms.BooleanField(required=False)
    options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Answers (choice and scale questions)",
        help_text="One per line as value=label, for example 0=I'm no longer interested.",
    )
    section = forms.CharField(required=False, max_length=300, help_text="Section heading (optional).")
    show_if_item = forms.CharField(required=False, label="Show only if question (code)")
    show_if_value = forms.CharField(required=False, label="has the answer (value)")

    def clean_options(self):
        options = []
        for n, line in enumerate(self.cleaned_data["options"].splitlines(), start=1):
            if not line.strip():
                continue
            value, sep, label = line.partition("=")
            if not sep or not value.strip().lstrip("-").isdigit():
                raise forms.ValidationError(f"Line {n}: write each answer as number=label.")
            options.append({"value": int(value), "label": label.strip()})
        return options

    def item(self) -> dict:
        data = self.cleaned_data
        item = {k: data[k] for k in ("code", "text", "kind", "help_text", "required", "options")}
        if data["show_if_item"]:
            value = data["show_if_value"].strip()
            item["enable_when"] = {"item": data["show_if_item"], "equals": int(value) if value.isdigit() else value}
        return item


class ImportForm(forms.Form):
    file = forms.FileField(help_text="A FHIR R4 Questionnaire (.json) or a REDCap data dictionary (.csv).")


class EvaluationForm(IdempotentFormMixin):
    name = forms.CharField(max_length=200)
    anchor_date = forms.DateField(
        label="Anchor date", help_text="Waves are timed from this day.", widget=forms.DateInput(attrs={"type": "date"})
    )
    cohort_kind = forms.ChoiceField(label="Who takes part", choices=Evaluation.CohortKind.choices)
    cohort_label = forms.CharField(required=False, label="Cohort name", max_length=200)
    template = forms.ChoiceField(
        label="Waves",
        choices=[
            ("devon_course", "Devon course evaluation (its own questionnaire at each wave)"),
            *TEMPLATE_LABELS.items(),
            ("custom", "My own waves (below)"),
        ],
        widget=forms.RadioSelect,
    )
    custom_waves = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="My own waves",
        help_text="One per line as label=days after the anchor, for example Start=0 and Three months=90.",
    )
    instruments = forms.ModelMultipleChoiceField(
        queryset=InstrumentVersion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Asked at every wave (not used with the Devon course evaluation).",
    )

    def __init__(self, *args, versions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if versions is not None:
            self.fields["instruments"].queryset = versions

    def clean(self):
        data = super().clean()
        waves = []
        if data.get("template") == "custom":
            for n, line in enumerate(data.get("custom_waves", "").splitlines(), start=1):
                if not line.strip():
                    continue
                label, sep, days = line.rpartition("=")
                if not sep or not days.strip().lstrip("-").isdigit() or not label.strip():
                    self.add_error("custom_waves", f"Line {n}: write each wave as label=days.")
                    break
                waves.append((label.strip(), int(days)))
            if not waves and not self.errors:
                self.add_error("custom_waves", "Please list at least one wave.")
        data["waves"] = waves
        return data


class EnrolForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label="Person (who has consented to evaluation)")
    research_number = forms.CharField(required=False, max_length=30, help_text="Leave empty to get one made up.")

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda person: person.display_name


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[("csv", "CSV"), ("sav", "SPSS (.sav)"), ("dta", "Stata (.dta)"), ("fhir", "FHIR bundle (.json)")]
    )
    shape = forms.ChoiceField(choices=[("long", "One row per person per wave"), ("wide", "One row per person")])
    deidentify = forms.BooleanField(required=False, label="De-identify for sharing outside the team")
    include_text = forms.BooleanField(required=False, label="Include free-text answers")


def answers_form(items: list[Item], initial: dict, *, staff: bool = False, data=None) -> forms.Form:
    """A form with one field per question; works without JavaScript (conditional
    questions are all shown, with their condition in the help text, and ignored
    when the condition does not hold)."""
    fields: dict[str, forms.Field] = {}
    codes = {item.code: item for item in items}
    for item in items:
        help_text = item.help_text
        if item.enable_when:
            source = codes.get(item.enable_when["item"])
            answer = (
                next(
                    (
                        o["label"]
                        for o in scoring.options_of(source)
                        if str(o["value"]) == str(item.enable_when["equals"])
                    ),
                    item.enable_when["equals"],
                )
                if source
                else item.enable_when["equals"]
            )
            help_text = f"{help_text} Only if you answered “{answer}” to “{source.text if source else ''}”.".strip()
        common = {"label": item.text, "help_text": help_text, "required": False}
        options = [(str(o["value"]), o["label"] or str(o["value"])) for o in scoring.options_of(item)]
        if item.kind in (ItemKind.SINGLE, ItemKind.SCALE, ItemKind.YESNO):
            field = forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        elif item.kind == ItemKind.MULTIPLE:
            field = forms.MultipleChoiceField(choices=options, widget=forms.CheckboxSelectMultiple, **common)
        elif item.kind == ItemKind.NUMBER:
            field = forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **common)
        elif item.kind == ItemKind.DATE:
            field = forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **common)
        elif item.kind == ItemKind.SHORT_TEXT:
            field = forms.CharField(max_length=500, **common)
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
        field.item = item
        fields[item.code] = field
    if staff:
        fields["mode"] = forms.ChoiceField(
            choices=[
                (Response.Mode.PAPER, Response.Mode.PAPER.label),
                (Response.Mode.PHONE, Response.Mode.PHONE.label),
            ],
            label="How were these answers given?",
        )
        fields["second_entry"] = forms.CharField(
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            label="Second typing (paper double entry, optional)",
            help_text="Type the answers again as code=value, one per line; any difference is shown before saving.",
        )
    form_class = type("AnswersForm", (forms.Form,), fields)
    return form_class(data=data, initial=initial)


def answers_from(form: forms.Form, items: list[Item]) -> dict:
    answers = {}
    for item in items:
        value = form.cleaned_data.get(item.code)
        if value not in (None, "", []):
            answers[item.code] = value
    return answers


def initial_from(response) -> dict:
    if response is None:
        return {}
    initial = {}
    for answer in response.answers.select_related("item"):
        if answer.item.kind in (ItemKind.SHORT_TEXT, ItemKind.LONG_TEXT):
            initial[answer.item.code] = answer.text
        elif isinstance(answer.value, list):
            initial[answer.item.code] = [str(v) for v in answer.value]
        elif answer.value is not None:
            initial[answer.item.code] = str(answer.value)
    return initial


def parse_second_entry(text: str) -> dict:
    pairs = {}
    for line in text.splitlines():
        code, sep, value = line.partition("=")
        if sep:
            pairs[code.strip()] = value.strip()
    return pairs
