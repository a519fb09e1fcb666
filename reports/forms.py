from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mutuality.suppression import RULES

DATE = forms.DateInput(attrs={"type": "date"})


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)
    rule = forms.ChoiceField(
        label=_("How small numbers are hidden"),
        choices=[(key, rule.label) for key, rule in RULES.items()],
        initial="standard",
    )
    threshold = forms.IntegerField(
        label=_("Hide counts below (optional)"),
        required=False,
        min_value=2,
        max_value=20,
        help_text=_("Leave empty to use the rule's own threshold."),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(organisations)
        self.organisations = {o.slug: o for o in organisations}
        self.fields["organisation"] = forms.ChoiceField(
            label=_("Organisation"),
            choices=[(o.slug, o.name) for o in organisations],
            initial=organisations[0].slug if organisations else None,
            widget=forms.HiddenInput if len(organisations) == 1 else forms.Select,
        )
        self.order_fields(["organisation"])
        today = timezone.localdate()
        self.fields["end"].initial = today
        self.fields["start"].initial = today.replace(year=today.year - 1)

    def clean_organisation(self):
        return self.organisations[self.cleaned_data["organisation"]]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The end of the period must be after its start."))
        return data
