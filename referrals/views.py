from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import referrals as rules
from access.shortcuts import enforce, get_person_for, require, signed_in
from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from people.models import Organisation
from referrals import selectors, services
from referrals.forms import (
    DeclineForm,
    PreferencesForm,
    SelfReferralForm,
    StaffReferralForm,
    TransitionForm,
    WorkerProfileForm,
)
from referrals.matching import shortlist
from referrals.models import SLOTS, Offer, Referral, WorkerProfile
from web.idempotency import create_once, submission_claim, submission_complete

# --- Public self-referral ------------------------------------------------------


@require_http_methods(["GET", "POST"])
def refer(request):
    require(True)  # open to everyone, with or without an account
    form = SelfReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thanks = reverse("referrals:refer_thanks")
        if form.is_spam:
            return redirect(thanks)  # say nothing different to automated senders; save nothing
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if submission_claim(data["submission_token"], scope="self-referral") is not None:
                    return redirect(thanks)
                services.referral_create(
                    organisation=data["organisation"],
                    route=Referral.Route.SELF,
                    display_name=data["display_name"],
                    email=data["email"],
                    phone=data["phone"],
                    contact_notes=data["contact_notes"],
                    postcode_district=data["postcode_district"],
                    submitted_from=services.address_hash(request.META.get("REMOTE_ADDR", "")),
                    actor=request.actor,
                )
                submission_complete(data["submission_token"], thanks)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect(thanks)
    return render(request, "referrals/refer.html", {"form": form})


@require_GET
def refer_thanks(request):
    require(True)
    return render(request, "referrals/refer_thanks.html")


# --- Coordinators: triage -------------------------------------------------------


