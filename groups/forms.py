from __future__ import annotations

from django import forms

from groups.models import Group, ScheduleRule, Weekday
from groups.selectors import TIMES_OF_DAY
from web.idempotency import IdempotentFormMixin


class DirectoryForm(forms.Form):
    place = forms.CharField(
        label="Near a postcode",
        required=False,
        max_length=10,
        help_text="The whole postcode or the first part, like EX2.",
    )
    within = forms.TypedChoiceField(
        label="Within",
        coerce=int,
        choices=[
            (5, "5 km (3 miles)"),
            (10, "10 km (6 miles)"),
            (25, "25 km (15 miles)"),
            (50, "50 km (30 miles)"),
            (100, "100 km (60 miles)"),
        ],
        initial=25,
        required=False,
        empty_value=25,
    )
    day = forms.TypedChoiceField(
        label="Day", coerce=int, choices=[("", "Any day"), *Weekday.choices], required=False, empty_value=None
    )
    time = forms.ChoiceField(
        label="Time of day", choices=[("", "Any time"), *[(k, k.capitalize()) for k in TIMES_OF_DAY]], required=False
    )
    format = forms.ChoiceField(
        label="How it meets",
        choices=[("", "In person or online"), (Group.Format.IN_PERSON, "In person"), (Group.Format.ONLINE, "Online")],
        required=False,
    )
    q = forms.CharField(
        label="Words", required=False, max_length=100, help_text="For example: carers, walking, Polish."
    )


class GroupForm(IdempotentFormMixin, forms.ModelForm):
    postcode = forms.CharField(
        label="Postcode where it meets",
        required=False,
        max_length=10,
        help_text="The first part is enough, like EX2. Leave empty for a group that only meets online.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Group
        fields = [
            "name",
            "who_for",
            "what_happens",
            "format",
            "area",
            "venue",
            "accessibility",
            "contact",
            "welcomes_new_members",
            "status",
        ]
        widgets = {
            "who_for": forms.Textarea(attrs={"rows": 3}),
            "what_happens": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["postcode"].initial = self.instance.district_id or ""
            self.fields["version"].initial = self.instance.version

    def group_fields(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["postcode"] = self.cleaned_data["postcode"]
        return data


class ScheduleRuleForm(forms.ModelForm):
    class Meta:
        model = ScheduleRule
        fields = ["frequency", "weekday", "week_of_month", "starts_at", "ends_at", "first_date"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
            "first_date": forms.DateInput(attrs={"type": "date"}),
        }
        labels = {"starts_at": "Starts at", "ends_at": "Ends at", "weekday": "Day"}


class MeetingForm(forms.Form):
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts_at = forms.TimeField(label="Starts at", widget=forms.TimeInput(attrs={"type": "time"}))
    ends_at = forms.TimeField(label="Ends at", widget=forms.TimeInput(attrs={"type": "time"}))
    note = forms.CharField(label="Note for members", required=False, max_length=300)


class CancelForm(forms.Form):
    note = forms.CharField(label="Why, or what instead (shown on the group's page)", required=False, max_length=300)


class AttendanceForm(forms.Form):
    guests = forms.IntegerField(label="People who came who are not members", min_value=0, initial=0)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"] = forms.MultipleChoiceField(
            label="Who came",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            choices=[(m.person_id, m.person.display_name) for m, _ in sheet],
            initial=[m.person_id for m, here in sheet if here],
        )
        self.order_fields(["present", "guests"])


class HandoverForm(forms.Form):
    to_person = forms.TypedChoiceField(label="Hand the group over to", coerce=int)
    notes = forms.CharField(
        label="What they need to know", required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_person"].choices = [(m.person_id, m.person.display_name) for m in candidates]


class NetworkForm(IdempotentFormMixin, forms.Form):
    name = forms.CharField(max_length=120)
    about = forms.CharField(label="What the network is for", widget=forms.Textarea(attrs={"rows": 3}))
    area = forms.CharField(label="Area", required=False, max_length=120)
    postcode = forms.CharField(
        label="Postcode area it is based in",
        required=False,
        max_length=10,
        help_text="Like EX2. Leave empty for a network across many places.",
    )


class MemberChoicesForm(forms.ModelForm):
    class Meta:
        from groups.models import NetworkMember

        model = NetworkMember
        fields = ["listed", "show_email", "show_area", "about_me", "digest", "champion", "champion_offer"]


class NewsForm(IdempotentFormMixin, forms.Form):
    title = forms.CharField(max_length=160)
    body = forms.CharField(label="News", widget=forms.Textarea(attrs={"rows": 5}))
