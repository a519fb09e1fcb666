from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import evaluation as rules
from access.shortcuts import enforce, require, signed_in
from jobs.services import job_start
from mutuality.errors import ServiceError
from mutuality.pdf import render_pdf
from people.models import ConsentScope, Organisation, Person
from people.selectors import consenting
from web.idempotency import create_once

from . import forms, selectors, services, stats
from .models import Evaluation, InstrumentVersion, Participant, Response, Wave
from .scoring import clean_answer, is_shown, options_of


def _org_for(actor, roles) -> Organisation:
    orgs = actor.orgs_with(*roles)
    return Organisation.objects.filter(pk__in=orgs).order_by("name").first()


@require_GET
@signed_in
def home(request):
    actor = request.actor
    require(rules.can_use_evaluation(actor))
    return render(
        request,
        "evaluation/home.html",
        {
            "evaluations": selectors.evaluations_for(actor),
            "instruments": selectors.instruments_for(actor),
            "can_build": rules.can_build_instruments(actor),
        },
    )


# --- Instruments -------------------------------------------------------------------


def _version_for(request, version_id: int, rule=rules.can_view_instrument) -> InstrumentVersion:
    version = get_object_or_404(InstrumentVersion.objects.select_related("instrument"), pk=version_id)
    enforce(rule(request.actor, version.instrument))
    return version


@require_GET
@signed_in
def instrument_detail(request, version_id: int):
    version = _version_for(request, version_id)
    version = selectors.version_with_items(version.pk)
    items = list(version.items.all())
    sections = [
        {"section": section, "items": [(i, options_of(i)) for i in items if i.section_id == section.pk]}
        for section in version.sections.all()
    ]
    return render(
        request,
        "evaluation/instrument_detail.html",
        {
            "version": version,
            "sections": sections,
            "can_edit": rules.can_edit_instrument(request.actor, version.instrument).allowed,
            "item_form": forms.ItemForm(),
            "other_versions": version.instrument.versions.exclude(pk=version.pk).order_by("-number"),
        },
    )


@require_http_methods(["GET", "POST"])
@signed_in
def instrument_create(request):
    actor = request.actor
    require(rules.can_build_instruments(actor))
    form = forms.InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            version = services.instrument_create(
                definition={"code": data["code"], "name": data["name"], "description": data["description"]},
                organisation=_org_for(actor, rules.BUILDERS),
                actor=actor,
            )
            return reverse("evaluation:instrument", args=[version.pk])

        response = create_once(
            request,
            form,
            scope="instrument",
            make=make,
            fallback=reverse("evaluation:home"),
            success="Instrument created. Now add its questions.",
        )
        if response:
            return response
    return render(request, "evaluation/form.html", {"form": form, "title": "New instrument"})


@require_POST
@signed_in
def item_add(request, version_id: int):
    version = _version_for(request, version_id, rules.can_edit_instrument)
    form = forms.ItemForm(request.POST)
    if form.is_valid():
        try:
            services.item_add(
                version=version, item=form.item(), section_title=form.cleaned_data["section"], actor=request.actor
            )
            messages.success(request, "Question added.")
        except ServiceError as error:
            messages.error(request, str(error))
    else:
        messages.error(
            request,
            "The question was not added: "
            + "; ".join(
                f"{form.fields[name].label or name}: {' '.join(errors)}" for name, errors in form.errors.items()
            ),
        )
    return redirect("evaluation:instrument", version_id=version.pk)


@require_POST
@signed_in
def version_publish(request, version_id: int):
    version = _version_for(request, version_id, rules.can_edit_instrument)
    try:
        services.version_publish(version=version, actor=request.actor)
        messages.success(request, "Published. It can now be used in evaluations; it will not change.")
    except ServiceError as error:
        messages.error(request, str(error))
    return redirect("evaluation:instrument", version_id=version.pk)


@require_POST
@signed_in
def version_new(request, version_id: int):
    version = _version_for(request, version_id, rules.can_edit_instrument)
    new = services.version_new(version=version, actor=request.actor)
    messages.success(request, f"Version {new.number} is a draft copy you can change.")
    return redirect("evaluation:instrument", version_id=new.pk)


