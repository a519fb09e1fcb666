from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outcomes.models import CostItem, UseKind

DATE = forms.DateInput(attrs={"type": "date"})
READMISSION_CHOICES = [("", _("Not known")), ("yes", _("Yes")), ("no", _("No"))]


class ServiceUseForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=UseKind.choices)
    started_on = forms.DateField(label=_("Admitted or attended on"), widget=DATE)
    ended_on = forms.DateField(
        label=_("Discharged on"), required=False, widget=DATE, help_text=_("Leave empty while the stay goes on.")
    )
    readmission = forms.ChoiceField(
        label=_("Did the hospital record it as a readmission?"), choices=READMISSION_CHOICES, required=False
    )

    def cleaned_readmission(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("readmission") or "")


class DischargeForm(forms.Form):
    ended_on = forms.DateField(label=_("Discharged on"), widget=DATE)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: person, kind, admitted_on, discharged_on, readmission. Nothing is imported if any row has a problem."
        ),
    )


class UnitCostForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    item = forms.ChoiceField(label=_("Cost of"), choices=CostItem.choices)
    amount = forms.DecimalField(label=_("Cost in pounds"), min_value=0, max_digits=9, decimal_places=2)
    source = forms.CharField(label=_("Where the figure comes from"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("To"), required=False, widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            raise forms.ValidationError(_("The end of the period must be after its start."))
        return data
