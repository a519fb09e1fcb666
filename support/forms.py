from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support.models import GoalsOutcome, Session, SupportSettings

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class AgreementForm(forms.Form):
    goals = forms.CharField(
        label=_("Goals, in the person's own words: what they want to move towards"), widget=TEXTAREA, required=False
    )
    person_hopes = forms.CharField(
        label=_("What the person hopes for from our time together"), widget=TEXTAREA, required=False
    )
    worker_hopes = forms.CharField(label=_("What the peer worker hopes to offer"), widget=TEXTAREA, required=False)
    contact_arrangements = forms.CharField(label=_("How we will contact each other"), max_length=300, required=False)


class NewAgreementForm(AgreementForm):
    planned_sessions = forms.IntegerField(label=_("Sessions planned"), min_value=1, max_value=100)
    planned_end_on = forms.DateField(
        label=_("Planned end (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PlanChangeForm(forms.Form):
    planned_sessions = forms.IntegerField(label=_("Sessions planned"), min_value=1, max_value=100)
    planned_end_on = forms.DateField(
        label=_("Planned end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(label=_("Why the plan is changing"), max_length=300)
    agreed_by = forms.CharField(label=_("Who agreed it"), max_length=200)


class SessionForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time agreed with the person"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=5, max_value=480)
    mode = forms.ChoiceField(label=_("Where"), choices=Session.Mode.choices)
    place = forms.CharField(label=_("Place (optional)"), max_length=200, required=False)


class SessionRecordForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[c for c in Session.Status.choices if c[0] != Session.Status.PLANNED],
        widget=forms.RadioSelect,
    )
    cancelled_by = forms.ChoiceField(
        label=_("If cancelled, by whom"), choices=[("", "—"), *Session.CancelledBy.choices], required=False
    )
    minutes = forms.IntegerField(label=_("How long it lasted (minutes)"), min_value=5, max_value=480, required=False)
    strategies_tried = forms.CharField(
        label=_("What the person tried since last time, in their words"), widget=TEXTAREA, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == Session.Status.CANCELLED and not data.get("cancelled_by"):
            self.add_error("cancelled_by", _("Please say who cancelled."))
        return data


class EndingForm(forms.Form):
    reason = forms.CharField(label=_("Why support is ending"), max_length=300)
    goals_review = forms.CharField(label=_("Looking back at the goals together"), widget=TEXTAREA, required=False)
    goals_outcome = forms.ChoiceField(
        label=_("Where the person feels they got to with their goals"),
        choices=GoalsOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("In the person's own view. Counted, without names, in reports of what peer support achieved."),
    )
    carry_on_with = forms.CharField(label=_("Groups and networks to carry on with"), widget=TEXTAREA, required=False)
    invite_feedback = forms.BooleanField(label=_("Invite the person to give feedback"), required=False, initial=True)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note, written together"), widget=forms.Textarea(attrs={"rows": 5}))


class AmendForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}))
    reason = forms.CharField(label=_("Why it is changing"), max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), widget=TEXTAREA)
    asks_for_correction = forms.BooleanField(label=_("I am asking for this note to be corrected"), required=False)


class ShareForm(forms.Form):
    recipient = forms.ChoiceField(label=_("Share with"))

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient"].choices = [(r, r) for r in recipients]


def default_start():
    return timezone.localtime().replace(minute=0, second=0, microsecond=0) + timezone.timedelta(days=1)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SupportSettings
        fields = ["referral_target_days", "planned_sessions", "session_minutes_min", "session_minutes_max"]

    def clean(self):
        data = super().clean()
        low, high = data.get("session_minutes_min"), data.get("session_minutes_max")
        if low and high and low > high:
            self.add_error("session_minutes_max", _("The longest session cannot be shorter than the shortest."))
        for name in ("referral_target_days", "planned_sessions", "session_minutes_min"):
            if data.get(name) == 0:
                self.add_error(name, _("Please give a number above nought."))
        return data
