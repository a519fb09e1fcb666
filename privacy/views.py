from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from access.rules import privacy as rules
from access.shortcuts import enforce, get_person_for, require, signed_in
from audit.services import record
from mutuality.errors import ServiceError
from people.models import Organisation
from privacy import collect, selectors, services, twofactor
from privacy.forms import CodeForm, LegalHoldForm, RefuseForm, RightsRequestForm
from privacy.models import LegalHold, RightsRequest
from web.idempotency import submission_claim, submission_complete


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Set up two-factor authentication (QR code), or manage it once it is on."""
    actor, user = request.actor, request.user
    required = twofactor.is_required(actor)
    enabled = twofactor.has_confirmed_device(user)
    context = {"required": required, "next": _next_url(request)}
    action = request.POST.get("action") if request.method == "POST" else None

    if enabled and user.is_verified():
        try:
            if action == "renew":
                codes = twofactor.recovery_codes_renew(user=user, actor=actor)
                return render(request, "privacy/recovery_codes.html", {"codes": codes, "next": "/two-factor/"})
            if action == "turn_off":
                twofactor.two_factor_turn_off(user=user, actor=actor)
                messages.success(request, "Two-factor authentication is off.")
                return redirect("privacy:two_factor")
        except ServiceError as error:
            messages.error(request, str(error))
        context["remaining"] = twofactor.remaining_recovery_codes(user)
        return render(request, "privacy/two_factor_on.html", context)
    if enabled:
        return redirect(f"/two-factor/verify/?next={context['next']}")

    form = CodeForm(request.POST if action == "confirm" else None)
    if form.is_valid():
        try:
            codes = twofactor.two_factor_confirm(request=request, token=form.cleaned_data["otp_token"], actor=actor)
        except ServiceError as error:
            form.add_error("otp_token", str(error))
        else:
            return render(request, "privacy/recovery_codes.html", {"codes": codes, "next": context["next"]})
    device = twofactor.pending_device(user)
    context.update(
        form=form,
        qr_code=twofactor.qr_code_data_uri(device),
        secret=twofactor.secret_for_typing(device),
    )
    return render(request, "privacy/two_factor_setup.html", context)


@never_cache
@signed_in
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    """Type a code from the authenticator app (or a recovery code) to finish signing in."""
    user = request.user
    next_url = _next_url(request)
    if user.is_verified():
        return redirect(next_url)
    if not twofactor.has_confirmed_device(user):
        return redirect(f"/two-factor/?next={next_url}")
    form = CodeForm(request.POST or None)
    if form.is_valid():
        try:
            twofactor.two_factor_verify(request=request, token=form.cleaned_data["otp_token"], actor=request.actor)
        except ServiceError as error:
            form.add_error("otp_token", str(error))
        else:
            return redirect(next_url)
    return render(request, "privacy/two_factor_verify.html", {"form": form, "next": next_url})


# --- People's rights ------------------------------------------------------------

FORMATS = {"json", "pdf"}


def _download(request, person, fmt: str, *, summary: str):
    if fmt not in FORMATS:
        raise Http404("Not found")
    data = collect.subject_access(person)
    record(
        actor=request.actor,
        action="export",
        target=person,
        organisation_id=person.organisation_id,
        summary=summary,
    )
    stamp = data["generated_at"][:10]
    if fmt == "json":
        response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="mutuality-records-{stamp}.json"'
        return response
    from django.contrib.staticfiles import finders
    from weasyprint import CSS, HTML

    html = render_to_string("privacy/subject_access.pdf.html", {"data": data})
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find("css/subject-access.css"))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mutuality-records-{stamp}.pdf"'
    return response


@signed_in
@require_GET
def my_data(request):
    """A person's own page for their information: download it, and how to ask for more."""
    return render(request, "privacy/my_data.html", {"person": request.actor.person})


@signed_in
@require_GET
def my_data_download(request, fmt: str):
    return _download(request, request.actor.person, fmt, summary="Own records downloaded")


@signed_in
@require_GET
def subject_access(request, person_id: int, fmt: str):
    person = get_person_for(request, person_id, rule=rules.can_handle_rights_for)
    return _download(request, person, fmt, summary="Subject access download produced")


