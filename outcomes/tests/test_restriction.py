"""A person with a restriction in force is left out of every outcome analysis and export, until it is lifted."""

import pandas as pd
from django.core.management import call_command

from api.tests.test_api import api, token_for
from outcomes import analysis
from outcomes.models import ResearchNumber
from outcomes.tests.helpers import D, consenting_person, stay
from privacy.testing import lift, restrict

START, END = D(2023, 1, 1), D(2025, 12, 31)


def _two_people(world):
    ana = consenting_person(world, "Ana Example", supported=True)
    stay(ana, D(2023, 1, 1), D(2023, 1, 11))
    stay(ana, D(2023, 4, 11), D(2023, 4, 15))
    ben = consenting_person(world, "Ben Example")
    stay(ben, D(2024, 3, 1), D(2024, 3, 6))
    return ana, ben


def test_restricted_person_is_left_out_of_outcome_analysis_until_the_restriction_is_lifted(world):
    ana, _ben = _two_people(world)
    before = analysis.outcome_stats([world.org.pk], START, END)
    assert (before.people, before.use["All"].bed_days) == (2, 19)

    request = restrict(world, ana)
    restricted = analysis.outcome_stats([world.org.pk], START, END)
    assert restricted.people == 1
    assert restricted.groups == {analysis.SUPPORTED: 0, analysis.NOT_SUPPORTED: 1}
    assert restricted.use["All"].bed_days == 5  # only Ben's stay

    lift(world, request)
    after = analysis.outcome_stats([world.org.pk], START, END)
    assert (after.people, after.use["All"].bed_days) == (2, 19)


def test_restricted_person_is_left_out_of_the_outcomes_export_until_the_restriction_is_lifted(world, tmp_path):
    ana, ben = _two_people(world)
    request = restrict(world, ana)

    def exported(name):
        out = tmp_path / name
        call_command("export_outcomes", "--out", str(out), "--start", "2023-01-01", "--end", "2025-12-31")
        numbers = dict(ResearchNumber.objects.values_list("person_id", "number"))
        listed = set(pd.read_csv(out, dtype={"research_number": str}).research_number)
        return {pk for pk, number in numbers.items() if number in listed}

    assert exported("restricted.csv") == {ben.pk}
    assert not ResearchNumber.objects.filter(person=ana).exists()  # not even given a number while restricted

    lift(world, request)
    assert exported("lifted.csv") == {ana.pk, ben.pk}


def test_restricted_person_is_left_out_of_the_outcomes_api_figures_until_the_restriction_is_lifted(world):
    ana, _ben = _two_people(world)
    client = api(token_for(world, "evaluator"))
    url = "/api/outcomes/stays/stats/?start=2023-01-01&end=2025-12-31"
    assert client.get(url).json()["people_followed"] == 2

    request = restrict(world, ana)
    assert client.get(url).json()["people_followed"] == 1

    lift(world, request)
    assert client.get(url).json()["people_followed"] == 2
