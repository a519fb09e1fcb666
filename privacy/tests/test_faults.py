"""Faults: the database stops in the middle of a multi-row action; the same form is sent twice."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.urls import reverse

from people.models import Consent, Person
from privacy import services
from privacy.models import RightsRequest
from privacy.tests.throwaway_postgres import remove_cluster, start_cluster
from reminders.models import ReminderDelivery


@pytest.fixture
def app_on_throwaway_postgres():
    """Point the app's database connection at a cluster of the test's own, migrated, for the test's length."""
    cluster = start_cluster()
    saved = dict(connection.settings_dict)
    try:
        with psycopg.connect(host="127.0.0.1", port=cluster.port, user="postgres", autocommit=True) as admin:
            admin.execute("CREATE DATABASE mutuality")
        connection.close()
        connection.settings_dict.update(HOST="127.0.0.1", PORT=str(cluster.port), NAME="mutuality", USER="postgres")
        connection.settings_dict["PASSWORD"] = ""
        call_command("migrate", verbosity=0)
        yield cluster
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        remove_cluster(cluster)
        connection.connect()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_database_stopping_mid_erasure_gives_a_try_again_page_leaves_nothing_half_done_and_recovers(
    client, app_on_throwaway_postgres
):
    from people.testing import build_world

    cluster = app_on_throwaway_postgres
    world = build_world()
    peer, coordinator = world.person("peer"), world.users["coordinator"]
    for given in (True, False):
        Consent.objects.create(person=peer, scope="support", given=given, method="phone", is_current=not given)
    ReminderDelivery.objects.create(person=peer, purpose="sessions", key="k", channel="email", status="sent")
    rq = services.rights_request_create(subject=peer, kind="erasure", reason="objects", actor=coordinator)
    url = reverse("privacy:request", kwargs={"request_id": rq.pk})
    client.raise_request_exception = False  # answer as a real server would
    client.force_login(coordinator)

    stopped = []

    def stop_the_database_part_way(execute, sql, params, many, context):
        # Consents and reminders are already deleted in this transaction; the person is next.
        if sql.startswith('UPDATE "people_person"') and not stopped:
            cluster.stop()
            stopped.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(stop_the_database_part_way):
        response = client.post(url, {"action": "carry_out"})
    assert stopped, "the action did not reach the point where the database stops"
    assert response.status_code == 503
    assert b"nothing was saved" in response.content
    assert response["Retry-After"] == "30"

    cluster.start()
    close_old_connections()  # what Django does at the start of every request
    # Nothing half-done: every row the action had already deleted is still there.
    peer.refresh_from_db()
    assert peer.display_name == "Alex" and peer.user_id is not None
    assert Consent.objects.filter(person=peer).count() == 2
    assert ReminderDelivery.objects.filter(person=peer).count() == 1
    assert RightsRequest.objects.get(pk=rq.pk).status == RightsRequest.Status.OPEN

    # The app recovers by itself once the database is back: the retry goes through.
    retry = client.post(url, {"action": "carry_out"})
    assert retry.status_code == 302
    assert Person.objects.get(pk=peer.pk).display_name == "Erased person"
    assert not Consent.objects.filter(person=peer).exists()


def test_sending_the_rights_request_form_twice_logs_one_request(client, world):
    client.force_login(world.users["coordinator"])
    url = reverse("privacy:person_rights", kwargs={"person_id": world.person("peer").pk})
    token = client.get(url).context["form"]["submission_token"].value()
    data = {"action": "request", "kind": "erasure", "reason": "objects", "submission_token": token}
    first = client.post(url, data)
    second = client.post(url, data)
    assert RightsRequest.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_carrying_out_a_request_twice_is_refused_plainly_the_second_time(client, world):
    rq = services.rights_request_create(
        subject=world.person("peer"), kind="erasure", reason="objects", actor=world.users["coordinator"]
    )
    client.force_login(world.users["coordinator"])
    url = reverse("privacy:request", kwargs={"request_id": rq.pk})
    client.post(url, {"action": "carry_out"})
    again = client.post(url, {"action": "carry_out"}, follow=True)
    assert "already been decided" in again.content.decode()
