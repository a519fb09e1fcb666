"""A small background task used by the job tests (a real task, run by the real worker)."""

from django_tasks import task

from jobs.services import JobError, job_run


@task()
def count_to(job_id: str) -> None:
    with job_run(job_id) as run:
        total = run.job.params["to"]
        if total < 0:
            raise JobError("Cannot count to a negative number.")
        for done in range(1, total + 1):
            run.progress(done, total, f"Counted {done}")
        path = run.result_file("numbers.txt", content_type="text/plain")
        path.write_text("\n".join(str(n) for n in range(1, total + 1)))


@task()
def tick() -> None:
    """A periodic task for the scheduler tests."""
