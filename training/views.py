from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import training as rules
from access.shortcuts import enforce, require, signed_in
from audit.models import AuditEvent
from audit.services import record
from groups import networks
from groups.models import Network
from mutuality.errors import ServiceError
from people.models import Organisation, Person
from training import selectors, services
from training.certificates import certificate_pdf
from training.forms import (
    ApplicationForm,
    CascadeForm,
    CohortForm,
    CourseForm,
    CoursePartForm,
    DayAttendanceForm,
    DecisionForm,
    MaterialForm,
)
from training.models import Application, Cohort, CohortDay, Completion, Course, DayAttendance
from web.idempotency import create_once


def _course_for(request, course_id: int, rule=rules.can_view_course) -> Course:
    course = get_object_or_404(Course.objects.select_related("organisation"), pk=course_id)
    enforce(rule(request.actor, course))
    return course


def _cohort_for(request, cohort_id: int) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("course__organisation"), pk=cohort_id)
    enforce(rules.can_run_course(request.actor, cohort.course))
    return cohort


@require_GET
@signed_in
def course_list(request):
    actor = request.actor
    require(actor.is_authenticated)
    return render(
        request,
        "training/course_list.html",
        {
            "courses": selectors.courses(),
            "open_cohorts": selectors.open_cohorts(),
            "can_create": bool(rules.course_creatable_orgs(actor)),
        },
    )


@require_GET
@signed_in
def my_training(request):
    require(request.actor.is_authenticated)
    return render(request, "training/mine.html", selectors.my_training(request.actor))


@require_http_methods(["GET", "POST"])
@signed_in
def course_create(request):
    actor = request.actor
    orgs = rules.course_creatable_orgs(actor)
    require(bool(orgs))
    organisation = Organisation.objects.filter(pk__in=orgs).order_by("name").first()
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.action_data

        def make():
            course = services.course_create(organisation=organisation, actor=actor, **data)
            return reverse("training:course", args=[course.pk])

        response = create_once(
            request,
            form,
            scope="course",
            make=make,
            fallback=reverse("training:courses"),
            success="Course added. Now add its parts.",
        )
        if response:
            return response
    return render(request, "training/form.html", {"form": form, "title": f"Add a course for {organisation.name}"})


@require_GET
@signed_in
def course_detail(request, course_id: int):
    course = _course_for(request, course_id)
    context = selectors.course_page(course)
    can_run = rules.can_run_course(request.actor, course).allowed
    context["can_run"] = can_run
    if can_run:
        context["cascade"] = selectors.cascade_totals(course)
    return render(request, "training/course_detail.html", context)


@require_http_methods(["GET", "POST"])
@signed_in
def part_add(request, course_id: int):
    course = _course_for(request, course_id, rules.can_run_course)
    form = CoursePartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_part_add(course=course, actor=request.actor, **form.cleaned_data)
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Part added.")
            return redirect("training:course", course_id=course.pk)
    return render(request, "training/form.html", {"form": form, "title": f"Add a part to {course.title}"})


@require_http_methods(["GET", "POST"])
@signed_in
def material_add(request, course_id: int):
    course = _course_for(request, course_id, rules.can_run_course)
    form = MaterialForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.material_add(course=course, actor=request.actor, **form.cleaned_data)
        messages.success(request, "Material added.")
        return redirect("training:course", course_id=course.pk)
    return render(request, "training/form.html", {"form": form, "title": f"Add material to {course.title}"})


@require_http_methods(["GET", "POST"])
@signed_in
def cohort_create(request, course_id: int):
    course = _course_for(request, course_id, rules.can_run_course)
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.action_data

        def make():
            cohort = services.cohort_create(course=course, actor=request.actor, **data)
            return reverse("training:cohort", args=[cohort.pk])

        response = create_once(
            request,
            form,
            scope="cohort",
            make=make,
            fallback=reverse("training:courses"),
            success="Cohort added, with its dates.",
        )
        if response:
            return response
    return render(request, "training/form.html", {"form": form, "title": f"Add a cohort of {course.title}"})


@require_GET
@signed_in
def cohort_detail(request, cohort_id: int):
    cohort = _cohort_for(request, cohort_id)
    return render(request, "training/cohort_detail.html", {**selectors.cohort_page(cohort), "decide": DecisionForm()})


