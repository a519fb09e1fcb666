"""Starting background jobs and reporting their progress.

A capability defines a task with ``@task`` (django_tasks) that takes a job id,
and starts it with ``job_start``. Inside the task, ``job_run`` marks the job as
running, gives a ``progress(done, total, message)`` callback, stores the result
file and records failure in plain English.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import record
from jobs.models import Job

logger = logging.getLogger(__name__)


def job_start(*, task: Any, kind: str, title: str, actor: Any, organisation=None, params: dict | None = None) -> Job:
    """Create the job and put ``task(job_id)`` on the queue, in one transaction."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            title=title,
            organisation=organisation,
            requested_by=getattr(actor, "user", None),
            params=params or {},
        )
        record(actor=actor, action=AuditEvent.Action.CREATE, target=job, summary=f"Job: {kind}")
        task.enqueue(str(job.pk))
    return job


def job_files_dir() -> Path:
    path = Path(settings.PRIVATE_FILES_DIR) / "jobs"
    path.mkdir(parents=True, exist_ok=True)
    return path


class JobRun:
    def __init__(self, job: Job):
        self.job = job

    def progress(self, done: int, total: int | None = None, message: str | None = None) -> None:
        fields = {"progress_done": done}
        if total is not None:
            fields["progress_total"] = total
        if message is not None:
            fields["message"] = message[:200]
        Job.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def result_file(self, filename: str, *, content_type: str) -> Path:
        """Where to write the result; the download offers it as ``filename``."""
        safe = "".join(ch for ch in filename if ch.isalnum() or ch in "._-") or "result"
        path = job_files_dir() / f"{self.job.pk}-{safe}"
        self.job.result_path = str(path.relative_to(settings.PRIVATE_FILES_DIR))
        self.job.result_name = safe
        self.job.result_content_type = content_type
        return path


@contextmanager
def job_run(job_id: str) -> Iterator[JobRun]:
    job = Job.objects.get(pk=job_id)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, started_at=timezone.now())
    run = JobRun(job)
    try:
        yield run
    except Exception as error:
        logger.exception("Job %s failed", job.pk)
        message = str(error) if isinstance(error, JobError) else "Something went wrong. Please try again."
        Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error=message[:500], finished_at=timezone.now())
        raise
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.DONE,
            progress_done=run.job.progress_total or run.job.progress_done,
            result_path=run.job.result_path,
            result_name=run.job.result_name,
            result_content_type=run.job.result_content_type,
            message="Finished",
            finished_at=timezone.now(),
        )


class JobError(Exception):
    """A failure whose message is fit to show to the person who asked."""


ProgressCallback = Callable[[int, int | None, str | None], None]
