from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from access.rules import reports as rules
from access.shortcuts import enforce, require, signed_in
from audit.models import AuditEvent
from audit.services import record
from mutuality.errors import ServiceError
from mutuality.suppression import RULES
from reports import selectors, services
from reports.forms import ReportForm
from reports.models import Report


def _report_for(request, report_id: int, rule=rules.can_view_report) -> Report:
    report = get_object_or_404(Report.objects.select_related("organisation", "job"), pk=report_id)
    enforce(rule(request.actor, report))
    return report


@require_GET
@signed_in
def report_list(request):
    actor = request.actor
    require(rules.can_list_reports(actor))
    return render(
        request,
        "reports/report_list.html",
        {"reports": selectors.reports_for(actor)[:100], "can_build": bool(rules.builder_orgs(actor))},
    )


@require_http_methods(["GET", "POST"])
@signed_in
def report_create(request):
    actor = request.actor
    organisations = list(selectors.builder_organisations(actor))
    require(bool(organisations))
    form = ReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        enforce(rules.can_build_reports(actor, organisation.pk))
        try:
            report = services.report_request(
                organisation=organisation,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                rule=form.cleaned_data["rule"],
                threshold=form.cleaned_data["threshold"],
                actor=actor,
            )
        except ServiceError as error:
            form.add_error(None, str(error))
        else:
            return redirect("jobs:detail", job_id=report.job_id)
    return render(request, "reports/report_form.html", {"form": form})


@require_GET
@signed_in
def report_detail(request, report_id: int):
    report = _report_for(request, report_id)
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": report,
            "sections": selectors.sections_of(report),
            "rule": RULES[report.rule].with_threshold(report.threshold),
            "can_publish": rules.can_publish_report(request.actor, report).allowed,
        },
    )


@require_GET
@signed_in
def report_pdf(request, report_id: int):
    report = _report_for(request, report_id)
    root = Path(settings.PRIVATE_FILES_DIR).resolve()
    path = (root / report.pdf_path).resolve() if report.pdf_path else None
    if path is None or root not in path.parents or not path.exists():
        raise Http404("This report has no PDF yet.")
    record(actor=request.actor, action=AuditEvent.Action.EXPORT, target=report, summary="Report PDF downloaded")
    filename = f"mutuality-report-{report.organisation.slug}-{report.start}-{report.end}.pdf"
    return FileResponse(path.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf")


@require_POST
@signed_in
def report_publish(request, report_id: int):
    report = _report_for(request, report_id, rules.can_publish_report)
    try:
        services.report_publish(report=report, actor=request.actor)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The report is now shared with commissioners.")
    return redirect("reports:detail", report_id=report.pk)
