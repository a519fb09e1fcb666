from __future__ import annotations

from django import forms

from training.models import Application, CascadeReport, Cohort, Course, CoursePart, Material
from web.idempotency import IdempotentFormMixin


class CourseForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = ["title", "summary", "who_for", "accreditation", "certificate_wording"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4}), "who_for": forms.Textarea(attrs={"rows": 3})}


class CoursePartForm(forms.ModelForm):
    class Meta:
        model = CoursePart
        fields = ["title", "starts_after_days", "days", "required_for_certificate"]


class MaterialForm(forms.ModelForm):
    link = forms.URLField(required=False, assume_scheme="https", help_text="A web address, if the material is online.")

    class Meta:
        model = Material
        fields = ["title", "link", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CohortForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "places", "venue"]
        widgets = {"starts_on": forms.DateInput(attrs={"type": "date"})}


class ApplicationForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = Application
        fields = ["why", "needs"]
        widgets = {"why": forms.Textarea(attrs={"rows": 5}), "needs": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Application.Status.OFFERED, "Offer a place"),
            (Application.Status.WAITING, "Waiting list"),
            (Application.Status.DECLINED, "Not this time"),
        ]
    )


class DayAttendanceForm(forms.Form):
    def __init__(self, *args, participants, present, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"] = forms.MultipleChoiceField(
            label="Who came",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(p.pk, p.display_name) for p in participants],
            initial=list(present),
        )


class CascadeForm(forms.ModelForm):
    months_after = forms.TypedChoiceField(
        label="How long after the course is this?",
        coerce=int,
        choices=[(2, "Two months"), (5, "Five months"), (12, "A year")],
    )

    class Meta:
        model = CascadeReport
        fields = [
            "months_after",
            "joined_group",
            "started_group",
            "one_to_one_people",
            "talks_given",
            "passed_on_to",
            "reread_materials",
        ]
