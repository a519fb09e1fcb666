"""Demo data: three teams over four rounds; Coast team drifts away from mutuality and recovers."""

import pytest

from fidelity import demo as fidelity_demo
from fidelity import selectors
from fidelity.models import Action, Round, Team
from people.demo import DemoContext
from people.demo import load as load_people

pytestmark = pytest.mark.django_db


def _person_mutuality(round_):
    row = next(r for r in selectors.round_profile(round_).principles if r.code == "mutuality-reciprocity")
    return next(c for c in row.cells if c.perspective == "person")


def test_demo_has_three_teams_over_four_rounds_and_one_drifts_and_recovers():
    ctx = DemoContext("small", 1, log=lambda line: None)
    load_people(ctx)
    fidelity_demo.load(ctx)
    assert Team.objects.count() == 3
    assert Round.objects.filter(team__isnull=False).count() == 12
    coast = list(Round.objects.filter(team__name="Coast team").order_by("opened_on"))
    means = [_person_mutuality(r).mean for r in coast]
    assert means[2] < means[0] - 0.7, means
    assert means[3] > means[2] + 0.7, means
    third = selectors.round_profile(coast[2])
    assert any(row.code == "mutuality-reciprocity" for row in third.disagreements)
    assert Action.objects.filter(round__in=coast[:3], done_on__isnull=False).count() == 3
    assert Round.objects.filter(worker=ctx.logins["worker"]).count() == 2
