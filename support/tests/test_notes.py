"""Notes written with the person: visible to them, commented on, amended with history, shared only under consent."""

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from access.actor import actor_for_user
from audit.models import AuditEvent
from mutuality.errors import ServiceError
from people import services as people_services
from support import services
from support.models import Note, NoteComment, NoteShare

TEXT = "We talked about the walking group and the Tuesday bus."


def actor(world, role):
    return actor_for_user(world.users[role])


@pytest.fixture
def agreement(world):
    return services.agreement_start(
        person=world.people["peer"], worker=world.people["worker"], actor=actor(world, "worker")
    )


def raw_text(note_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM support_note WHERE id = %s", [note_id])
        return cursor.fetchone()[0]


def test_the_person_sees_the_note_in_their_own_account_and_every_read_is_audited(client, world, agreement):
    note = services.note_write(agreement=agreement, text=TEXT, actor=actor(world, "worker"))
    assert "walking" not in raw_text(note.pk)
    client.force_login(world.users["peer"])
    page = client.get(reverse("support:notes", args=[agreement.pk])).content.decode()
    assert TEXT in page
    read = AuditEvent.objects.get(action="read", target_type="support.note", target_id=str(note.pk))
    assert read.actor == world.users["peer"]


def test_supervisors_and_coordinators_cannot_read_note_text(client, world, agreement):
    services.note_write(agreement=agreement, text=TEXT, actor=actor(world, "worker"))
    for role in ("supervisor", "coordinator"):
        client.force_login(world.users[role])
        assert client.get(reverse("support:notes", args=[agreement.pk])).status_code == 403
        assert TEXT not in client.get(reverse("support:agreement", args=[agreement.pk])).content.decode()


def test_notes_page_query_count_does_not_grow_with_notes(client, world, agreement, django_assert_max_num_queries):
    for n in range(3):
        services.note_write(agreement=agreement, text=f"{TEXT} {n}", actor=actor(world, "worker"))
    client.force_login(world.users["peer"])
    with django_assert_max_num_queries(16) as small:
        client.get(reverse("support:notes", args=[agreement.pk]))
    for n in range(12):
        note = services.note_write(agreement=agreement, text=f"{TEXT} more {n}", actor=actor(world, "worker"))
        services.note_comment(note=note, text="Fine by me", asks_for_correction=False, actor=actor(world, "peer"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("support:notes", args=[agreement.pk]))


def test_the_person_asks_for_a_correction_and_the_amendment_keeps_history(client, world, agreement):
    note = services.note_write(
        agreement=agreement, text="We talked about the Thursday bus.", actor=actor(world, "worker")
    )
    client.force_login(world.users["peer"])
    client.post(
        reverse("support:note_comment", args=[note.pk]), {"text": "It was Tuesday", "asks_for_correction": "on"}
    )
    request = NoteComment.objects.get()
    assert request.asks_for_correction and request.resolved_at is None
    with pytest.raises(ServiceError, match="reason"):
        services.note_amend(note=note, text=TEXT, reason="", expected_version=1, actor=actor(world, "worker"))
    services.note_amend(
        note=note, text=TEXT, reason="Alex corrected the day", expected_version=1, actor=actor(world, "worker")
    )
    with pytest.raises(ServiceError, match="Someone else changed"):
        services.note_amend(note=note, text="x", reason="y", expected_version=1, actor=actor(world, "worker"))
    note.refresh_from_db()
    assert note.text == TEXT and note.version == 2
    assert [r.text for r in note.revisions.all()] == ["We talked about the Thursday bus."]
    assert NoteComment.objects.get().resolved_at is not None
    page = client.get(reverse("support:notes", args=[agreement.pk])).content.decode()
    assert "Alex corrected the day" in page and "Thursday bus" in page


def test_a_note_is_shared_only_with_a_named_recipient_the_person_agreed_to_and_they_see_it(client, world, agreement):
    note = services.note_write(agreement=agreement, text=TEXT, actor=actor(world, "worker"))
    with pytest.raises(ServiceError, match="has not agreed"):
        services.note_share(note=note, recipient="Sam Care-Coordinator", actor=actor(world, "worker"))
    people_services.consent_record(
        person=world.people["peer"],
        scope="note_sharing",
        recipient="Sam Care-Coordinator",
        given=True,
        method="online",
        actor=actor(world, "peer"),
    )
    with pytest.raises(ServiceError, match="has not agreed"):
        services.note_share(note=note, recipient="Someone else", actor=actor(world, "worker"))
    services.note_share(note=note, recipient="Sam Care-Coordinator", actor=actor(world, "worker"))
    client.force_login(world.users["peer"])
    page = client.get(reverse("support:notes", args=[agreement.pk])).content.decode()
    assert "Shared with Sam Care-Coordinator" in page
    people_services.consent_record(
        person=world.people["peer"],
        scope="note_sharing",
        recipient="Sam Care-Coordinator",
        given=False,
        method="online",
        actor=actor(world, "peer"),
    )
    with pytest.raises(ServiceError, match="has not agreed"):
        services.note_share(note=note, recipient="Sam Care-Coordinator", actor=actor(world, "worker"))
    assert NoteShare.objects.count() == 1


def test_an_empty_note_is_refused(client, world, agreement):
    client.force_login(world.users["worker"])
    response = client.post(reverse("support:notes", args=[agreement.pk]), {"text": "   "})
    assert "This field is required" in response.content.decode()
    assert not Note.objects.exists()


def test_rotating_the_encryption_key_loses_no_note_text(world, agreement, settings):
    note = services.note_write(agreement=agreement, text=TEXT, actor=actor(world, "worker"))
    services.note_amend(
        note=note, text=TEXT + " Updated.", reason="Added a line", expected_version=1, actor=actor(world, "worker")
    )
    services.note_comment(note=note, text="Thank you", asks_for_correction=False, actor=actor(world, "peer"))
    before = raw_text(note.pk)
    old_key = settings.FIELD_ENCRYPTION_KEYS.split(",")[0]
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = f"{new_key},{old_key}"
    call_command("rotate_encryption_keys", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = new_key
    note = Note.objects.get(pk=note.pk)
    assert raw_text(note.pk) != before
    assert note.text == TEXT + " Updated."
    assert note.revisions.get().text == TEXT
    assert note.comments.get().text == "Thank you"
