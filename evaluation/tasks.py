"""Background work: exports run as jobs with progress, so no web request times out."""

from django_tasks import task

from audit.models import AuditEvent
from audit.services import record
from jobs.services import job_run

from .exports import ExportOptions, write
from .models import Evaluation

SUFFIX = {
    "csv": ("csv", "text/csv"),
    "sav": ("sav", "application/x-spss-sav"),
    "dta": ("dta", "application/x-stata-dta"),
    "fhir": ("json", "application/fhir+json"),
}


@task()
def export_task(job_id: str) -> None:
    with job_run(job_id) as run:
        params = run.job.params
        evaluation = Evaluation.objects.get(pk=params["evaluation_id"])
        options = ExportOptions(
            format=params["format"],
            shape=params.get("shape", "long"),
            deidentify=bool(params.get("deidentify")),
            include_text=bool(params.get("include_text")),
        )
        suffix, content_type = SUFFIX[options.format]
        run.progress(0, 2, "Gathering answers")
        path = run.result_file(f"evaluation-{evaluation.pk}.{suffix}", content_type=content_type)
        choices = write(evaluation, path, options, progress=run.progress)
        record(
            actor=run.job.requested_by,
            action=AuditEvent.Action.EXPORT,
            target=evaluation,
            summary=f"Export {options.format}",
            detail=choices,
        )


@task()
def send_invitations() -> None:
    """Periodic: invite and remind participants whose wave is open and not yet done."""
    from .invitations import send_due

    send_due()