@require_GET
@signed_in
def queue(request):
    actor = request.actor
    require(rules.can_triage(actor))
    status = request.GET.get("status", "open")
    route = request.GET.get("route", "")
    page = Paginator(selectors.referrals_for(actor, status=status, route=route), 50).get_page(request.GET.get("page"))
    rows = selectors.with_ages(page.object_list)
    if request.GET.get("overdue"):
        rows = [row for row in rows if row["overdue"]]
    return render(
        request,
        "referrals/queue.html",
        {
            "page": page,
            "rows": rows,
            "status": status,
            "route": route,
            "overdue": bool(request.GET.get("overdue")),
            "statuses": Referral.Status.choices,
            "routes": Referral.Route.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def create(request):
    actor = request.actor
    require(rules.can_triage(actor))
    organisation = Organisation.objects.filter(pk__in=rules.coordinated_orgs(actor)).order_by("name").first()
    form = StaffReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def make():
            referral = services.referral_create(
                organisation=organisation,
                actor=actor,
                **form.action_data,
            )
            return reverse("referrals:detail", args=[referral.pk])

        response = create_once(
            request,
            form,
            scope="referral",
            make=make,
            fallback=reverse("referrals:queue"),
            success="The referral has been added to the queue.",
        )
        if response:
            return response
    return render(request, "referrals/referral_form.html", {"form": form, "organisation": organisation})


def _referral(request, referral_id: int, rule=rules.can_view_referral) -> Referral:
    referral = get_object_or_404(Referral.objects.select_related("person", "organisation"), pk=referral_id)
    enforce(rule(request.actor, referral))
    return referral


@require_GET
@signed_in
def detail(request, referral_id: int):
    referral = _referral(request, referral_id)
    actor = request.actor
    manage = rules.can_manage_referral(actor, referral).allowed
    context = {
        "referral": referral,
        "offers": selectors.offers_for_person(referral),
        "can_manage": manage,
        "can_choose": rules.can_choose(actor, referral).allowed and referral.status == Referral.Status.CHOOSING,
        "is_self": actor.is_self(referral.person_id),
    }
    if manage:
        context.update(
            {
                "events": list(referral.events.select_related("by__person").all()),
                "transition_form": TransitionForm(initial={"to_status": _next_default(referral)}),
                "next_statuses": services.NEXT[referral.status],
                "preferences_form": PreferencesForm(instance=referral),
                "candidates": shortlist(referral)
                if referral.status in (Referral.Status.CONTACTED, Referral.Status.CHOOSING)
                else [],
                "age": selectors.with_ages([referral])[0],
            }
        )
    return render(request, "referrals/referral_detail.html", context)


def _next_default(referral: Referral) -> str:
    order = [Referral.Status.CONTACTED, Referral.Status.CHOOSING, Referral.Status.CLOSED]
    return next((s for s in order if s in services.NEXT[referral.status]), "")


@require_POST
@signed_in
def transition(request, referral_id: int):
    referral = _referral(request, referral_id, rules.can_manage_referral)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.referral_transition(referral=referral, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The referral has moved on.")
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("referrals:detail", referral_id=referral.pk)


@require_POST
@signed_in
def preferences(request, referral_id: int):
    referral = _referral(request, referral_id, rules.can_manage_referral)
    form = PreferencesForm(request.POST, instance=referral)
    if form.is_valid():
        with transaction.atomic():
            form.save()
            record(
                actor=request.actor, action=AuditEvent.Action.UPDATE, target=referral, summary="Matching preferences"
            )
        messages.success(request, "Preferences saved. The shortlist below reflects them.")
    else:
        messages.error(request, "Those preferences could not be saved. Please check them.")
    return redirect("referrals:detail", referral_id=referral.pk)


@require_POST
@signed_in
def offer(request, referral_id: int):
    referral = _referral(request, referral_id, rules.can_manage_referral)
    try:
        worker_ids = [int(pk) for pk in request.POST.getlist("worker")]
    except ValueError:
        worker_ids = []
    try:
        made = services.offers_make(referral=referral, worker_ids=worker_ids, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{len(made)} peer worker(s) offered. The person can now choose.")
    return redirect("referrals:detail", referral_id=referral.pk)


@require_POST
@signed_in
def choose(request, offer_id: int):
    chosen = get_object_or_404(Offer.objects.select_related("referral", "worker"), pk=offer_id)
    enforce(rules.can_choose(request.actor, chosen.referral))
    try:
        services.offer_choose(offer=chosen, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"You chose {chosen.worker.display_name}. They will reply soon.")
    return redirect("referrals:detail", referral_id=chosen.referral_id)


@require_GET
@signed_in
def offers_waiting(request):
    actor = request.actor
    require(actor.has_role("worker"))
    return render(request, "referrals/offers_waiting.html", {"offers": selectors.offers_waiting_for(actor)})


@require_http_methods(["GET", "POST"])
@signed_in
def answer(request, offer_id: int):
    chosen = get_object_or_404(Offer.objects.select_related("referral__person", "worker"), pk=offer_id)
    enforce(rules.can_answer_offer(request.actor, chosen))
    form = DeclineForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("decision") == "accept":
                services.offer_accept(offer=chosen, actor=request.actor)
                messages.success(request, f"You are now supporting {chosen.referral.person.display_name}.")
                return redirect("referrals:offers_waiting")
            if form.is_valid():
                services.offer_decline(offer=chosen, reason=form.cleaned_data["reason"], actor=request.actor)
                messages.success(request, "Thank you. The coordinator will help the person choose again.")
                return redirect("referrals:offers_waiting")
        except ServiceError as error:
            form.add_error(None, str(error))
    return render(request, "referrals/answer.html", {"offer": chosen, "form": form})


@require_http_methods(["GET", "POST"])
@signed_in
def worker_profile(request, person_id: int):
    worker = get_person_for(request, person_id, rules.can_edit_worker_profile)
    profile = WorkerProfile.objects.filter(worker=worker).first() or WorkerProfile(worker=worker)
    initial = {
        "availability": [str(bit) for bit, _label in SLOTS if profile.availability & (1 << bit)],
        "meets_in_person": profile.meets_in_person,
        "meets_online": profile.meets_online,
        "travel_km": profile.travel_km,
    }
    form = WorkerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.worker_profile_save(worker=worker, actor=request.actor, **form.cleaned_data)
        messages.success(request, "Saved. New shortlists use this straight away.")
        return redirect("referrals:worker_profile", person_id=worker.pk)
    return render(request, "referrals/worker_profile.html", {"form": form, "worker": worker})
