from django import forms
from django.utils.translation import gettext_lazy as _

from reminders.models import Channel, ReminderPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["enabled", "sessions", "questionnaires", "groups", "channel", "lead_hours", "tone"]
        widgets = {"channel": forms.RadioSelect, "tone": forms.RadioSelect}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean(self):
        data = super().clean()
        if not data.get("enabled"):
            return data
        if not any(data.get(name) for name in ("sessions", "questionnaires", "groups")):
            self.add_error(None, _("Please choose at least one thing to be reminded about, or turn reminders off."))
        channel = data.get("channel")
        missing = {
            Channel.EMAIL: (not self.person.email, _("an email address")),
            Channel.SMS: (not self.person.phone, _("a mobile number")),
            Channel.LETTER: (not self.person.postal_address, _("a postal address")),
        }.get(channel)
        if missing and missing[0]:
            self.add_error(
                "channel",
                _("We don't have %(what)s for you yet. Add it on your page, or choose another way.")
                % {"what": missing[1]},
            )
        return data
