from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from icalendar import Calendar, Event

from access.rules import support as rules
from access.shortcuts import enforce, get_person_for, require, signed_in
from mutuality.errors import ServiceError
from support import selectors, services
from support.forms import (
    AgreementForm,
    AmendForm,
    CommentForm,
    EndingForm,
    NewAgreementForm,
    NoteForm,
    PlanChangeForm,
    SessionForm,
    SessionRecordForm,
    SettingsForm,
    ShareForm,
    default_start,
)
from support.models import Agreement, CalendarFeed, Note, Session, SupportSettings


def _agreement(request, agreement_id: int, rule=rules.can_view_agreement) -> Agreement:
    agreement = get_object_or_404(Agreement.objects.select_related("person", "worker"), pk=agreement_id)
    enforce(rule(request.actor, agreement))
    return agreement


def _note(request, note_id: int, rule) -> Note:
    note = get_object_or_404(Note.objects.select_related("agreement__person", "agreement__worker"), pk=note_id)
    enforce(rule(request.actor, note.agreement))
    return note


# --- Worker: caseload and the person's own page ------------------------------------


@require_GET
@signed_in
def caseload(request):
    actor = request.actor
    require(rules.can_keep_diary(actor))
    return render(request, "support/caseload.html", {"rows": selectors.caseload(actor.person)})


