from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import groups as rules
from access.shortcuts import enforce, require, signed_in
from groups import networks, selectors, services
from groups.forms import (
    AttendanceForm,
    CancelForm,
    DirectoryForm,
    GroupForm,
    HandoverForm,
    MeetingForm,
    ScheduleRuleForm,
)
from groups.models import Group, Meeting, Membership
from mutuality.concurrency import EditConflict
from mutuality.errors import ServiceError
from people.models import Organisation, Person
from people.places import UnknownPlace, find_district
from web.idempotency import create_once


def _group_for(request, group_id: int, rule=rules.can_view_group) -> Group:
    group = get_object_or_404(Group.objects.select_related("district", "organisation"), pk=group_id)
    enforce(rule(request.actor, group))
    return group


def _meeting_for(request, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("group__organisation"), pk=meeting_id)
    enforce(rules.can_run_group(request.actor, meeting.group))
    return meeting


@require_GET
def directory(request):
    require(True)  # the directory is public: anyone may find a group without an account
    form = DirectoryForm(request.GET or None)
    search = selectors.DirectorySearch()
    place_error = ""
    if form.is_valid():
        data = form.cleaned_data
        if data["place"]:
            try:
                search.district = find_district(data["place"])
            except UnknownPlace as error:
                place_error = str(error)
                form.add_error("place", place_error)
        search.within_km = float(data["within"] or 25)
        search.weekday = data["day"]
        search.time_of_day = data["time"]
        search.format = data["format"]
        search.words = data["q"]
    groups = Group.objects.none() if place_error else selectors.directory(search)
    page = Paginator(groups, 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "groups/directory.html",
        {"form": form, "page": page, "search": search, "query": query.urlencode(), "searched": bool(request.GET)},
    )


@require_GET
@signed_in
def near_me(request):
    """Groups near the postcode district on the person's own profile."""
    actor = request.actor
    require(actor.is_authenticated)
    district = None
    problem = ""
    if actor.person.postcode_district:
        try:
            district = find_district(actor.person.postcode_district)
        except UnknownPlace as error:
            problem = str(error)
    else:
        problem = "Add the first part of your postcode to your profile to see what is near you."
    groups, nearby_networks, champions = [], [], []
    if district is not None:
        groups = list(selectors.directory(selectors.DirectorySearch(district=district, within_km=25))[:20])
        nearby_networks = list(networks.networks_near(district)[:10])
        champions = list(networks.champions_near(district)[:20])
    return render(
        request,
        "groups/near_me.html",
        {
            "district": district,
            "problem": problem,
            "groups": groups,
            "networks": nearby_networks,
            "champions": champions,
            "mine": selectors.my_groups(actor),
        },
    )


