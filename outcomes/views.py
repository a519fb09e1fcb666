from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import outcomes as rules
from access.shortcuts import enforce, get_person_for, require, signed_in
from mutuality.errors import ServiceError
from outcomes import analysis, selectors, services
from outcomes.exports import export_csv
from outcomes.forms import DischargeForm, ImportForm, PeriodForm, ServiceUseForm, UnitCostForm
from outcomes.models import DEFAULT_UNIT_COSTS, CostItem, ServiceUse
from people.models import Organisation


def _organisation(request, allowed: frozenset[int]) -> Organisation:
    """The organisation a page is about: ``?org=<slug>`` among those allowed, else the first."""
    require(bool(allowed))
    choices = list(selectors.organisations(allowed))
    slug = request.GET.get("org") or request.POST.get("org")
    if slug:
        for organisation in choices:
            if organisation.slug == slug:
                return organisation
    return choices[0]


def _period(request) -> tuple[PeriodForm, date, date]:
    """The period asked for in the query string; the last three years when none (or a bad one) is given."""
    form = PeriodForm(request.GET or None)
    start, end = analysis.default_period()
    if form.is_valid():
        end = form.cleaned_data.get("end") or end
        start = form.cleaned_data.get("start") or analysis.default_period(end)[0]
    return form, start, end


@require_GET
@signed_in
def overview(request):
    actor = request.actor
    organisation = _organisation(request, rules.analysis_orgs(actor))
    form, start, end = _period(request)
    stats = selectors.stats_for(organisation, start, end)
    table = []
    for day in analysis.AT_RISK_DAYS:
        row = {"day": day, "cells": []}
        for curve in stats.curves:
            row["cells"].append({"point": analysis.survival_at(curve, day), "at_risk": dict(curve.at_risk)[day]})
        table.append(row)
    return render(
        request,
        "outcomes/overview.html",
        {
            "organisation": organisation,
            "organisations": selectors.organisations(rules.analysis_orgs(actor)),
            "form": form,
            "stats": stats,
            "chart": analysis.km_chart_png(stats.curves) if stats.curves else "",
            "table": table,
            "can_import": rules.can_import_outcomes(actor, organisation.pk).allowed,
            "can_set_costs": rules.can_set_unit_costs(actor, organisation.pk).allowed,
        },
    )


@require_GET
@signed_in
def export(request):
    """The analysis data behind the page, one row per person, research numbers only."""
    actor = request.actor
    organisation = _organisation(request, rules.analysis_orgs(actor))
    _form, start, end = _period(request)
    text = export_csv(organisation_ids=[organisation.pk], start=start, end=end, actor=actor)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="outcomes-{organisation.slug}-{start}-{end}.csv"'
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def person_outcomes(request, person_id: int):
    person = get_person_for(request, person_id, rules.can_view_outcomes_of)
    actor = request.actor
    can_record = rules.can_record_outcomes(actor, person).allowed
    form = ServiceUseForm(request.POST or None)
    if request.method == "POST":
        enforce(rules.can_record_outcomes(actor, person))
        if form.is_valid():
            try:
                services.service_use_record(
                    person=person,
                    kind=form.cleaned_data["kind"],
                    started_on=form.cleaned_data["started_on"],
                    ended_on=form.cleaned_data["ended_on"],
                    is_readmission=form.cleaned_readmission(),
                    actor=actor,
                )
            except ServiceError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "Recorded.")
                return redirect("outcomes:person", person_id=person.pk)
    return render(
        request,
        "outcomes/person.html",
        {
            "person": person,
            "uses": selectors.uses_for_person(actor, person),
            "form": form if can_record else None,
            "can_record": can_record,
            "is_self": actor.is_self(person.pk),
        },
    )


def _use_for(request, use_id: int) -> ServiceUse:
    use = get_object_or_404(ServiceUse.objects.select_related("person__organisation"), pk=use_id)
    enforce(rules.can_record_outcomes(request.actor, use.person))
    return use


@require_POST
@signed_in
def discharge(request, use_id: int):
    use = _use_for(request, use_id)
    form = DischargeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please give the discharge date as a date.")
    else:
        try:
            services.service_use_discharge(use=use, ended_on=form.cleaned_data["ended_on"], actor=request.actor)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Discharge recorded.")
    return redirect("outcomes:person", person_id=use.person_id)


@require_POST
@signed_in
def remove(request, use_id: int):
    use = _use_for(request, use_id)
    services.service_use_remove(use=use, actor=request.actor)
    messages.success(request, "The record entered in error has been removed.")
    return redirect("outcomes:person", person_id=use.person_id)


@require_http_methods(["GET", "POST"])
@signed_in
def import_file(request):
    actor = request.actor
    organisation = _organisation(request, actor.orgs_with("coordinator"))
    enforce(rules.can_import_outcomes(actor, organisation.pk))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.outcomes_import(
            organisation=organisation, data=upload.read(), filename=upload.name, actor=actor
        )
        if result.ok:
            messages.success(request, f"{result.rows} records imported from {upload.name}.")
            return redirect("outcomes:import")
    return render(
        request,
        "outcomes/import.html",
        {
            "organisation": organisation,
            "form": form,
            "result": result,
            "batches": selectors.recent_imports(organisation),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def costs(request):
    actor = request.actor
    organisation = _organisation(request, actor.orgs_with("coordinator", "administrator"))
    enforce(rules.can_set_unit_costs(actor, organisation.pk))
    form = UnitCostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_cost_set(organisation=organisation, actor=actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Unit cost saved.")
            return redirect("outcomes:costs")
    defaults = [
        {"item": CostItem(item).label, "amount": amount, "source": source}
        for item, (amount, source) in DEFAULT_UNIT_COSTS.items()
    ]
    return render(
        request,
        "outcomes/costs.html",
        {"organisation": organisation, "form": form, "costs": selectors.unit_costs(organisation), "defaults": defaults},
    )
