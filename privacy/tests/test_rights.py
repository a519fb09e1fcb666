"""People's rights: a copy of everything held, erasure and restriction requests, legal holds, retention."""

import json
import subprocess
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from people import services as people_services
from people.models import Consent, ConsentScope, Person, PersonTheme, User
from people.privacy import ERASED_NAME
from privacy import collect, services
from privacy.models import LegalHold, RetentionRule, RightsRequest
from reminders.models import OutboxMessage, ReminderDelivery, ReminderPreference


def _give_the_peer_some_history(world):
    peer = world.person("peer")
    Person.objects.filter(pk=peer.pk).update(
        full_name="Alex Example", phone="07700 900123", postal_address="1 River Street"
    )
    peer.refresh_from_db()
    peer.experience_in_own_words = "Hearing voices since I was nineteen."
    peer.save(update_fields=["experience_in_own_words"])
    people_services.consent_record(
        person=peer, scope=ConsentScope.SUPPORT, given=True, method="in_person", actor=world.users["coordinator"]
    )
    people_services.consent_record(
        person=peer, scope=ConsentScope.SUPPORT, given=False, method="phone", actor=world.users["coordinator"]
    )
    ReminderPreference.objects.create(person=peer, enabled=True, sessions=True)
    ReminderDelivery.objects.create(person=peer, purpose="sessions", key="s-1", channel="email", status="sent")
    OutboxMessage.objects.create(
        channel="letter",
        person=peer,
        organisation=world.org,
        address="1 River Street",
        body="Your session is on Monday",
    )
    return peer


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "records.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout


def test_person_downloads_everything_held_about_them_as_json_and_a_readable_pdf(client, world, tmp_path):
    _give_the_peer_some_history(world)
    client.force_login(world.users["peer"])
    page = client.get(reverse("privacy:my_data")).content.decode()
    assert "Download as a readable PDF" in page

    response = client.get(reverse("privacy:my_data_download", kwargs={"fmt": "json"}))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    parts = {part["app"]: part["sections"] for part in data["parts"]}
    assert {"people", "reminders"} <= set(parts)
    details = parts["people"]["Your details"][0]
    assert details["Full name"] == "Alex Example"
    assert details["My experience in my own words"] == "Hearing voices since I was nineteen."  # decrypted
    assert [row["Given"] for row in parts["people"]["Consent choices"]] == [True, False]
    assert parts["reminders"]["Reminders sent"][0]["Result"] == "Sent"
    assert parts["reminders"]["Letters and texts prepared for you"][0]["Message"] == "Your session is on Monday"

    pdf = client.get(reverse("privacy:my_data_download", kwargs={"fmt": "pdf"}))
    assert pdf["Content-Type"] == "application/pdf"
    text = _pdf_text(pdf.content, tmp_path)
    assert "Records held about Alex" in text
    assert "Hearing voices since I was nineteen." in text
    assert "Reminder choices" in text
    assert AuditEvent.objects.filter(action="export", summary="Own records downloaded").count() == 2


def test_coordinator_produces_a_subject_access_copy_and_it_is_audited(client, world):
    peer = _give_the_peer_some_history(world)
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("privacy:subject_access", kwargs={"person_id": peer.pk, "fmt": "json"}))
    assert json.loads(response.content)["about"] == "Alex"
    event = AuditEvent.objects.get(summary="Subject access download produced")
    assert str(event.target_id) == str(peer.pk)


def test_the_collector_asks_every_app_that_has_a_privacy_module():
    apps = [app for app, _module in collect.privacy_modules()]
    assert {"people", "reminders"} <= set(apps)
    keys = {t.key for t in collect.retention_types()}
    assert {"people.superseded_consent", "reminders.delivery", "reminders.outbox"} <= keys


def test_erasure_removes_the_person_everywhere_and_the_request_record_keeps_nothing_erased(client, world):
    peer = _give_the_peer_some_history(world)
    user_id = peer.user_id
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("privacy:person_rights", kwargs={"person_id": peer.pk}),
        {
            "action": "request",
            "kind": "erasure",
            "reason": "consent_withdrawn",
            "notes": "Alex rang from 07700 900123",
            "submission_token": str(uuid.uuid4()),
        },
    )
    rq = RightsRequest.objects.get()
    assert response["Location"] == reverse("privacy:request", kwargs={"request_id": rq.pk})
    assert rq.due_on == (rq.received_at + timedelta(days=30)).date()

    client.post(reverse("privacy:request", kwargs={"request_id": rq.pk}), {"action": "carry_out"})

    peer.refresh_from_db()
    assert peer.display_name == ERASED_NAME
    assert (peer.full_name, peer.phone, peer.postal_address, peer.experience_in_own_words) == ("", "", "", "")
    assert not User.objects.filter(pk=user_id).exists()
    assert not Consent.objects.filter(person=peer).exists()
    assert not PersonTheme.objects.filter(person=peer).exists()
    assert not ReminderDelivery.objects.filter(person=peer).exists()
    assert not OutboxMessage.objects.filter(person=peer).exists()
    assert not ReminderPreference.objects.filter(person=peer).exists()

    rq.refresh_from_db()
    assert rq.status == RightsRequest.Status.DONE and rq.subject_id is None and rq.notes == ""
    assert rq.counts["Reminders the person controls: reminders sent"] == 1
    # The record that the request happened holds nothing that was erased.
    stored = json.dumps(
        {f.name: str(getattr(rq, f.attname)) for f in RightsRequest._meta.concrete_fields}
        | {"events": list(AuditEvent.objects.filter(target_type__icontains="rightsrequest").values())},
        default=str,
    )
    for erased in ["Alex", "07700", "River Street", "peer@example.org", "voices"]:
        assert erased not in stored
    page = client.get(reverse("privacy:request", kwargs={"request_id": rq.pk})).content.decode()
    assert "nothing about the person is kept here" in page