@require_GET
@signed_in
def my_groups(request):
    actor = request.actor
    require(actor.is_authenticated)
    return render(
        request,
        "groups/mine.html",
        {"run": selectors.groups_run_by(actor), "member_of": selectors.my_groups(actor)},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def group_create(request):
    actor = request.actor
    orgs = rules.group_creatable_orgs(actor)
    require(bool(orgs))
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = {}

        def make():
            made["group"] = services.group_create(
                organisation=organisation, facilitator=actor.person, actor=actor, **form.group_fields()
            )
            return reverse("groups:detail", args=[made["group"].pk])

        response = create_once(
            request,
            form,
            scope="group",
            make=make,
            fallback=reverse("groups:mine"),
            success=lambda: f"{made['group'].name} is in the directory. Now add when it meets.",
            then=lambda: reverse("groups:schedule_add", kwargs={"group_id": made["group"].pk}),
        )
        if response:
            return response
    return render(request, "groups/group_form.html", {"form": form, "organisation": organisation})


@require_GET
def group_detail(request, group_id: int):
    group = _group_for(request, group_id)
    context = selectors.group_page(request.actor, group)
    context["can_run"] = rules.can_run_group(request.actor, group).allowed
    context["can_join"] = rules.can_join_group(request.actor, group).allowed
    return render(request, "groups/group_detail.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def group_edit(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                group=group,
                expected_version=form.cleaned_data.get("version") or group.version,
                actor=request.actor,
                **form.group_fields(),
            )
        except (ServiceError, EditConflict) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved.")
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/group_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "POST"])
@signed_in
def schedule_add(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    form = ScheduleRuleForm(request.POST or None, initial={"first_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_rule_add(group=group, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Meeting time added.")
            return redirect("groups:detail", group_id=group.pk)
    return render(request, "groups/schedule_form.html", {"form": form, "group": group, "rules": group.rules.all()})


@require_POST
@signed_in
def join(request, group_id: int):
    group = _group_for(request, group_id, rules.can_join_group)
    try:
        services.membership_join(group=group, person=request.actor.person, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You have joined {group.name}. Reminders of meetings come only if you turn them on.")
    return redirect("groups:detail", group_id=group.pk)


@require_POST
@signed_in
def leave(request, group_id: int):
    group = _group_for(request, group_id)
    membership = Membership.objects.filter(group=group, person_id=request.actor.person_id, left_on__isnull=True).first()
    enforce(rules.decide(membership is not None, True))
    try:
        services.membership_leave(membership=membership, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You have left {group.name}.")
    return redirect("groups:detail", group_id=group.pk)


@require_GET
@signed_in
def member_list(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    return render(request, "groups/members.html", {"group": group, "members": selectors.members(group)})


@require_http_methods(["GET", "POST"])
@signed_in
def handover(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    actor = request.actor
    candidates = [m for m in selectors.members(group) if m.person_id != actor.person_id]
    form = HandoverForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            services.facilitator_handover(
                group=group,
                from_person=actor.person,
                to_person=get_object_or_404(Person, pk=form.cleaned_data["to_person"]),
                notes=form.cleaned_data["notes"],
                actor=actor,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The group has been handed over.")
            return redirect("groups:detail", group_id=group.pk)
    return render(
        request, "groups/handover.html", {"form": form, "group": group, "handovers": group.handovers.all()[:10]}
    )


@require_GET
@signed_in
def meeting_list(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    page = Paginator(selectors.meetings(group), 30).get_page(request.GET.get("page"))
    return render(request, "groups/meetings.html", {"group": group, "page": page, "today": timezone.localdate()})


@require_POST
@signed_in
def meetings_plan(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    count = services.meetings_plan(
        group=group, until=timezone.localdate() + dt.timedelta(weeks=12), actor=request.actor
    )
    messages.success(request, f"{count} meetings planned for the next twelve weeks.")
    return redirect("groups:meetings", group_id=group.pk)


@require_http_methods(["GET", "POST"])
@signed_in
def meeting_add(request, group_id: int):
    group = _group_for(request, group_id, rules.can_run_group)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tz = timezone.get_current_timezone()
        try:
            services.meeting_add(
                group=group,
                starts_at=dt.datetime.combine(data["date"], data["starts_at"], tzinfo=tz),
                ends_at=dt.datetime.combine(data["date"], data["ends_at"], tzinfo=tz),
                note=data["note"],
                actor=request.actor,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Meeting added.")
            return redirect("groups:meetings", group_id=group.pk)
    return render(request, "groups/meeting_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "POST"])
@signed_in
def meeting_cancel(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_cancel(meeting=meeting, note=form.cleaned_data["note"], actor=request.actor)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Meeting cancelled.")
            return redirect("groups:meetings", group_id=meeting.group_id)
    return render(request, "groups/meeting_cancel.html", {"form": form, "meeting": meeting})


@require_http_methods(["GET", "POST"])
@signed_in
def attendance(request, meeting_id: int):
    meeting = _meeting_for(request, meeting_id)
    sheet = selectors.attendance_sheet(meeting)
    form = AttendanceForm(request.POST or None, sheet=sheet, initial={"guests": meeting.guests})
    if request.method == "POST" and form.is_valid():
        try:
            total = services.attendance_record(
                meeting=meeting,
                present_ids={int(p) for p in form.cleaned_data["present"]},
                guests=form.cleaned_data["guests"],
                actor=request.actor,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Attendance saved: {total} people came.")
            return redirect("groups:meetings", group_id=meeting.group_id)
    return render(request, "groups/attendance.html", {"form": form, "meeting": meeting, "group": meeting.group})
