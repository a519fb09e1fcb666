from __future__ import annotations

from django import forms

from web.idempotency import IdempotentFormMixin

from .models import DEFAULT_SAMPLE_FRACTION, Code


class ProjectForm(IdempotentFormMixin):
    name = forms.CharField(max_length=200)
    evaluation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="None: I will import texts",
        help_text="Its free-text answers are brought in, known by research number only.",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = evaluations


class TextImportForm(IdempotentFormMixin):
    title = forms.CharField(max_length=200, help_text="For example, “Workshop notes, two months”.")
    wave_label = forms.CharField(label="Wave", max_length=100, required=False, help_text="For example, “Two months”.")
    item_code = forms.CharField(label="Question code", max_length=60, required=False)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}), help_text="Transcribed text. Leave out anyone's name."
    )


def _code_choices(codes, *, blank: str | None = None):
    choices = [("", blank)] if blank is not None else []
    choices += [(str(code.pk), "— " * depth + code.name) for code, depth in codes]
    return choices


class CodeForm(forms.Form):
    name = forms.CharField(max_length=200)
    parent = forms.ChoiceField(label="Inside category", required=False)
    definition = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    examples = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = _code_choices(codes, blank="None: a top-level category")
        self._codes = {str(code.pk): code for code, _ in codes}

    def clean_parent(self) -> Code | None:
        return self._codes.get(self.cleaned_data.get("parent") or "")


class TargetCodeForm(forms.Form):
    target = forms.ChoiceField(label="Code to move everything to")

    def __init__(self, *args, codes, exclude: Code, **kwargs):
        super().__init__(*args, **kwargs)
        codes = [(code, depth) for code, depth in codes if code.pk != exclude.pk]
        self.fields["target"].choices = _code_choices(codes, blank="Choose a code")
        self._codes = {str(code.pk): code for code, _ in codes}

    def clean_target(self) -> Code:
        code = self._codes.get(self.cleaned_data.get("target") or "")
        if code is None:
            raise forms.ValidationError("Choose a code.")
        return code


class SplitForm(forms.Form):
    name = forms.CharField(label="Name of the new code", max_length=200)
    segments = forms.MultipleChoiceField(
        label="Segments that go to the new code", widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, segments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segments"].choices = segments


class ApplyForm(forms.Form):
    codes = forms.MultipleChoiceField(label="Codes", widget=forms.CheckboxSelectMultiple, choices=())
    passage = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Copy the words you are coding from the answer. Leave empty to code the whole answer.",
    )
    start = forms.IntegerField(required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].choices = _code_choices(codes)
        self._codes = {str(code.pk): code for code, _ in codes}

    def clean_codes(self) -> list[Code]:
        return [self._codes[pk] for pk in self.cleaned_data["codes"]]


class MemoForm(forms.Form):
    text = forms.CharField(label="Memo", widget=forms.Textarea(attrs={"rows": 3}))


class SampleForm(forms.Form):
    fraction = forms.FloatField(
        label="Share of answers to double-code",
        initial=round(DEFAULT_SAMPLE_FRACTION, 4),
        min_value=0.01,
        max_value=1,
        help_text="One third is 0.3333.",
    )
    seed = forms.IntegerField(
        required=False, min_value=0, help_text="Leave empty for a new random seed. It is recorded either way."
    )
    coders = forms.MultipleChoiceField(label="Double coders", widget=forms.CheckboxSelectMultiple, choices=())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coders"].choices = [(str(person.pk), person.display_name) for person in people]
        self._people = {str(person.pk): person for person in people}

    def clean_coders(self):
        return [self._people[pk] for pk in self.cleaned_data["coders"]]


class SettleForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    code = forms.IntegerField(widget=forms.HiddenInput)
    applies = forms.TypedChoiceField(
        label="Decision",
        choices=[("yes", "The code applies"), ("no", "The code does not apply")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label="What we agreed and why", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class QdcImportForm(forms.Form):
    file = forms.FileField(label="REFI-QDA codebook (.qdc)")