def test_a_legal_hold_stops_erasure_until_it_is_released(client, world):
    peer = _give_the_peer_some_history(world)
    coordinator = world.users["coordinator"]
    hold = services.legal_hold_place(person=peer, reason="Safeguarding inquiry", actor=coordinator)
    rq = services.rights_request_create(subject=peer, kind="erasure", reason="objects", actor=coordinator)
    client.force_login(coordinator)
    page = client.post(reverse("privacy:request", kwargs={"request_id": rq.pk}), {"action": "carry_out"}, follow=True)
    assert "A legal hold is in place" in page.content.decode()
    peer.refresh_from_db()
    assert peer.display_name == "Alex" and Consent.objects.filter(person=peer).exists()

    services.legal_hold_release(hold=hold, actor=coordinator)
    services.rights_request_carry_out(request=rq, actor=coordinator)
    peer.refresh_from_db()
    assert peer.display_name == ERASED_NAME
    assert not LegalHold.objects.filter(person=peer).exists()


def test_restriction_is_recorded_in_force_and_can_be_lifted(world):
    from privacy.selectors import is_restricted

    peer = world.person("peer")
    coordinator = world.users["coordinator"]
    rq = services.rights_request_create(subject=peer, kind="restriction", reason="inaccurate", actor=coordinator)
    assert not is_restricted(peer.pk)
    services.rights_request_carry_out(request=rq, actor=coordinator)
    assert is_restricted(peer.pk)
    services.restriction_lift(request=rq, actor=coordinator)
    assert not is_restricted(peer.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "erasure", "reason": ""}, "Choose the reason"),
        ({"kind": "erasure", "reason": "because"}, "Select a valid choice"),
        ({"kind": "forget-me", "reason": "objects"}, "Select a valid choice"),
    ],
)
def test_a_rights_request_with_bad_input_is_refused_plainly_and_nothing_is_saved(client, world, data, message):
    client.force_login(world.users["coordinator"])
    url = reverse("privacy:person_rights", kwargs={"person_id": world.person("peer").pk})
    response = client.post(url, {"action": "request", "submission_token": str(uuid.uuid4()), **data}, follow=True)
    assert message in response.content.decode()
    assert not RightsRequest.objects.exists()


def test_refusing_a_request_needs_a_reason_for_the_person(client, world):
    coordinator = world.users["coordinator"]
    rq = services.rights_request_create(subject=world.person("peer"), kind="access", actor=coordinator)
    client.force_login(coordinator)
    url = reverse("privacy:request", kwargs={"request_id": rq.pk})
    assert "This field is required" in client.post(url, {"action": "refuse", "outcome": ""}).content.decode()
    client.post(url, {"action": "refuse", "outcome": "Manifestly unfounded: third request this week"})
    rq.refresh_from_db()
    assert rq.status == RightsRequest.Status.REFUSED


def test_administrator_sets_retention_periods_and_words_are_refused(client, world):
    client.force_login(world.users["administrator"])
    url = reverse("privacy:retention", kwargs={"slug": world.org.slug})
    assert "Record of reminders sent" in client.get(url).content.decode()
    bad = client.post(url, {"reminders.delivery": "a year"}, follow=True)
    assert "type a whole number of days" in bad.content.decode()
    assert not RetentionRule.objects.exists()
    client.post(url, {"reminders.delivery": "30", "reminders.outbox": "", "people.superseded_consent": "2190"})
    assert collect.retention_periods(world.org) == {
        "people.superseded_consent": 2190,
        "reminders.delivery": 30,
        "reminders.outbox": None,
    } | {k: v for k, v in collect.retention_periods(world.org).items() if not k.startswith(("people.", "reminders."))}


@pytest.mark.django_db(transaction=True)
def test_the_nightly_job_removes_only_expired_records_and_keeps_held_ones(run_worker):
    from people.testing import build_world
    from privacy.tasks import apply_retention_rules

    world = build_world()
    now = timezone.now()
    RetentionRule.objects.create(organisation=world.org, key="reminders.delivery", days=30)
    peer, worker, outsider = world.person("peer"), world.person("worker"), world.person("outsider")

    def delivery(person, days_old, key):
        return ReminderDelivery.objects.create(
            person=person,
            purpose="sessions",
            key=key,
            channel="email",
            status="sent",
            created_at=now - timedelta(days=days_old),
        )

    expired = delivery(peer, 40, "old")
    recent = delivery(peer, 10, "new")
    held = delivery(worker, 40, "held")
    other_org = delivery(outsider, 40, "elsewhere")  # Elsewhere keeps the default, 365 days
    LegalHold.objects.create(organisation=world.org, person=worker, reason="Complaint under investigation")
    people_before = list(Person.objects.order_by("pk").values())

    apply_retention_rules.enqueue()
    run_worker()

    remaining = set(ReminderDelivery.objects.values_list("pk", flat=True))
    assert expired.pk not in remaining
    assert {recent.pk, held.pk, other_org.pk} <= remaining
    assert list(Person.objects.order_by("pk").values()) == people_before
    assert AuditEvent.objects.filter(summary="Expired records removed under the retention rules").count() == 1
