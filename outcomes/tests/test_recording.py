import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from mutuality.errors import ServiceError
from outcomes import services
from outcomes.models import ServiceUse, UseKind
from outcomes.tests.helpers import D, consenting_person, stay
from people import services as people_services
from people.models import ConsentScope


def _consent(person):
    people_services.consent_record(person=person, scope=ConsentScope.OUTCOMES, given=True, method="paper", actor=None)


def test_nothing_is_recorded_for_a_person_who_has_not_agreed_to_outcomes_data(world, client):
    client.force_login(world.users["worker"])
    peer = world.people["peer"]
    response = client.post(
        reverse("outcomes:person", args=[peer.pk]),
        {"kind": UseKind.HOSPITAL, "started_on": "2026-01-05", "ended_on": "2026-01-20"},
    )
    assert response.status_code == 200
    assert "has not agreed to hospital and crisis outcomes being recorded" in response.content.decode()
    assert not ServiceUse.objects.exists()


def test_worker_records_a_stay_with_consent_and_the_write_is_audited(world, client):
    peer = world.people["peer"]
    _consent(peer)
    client.force_login(world.users["worker"])
    response = client.post(
        reverse("outcomes:person", args=[peer.pk]),
        {"kind": UseKind.HOSPITAL, "started_on": "2026-01-05", "ended_on": "2026-01-20", "readmission": "no"},
    )
    assert response.status_code == 302
    use = ServiceUse.objects.get()
    assert (use.person, use.days, use.is_readmission) == (peer, 15, False)
    assert AuditEvent.objects.filter(target_type="outcomes.serviceuse", target_id=str(use.pk), action="create").exists()


def test_person_sees_their_own_stays_and_the_read_is_audited(world, client):
    peer = world.people["peer"]
    _consent(peer)
    stay(peer, D(2026, 2, 1), None)
    client.force_login(world.users["peer"])
    response = client.get(reverse("outcomes:person", args=[peer.pk]))
    page = response.content.decode()
    assert "Your hospital and crisis stays" in page
    assert "still there" in page
    assert "Record a stay" not in page  # the person sees; staff record
    assert AuditEvent.objects.filter(action="read", target_type="people.person", target_id=str(peer.pk)).exists()


@pytest.mark.parametrize(
    ("kind", "start", "end", "message"),
    [
        (UseKind.HOSPITAL, D(2026, 1, 20), D(2026, 1, 5), "The discharge date is before the admission date."),
        (UseKind.HOSPITAL, datetime.date.today() + datetime.timedelta(days=3), None, "in the future"),
        (UseKind.HOSPITAL, D(2026, 1, 5), datetime.date.today() + datetime.timedelta(days=3), "Leave it empty"),
        ("surgery", D(2026, 1, 5), None, "choose what kind"),
    ],
)
def test_impossible_dates_and_kinds_are_refused_in_plain_english(world, kind, start, end, message):
    peer = world.people["peer"]
    _consent(peer)
    with pytest.raises(ServiceError, match=message):
        services.service_use_record(person=peer, kind=kind, started_on=start, ended_on=end, actor=None)
    assert not ServiceUse.objects.exists()


def test_the_same_stay_cannot_be_recorded_twice(world):
    person = consenting_person(world, "Dee")
    stay(person, D(2026, 1, 5), D(2026, 1, 9))
    with pytest.raises(ServiceError, match="already been recorded"):
        stay(person, D(2026, 1, 5), D(2026, 1, 9))
    assert ServiceUse.objects.count() == 1


def test_emergency_attendance_starts_and_ends_the_same_day(world):
    person = consenting_person(world, "Dee")
    use = stay(person, D(2026, 3, 2), D(2026, 3, 9), kind=UseKind.EMERGENCY)
    assert use.ended_on == D(2026, 3, 2)


def test_discharge_of_an_ongoing_stay_is_recorded_by_the_worker(world, client):
    peer = world.people["peer"]
    _consent(peer)
    use = stay(peer, D(2026, 2, 1), None)
    client.force_login(world.users["worker"])
    response = client.post(reverse("outcomes:discharge", args=[use.pk]), {"ended_on": "2026-01-01"})
    assert response.status_code == 302
    use.refresh_from_db()
    assert use.ended_on is None  # before admission: refused, nothing changed
    client.post(reverse("outcomes:discharge", args=[use.pk]), {"ended_on": "2026-02-11"})
    use.refresh_from_db()
    assert use.days == 10


def test_a_record_entered_in_error_can_be_removed_and_the_removal_is_audited(world, client):
    peer = world.people["peer"]
    _consent(peer)
    use = stay(peer, D(2026, 2, 1), D(2026, 2, 3))
    client.force_login(world.users["coordinator"])
    client.post(reverse("outcomes:remove", args=[use.pk]))
    assert not ServiceUse.objects.exists()
    assert AuditEvent.objects.filter(action="delete", target_type="outcomes.serviceuse").exists()
