import pytest

from groups.models import Attendance, Group, Meeting, Network
from people.management.commands.demo import load_demo
from supervision.models import Session
from training.models import CascadeReport, Cohort

pytestmark = pytest.mark.django_db


def test_demo_data_has_groups_with_a_year_of_meetings_cohorts_and_supervision():
    ctx = load_demo("small", 1, log=lambda line: None)
    assert Group.objects.count() >= 20
    first = Group.objects.order_by("id").first()
    assert first.memberships.filter(person=ctx.logins["facilitator"], role="facilitator").exists()
    assert Meeting.objects.filter(status="held").exists() and Meeting.objects.filter(status="planned").exists()
    assert Attendance.objects.exists()
    assert Cohort.objects.count() == 2 * len(ctx.organisations)
    assert set(CascadeReport.objects.values_list("months_after", flat=True)) == {2, 5}
    assert Network.objects.filter(cohort__isnull=False).count() == len(ctx.organisations)
    assert Session.objects.filter(supervisor=ctx.logins["supervisor"]).count() == 6


def test_at_network_scale_there_are_at_least_500_groups():
    from groups.demo import group_count
    from people.demo import SCALES

    assert group_count(SCALES["network"]) >= 500
