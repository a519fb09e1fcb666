import pytest

from groups import privacy as groups_privacy
from groups.models import Membership
from groups.testing import make_group
from supervision import privacy as supervision_privacy
from supervision.models import ReflectiveEntry, Session, WellbeingCheckin
from supervision.testing import make_checkin, make_reflection, make_session
from training import privacy as training_privacy
from training.testing import make_completion

pytestmark = pytest.mark.django_db


def test_a_worker_gets_their_supervision_logs_and_check_ins_and_can_have_them_erased(world):
    make_session(world)
    make_reflection(world)
    make_checkin(world)
    worker = world.people["worker"]
    data = supervision_privacy.subject_data(worker)
    assert data["Supervision sessions"][0]["what was discussed"] == "We talked about boundaries."
    assert data["Wellbeing check-ins"][0]["note"] == "Tired this week"
    counts = supervision_privacy.erase(worker, actor=None)
    assert counts["individual sessions"] == 1
    assert not (Session.objects.exists() or ReflectiveEntry.objects.exists() or WellbeingCheckin.objects.exists())


def test_groups_and_training_records_are_in_a_subject_access_request_and_erasable(world):
    group = make_group(world)
    Membership.objects.create(group=group, person=world.people["peer"])
    make_completion(world)
    peer = world.people["peer"]
    assert groups_privacy.subject_data(peer)["Groups"][0]["group"] == group.name
    assert training_privacy.subject_data(peer)["Certificates"][0]["number"] == "TEST-1"
    groups_privacy.erase(peer, actor=None)
    training_privacy.erase(peer, actor=None)
    assert groups_privacy.subject_data(peer)["Groups"] == []
    assert training_privacy.subject_data(peer)["Certificates"] == []
