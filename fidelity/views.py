"""Fidelity pages: thin, policy first. No page ranks workers against each other."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from access.rules import fidelity as rules
from access.shortcuts import enforce, require, signed_in
from audit.services import record_reads
from mutuality.errors import ServiceError
from people.models import Organisation, Person
from web.idempotency import create_once, submission_claim

from . import charts, selectors, services
from .forms import (
    ActionDoneForm,
    ActionForm,
    AnswersForm,
    AssessmentForm,
    AssessmentStartForm,
    ReflectionForm,
    RespondentForm,
    RoundForm,
    TeamForm,
    ValuesForm,
)
from .models import Action, Framework, Perspective, Principle, Respondent, Round, SelfAssessment, Team, ValuesStatement


def _org_id(request) -> int:
    return request.actor.person.organisation_id


def _png(data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@signed_in
def home(request):
    require(rules.can_use_fidelity(request.actor) or selectors.my_questionnaires(request.actor).exists())
    actor = request.actor
    questionnaires = list(selectors.my_questionnaires(actor))
    workers = list(selectors.supervised_workers(actor))
    org_id = _org_id(request)
    return render(
        request,
        "fidelity/home.html",
        {
            "questionnaires": questionnaires,
            "rounds": list(selectors.rounds_for(actor).order_by("-opened_on", "-pk")[:50]),
            "teams": list(selectors.teams_for(actor)),
            "frameworks": list(selectors.frameworks_for(actor)),
            "statements": list(ValuesStatement.objects.filter(organisation_id__in=rules.fidelity_orgs(actor))),
            "assessments": list(selectors.assessments_for(actor)[:20]),
            "my_actions": selectors.open_actions_for(actor),
            "workers": workers,
            "own_instruments": selectors.own_instruments(actor),
            "can_run": bool(rules.can_run(actor, org_id)) or bool(workers),
            "can_run_org": bool(rules.can_run(actor, org_id)),
            "uses_fidelity": rules.can_use_fidelity(actor),
            "org_id": org_id,
            "is_worker": actor.has_role("worker"),
        },
    )


@signed_in
def framework_detail(request, pk: int):
    framework = get_object_or_404(Framework, pk=pk)
    enforce(rules.can_view_framework(request.actor, framework))
    principles = list(framework.principles.prefetch_related("protects"))
    statement = ValuesStatement.objects.filter(framework=framework).prefetch_related("values").first()
    return render(
        request, "fidelity/framework.html", {"framework": framework, "principles": principles, "statement": statement}
    )


@require_http_methods(["GET", "POST"])
@signed_in
def values(request):
    org_id = _org_id(request)
    enforce(rules.can_write_values(request.actor, org_id))
    form = ValuesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            statement = services.values_statement_create(
                organisation=request.actor.person.organisation,
                title=data["title"],
                written_by=data["written_by"],
                lived_experience_led=data["lived_experience_led"],
                general_values=data["general_values"],
                local_values=data["local_values"],
                principles=data["principles"],
                actor=request.actor,
            )
            return reverse("fidelity:framework", args=[statement.framework_id])

        response = create_once(
            request,
            form,
            scope="fidelity-values",
            make=make,
            fallback=reverse("fidelity:home"),
            success="Your values and principles are recorded.",
        )
        if response:
            return response
    return render(request, "fidelity/values_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@signed_in
def team_create(request):
    org_id = _org_id(request)
    enforce(rules.can_run(request.actor, org_id))
    form = TeamForm(request.POST or None, organisation_id=org_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            team = services.team_create(
                organisation=request.actor.person.organisation,
                name=data["name"],
                members=data["members"],
                actor=request.actor,
            )
            return reverse("fidelity:profile", args=["team", team.pk])

        response = create_once(
            request,
            form,
            scope="fidelity-team",
            make=make,
            fallback=reverse("fidelity:home"),
            success=f"Team “{data['name']}” is set up.",
            then=reverse("fidelity:home"),
        )
        if response:
            return response
    return render(request, "fidelity/team_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@signed_in
def round_create(request):
    actor = request.actor
    org_id = _org_id(request)
    workers = selectors.supervised_workers(actor)
    can_org = bool(rules.can_run(actor, org_id))
    require(can_org or workers.exists())
    teams = Team.objects.filter(organisation_id=org_id) if can_org else Team.objects.none()
    form = RoundForm(request.POST or None, workers=workers, teams=teams, organisation_id=org_id)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            if data["subject"] == Round.Subject.WORKER and data["worker"] is not None:
                enforce(rules.can_open_worker_round(actor, data["worker"]))
            elif not can_org:
                raise ServiceError("You can open rounds about the workers you supervise.")
            round_ = services.round_open(
                organisation=actor.person.organisation,
                version=data["version"],
                subject=data["subject"],
                worker=data["worker"],
                team=data["team"],
                label=data["label"],
                purpose=data["purpose"],
                perspectives=data["perspectives"],
                enough=data["enough"],
                actor=actor,
            )
            return reverse("fidelity:round", args=[round_.pk])

        response = create_once(
            request,
            form,
            scope="fidelity-round",
            make=make,
            fallback=reverse("fidelity:home"),
            success="The round is open. Now ask people to answer.",
        )
        if response:
            return response
    return render(request, "fidelity/round_form.html", {"form": form})


def _round(request, pk: int, rule=rules.can_view_round) -> Round:
    round_ = get_object_or_404(
        Round.objects.select_related("worker", "team", "version__instrument", "organisation", "wave"), pk=pk
    )
    enforce(rule(request.actor, round_))
    return round_


def _round_context(request, round_: Round) -> dict:
    profile = selectors.round_profile(round_) if not round_.is_open else None
    return {
        "round": round_,
        "profile": profile,
        "progress": selectors.round_progress(round_),
        "reflections": selectors.reflections_of(actor=request.actor, round_=round_),
        "actions": selectors.actions_of(round_=round_),
    }


@signed_in
def round_detail(request, pk: int):
    round_ = _round(request, pk)
    context = _round_context(request, round_)
    manage = rules.can_manage_round(request.actor, round_)
    if manage and round_.is_open:
        context["respondent_form"] = _respondent_form(round_)
    context["can_manage"] = bool(manage)
    context["respondents"] = list(round_.respondents.select_related("person")) if manage else []
    if rules.can_reflect(request.actor, round_):
        context["reflection_form"] = ReflectionForm()
        context["action_form"] = _action_form(round_)
    return render(request, "fidelity/round.html", context)


def _respondent_form(round_: Round, data=None) -> RespondentForm:
    people = Person.objects.filter(organisation_id=round_.organisation_id).order_by("display_name")
    if round_.subject == Round.Subject.WORKER:
        from people.models import Relationship

        supported = Relationship.objects.filter(
            kind=Relationship.Kind.SUPPORTS, from_person_id=round_.worker_id
        ).values("to_person_id")
        people = (
            people.filter(pk__in=[round_.worker_id])
            | people.filter(pk__in=supported)
            | people.filter(roles__kind__in=["supervisor", "facilitator", "coordinator"])
        )
        people = people.distinct()
    return RespondentForm(data, people=people, perspectives=round_.perspectives)


def _action_form(round_=None, assessment=None, data=None) -> ActionForm:
    org_id = (round_ or assessment).organisation_id
    if round_ is not None and round_.subject == Round.Subject.WORKER:
        from people.models import Relationship

        supervisors = Relationship.objects.filter(
            kind=Relationship.Kind.SUPERVISES, to_person_id=round_.worker_id, ended_at__isnull=True
        ).values("from_person_id")
        owners = Person.objects.filter(pk=round_.worker_id) | Person.objects.filter(pk__in=supervisors)
    else:
        owners = Person.objects.filter(organisation_id=org_id, user__isnull=False).exclude(roles__kind="peer")
    if round_ is not None:
        principles = Principle.objects.filter(item_links__item__version_id=round_.version_id).distinct()
    else:
        principles = assessment.framework.principles.all()
    return ActionForm(data, owners=owners.distinct().order_by("display_name"), principles=principles)


@require_POST
@signed_in
def round_respondent(request, pk: int):
    round_ = _round(request, pk, rules.can_manage_round)
    form = _respondent_form(round_, request.POST)
    if form.is_valid():
        try:
            services.respondent_add(
                round_=round_,
                person=form.cleaned_data["person"],
                perspective=form.cleaned_data["perspective"],
                actor=request.actor,
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{form.cleaned_data['person'].display_name} is asked to answer.")
    else:
        messages.error(request, "Please choose a person and a perspective.")
    return redirect("fidelity:round", pk=round_.pk)


@require_POST
@signed_in
def round_close(request, pk: int):
    round_ = _round(request, pk, rules.can_manage_round)
    try:
        services.round_close(round_=round_, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The round is closed. The profile is ready for reflection.")
    return redirect("fidelity:round", pk=round_.pk)


@signed_in
def round_chart(request, pk: int):
    round_ = _round(request, pk)
    if round_.is_open:
        raise Http404("No profile until the round closes")
    return _png(charts.profile_png(selectors.round_profile(round_)))


@signed_in
def round_report(request, pk: int):
    round_ = _round(request, pk)
    if round_.is_open:
        raise Http404("No report until the round closes")
    return render(request, "fidelity/report.html", _round_context(request, round_))


@require_POST
@signed_in
def reflection_add(request, pk: int):
    round_ = _round(request, pk, rules.can_reflect)
    form = ReflectionForm(request.POST)
    _save_reflection(request, form, round_=round_)
    return redirect(reverse("fidelity:round", args=[round_.pk]) + "#reflection")


@require_POST
@signed_in
def action_add(request, pk: int):
    round_ = _round(request, pk, rules.can_reflect)
    _save_action(request, _action_form(round_, data=request.POST), round_=round_)
    return redirect(reverse("fidelity:round", args=[round_.pk]) + "#actions")


def _save_reflection(request, form, **parent) -> None:
    if not form.is_valid():
        messages.error(request, "Please write what you notice.")
        return
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if submission_claim(data["submission_token"], scope="fidelity-reflection", user=request.user) is not None:
                return
            services.reflection_add(
                text=data["text"], who_took_part=data["who_took_part"], actor=request.actor, **parent
            )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your reflection is saved.")


def _save_action(request, form, **parent) -> None:
    if not form.is_valid():
        problems = "; ".join(
            f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items() if f in form.fields
        )
        messages.error(request, f"The action was not saved. {problems}")
        return
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if submission_claim(data["submission_token"], scope="fidelity-action", user=request.user) is not None:
                return
            services.action_add(
                text=data["text"],
                owner=data["owner"],
                due_on=data["due_on"],
                principle=data["principle"],
                actor=request.actor,
                **parent,
            )
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The action is agreed.")


@require_POST
@signed_in
def action_done(request, pk: int):
    action = get_object_or_404(Action.objects.select_related("round", "assessment"), pk=pk)
    enforce(rules.can_complete_action(request.actor, action))
    form = ActionDoneForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.action_complete(action=action, note=note, actor=request.actor)
    messages.success(request, "Marked as done.")
    if action.round_id:
        return redirect(reverse("fidelity:round", args=[action.round_id]) + "#actions")
    return redirect("fidelity:assessment", pk=action.assessment_id)


@require_http_methods(["GET", "POST"])
@signed_in
def respond(request, pk: int):
    respondent = get_object_or_404(
        Respondent.objects.select_related("round__worker", "round__team", "round__organisation", "participant"), pk=pk
    )
    enforce(rules.can_answer(request.actor, respondent))
    items = services.items_for(respondent)
    form = AnswersForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_submit(respondent=respondent, answers=form.cleaned_data, actor=request.actor)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. Your answers are saved.")
            return redirect("fidelity:home")
    return render(request, "fidelity/respond.html", {"respondent": respondent, "round": respondent.round, "form": form})


# --- Profiles over time -------------------------------------------------------------------


def _subject(request, subject: str, pk: int) -> dict:
    if subject == "worker":
        worker = get_object_or_404(Person, pk=pk)
        enforce(rules.can_view_profile(request.actor, "worker", worker.organisation_id, worker.pk))
        return {"title": f"{worker.display_name}: private profile", "org_id": worker.organisation_id, "worker_id": pk}
    if subject == "team":
        team = get_object_or_404(Team, pk=pk)
        enforce(rules.can_view_profile(request.actor, "team", team.organisation_id))
        return {"title": f"Team profile: {team.name}", "org_id": team.organisation_id, "team_id": pk}
    if subject == "service":
        organisation = get_object_or_404(Organisation, pk=pk)
        enforce(rules.can_view_profile(request.actor, "service", organisation.pk))
        return {"title": f"Service profile: {organisation.name}", "org_id": organisation.pk}
    raise Http404("No such profile")


def _over_time(subject: str, about: dict) -> tuple[list[dict], list[dict]]:
    """Each principle's mean across rounds. The service profile pools every team and
    service round of a quarter (weighted by answers, perspectives that are shown only)."""
    if subject == "service":
        rounds = selectors.service_rounds(about["org_id"])
    else:
        rounds = selectors.rounds_about(
            about["org_id"], subject, worker_id=about.get("worker_id"), team_id=about.get("team_id")
        )
    profiles = selectors.profiles_for(rounds)
    groups: dict[str, list] = {}
    for round_ in rounds:
        key = selectors.quarter(round_.opened_on) if subject == "service" else f"r{round_.pk}"
        groups.setdefault(key, []).append(round_)
    series = []
    names: dict[int, str] = {}
    for key, members in groups.items():
        totals: dict[int, list[float]] = {}
        disagreements = 0
        for round_ in members:
            profile = profiles[round_.pk]
            disagreements += len(profile.disagreements)
            for row in profile.principles:
                names[row.principle_id] = row.name
                for cell in row.cells:
                    if cell.shown:
                        total = totals.setdefault(row.principle_id, [0.0, 0])
                        total[0] += cell.mean * cell.n_answers
                        total[1] += cell.n_answers
        means = {names[pid]: round(t[0] / t[1], 2) for pid, t in totals.items() if t[1]}
        first = members[0]
        series.append(
            {
                "round": first if len(members) == 1 else None,
                "label": key if subject == "service" else first.label,
                "means": means,
                "disagreements": disagreements,
                "rounds": len(members),
            }
        )
    table = [{"name": name, "values": [entry["means"].get(name) for entry in series]} for name in names.values()]
    return series, table


@signed_in
def profile(request, subject: str, pk: int):
    about = _subject(request, subject, pk)
    series, table = _over_time(subject, about)
    return render(
        request,
        "fidelity/profile.html",
        {"about": about, "subject": subject, "pk": pk, "series": series, "table": table},
    )


@signed_in
def profile_chart(request, subject: str, pk: int):
    about = _subject(request, subject, pk)
    series, _table = _over_time(subject, about)
    return _png(charts.over_time_png(series, about["title"]))


# --- Stage 3: self-assessment ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def assessment_create(request):
    actor = request.actor
    org_id = _org_id(request)
    enforce(rules.can_run(actor, org_id))
    frameworks = selectors.frameworks_for(actor)
    start = AssessmentStartForm(request.GET or None, frameworks=frameworks)
    if not start.is_valid():
        return render(request, "fidelity/assessment_start.html", {"start": start})
    framework = start.cleaned_data["framework"]
    form = AssessmentForm(request.POST or None, framework=framework)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def make():
            assessment = services.assessment_record(
                organisation=actor.person.organisation,
                framework=framework,
                who_took_part=data["who_took_part"],
                ratings=form.ratings(),
                actor=actor,
            )
            return reverse("fidelity:assessment", args=[assessment.pk])

        response = create_once(
            request,
            form,
            scope="fidelity-assessment",
            make=make,
            fallback=reverse("fidelity:home"),
            success="The self-assessment is recorded. Now reflect and agree actions.",
        )
        if response:
            return response
    return render(request, "fidelity/assessment_form.html", {"form": form, "framework": framework})


def _assessment(request, pk: int) -> SelfAssessment:
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework", "organisation"), pk=pk)
    enforce(rules.can_view_assessment(request.actor, assessment))
    return assessment


@signed_in
def assessment_detail(request, pk: int):
    assessment = _assessment(request, pk)
    answers = list(assessment.answers.all())
    if any(a.note for a in answers):
        record_reads(actor=request.actor, targets=[assessment], summary="Self-assessment notes")
    return render(
        request,
        "fidelity/assessment.html",
        {
            "assessment": assessment,
            "grid": selectors.assessment_grid(assessment),
            "reflections": selectors.reflections_of(actor=request.actor, assessment=assessment),
            "actions": selectors.actions_of(assessment=assessment),
            "reflection_form": ReflectionForm(),
            "action_form": _action_form(assessment=assessment),
        },
    )


@require_POST
@signed_in
def assessment_reflection(request, pk: int):
    assessment = _assessment(request, pk)
    enforce(rules.can_answer_assessment(request.actor, assessment))
    _save_reflection(request, ReflectionForm(request.POST), assessment=assessment)
    return redirect("fidelity:assessment", pk=assessment.pk)


@require_POST
@signed_in
def assessment_action(request, pk: int):
    assessment = _assessment(request, pk)
    enforce(rules.can_answer_assessment(request.actor, assessment))
    _save_action(request, _action_form(assessment=assessment, data=request.POST), assessment=assessment)
    return redirect("fidelity:assessment", pk=assessment.pk)


# --- Linking an organisation's own instrument -----------------------------------------------


@require_http_methods(["GET", "POST"])
@signed_in
def instrument_links(request, pk: int):
    from evaluation.models import NUMERIC_KINDS, InstrumentVersion

    version = get_object_or_404(InstrumentVersion.objects.select_related("instrument"), pk=pk)
    enforce(rules.can_link_items(request.actor, version.instrument))
    items = [item for item in version.items.all() if item.kind in NUMERIC_KINDS]
    frameworks = list(selectors.frameworks_for(request.actor))
    current = {link.item_id: link for link in selectors.links_of(version)}
    if request.method == "POST":
        links = {}
        for item in items:
            raw = request.POST.get(f"p_{item.pk}", "")
            links[item.pk] = (int(raw) if raw.isdigit() else None, request.POST.get(f"v_{item.pk}", ""))
        try:
            count = services.item_links_save(version=version, links=links, actor=request.actor)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{count} question{'s' if count != 1 else ''} linked to principles.")
            return redirect("fidelity:instrument_links", pk=version.pk)
    rows = [{"item": item, "link": current.get(item.pk)} for item in items]
    return render(
        request,
        "fidelity/instrument_links.html",
        {"version": version, "rows": rows, "frameworks": frameworks, "perspectives": Perspective.choices},
    )