@require_GET
@signed_in
def mine(request):
    actor = request.actor
    require(actor.is_authenticated)
    agreements = list(selectors.agreements_for(actor).filter(person_id=actor.person_id).order_by("-started_on", "-id"))
    current = next((a for a in agreements if a.is_open), None)
    return render(
        request,
        "support/mine.html",
        {
            "agreements": agreements,
            "current": current,
            "sessions": selectors.numbered_sessions(current) if current else [],
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def agreement_new(request, person_id: int):
    person = get_person_for(request, person_id, rules.can_start_agreement)
    actor = request.actor
    usual = SupportSettings.for_organisation(person.organisation_id)
    form = NewAgreementForm(request.POST or None, initial={"planned_sessions": usual.planned_sessions})
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_start(person=person, worker=actor.person, actor=actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The support agreement has been saved.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(request, "support/agreement_form.html", {"form": form, "person": person, "usual": usual})


@require_GET
@signed_in
def agreement(request, agreement_id: int):
    agreement = _agreement(request, agreement_id)
    actor = request.actor
    return render(
        request,
        "support/agreement_detail.html",
        {
            "agreement": agreement,
            "sessions": selectors.numbered_sessions(agreement),
            "changes": list(agreement.plan_changes.select_related("recorded_by__person")),
            "can_manage": rules.can_manage_agreement(actor, agreement).allowed and agreement.is_open,
            "can_end": rules.can_end_agreement(actor, agreement).allowed and agreement.is_open,
            "can_read_notes": rules.can_read_notes(actor, agreement).allowed,
            "is_self": actor.is_self(agreement.person_id),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def agreement_edit(request, agreement_id: int):
    agreement = _agreement(request, agreement_id, rules.can_write_notes)
    form = AgreementForm(
        request.POST or None,
        initial={f: getattr(agreement, f) for f in ("goals", "person_hopes", "worker_hopes", "contact_arrangements")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(agreement=agreement, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(request, "support/simple_form.html", {"form": form, "title": "Agreement", "agreement": agreement})


@require_http_methods(["GET", "POST"])
@signed_in
def plan(request, agreement_id: int):
    agreement = _agreement(request, agreement_id, rules.can_manage_agreement)
    form = PlanChangeForm(
        request.POST or None,
        initial={"planned_sessions": agreement.planned_sessions, "planned_end_on": agreement.planned_end_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_change(agreement=agreement, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The plan has changed.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(
        request, "support/simple_form.html", {"form": form, "title": "Change the plan", "agreement": agreement}
    )


@require_http_methods(["GET", "POST"])
@signed_in
def ending(request, agreement_id: int):
    agreement = _agreement(request, agreement_id, rules.can_end_agreement)
    form = EndingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_end(agreement=agreement, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Support has ended. Thank you both.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(
        request,
        "support/simple_form.html",
        {
            "form": form,
            "title": "A planned ending",
            "agreement": agreement,
            "intro": "Look back at the goals together, agree what to carry on with (groups, networks), "
            "and invite feedback.",
        },
    )


# --- Sessions and the diary ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def session_new(request, agreement_id: int):
    agreement = _agreement(request, agreement_id, rules.can_manage_agreement)
    form = SessionForm(
        request.POST or None, initial={"starts_at": default_start(), "minutes": agreement.session_minutes_min}
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_schedule(agreement=agreement, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            clashes = selectors.clashes_with(session.worker_id, session.starts_at, session.minutes, session.pk)
            if clashes:
                messages.warning(request, "This session clashes with another in the diary. Please check the week.")
            else:
                messages.success(request, "The session is in the diary.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(
        request, "support/simple_form.html", {"form": form, "title": "Plan a session", "agreement": agreement}
    )


@require_http_methods(["GET", "POST"])
@signed_in
def session_record(request, session_id: int):
    session = get_object_or_404(Session.objects.select_related("agreement__person", "agreement__worker"), pk=session_id)
    agreement = session.agreement
    enforce(rules.can_manage_agreement(request.actor, agreement))
    form = SessionRecordForm(request.POST or None, initial={"minutes": session.minutes})
    note_form = (
        NoteForm(request.POST or None, prefix="note") if rules.can_write_notes(request.actor, agreement) else None
    )
    if request.method == "POST" and form.is_valid():
        text = request.POST.get("note-text", "").strip()
        try:
            with transaction.atomic():
                services.session_record(session=session, actor=request.actor, **form.cleaned_data)
                if text and note_form is not None:
                    services.note_write(agreement=agreement, session=session, text=text, actor=request.actor)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The session has been recorded.")
            return redirect("support:agreement", agreement_id=agreement.pk)
    return render(
        request,
        "support/session_record.html",
        {"form": form, "note_form": note_form, "session": session, "agreement": agreement},
    )


@require_GET
@signed_in
def diary(request):
    actor = request.actor
    require(rules.can_keep_diary(actor))
    try:
        start = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        start = timezone.localdate()
    start = selectors.week_start(start)
    return render(
        request,
        "support/diary.html",
        {
            "days": selectors.diary_week(actor.person, start),
            "start": start,
            "previous": start - timedelta(days=7),
            "next": start + timedelta(days=7),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def calendar(request):
    actor = request.actor
    require(rules.can_keep_diary(actor))
    if request.method == "POST":
        services.calendar_feed_reset(worker=actor.person, actor=actor)
        messages.success(request, "Your calendar link has been changed. The old link no longer works.")
        return redirect("support:calendar")
    feed = CalendarFeed.objects.filter(worker=actor.person).first()
    url = settings.SITE_URL + reverse("support:ical", args=[feed.token]) if feed else ""
    return render(request, "support/calendar.html", {"feed": feed, "url": url})


@require_GET
def ical(request, token: str):
    require(True)  # the secret link is the permission; revoking it replaces the secret
    feed = CalendarFeed.objects.filter(token=token).select_related("worker").first()
    if feed is None:
        raise Http404("Not found")
    since = timezone.now() - timedelta(days=60)
    sessions = (
        Session.objects.filter(worker=feed.worker, starts_at__gte=since)
        .exclude(status=Session.Status.CANCELLED)
        .select_related("agreement__person")
    )
    cal = Calendar()
    cal.add("prodid", "-//Mutuality//Peer support diary//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Peer support sessions")
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@mutuality")
        # Only the display name: a calendar app is outside our walls.
        event.add("summary", f"Peer support: {session.agreement.person.display_name}")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.created_at)
        event.add("location", session.place or session.get_mode_display())
        cal.add_component(event)
    return HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")


# --- Notes -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def notes(request, agreement_id: int):
    agreement = _agreement(request, agreement_id, rules.can_read_notes)
    actor = request.actor
    can_write = rules.can_write_notes(actor, agreement).allowed
    form = NoteForm(request.POST or None) if can_write else None
    if request.method == "POST":
        enforce(rules.can_write_notes(actor, agreement))
        if form.is_valid():
            try:
                services.note_write(agreement=agreement, text=form.cleaned_data["text"], actor=actor)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The note is saved. It is visible to both of you.")
                return redirect("support:notes", agreement_id=agreement.pk)
    return render(
        request,
        "support/notes.html",
        {
            "agreement": agreement,
            "notes": selectors.notes_for(actor, agreement),
            "form": form,
            "can_write": can_write,
            "can_comment": rules.can_comment_on_notes(actor, agreement).allowed,
            "comment_form": CommentForm(),
            "recipients": selectors.sharing_recipients(agreement.person) if can_write else [],
            "is_self": actor.is_self(agreement.person_id),
        },
    )


@require_POST
@signed_in
def note_comment(request, note_id: int):
    note = _note(request, note_id, rules.can_comment_on_notes)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.note_comment(note=note, actor=request.actor, **form.cleaned_data)
        messages.success(request, "Thank you. Your peer worker will see this.")
    else:
        messages.error(request, "Please write your comment.")
    return redirect("support:notes", agreement_id=note.agreement_id)


@require_http_methods(["GET", "POST"])
@signed_in
def note_amend(request, note_id: int):
    note = _note(request, note_id, rules.can_write_notes)
    form = AmendForm(request.POST or None, initial={"text": note.text, "version": note.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.note_amend(
                note=note,
                actor=request.actor,
                text=form.cleaned_data["text"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The note is amended; what it said before is kept.")
            return redirect("support:notes", agreement_id=note.agreement_id)
    return render(
        request, "support/simple_form.html", {"form": form, "title": "Amend a note", "agreement": note.agreement}
    )


@require_POST
@signed_in
def note_share(request, note_id: int):
    note = _note(request, note_id, rules.can_write_notes)
    form = ShareForm(request.POST, recipients=selectors.sharing_recipients(note.agreement.person))
    recipient = request.POST.get("recipient", "")
    try:
        if not form.is_valid():
            raise ServiceError(
                "This note cannot be shared: the person has not agreed to share notes with that named person."
            )
        services.note_share(note=note, recipient=recipient, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Shared with {recipient}. {note.agreement.person.display_name} can see this.")
    return redirect("support:notes", agreement_id=note.agreement_id)


@require_http_methods(["GET", "POST"])
@signed_in
def organisation_settings(request):
    actor = request.actor
    orgs = rules.settings_orgs(actor)
    require(bool(orgs))
    usual = SupportSettings.for_organisation(min(orgs))
    form = SettingsForm(request.POST or None, instance=usual)
    if request.method == "POST" and form.is_valid():
        services.settings_save(form=form, actor=actor)
        messages.success(request, "Saved. New agreements and the triage queue use these numbers.")
        return redirect("support:settings")
    return render(request, "support/settings.html", {"form": form, "organisation": usual.organisation})
