import datetime

from django.utils import timezone

from outcomes.models import ResearchNumber, ServiceUse
from outcomes.privacy import RETENTION, erase, subject_data
from outcomes.tests.helpers import D, consenting_person, stay


def test_a_person_gets_their_stays_in_a_subject_access_request_and_erasure_removes_them(world):
    ana = consenting_person(world, "Ana")
    ben = consenting_person(world, "Ben")
    stay(ana, D(2025, 1, 1), D(2025, 1, 9))
    stay(ben, D(2025, 2, 1), D(2025, 2, 3))
    ResearchNumber.objects.create(person=ana)
    data = subject_data(ana)
    assert data["Hospital and crisis stays"][0]["From"] == "2025-01-01"
    assert len(data["Outcome research number"]) == 1
    assert erase(ana, actor=None) == {"hospital and crisis stays": 1, "outcome research numbers": 1}
    assert list(ServiceUse.objects.values_list("person_id", flat=True)) == [ben.pk]


def test_retention_removes_only_stays_recorded_before_the_cutoff(world):
    ana = consenting_person(world, "Ana")
    old = stay(ana, D(2016, 1, 1), D(2016, 1, 9))
    new = stay(ana, D(2025, 1, 1), D(2025, 1, 9))
    ServiceUse.objects.filter(pk=old.pk).update(recorded_at=timezone.now() - datetime.timedelta(days=9 * 365))
    (rule,) = RETENTION
    removed = rule["expire"](world.org, timezone.now() - datetime.timedelta(days=rule["default_days"]), None)
    assert removed == 1
    assert list(ServiceUse.objects.values_list("pk", flat=True)) == [new.pk]
