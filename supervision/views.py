from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import supervision as rules
from access.shortcuts import enforce, require, signed_in
from people.models import Person, RoleKind
from supervision import selectors, services
from supervision.forms import CheckinForm, PlanForm, ReflectionForm, SessionForm, TeamMeetingForm
from supervision.models import AgreedAction, ReflectiveEntry, Session, TeamMeeting, WellbeingCheckin
from web.idempotency import create_once


@require_GET
@signed_in
def home(request):
    actor = request.actor
    require(actor.is_authenticated)
    status = selectors.supervision_status([actor.person_id]).get(actor.person_id)
    return render(
        request,
        "supervision/home.html",
        {
            "sessions": selectors.sessions_for(actor)[:30],
            "team_meetings": selectors.team_meetings_for(actor)[:10],
            "my_status": status if actor.has_role(RoleKind.WORKER) else None,
            "can_record": rules.can_record_supervision(actor),
            "can_keep": rules.can_keep_own_records(actor),
            "can_convene": bool(rules.can_convene_team_meeting(actor)),
            "can_workload": rules.can_view_workload(actor),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def session_new(request):
    actor = request.actor
    require(rules.can_record_supervision(actor))
    workers = list(Person.objects.filter(pk__in=actor.supervised_ids).order_by("display_name"))
    form = SessionForm(request.POST or None, workers=workers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [w for w in workers if w.pk in set(data["workers"])]
        owner = chosen[0] if len(chosen) == 1 else actor.person
        actions = [(data[f"action_{n}"], owner, data["follow_up_on"]) for n in (1, 2, 3)]

        def make():
            session = services.session_record(
                supervisor=actor.person,
                workers=chosen,
                kind=data["kind"],
                held_on=data["held_on"],
                agenda=data["agenda"],
                notes=data["notes"],
                follow_up_on=data["follow_up_on"],
                actions=actions,
                supervised_ids=actor.supervised_ids,
                actor=actor,
            )
            return reverse("supervision:session", args=[session.pk])

        response = create_once(
            request,
            form,
            scope="supervision",
            make=make,
            fallback=reverse("supervision:home"),
            success="Supervision recorded.",
        )
        if response:
            return response
    return render(request, "supervision/session_form.html", {"form": form})


def _session_for(request, session_id: int, rule=rules.can_view_session) -> Session:
    session = get_object_or_404(Session.objects.select_related("supervisor"), pk=session_id)
    worker_ids = frozenset(session.workers.values_list("pk", flat=True))
    enforce(rule(request.actor, session, worker_ids))
    return session


@require_GET
@signed_in
def session_detail(request, session_id: int):
    session = _session_for(request, session_id)
    return render(request, "supervision/session_detail.html", selectors.session_detail(request.actor, session))


@require_POST
@signed_in
def action_done(request, action_id: int):
    action = get_object_or_404(AgreedAction.objects.select_related("session"), pk=action_id)
    _session_for(request, action.session_id)
    services.action_done(action=action, actor=request.actor)
    messages.success(request, "Marked as done.")
    return redirect("supervision:session", session_id=action.session_id)


@require_http_methods(["GET", "POST"])
@signed_in
def reflections(request):
    actor = request.actor
    require(rules.can_keep_own_records(actor))
    form = ReflectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.action_data

        def make():
            services.reflection_write(worker=actor.person, actor=actor, **data)
            return reverse("supervision:reflections")

        response = create_once(
            request,
            form,
            scope="reflection",
            make=make,
            fallback=reverse("supervision:reflections"),
            success="Saved to your log.",
        )
        if response:
            return response
    return render(request, "supervision/reflections.html", {"form": form, "entries": selectors.own_reflections(actor)})


@require_POST
@signed_in
def reflection_share(request, entry_id: int):
    entry = get_object_or_404(ReflectiveEntry.objects.select_related("worker"), pk=entry_id)
    enforce(rules.can_edit_private_entry(request.actor, entry))
    services.sharing_set(entry=entry, shared=request.POST.get("shared") == "1", actor=request.actor)
    messages.success(request, "Shared with your supervisor." if entry.shared_with_supervisor else "No longer shared.")
    return redirect("supervision:reflections")


@require_http_methods(["GET", "POST"])
@signed_in
def wellbeing(request):
    actor = request.actor
    require(rules.can_keep_own_records(actor))
    form = CheckinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.action_data

        def make():
            services.checkin_record(worker=actor.person, actor=actor, **data)
            return reverse("supervision:wellbeing")

        response = create_once(
            request,
            form,
            scope="checkin",
            make=make,
            fallback=reverse("supervision:wellbeing"),
            success="Check-in saved. It is yours.",
        )
        if response:
            return response
    return render(request, "supervision/wellbeing.html", {"form": form, "checkins": selectors.own_checkins(actor)})


@require_POST
@signed_in
def checkin_share(request, checkin_id: int):
    checkin = get_object_or_404(WellbeingCheckin.objects.select_related("worker"), pk=checkin_id)
    enforce(rules.can_edit_private_entry(request.actor, checkin))
    services.sharing_set(entry=checkin, shared=request.POST.get("shared") == "1", actor=request.actor)
    messages.success(request, "Shared with your supervisor." if checkin.shared_with_supervisor else "No longer shared.")
    return redirect("supervision:wellbeing")


@require_GET
@signed_in
def workload(request):
    actor = request.actor
    require(rules.can_view_workload(actor))
    return render(request, "supervision/workload.html", {"rows": selectors.workload(actor)})


def _supervised(request, person_id: int) -> Person:
    person = get_object_or_404(Person, pk=person_id)
    if not rules.can_supervise(request.actor, person.pk):
        raise Http404("Not found")
    return person


@require_GET
@signed_in
def shared(request, person_id: int):
    worker = _supervised(request, person_id)
    return render(request, "supervision/shared.html", selectors.shared_by(request.actor, worker))


@require_http_methods(["GET", "POST"])
@signed_in
def plan(request, person_id: int):
    worker = _supervised(request, person_id)
    status = selectors.supervision_status([worker.pk])[worker.pk]
    form = PlanForm(request.POST or None, initial={"every_days": status.every_days})
    if request.method == "POST" and form.is_valid():
        services.plan_set(worker=worker, every_days=form.cleaned_data["every_days"], actor=request.actor)
        messages.success(
            request, f"Supervision with {worker.display_name} planned every {form.cleaned_data['every_days']} days."
        )
        return redirect("supervision:workload")
    return render(request, "supervision/plan.html", {"form": form, "worker": worker})


@require_http_methods(["GET", "POST"])
@signed_in
def team_meeting_new(request):
    actor = request.actor
    orgs = rules.can_convene_team_meeting(actor)
    require(bool(orgs))
    organisation_id = min(orgs)
    people = list(
        Person.objects.filter(
            organisation_id=organisation_id,
            roles__kind__in=[RoleKind.WORKER, RoleKind.FACILITATOR, RoleKind.SUPERVISOR, RoleKind.COORDINATOR],
            roles__ended_on__isnull=True,
        )
        .distinct()
        .order_by("display_name")
    )
    form = TeamMeetingForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in people if p.pk in set(data["attendees"])]

        def make():
            meeting = services.team_meeting_record(
                organisation_id=organisation_id,
                convened_by=actor.person,
                attendees=chosen,
                held_on=data["held_on"],
                what_worked=data["what_worked"],
                what_was_hard=data["what_was_hard"],
                agreed=data["agreed"],
                actor=actor,
            )
            return reverse("supervision:team_meeting", args=[meeting.pk])

        response = create_once(
            request,
            form,
            scope="team_meeting",
            make=make,
            fallback=reverse("supervision:home"),
            success="Team meeting recorded.",
        )
        if response:
            return response
    return render(request, "supervision/form.html", {"form": form, "title": "Record a team meeting"})


@require_GET
@signed_in
def team_meeting_detail(request, meeting_id: int):
    meeting = get_object_or_404(TeamMeeting, pk=meeting_id)
    enforce(
        rules.can_view_team_meeting(request.actor, meeting, frozenset(meeting.attendees.values_list("pk", flat=True)))
    )
    return render(request, "supervision/team_meeting.html", selectors.team_meeting_detail(request.actor, meeting))
