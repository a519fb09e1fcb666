from django.conf import settings

from access.authz import LOGIN, NOT_FOUND, OK, Case, expect
from jobs.models import Job


def _job(world, with_file: bool = False):
    job = Job.objects.create(
        kind="test.export", title="An export", requested_by=world.users["coordinator"], status=Job.Status.DONE
    )
    if with_file:
        path = settings.PRIVATE_FILES_DIR / "jobs" / f"{job.pk}-export.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a,b\n1,2\n")
        Job.objects.filter(pk=job.pk).update(result_path=f"jobs/{job.pk}-export.csv", result_name="export.csv")
    return {"job_id": job.pk}


# A job and its file belong to the person who asked for it; nobody else may know it exists.
OWNER_ONLY = expect(NOT_FOUND, anonymous=LOGIN, coordinator=OK)

CASES = [
    Case("jobs:detail", OWNER_ONLY, kwargs=_job),
    Case("jobs:download", OWNER_ONLY, kwargs=lambda w: _job(w, with_file=True)),
]
