"""The audit log: every write and every sensitive read; nothing can change or remove a row."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import AppendOnlyError, AuditEvent
from people import services


def test_a_write_and_its_audit_row_are_saved_together(world, client):
    client.force_login(world.users["coordinator"])
    before = AuditEvent.objects.count()
    services.person_update(
        person=world.people["peer"],
        actor=world.users["coordinator"],
        expected_version=1,
        changes={"pronouns": "ze/zir"},
    )
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.action, event.target_type, event.actor) == ("update", "people.person", world.users["coordinator"])
    assert event.organisation_id == world.org.pk


def test_a_failed_write_leaves_no_audit_row(world):
    before = AuditEvent.objects.count()
    with pytest.raises(Exception, match="Enter a valid email"):
        services.person_update(person=world.people["peer"], actor=None, expected_version=1, changes={"email": "nope"})
    assert AuditEvent.objects.count() == before


def test_requests_record_who_from_where(client, world):
    client.force_login(world.users["peer"])
    client.post(
        f"/people/{world.people['peer'].pk}/consent/",
        {"scope": "contact", "given": "yes", "method": "online"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_REQUEST_ID="req-123",
    )
    event = AuditEvent.objects.filter(target_type="people.consent").get()
    assert (event.ip_address, event.request_id, event.actor) == ("203.0.113.9", "req-123", world.users["peer"])


def test_sign_in_and_failed_sign_in_are_recorded(client, world):
    from people.testing import TEST_PASSWORD

    client.post("/accounts/login/", {"username": "peer@example.org", "password": "wrong"})
    client.post("/accounts/login/", {"username": "peer@example.org", "password": TEST_PASSWORD})
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["login_failed", "login"]


def test_django_refuses_to_change_or_delete_audit_rows(world):
    event = AuditEvent.objects.create(action="read", summary="x")
    event.summary = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(summary="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_rejects_update_even_from_raw_sql(db):
    AuditEvent.objects.create(action="read", summary="original")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET summary = 'tampered'")
    assert AuditEvent.objects.get().summary == "original"


@pytest.mark.postgres
def test_postgres_trigger_rejects_delete_from_raw_sql(db):
    AuditEvent.objects.create(action="read", summary="original")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == 1
