from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access import policy
from access.rules import privacy as privacy_rules
from access.shortcuts import enforce, get_person_for, require, signed_in
from audit.models import AuditEvent
from mutuality.concurrency import EditConflict
from mutuality.errors import ServiceError
from people import selectors, services
from people.forms import AccountForm, ConsentForm, PersonForm, RoleForm, SharingAgreementForm
from people.models import Organisation, Role, SharingAgreement


@require_GET
@signed_in
def me(request):
    return redirect("people:detail", person_id=request.actor.person_id)


@require_GET
@signed_in
def person_list(request):
    actor = request.actor
    require(policy.can_list_people(actor))
    search = request.GET.get("q", "")[:100]
    page = Paginator(selectors.people_for(actor, search=search), 50).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", {"page": page, "q": search})


@require_http_methods(["GET", "POST"])
@signed_in
def person_create(request):
    actor = request.actor
    organisations = Organisation.objects.filter(pk__in=actor.orgs_with("coordinator", "administrator"))
    require(organisations.exists())
    organisation = organisations.first()
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            person = services.person_create(
                organisation=organisation,
                actor=actor,
                languages=form.cleaned_data["languages"],
                themes=form.chosen_themes(),
                **form.profile_changes(),
            )
        messages.success(request, f"{person.display_name} has been added.")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "organisation": organisation})


@require_GET
@signed_in
def person_detail(request, person_id: int):
    person = get_person_for(request, person_id)
    actor = request.actor
    context = selectors.person_profile(actor, person)
    context.update(
        {
            "can_edit": policy.can_edit_person(actor, person).allowed,
            "can_view_consents": policy.can_view_consents(actor, person).allowed,
            "can_manage_roles": policy.can_manage_roles(actor, person).allowed,
            "is_self": actor.is_self(person.pk),
            "can_handle_rights": privacy_rules.can_handle_rights_for(actor, person).allowed,
        }
    )
    return render(request, "people/person_detail.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def person_edit(request, person_id: int):
    person = get_person_for(request, person_id, policy.can_edit_person)
    actor = request.actor
    show_words = policy.can_read_lived_experience(actor, person).allowed
    form = PersonForm(request.POST or None, instance=person, show_lived_experience=show_words)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.person_update(
                    person=person,
                    actor=actor,
                    expected_version=form.cleaned_data.get("version") or person.version,
                    changes=form.profile_changes(),
                    languages=form.cleaned_data["languages"],
                    themes=form.chosen_themes(),
                )
        except EditConflict as conflict:
            form.add_error(None, str(conflict))
        else:
            messages.success(request, "Saved.")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})


@require_http_methods(["GET", "POST"])
@signed_in
def person_consents(request, person_id: int):
    person = get_person_for(request, person_id, policy.can_view_consents)
    actor = request.actor
    can_record = policy.can_record_consent(actor, person).allowed
    form = ConsentForm(request.POST or None, initial={"method": "online" if actor.is_self(person.pk) else "in_person"})
    if request.method == "POST":
        enforce(policy.can_record_consent(actor, person))
        if form.is_valid():
            try:
                services.consent_record(person=person, actor=actor, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The consent decision has been recorded.")
                return redirect("people:consents", person_id=person.pk)
    return render(
        request,
        "people/person_consents.html",
        {
            "person": person,
            "current": selectors.current_consents(person),
            "history": selectors.consents_for(person),
            "form": form if can_record else None,
            "is_self": actor.is_self(person.pk),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def person_roles(request, person_id: int):
    person = get_person_for(request, person_id, policy.can_manage_roles)
    actor = request.actor
    role_form = RoleForm(request.POST if "grant" in request.POST else None)
    account_form = AccountForm(request.POST if "account" in request.POST else None, initial={"email": person.email})
    if request.method == "POST":
        try:
            if "grant" in request.POST and role_form.is_valid():
                services.role_grant(
                    person=person,
                    organisation=person.organisation,
                    actor=actor,
                    kind=role_form.cleaned_data["kind"],
                    worker_type=role_form.cleaned_data["worker_type"],
                )
                messages.success(request, "Role added.")
                return redirect("people:roles", person_id=person.pk)
            if "end" in request.POST:
                role = get_object_or_404(Role, pk=request.POST.get("end"), person=person)
                services.role_end(role=role, actor=actor)
                messages.success(request, "Role ended.")
                return redirect("people:roles", person_id=person.pk)
            if "active" in request.POST and person.user_id:
                active = request.POST["active"] == "on"
                services.account_set_active(user=person.user, active=active, actor=actor)
                messages.success(request, "The account is switched on." if active else "The account is switched off.")
                return redirect("people:roles", person_id=person.pk)
            if "account" in request.POST and account_form.is_valid():
                services.account_create(person=person, email=account_form.cleaned_data["email"], actor=actor)
                messages.success(request, "Account created. An email invites them to choose a password.")
                return redirect("people:roles", person_id=person.pk)
        except ServiceError as error:
            messages.error(request, str(error))
    roles = person.roles.select_related("organisation").order_by("-ended_on", "kind")
    return render(
        request,
        "people/person_roles.html",
        {"person": person, "roles": roles, "role_form": role_form, "account_form": account_form},
    )


# --- Organisations -------------------------------------------------------------


@require_GET
@signed_in
def organisation_list(request):
    organisations = selectors.organisations_for(request.actor)
    return render(request, "people/organisation_list.html", {"organisations": organisations})


def _organisation_for(request, slug: str, rule=policy.can_administer) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    enforce(rule(request.actor, organisation.pk))
    return organisation


@require_GET
@signed_in
def organisation_detail(request, slug: str):
    organisation = _organisation_for(request, slug)
    agreements = SharingAgreement.objects.filter(owner=organisation).select_related("recipient").order_by("-starts_on")
    received = SharingAgreement.objects.filter(recipient=organisation).select_related("owner").order_by("-starts_on")
    counts = {
        row["kind"]: row["n"]
        for row in Role.objects.filter(organisation=organisation, ended_on__isnull=True)
        .values("kind")
        .order_by()
        .annotate(n=Count("id"))
    }
    return render(
        request,
        "people/organisation_detail.html",
        {"organisation": organisation, "agreements": agreements, "received": received, "role_counts": counts},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def sharing_create(request, slug: str):
    organisation = _organisation_for(request, slug)
    form = SharingAgreementForm(request.POST or None, owner=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.sharing_agreement_create(owner=organisation, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The sharing agreement has been recorded.")
            return redirect("people:organisation", slug=organisation.slug)
    return render(request, "people/sharing_form.html", {"form": form, "organisation": organisation})


@require_POST
@signed_in
def sharing_end(request, slug: str, agreement_id: int):
    organisation = _organisation_for(request, slug)
    agreement = get_object_or_404(SharingAgreement, pk=agreement_id, owner=organisation)
    services.sharing_agreement_end(agreement=agreement, actor=request.actor)
    messages.success(request, "The sharing agreement has ended.")
    return redirect(reverse("people:organisation", kwargs={"slug": organisation.slug}))


@require_GET
@signed_in
def organisation_audit(request, slug: str):
    """The organisation's audit log, for its administrators."""
    organisation = _organisation_for(request, slug, policy.can_view_audit)
    action = request.GET.get("action", "")
    events = AuditEvent.objects.filter(organisation_id=organisation.pk).select_related("actor")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events.order_by("-at", "-id"), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "people/audit_log.html",
        {"organisation": organisation, "page": page, "actions": AuditEvent.Action.choices, "action": action},
    )
