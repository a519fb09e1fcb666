from django.conf import settings
from django.utils import timezone

from reports.models import Report
from reports.sections import ReportSection, ReportTable


def ready_report(world, *, published: bool = False) -> Report:
    """A finished report with a PDF on disk, as the builder leaves it."""
    report = Report.objects.create(
        organisation=world.org,
        start=timezone.localdate().replace(year=2025, month=1, day=1),
        end=timezone.localdate().replace(year=2025, month=12, day=31),
        rule="standard",
        threshold=5,
        status=Report.Status.READY,
        built_at=timezone.now(),
        published_at=timezone.now() if published else None,
        content=[
            ReportSection(
                key="test", title="Activity", tables=[ReportTable("People", ["Group", "Count"], [["All", "*"]])]
            ).as_dict()
        ],
    )
    path = settings.PRIVATE_FILES_DIR / "jobs" / f"report-{report.pk}.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7\n%%EOF\n")
    Report.objects.filter(pk=report.pk).update(pdf_path=f"jobs/report-{report.pk}.pdf")
    return report
