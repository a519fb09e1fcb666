from django import forms

from privacy.models import RightsRequest as _RR
from web.idempotency import IdempotentFormMixin


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label="Code",
        max_length=40,
        help_text="The six-digit code your authenticator app shows now, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}),
    )


class RightsRequestForm(IdempotentFormMixin):
    kind = forms.ChoiceField(label="What is the person asking for?", choices=_RR.Kind.choices, widget=forms.RadioSelect)
    reason = forms.ChoiceField(
        label="Reason they give",
        choices=[("", "Not needed for a copy of records"), *_RR.Reason.choices],
        required=False,
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept private and emptied once the request is carried out.",
    )


class RefuseForm(forms.Form):
    outcome = forms.CharField(label="Why it is refused", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))


class LegalHoldForm(forms.Form):
    reason = forms.CharField(label="Why the records must be kept", max_length=300)
