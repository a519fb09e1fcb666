from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.forms import POSTCODE_DISTRICT_HELP, clean_postcode_district
from people.models import Organisation
from referrals.models import SLOTS, Meeting, Referral
from web.idempotency import IdempotentFormMixin


class AvailabilityField(forms.MultipleChoiceField):
    """Days and parts of the day, stored as a bit mask."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=[(str(bit), label) for bit, label in SLOTS], required=False, **kwargs)

    def clean(self, value):
        chosen = super().clean(value)
        mask = 0
        for bit in chosen:
            mask |= 1 << int(bit)
        return mask


class _ContactFields(forms.Form):
    display_name = forms.CharField(label=_("The name you would like us to use"), max_length=120)
    email = forms.EmailField(label=_("Email address"), required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    contact_notes = forms.CharField(
        label=_("Best times and ways to reach you (optional)"), max_length=300, required=False
    )
    postcode_district = forms.CharField(
        label=_("Your area (optional)"), max_length=20, required=False, help_text=POSTCODE_DISTRICT_HELP
    )

    def clean_postcode_district(self):
        return clean_postcode_district(self.cleaned_data["postcode_district"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = [c for c in phone if c.isdigit()]
        if phone and len(digits) < 7:
            raise forms.ValidationError(_("That does not look like a phone number."))
        return phone

    def clean(self):
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.errors.get("email"):
            raise forms.ValidationError(_("Please give an email address or a phone number, so we can get in touch."))
        return data


class SelfReferralForm(IdempotentFormMixin, _ContactFields):
    """Only what is needed to make contact."""

    organisation = forms.ModelChoiceField(
        label=_("Which organisation"), queryset=Organisation.objects.filter(is_active=True), empty_label=None
    )
    # A field people never see; automated senders fill it in.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    field_order = ["organisation", "display_name", "email", "phone", "contact_notes", "postcode_district"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.fields["organisation"].queryset.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = self.fields["organisation"].queryset.first()

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class StaffReferralForm(IdempotentFormMixin, _ContactFields):
    route = forms.ChoiceField(
        label=_("Where the referral comes from"),
        choices=[c for c in Referral.Route.choices if c[0] != Referral.Route.SELF],
    )
    referrer_name = forms.CharField(label=_("Who referred (name and team)"), max_length=200)
    referrer_contact = forms.CharField(label=_("How to reach the referrer"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("What the person would like from peer support (optional)"), widget=forms.Textarea, required=False
    )
    gender_preference = forms.ChoiceField(
        label=_("Would prefer a peer worker who is"),
        choices=Referral._meta.get_field("gender_preference").choices,
        required=False,
    )
    meeting = forms.ChoiceField(label=_("How they would like to meet"), choices=Meeting.choices, initial="either")
    availability = AvailabilityField(label=_("When they are usually free"))

    field_order = ["route", "referrer_name", "referrer_contact", "display_name", "email", "phone"]


class PreferencesForm(forms.ModelForm):
    availability = AvailabilityField(label=_("When they are usually free"))

    class Meta:
        model = Referral
        fields = ["gender_preference", "meeting", "availability"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.availability:
            self.initial["availability"] = [
                str(bit) for bit, _label in SLOTS if self.instance.availability & (1 << bit)
            ]


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move to"), choices=Referral.Status.choices)
    closed_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "—"), *Referral.ClosedReason.choices], required=False
    )
    detail = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("to_status") == Referral.Status.CLOSED and not data.get("closed_reason"):
            self.add_error("closed_reason", _("Please give the reason for closing the referral."))
        return data


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot take this on (private: coordinators see it, the person never does)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
    )


class WorkerProfileForm(forms.Form):
    availability = AvailabilityField(label=_("When I am usually free"))
    meets_in_person = forms.BooleanField(label=_("I meet people in person"), required=False)
    meets_online = forms.BooleanField(label=_("I meet people online or by phone"), required=False)
    travel_km = forms.IntegerField(label=_("How far I will travel (km)"), min_value=0, max_value=200)

    def clean(self):
        data = super().clean()
        if not data.get("meets_in_person") and not data.get("meets_online"):
            raise forms.ValidationError(_("Please choose at least one way of meeting."))
        return data