@signed_in
@require_http_methods(["GET", "POST"])
def person_rights(request, person_id: int):
    """For a coordinator: log a rights request about this person; place or release a legal hold."""
    person = get_person_for(request, person_id, rule=rules.can_handle_rights_for)
    form = RightsRequestForm(request.POST if request.POST.get("action") == "request" else None)
    hold_form = LegalHoldForm(request.POST if request.POST.get("action") == "hold" else None)
    try:
        if form.is_valid():
            data = dict(form.cleaned_data)
            token = data.pop("submission_token")
            with transaction.atomic():
                earlier = submission_claim(token, scope="privacy.rights_request", user=request.user)
                if earlier is not None:
                    messages.info(request, "That request was already logged: here it is.")
                    return redirect(earlier or reverse("privacy:requests"))
                created = services.rights_request_create(subject=person, actor=request.actor, **data)
                submission_complete(token, reverse("privacy:request", kwargs={"request_id": created.pk}))
            messages.success(request, f"Request {created.reference} logged. It is due by {created.due_on:%-d %B %Y}.")
            return redirect("privacy:request", request_id=created.pk)
        if hold_form.is_valid():
            services.legal_hold_place(person=person, reason=hold_form.cleaned_data["reason"], actor=request.actor)
            messages.success(request, "Legal hold placed: these records will not be erased or expired.")
            return redirect("privacy:person_rights", person_id=person.pk)
        if request.POST.get("action") == "release":
            hold = get_object_or_404(LegalHold, pk=request.POST.get("hold"), person=person)
            services.legal_hold_release(hold=hold, actor=request.actor)
            messages.success(request, "Legal hold released.")
            return redirect("privacy:person_rights", person_id=person.pk)
    except ServiceError as error:
        messages.error(request, str(error))
    context = {
        "person": person,
        "form": form,
        "hold_form": hold_form,
        "holds": selectors.active_holds(person),
        "requests": RightsRequest.objects.filter(subject=person).order_by("-received_at"),
    }
    return render(request, "privacy/person_rights.html", context)


@signed_in
@require_GET
def request_list(request):
    require(rules.can_handle_rights(request.actor))
    return render(request, "privacy/request_list.html", {"requests": selectors.requests_for(request.actor)[:200]})


@signed_in
@require_http_methods(["GET", "POST"])
def request_detail(request, request_id: int):
    require(rules.can_handle_rights(request.actor))
    rights_request = get_object_or_404(selectors.requests_for(request.actor), pk=request_id)
    refuse_form = RefuseForm(request.POST if request.POST.get("action") == "refuse" else None)
    action = request.POST.get("action")
    try:
        if action == "carry_out":
            services.rights_request_carry_out(request=rights_request, actor=request.actor)
            messages.success(request, "Request carried out.")
            return redirect("privacy:request", request_id=rights_request.pk)
        if action == "lift":
            services.restriction_lift(request=rights_request, actor=request.actor)
            messages.success(request, "Restriction lifted.")
            return redirect("privacy:request", request_id=rights_request.pk)
        if refuse_form.is_valid():
            services.rights_request_refuse(
                request=rights_request, outcome=refuse_form.cleaned_data["outcome"], actor=request.actor
            )
            messages.success(request, "Request refused. Tell the person why, and that they may complain to the ICO.")
            return redirect("privacy:request", request_id=rights_request.pk)
    except ServiceError as error:
        messages.error(request, str(error))
    holds = selectors.active_holds(rights_request.subject) if rights_request.subject else []
    return render(
        request,
        "privacy/request_detail.html",
        {"rq": rights_request, "refuse_form": refuse_form, "holds": holds},
    )


@signed_in
@require_http_methods(["GET", "POST"])
def retention(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    enforce(rules.can_set_retention(request.actor, organisation.pk))
    types = collect.retention_types()
    if request.method == "POST":
        try:
            for entry in types:
                raw = request.POST.get(entry.key, "").strip()
                if raw == "" and entry.key not in request.POST:
                    continue
                if raw and not raw.isdigit():
                    raise ServiceError(f"{entry.label}: type a whole number of days, or leave it empty to keep.")
                services.retention_rule_set(
                    organisation=organisation, key=entry.key, days=int(raw) if raw else None, actor=request.actor
                )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Retention periods saved. The daily job applies them.")
            return redirect("privacy:retention", slug=slug)
    periods = collect.retention_periods(organisation)
    rows = [{"type": t, "days": periods[t.key]} for t in types]
    return render(request, "privacy/retention.html", {"organisation": organisation, "rows": rows})
