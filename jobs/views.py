from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from access import policy
from access.shortcuts import enforce, signed_in
from audit.models import AuditEvent
from audit.services import record
from jobs.models import Job


def _job_for(request, job_id) -> Job:
    job = get_object_or_404(Job, pk=job_id)
    enforce(policy.can_view_job(request.actor, job))
    return job


@require_GET
@signed_in
def job_detail(request, job_id):
    """Progress of a background job. Refreshes itself: with HTMX by swapping the
    progress panel, without JavaScript by a meta refresh until it finishes."""
    job = _job_for(request, job_id)
    template = "jobs/_progress.html" if request.htmx else "jobs/job_detail.html"
    return render(request, template, {"job": job})


@require_GET
@signed_in
def job_download(request, job_id):
    job = _job_for(request, job_id)
    if job.status != Job.Status.DONE or not job.result_path:
        raise Http404("This job has no file to download.")
    root = Path(settings.PRIVATE_FILES_DIR).resolve()
    path = (root / job.result_path).resolve()
    if root not in path.parents or not path.exists():
        raise Http404("The file is no longer available.")
    record(actor=request.actor, action=AuditEvent.Action.EXPORT, target=job, summary=f"Downloaded: {job.kind}")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_content_type or "application/octet-stream",
    )