@require_http_methods(["GET", "POST"])
@signed_in
def instrument_import(request):
    actor = request.actor
    require(rules.can_build_instruments(actor))
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version, report = services.instrument_import(
                name=upload.name, content=upload.read(), actor=actor, organisation=_org_for(actor, rules.BUILDERS)
            )
            return render(request, "evaluation/import_report.html", {"version": version, "report": report})
        except ServiceError as error:
            form.add_error("file", str(error))
    return render(request, "evaluation/form.html", {"form": form, "title": "Import an instrument", "multipart": True})


# --- Evaluations ---------------------------------------------------------------------


def _evaluation_for(request, evaluation_id: int, rule=rules.can_view_evaluation) -> Evaluation:
    evaluation = get_object_or_404(Evaluation, pk=evaluation_id)
    enforce(rule(request.actor, evaluation))
    return evaluation


@require_http_methods(["GET", "POST"])
@signed_in
def evaluation_create(request):
    actor = request.actor
    require(rules.can_build_instruments(actor))
    organisation = _org_for(actor, rules.BUILDERS)
    versions = InstrumentVersion.objects.filter(
        status=InstrumentVersion.Status.PUBLISHED, instrument__in=selectors.instruments_for(actor)
    ).select_related("instrument")
    form = forms.EvaluationForm(request.POST or None, versions=versions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            common = {
                "organisation": organisation,
                "name": data["name"],
                "anchor_date": data["anchor_date"],
                "actor": actor,
            }
            if data["template"] == "devon_course":
                evaluation = services.evaluation_create_devon(**common)
            else:
                evaluation = services.evaluation_create(
                    **common,
                    template=data["template"],
                    waves=data["waves"] or None,
                    cohort_kind=data["cohort_kind"],
                    cohort_label=data["cohort_label"],
                    instruments=list(data["instruments"]),
                )
            return reverse("evaluation:detail", args=[evaluation.pk])

        response = create_once(
            request,
            form,
            scope="evaluation",
            make=make,
            fallback=reverse("evaluation:home"),
            success="Evaluation set up. Now enrol the people taking part.",
        )
        if response:
            return response
    return render(request, "evaluation/form.html", {"form": form, "title": "New evaluation"})


@require_GET
@signed_in
def evaluation_detail(request, evaluation_id: int):
    evaluation = _evaluation_for(request, evaluation_id)
    actor = request.actor
    can_analyse = rules.can_analyse_evaluation(actor, evaluation).allowed
    method = request.GET.get("quantiles", "default")
    method = method if method in stats.QUANTILES else "default"
    context = {
        "evaluation": evaluation,
        "waves": evaluation.waves.prefetch_related("instruments__instrument").order_by("position"),
        "response": stats.response_rates(evaluation),
        "can_analyse": can_analyse,
        "can_enrol": rules.can_enrol(actor, evaluation).allowed,
        "method": method,
        "export_form": forms.ExportForm(),
    }
    if context["can_enrol"]:
        context["entry_rows"] = selectors.analysable_participants(evaluation).order_by("research_number")
    if can_analyse:
        data = selectors.dataset(evaluation)
        context["descriptives"] = stats.descriptives(evaluation, method, data)
        context["participants"] = (
            selectors.analysable_participants(evaluation)
            .order_by("research_number")
            .values_list("research_number", flat=True)
        )
    return render(request, "evaluation/evaluation_detail.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def enrol(request, evaluation_id: int):
    evaluation = _evaluation_for(request, evaluation_id, rules.can_enrol)
    people = (
        Person.objects.filter(organisation_id=evaluation.organisation_id)
        .filter(consenting(ConsentScope.EVALUATION))
        .order_by("display_name")
    )
    form = forms.EnrolForm(request.POST or None, people=people)
    list_error = ""
    if request.method == "POST" and request.FILES.get("list"):
        try:
            enrolled = services.participants_import(
                evaluation=evaluation, content=request.FILES["list"].read(), actor=request.actor
            )
            messages.success(request, f"{len(enrolled)} people enrolled from the list.")
            return redirect("evaluation:detail", evaluation_id=evaluation.pk)
        except ServiceError as error:
            form = forms.EnrolForm(people=people)
            list_error = str(error)
    elif request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_enrol(
                evaluation=evaluation,
                person=form.cleaned_data["person"],
                research_number=form.cleaned_data["research_number"],
                actor=request.actor,
            )
            messages.success(request, f"Enrolled with research number {participant.research_number}.")
            return redirect("evaluation:enrol", evaluation_id=evaluation.pk)
        except ServiceError as error:
            form.add_error(None, str(error))
    return render(request, "evaluation/enrol.html", {"form": form, "evaluation": evaluation, "list_error": list_error})


@require_POST
@signed_in
def export(request, evaluation_id: int):
    evaluation = _evaluation_for(request, evaluation_id, rules.can_analyse_evaluation)
    form = forms.ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please choose a format.")
        return redirect("evaluation:detail", evaluation_id=evaluation.pk)
    from .tasks import export_task

    job = job_start(
        task=export_task,
        kind="evaluation.export",
        title=f"Export of {evaluation.name} ({form.cleaned_data['format']})",
        actor=request.actor,
        organisation=evaluation.organisation,
        params={"evaluation_id": evaluation.pk, **form.cleaned_data},
    )
    return redirect("jobs:detail", job_id=job.pk)


# --- Completing questionnaires ---------------------------------------------------------


@require_GET
@signed_in
def mine(request):
    actor = request.actor
    participations = rules.participations_of(actor.person_id).select_related("evaluation")
    return render(
        request,
        "evaluation/mine.html",
        {"rows": [(p, selectors.participant_waves(p)) for p in participations]},
    )


def _questionnaire(request, participant_id: int, wave_id: int, version_id: int, rule):
    participant = get_object_or_404(Participant.objects.select_related("evaluation"), pk=participant_id)
    enforce(rule(request.actor, participant))
    wave = get_object_or_404(Wave, pk=wave_id, evaluation_id=participant.evaluation_id)
    version = get_object_or_404(wave.instruments.select_related("instrument"), pk=version_id)
    return participant, wave, version


@require_http_methods(["GET", "POST"])
@signed_in
def complete(request, participant_id: int, wave_id: int, version_id: int):
    participant, wave, version = _questionnaire(request, participant_id, wave_id, version_id, rules.can_complete)
    return _answer_page(request, participant, wave, version, staff=False)


@require_http_methods(["GET", "POST"])
@signed_in
def enter(request, participant_id: int, wave_id: int, version_id: int):
    participant, wave, version = _questionnaire(request, participant_id, wave_id, version_id, rules.can_enter_on_behalf)
    return _answer_page(request, participant, wave, version, staff=True)


def _answer_page(request, participant, wave, version, *, staff: bool):
    items = list(version.items.select_related("section"))
    response = Response.objects.filter(participant=participant, wave=wave, version=version).first()
    if request.GET.get("one") == "1" and not staff:
        return _one_at_a_time(request, participant, wave, version, items, response)
    form = forms.answers_form(
        items, forms.initial_from(response), staff=staff, data=request.POST if request.method == "POST" else None
    )
    differences = []
    if request.method == "POST" and form.is_valid():
        answers = forms.answers_from(form, items)
        complete = "save_for_later" not in request.POST
        if staff and form.cleaned_data.get("second_entry"):
            differences = services.paper_entries_differ(
                {k: v for k, v in answers.items() if not isinstance(v, list)},
                forms.parse_second_entry(form.cleaned_data["second_entry"]),
            )
        if not differences:
            try:
                services.response_save(
                    participant=participant,
                    wave=wave,
                    version=version,
                    answers=answers,
                    actor=request.actor,
                    mode=form.cleaned_data["mode"] if staff else Response.Mode.WEB,
                    complete=complete,
                )
                if complete:
                    messages.success(request, "Thank you. Your answers are saved." if not staff else "Answers saved.")
                else:
                    messages.success(request, "Saved. You can come back and finish later.")
                if staff:
                    return redirect("evaluation:detail", evaluation_id=participant.evaluation_id)
                return redirect("evaluation:mine")
            except ServiceError as error:
                form.add_error(None, str(error))
    return render(
        request,
        "evaluation/answer.html",
        {
            "participant": participant,
            "wave": wave,
            "version": version,
            "form": form,
            "staff": staff,
            "differences": differences,
            "response": response,
        },
    )


@require_GET
@signed_in
def paper_form(request, participant_id: int, wave_id: int, version_id: int):
    """A printable PDF of the questionnaire with the research number, for answering on paper."""
    participant, wave, version = _questionnaire(request, participant_id, wave_id, version_id, rules.can_enter_on_behalf)
    version = selectors.version_with_items(version.pk)
    items = list(version.items.all())
    sections = [
        {"section": s, "items": [(i, options_of(i)) for i in items if i.section_id == s.pk]}
        for s in version.sections.all()
    ]
    pdf = render_pdf(
        "evaluation/paper.html",
        {"participant": participant, "wave": wave, "version": version, "sections": sections},
        stylesheets=["evaluation/paper-form.css"],
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{participant.research_number}-{wave.position}-{version.instrument.code}.pdf"'
    )
    return response


def _variable(data, name: str):
    variable = next((v for v in data.variables if v.name == name), None)
    if variable is None:
        from django.http import Http404

        raise Http404("No such question or score")
    return variable


@require_GET
@signed_in
def chart(request, evaluation_id: int, variable: str):
    """Distribution per wave and change per person for one question or score, with the data beside."""
    evaluation = _evaluation_for(request, evaluation_id, rules.can_analyse_evaluation)
    data = selectors.dataset(evaluation)
    found = _variable(data, variable)
    from .charts import series_by_wave

    method = request.GET.get("quantiles", "default")
    method = method if method in stats.QUANTILES else "default"
    import numpy as np

    rows = []
    for label, values in series_by_wave(data, found.name):
        q1, median, q3 = stats.quantiles(np.array(values), method)
        rows.append(
            {
                "label": label,
                "n": len(values),
                "median": round(median, 2),
                "q1": round(q1, 2),
                "q3": round(q3, 2),
                "min": min(values),
                "max": max(values),
            }
        )
    positions = [w.position for w in data.waves]
    changes = []
    for i, first in enumerate(positions):
        for second in positions[i + 1 :]:
            change = stats.paired_change(data, found.name, first, second)
            if change["n"]:
                changes.append(change)
    return render(
        request,
        "evaluation/chart.html",
        {
            "evaluation": evaluation,
            "variable": found,
            "rows": rows,
            "changes": changes,
            "method": method,
            "definition": stats.QUANTILES[method][1],
            "waves": {w.position: w.label for w in data.waves},
        },
    )


@require_GET
@signed_in
def chart_image(request, evaluation_id: int, variable: str):
    evaluation = _evaluation_for(request, evaluation_id, rules.can_analyse_evaluation)
    data = selectors.dataset(evaluation)
    found = _variable(data, variable)
    from .charts import distribution_svg

    return HttpResponse(distribution_svg(data, found.name, found.label), content_type="image/svg+xml")


def _visible(items, answers: dict) -> list:
    values = {}
    for item in items:
        try:
            values[item.code] = clean_answer(item, answers.get(item.code))[0]
        except ServiceError:
            values[item.code] = None
    return [item for item in items if is_shown(item, values)]


def _one_at_a_time(request, participant, wave, version, items, response):
    """One question per page: each answer is saved as the person goes, so they can stop and come back."""
    existing = {k: v for k, v in forms.initial_from(response).items() if v not in ("", [], None)}
    visible = _visible(items, existing)
    try:
        step = max(0, min(int(request.GET.get("q", 0)), len(visible) - 1))
    except ValueError:
        step = 0
    item = visible[step]
    form = forms.answers_form([item], existing, data=request.POST if request.method == "POST" else None)
    base = reverse("evaluation:complete", args=[participant.pk, wave.pk, version.pk])
    if request.method == "POST" and form.is_valid():
        answers = {**existing, **forms.answers_from(form, [item])}
        if item.code not in forms.answers_from(form, [item]):
            answers.pop(item.code, None)
        now_visible = _visible(items, answers)
        codes = [i.code for i in now_visible]
        position = codes.index(item.code) if item.code in codes else step
        last = position >= len(now_visible) - 1
        finish = last and "save_for_later" not in request.POST
        try:
            services.response_save(
                participant=participant,
                wave=wave,
                version=version,
                answers=answers,
                actor=request.actor,
                complete=finish,
            )
            if finish:
                messages.success(request, "Thank you. Your answers are saved.")
                return redirect("evaluation:mine")
            if "save_for_later" in request.POST:
                messages.success(request, "Saved. You can come back and finish later.")
                return redirect("evaluation:mine")
            return redirect(f"{base}?one=1&q={position + 1}")
        except ServiceError as error:
            form.add_error(None, str(error))
    return render(
        request,
        "evaluation/answer.html",
        {
            "participant": participant,
            "wave": wave,
            "version": version,
            "form": form,
            "staff": False,
            "response": response,
            "one": {
                "number": step + 1,
                "of": len(visible),
                "last": step == len(visible) - 1,
                "back": f"{base}?one=1&q={step - 1}" if step else "",
            },
        },
    )
