"""Background jobs with progress, and the scheduler for periodic work."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from access.actor import actor_for_user
from jobs.models import Job
from jobs.schedule import Periodic, enqueue_due
from jobs.services import job_start
from jobs.tests.tasks_for_tests import count_to, tick


# The worker commits as it goes, as in production, so these tests use real transactions.
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_on_the_worker_shows_progress_and_offers_its_file(client, world, run_worker):
    actor = actor_for_user(world.users["evaluator"])
    job = job_start(task=count_to, kind="test.count", title="Counting", actor=actor, params={"to": 5})
    client.force_login(world.users["evaluator"])
    waiting = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Waiting to start" in waiting and 'http-equiv="refresh"' in waiting
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.progress_done, job.progress_total, job.percent) == ("done", 5, 5, 100)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Download numbers.txt" in page and 'http-equiv="refresh"' not in page
    download = client.get(f"/jobs/{job.pk}/download/")
    assert b"".join(download.streaming_content).decode().split() == ["1", "2", "3", "4", "5"]


def test_progress_panel_refreshes_itself_with_htmx(client, world):
    job = Job.objects.create(
        kind="x", title="X", requested_by=world.users["evaluator"], progress_total=4, progress_done=1
    )
    client.force_login(world.users["evaluator"])
    panel = client.get(f"/jobs/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in panel and "25%" in panel and "<html" not in panel


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_explains_itself_in_plain_english(client, world, run_worker):
    job = job_start(
        task=count_to,
        kind="test.count",
        title="Counting",
        actor=actor_for_user(world.users["evaluator"]),
        params={"to": -1},
    )
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Cannot count to a negative number.")
    client.force_login(world.users["evaluator"])
    assert "Cannot count to a negative number." in client.get(f"/jobs/{job.pk}/").content.decode()


def test_nobody_else_can_see_or_download_a_job(client, world):
    job = Job.objects.create(kind="x", title="X", requested_by=world.users["evaluator"], status="done")
    client.force_login(world.users["administrator"])
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert client.get(f"/jobs/{job.pk}/download/").status_code == 404


def test_scheduler_enqueues_each_periodic_task_once_per_interval(db):
    entries = (Periodic("test.tick", timedelta(minutes=5), tick),)
    now = timezone.now()
    assert enqueue_due(now, entries) == ["test.tick"]
    assert enqueue_due(now + timedelta(minutes=1), entries) == []
    assert enqueue_due(now + timedelta(minutes=6), entries) == ["test.tick"]
    assert DBTaskResult.objects.filter(task_path="jobs.tests.tasks_for_tests.tick").count() == 2


def test_the_scheduler_command_starts_and_enqueues_what_is_due(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("scheduler", "--once", stdout=out)
    assert "periodic task(s) registered" in out.getvalue()
