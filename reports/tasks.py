from django_tasks import task

from jobs.services import job_run
from reports.models import Report
from reports.services import report_build, report_failed


@task()
def build_report(job_id: str) -> None:
    with job_run(job_id) as run:
        report = Report.objects.select_related("organisation").get(pk=run.job.params["report"])
        try:
            report_build(report=report, progress=run.progress)
        except Exception:
            report_failed(report.pk)
            raise
