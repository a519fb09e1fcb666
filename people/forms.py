from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Consent, ConsentScope, Language, Organisation, Person, Role, RoleKind, SharingAgreement, Theme
from people.places import UnknownPlace, find_district
from people.services import PROFILE_FIELDS, theme_for_name

POSTCODE_DISTRICT_HELP = _("The first part of a postcode, for example EX2 or PL4.")


def clean_postcode_district(value: str) -> str:
    """Accept a district or a whole postcode; keep only the district, and only a real one."""
    if not value.strip():
        return ""
    try:
        return find_district(value).code
    except UnknownPlace as error:
        raise forms.ValidationError(str(error)) from error


class PersonForm(forms.ModelForm):
    """A person's profile, with their themes and the words they use for them.

    Each suggested theme (and any the person already has) appears as a
    checkbox with an optional "in my words" box beside it; new themes can be
    added by name.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    postcode_district = forms.CharField(
        label=_("Area"), max_length=20, required=False, help_text=POSTCODE_DISTRICT_HELP
    )
    languages = forms.ModelMultipleChoiceField(
        queryset=Language.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    new_themes = forms.CharField(
        label=_("Other themes, in your own words"),
        required=False,
        help_text=_("Separate themes with commas."),
        max_length=400,
    )

    class Meta:
        model = Person
        fields = list(PROFILE_FIELDS)
        widgets = {
            "postal_address": forms.Textarea(attrs={"rows": 3}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "experience_in_own_words": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, show_lived_experience: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_lived_experience:
            del self.fields["experience_in_own_words"]
        self.theme_rows: list[tuple[Theme, str, str]] = []
        chosen: dict[int, str] = {}
        if self.instance.pk:
            chosen = dict(self.instance.person_themes.values_list("theme_id", "own_words"))
            self.fields["languages"].initial = list(self.instance.languages.values_list("pk", flat=True))
            self.fields["version"].initial = self.instance.version
        themes = Theme.objects.filter(suggested=True) | Theme.objects.filter(pk__in=chosen)
        for theme in themes.distinct().order_by("name"):
            check, words = f"theme_{theme.pk}", f"theme_{theme.pk}_words"
            self.fields[check] = forms.BooleanField(label=theme.name, required=False, initial=theme.pk in chosen)
            self.fields[words] = forms.CharField(
                label=_("%(theme)s, in your words") % {"theme": theme.name},
                required=False,
                max_length=200,
                initial=chosen.get(theme.pk, ""),
            )
            self.theme_rows.append((theme, check, words))

    def theme_fields(self):
        """(theme, checkbox, words box) bound fields for the template."""
        return [(theme, self[check], self[words]) for theme, check, words in self.theme_rows]

    def clean_postcode_district(self) -> str:
        return clean_postcode_district(self.cleaned_data.get("postcode_district", ""))

    def clean(self):
        data = super().clean()
        if data.get("term") == Person.Term.OWN and not data.get("term_own", "").strip():
            self.add_error("term_own", _("Please write the word you would like us to use."))
        if data.get("gender") == Person.Gender.OWN and not data.get("gender_own", "").strip():
            self.add_error("gender_own", _("Please describe your gender in your own words, or choose another option."))
        return data

    def profile_changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS if name in self.cleaned_data}

    def chosen_themes(self) -> list[tuple[Theme, str]]:
        chosen = [
            (theme, self.cleaned_data.get(words, ""))
            for theme, check, words in self.theme_rows
            if self.cleaned_data.get(check)
        ]
        have = {theme.pk for theme, _words in chosen}
        for name in self.cleaned_data.get("new_themes", "").split(","):
            if name.strip():
                theme = theme_for_name(name)
                if theme.pk not in have:
                    chosen.append((theme, ""))
                    have.add(theme.pk)
        return chosen


class ConsentForm(forms.Form):
    scope = forms.ChoiceField(label=_("What is this consent for?"), choices=ConsentScope.choices)
    given = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("Gives consent")), ("no", _("Withdraws consent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    recipient = forms.CharField(
        label=_("Named person notes may be shared with"),
        required=False,
        max_length=200,
        help_text=_("Only for sharing notes, for example “Sam Patel, care coordinator”."),
    )
    method = forms.ChoiceField(label=_("How was this decided?"), choices=Consent.Method.choices)
    note = forms.CharField(label=_("Anything to add"), required=False, max_length=300)

    def clean(self):
        data = super().clean()
        if data.get("scope") == ConsentScope.NOTE_SHARING and not data.get("recipient", "").strip():
            self.add_error("recipient", _("Please name the person notes may be shared with."))
        if data.get("scope") != ConsentScope.NOTE_SHARING:
            data["recipient"] = ""
        return data


class RoleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    worker_type = forms.ChoiceField(
        label=_("Paid or volunteer (peer workers only)"),
        choices=[("", "—"), *Role.WorkerType.choices],
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == RoleKind.WORKER and not data.get("worker_type"):
            self.add_error("worker_type", _("Please say whether the peer worker is paid or a volunteer."))
        return data


class AccountForm(forms.Form):
    email = forms.EmailField(label=_("Email address to sign in with"))


class SharingAgreementForm(forms.ModelForm):
    class Meta:
        model = SharingAgreement
        fields = ["recipient", "scope", "purpose", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"recipient": _("Organisation that may see the records")}

    def __init__(self, *args, owner: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = Organisation.objects.exclude(pk=owner.pk)

    def clean(self):
        data = super().clean()
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return data