@require_http_methods(["GET", "POST"])
@signed_in
def apply(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    enforce(rules.can_apply(request.actor, cohort))
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def make():
            services.application_submit(
                cohort=cohort,
                person=request.actor.person,
                why=form.cleaned_data["why"],
                needs=form.cleaned_data["needs"],
                actor=request.actor,
            )
            return reverse("training:mine")

        response = create_once(
            request,
            form,
            scope="application",
            make=make,
            fallback=reverse("training:courses"),
            success="Thank you: your application is in.",
        )
        if response:
            return response
    return render(request, "training/form.html", {"form": form, "title": f"Apply for {cohort}"})


@require_POST
@signed_in
def decide(request, application_id: int):
    application = get_object_or_404(Application.objects.select_related("cohort__course"), pk=application_id)
    enforce(rules.can_run_course(request.actor, application.cohort.course))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what to do with the application.")
    else:
        try:
            services.application_decide(
                application=application, status=form.cleaned_data["status"], actor=request.actor
            )
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Decision saved.")
    return redirect("training:cohort", cohort_id=application.cohort_id)


@require_http_methods(["GET", "POST"])
@signed_in
def day_attendance(request, day_id: int):
    day = get_object_or_404(CohortDay.objects.select_related("cohort__course", "part"), pk=day_id)
    enforce(rules.can_run_course(request.actor, day.cohort.course))
    ids = services.participant_ids(day.cohort)
    participants = list(Person.objects.filter(pk__in=ids).order_by("display_name"))
    present = DayAttendance.objects.filter(day=day, present=True).values_list("person_id", flat=True)
    form = DayAttendanceForm(request.POST or None, participants=participants, present=present)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.day_attendance_record(
                day=day, present_ids={int(p) for p in form.cleaned_data["present"]}, actor=request.actor
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Attendance saved: {count} came.")
            return redirect("training:cohort", cohort_id=day.cohort_id)
    return render(
        request,
        "training/form.html",
        {"form": form, "title": f"{day.part.title}, day {day.day_number} ({day.date:%d %b %Y})", "submit": "Save"},
    )


@require_POST
@signed_in
def complete(request, cohort_id: int, person_id: int):
    cohort = _cohort_for(request, cohort_id)
    person = get_object_or_404(Person, pk=person_id)
    try:
        services.completion_record(cohort=cohort, person=person, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{person.display_name} has completed the course.")
    return redirect("training:cohort", cohort_id=cohort.pk)


@require_GET
@signed_in
def certificate(request, completion_id: int):
    completion = get_object_or_404(
        Completion.objects.select_related("cohort__course__organisation", "person"), pk=completion_id
    )
    enforce(rules.can_view_certificate(request.actor, completion))
    record(actor=request.actor, action=AuditEvent.Action.EXPORT, target=completion, summary="Certificate")
    response = HttpResponse(certificate_pdf(completion), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{completion.certificate_number}.pdf"'
    return response


@require_http_methods(["GET", "POST"])
@signed_in
def cascade(request, cohort_id: int):
    cohort = get_object_or_404(Cohort.objects.select_related("course"), pk=cohort_id)
    enforce(rules.can_report_cascade(request.actor, cohort, services.participant_ids(cohort)))
    form = CascadeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cascade_report_save(
                cohort=cohort, person=request.actor.person, actor=request.actor, **form.cleaned_data
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you for letting us know what you went on to do.")
            return redirect("training:mine")
    return render(
        request,
        "training/form.html",
        {
            "form": form,
            "title": f"What you went on to do after {cohort.course.title}",
            "intro": "Anything counts: joining or starting a group, supporting someone one to one, giving a talk, "
            "or telling others about what you learned.",
        },
    )


@require_POST
@signed_in
def cohort_network(request, cohort_id: int):
    """Start the network that keeps a cohort's alumni in touch; participants join it by choice."""
    cohort = _cohort_for(request, cohort_id)
    existing = Network.objects.filter(cohort=cohort).first()
    if existing is None:
        existing = networks.network_create(
            organisation=cohort.course.organisation,
            name=f"{cohort.course.title}: {cohort.name} alumni",
            about=f"Everyone who had a place on {cohort.name}, keeping in touch after the course.",
            cohort=cohort,
            actor=request.actor,
        )
        messages.success(
            request, "Alumni network started. Participants see it on their training page and join if they wish."
        )
    return redirect("groups:network", network_id=existing.pk)
