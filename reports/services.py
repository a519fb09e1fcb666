"""Requesting, building and sharing commissioner reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from jobs.services import job_files_dir, job_start
from mutuality.errors import ServiceError
from mutuality.pdf import render_pdf
from mutuality.suppression import RULES
from people.models import Organisation
from reports.models import Report
from reports.sections import ReportContext, ReportSection, section_builders

A = AuditEvent.Action


def report_request(
    *, organisation: Organisation, start: date, end: date, rule: str, threshold: int | None, actor: Any
) -> Report:
    """Create a report and queue its building; the page shows its progress."""
    from reports.tasks import build_report

    if end <= start:
        raise ServiceError("The end of the period must be after its start.")
    if end > timezone.localdate():
        raise ServiceError("The period cannot end in the future.")
    if rule not in RULES:
        raise ServiceError("Please choose a small-number rule.")
    threshold = threshold or RULES[rule].threshold
    if not 2 <= threshold <= 20:
        raise ServiceError("Hide counts below a number from 2 to 20.")
    with transaction.atomic():
        report = Report.objects.create(
            organisation=organisation,
            start=start,
            end=end,
            rule=rule,
            threshold=threshold,
            created_by=getattr(actor, "user", None),
        )
        record(actor=actor, action=A.CREATE, target=report, summary="Commissioner report requested")
        job = job_start(
            task=build_report,
            kind="reports.build",
            title=f"Report for {organisation.name}, {start:%-d %b %Y} to {end:%-d %b %Y}",
            actor=actor,
            organisation=organisation,
            params={"report": report.pk},
        )
        Report.objects.filter(pk=report.pk).update(job=job)
        report.job = job
    return report


def report_context(report: Report) -> ReportContext:
    return ReportContext(
        organisation_id=report.organisation_id,
        organisation_name=report.organisation.name,
        start=report.start,
        end=report.end,
        rule=RULES[report.rule].with_threshold(report.threshold),
    )


def report_sections(report: Report, progress=None) -> list[ReportSection]:
    """Ask each capability for its section, reporting progress after each."""
    ctx = report_context(report)
    builders = section_builders()
    sections = []
    for done, build in enumerate(builders, start=1):
        section = build(ctx)
        if section is not None:
            sections.append(section)
        if progress:
            progress(done, len(builders), f"{section.title if section else 'Checked'}")
    return sections


def report_pdf(report: Report, sections: list[ReportSection]) -> bytes:
    return render_pdf(
        "reports/report_pdf.html",
        {"report": report, "sections": sections, "rule": report_context(report).rule},
        stylesheets=["reports/report-pdf.css"],
    )


def report_build(*, report: Report, progress=None) -> Report:
    """Collect the sections, keep them with the report, and write its PDF."""
    sections = report_sections(report, progress)
    pdf = report_pdf(report, sections)
    path = job_files_dir() / f"report-{report.pk}.pdf"
    path.write_bytes(pdf)
    report.content = [s.as_dict() for s in sections]
    report.pdf_path = str(path.relative_to(settings.PRIVATE_FILES_DIR))
    report.status = Report.Status.READY
    report.built_at = timezone.now()
    with transaction.atomic():
        report.save(update_fields=["content", "pdf_path", "status", "built_at"])
        record(actor=None, action=A.UPDATE, target=report, summary="Commissioner report built")
    return report


@transaction.atomic
def report_publish(*, report: Report, actor: Any) -> Report:
    if report.status != Report.Status.READY:
        raise ServiceError("Only a finished report can be shared.")
    if report.published_at is not None:
        return report
    report.published_at = timezone.now()
    report.save(update_fields=["published_at"])
    record(actor=actor, action=A.SHARE, target=report, summary="Commissioner report shared with commissioners")
    return report


def report_failed(report_id: int) -> None:
    Report.objects.filter(pk=report_id).update(status=Report.Status.FAILED)
