"""Peer-led groups: the directory entry, when they meet, who belongs, who facilitates."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Organisation, Person, PostcodeDistrict


class Group(models.Model):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BOTH = "both", _("In person and online")

    class Status(models.TextChoices):
        STARTING = "starting", _("Starting soon")
        ACTIVE = "active", _("Meeting")
        PAUSED = "paused", _("Paused for now")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="peer_groups")
    name = models.CharField(max_length=120)
    who_for = models.TextField(_("who the group is for, in its own words"))
    what_happens = models.TextField(_("what happens at a meeting"), blank=True)
    area = models.CharField(_("area or town"), max_length=120, blank=True)
    district = models.ForeignKey(
        PostcodeDistrict,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="peer_groups",
        help_text=_("The first half of the postcode where the group meets."),
    )
    venue = models.CharField(_("where it meets"), max_length=200, blank=True)
    format = models.CharField(_("in person or online"), max_length=12, choices=Format.choices)
    accessibility = models.TextField(_("access and what helps people take part"), blank=True)
    contact = models.CharField(_("how to get in touch"), max_length=300)
    welcomes_new_members = models.BooleanField(_("new members welcome"), default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTING)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "district"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(format="online") | Q(district__isnull=False),
                name="group_in_person_has_district",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def meets_in_person(self) -> bool:
        return self.format in (self.Format.IN_PERSON, self.Format.BOTH)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ScheduleRule(models.Model):
    """A recurring meeting time: every week, every other week, or one week of the month."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every other week")
        MONTHLY = "monthly", _("Once a month")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="rules")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    frequency = models.CharField(max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY)
    week_of_month = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("For monthly meetings: 1 for the first week, 4 for the fourth.")
    )
    first_date = models.DateField(help_text=_("The first meeting under this rule."))

    class Meta:
        ordering = ["weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="rule_ends_after_start")
        ]

    def __str__(self) -> str:
        when = self.get_frequency_display()
        if self.frequency == self.Frequency.MONTHLY and self.week_of_month:
            when = f"Week {self.week_of_month} of each month"
        return f"{when}, {self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class Meeting(models.Model):
    """One meeting: planned from a rule, or a one-off; cancelled or moved meetings keep their row."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.CharField(_("change or note for members"), max_length=300, blank=True)
    guests = models.PositiveIntegerField(_("people who came without being members"), default=0)
    rule = models.ForeignKey(ScheduleRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["group", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
            models.UniqueConstraint(fields=["group", "starts_at"], name="one_meeting_per_group_and_time"),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%Y-%m-%d %H:%M}"


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        FACILITATOR = "facilitator", _("Facilitator")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["group", "person__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"], condition=Q(left_on__isnull=True), name="one_current_membership"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="group_attendance")
    present = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_attendance_per_meeting")]


class Handover(models.Model):
    """A facilitator passing the group on to another: what the new facilitator needs to know."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="handovers")
    from_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    to_person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    notes = models.TextField(_("what the new facilitator needs to know"), blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]


# --- Networks -----------------------------------------------------------------


class Network(models.Model):
    """People who keep in touch: a course cohort's alumni, or any self-organised circle."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="networks")
    name = models.CharField(max_length=120)
    about = models.TextField(_("what the network is for"))
    area = models.CharField(max_length=120, blank=True)
    district = models.ForeignKey(PostcodeDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cohort = models.ForeignKey(
        "training.Cohort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="networks",
        help_text=_("The training cohort whose alumni this network keeps in touch, if any."),
    )
    open_to_join = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """A member's own choices: what others in the network see, how often news comes, and whether they champion."""

    class Digest(models.TextChoices):
        NEVER = "never", _("No news by email")
        WEEKLY = "weekly", _("Once a week")
        MONTHLY = "monthly", _("Once a month")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="network_memberships")
    listed = models.BooleanField(_("list me in the network's member directory"), default=False)
    show_email = models.BooleanField(_("show my email address to other members"), default=False)
    show_area = models.BooleanField(_("show my postcode area to other members"), default=False)
    about_me = models.CharField(_("a line about me for other members"), max_length=300, blank=True)
    digest = models.CharField(_("news by email"), max_length=8, choices=Digest.choices, default=Digest.NEVER)
    digest_sent_at = models.DateTimeField(null=True, blank=True)
    champion = models.BooleanField(_("I offer to help others get started in my area"), default=False)
    champion_offer = models.CharField(_("how I can help"), max_length=300, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["person__display_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "person"], condition=Q(left_at__isnull=True), name="one_current_network_membership"
            )
        ]


class NewsItem(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="news")
    author = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(max_length=160)
    body = models.TextField()
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-posted_at", "-id"]
