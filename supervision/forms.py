from __future__ import annotations

from django import forms

from supervision.models import ReflectiveEntry, Session, WellbeingCheckin
from web.idempotency import IdempotentFormMixin

DATE = forms.DateInput(attrs={"type": "date"})


class SessionForm(IdempotentFormMixin, forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=Session.Kind.choices, initial=Session.Kind.INDIVIDUAL)
    workers = forms.TypedMultipleChoiceField(
        label="With", coerce=int, widget=forms.CheckboxSelectMultiple, help_text="People you supervise."
    )
    held_on = forms.DateField(label="Date", widget=DATE)
    agenda = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label="What was discussed", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    action_1 = forms.CharField(label="Action agreed", required=False, max_length=500)
    action_2 = forms.CharField(label="Another action agreed", required=False, max_length=500)
    action_3 = forms.CharField(label="Another action agreed", required=False, max_length=500)
    follow_up_on = forms.DateField(label="Follow up by", required=False, widget=DATE)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].choices = [(w.pk, w.display_name) for w in workers]


class ReflectionForm(IdempotentFormMixin, forms.ModelForm):
    class Meta:
        model = ReflectiveEntry
        fields = ["what_happened", "reflection", "shared_with_supervisor"]
        widgets = {"what_happened": forms.Textarea(attrs={"rows": 4}), "reflection": forms.Textarea(attrs={"rows": 4})}
        labels = {"shared_with_supervisor": "Share this with my supervisor"}


class CheckinForm(IdempotentFormMixin, forms.ModelForm):
    feeling = forms.TypedChoiceField(
        label="How are you doing?", coerce=int, choices=WellbeingCheckin.Feeling.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = WellbeingCheckin
        fields = ["feeling", "note", "shared_with_supervisor"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        labels = {"shared_with_supervisor": "Share this check-in with my supervisor"}


class TeamMeetingForm(IdempotentFormMixin, forms.Form):
    attendees = forms.TypedMultipleChoiceField(label="Who was there", coerce=int, widget=forms.CheckboxSelectMultiple)
    held_on = forms.DateField(label="Date", widget=DATE)
    what_worked = forms.CharField(label="What worked", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    what_was_hard = forms.CharField(label="What was hard", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    agreed = forms.CharField(label="What we agreed to try", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(p.pk, p.display_name) for p in people]


class PlanForm(forms.Form):
    every_days = forms.IntegerField(label="Meet every how many days", min_value=7, max_value=180)
