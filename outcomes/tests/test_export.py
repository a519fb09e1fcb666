import io
from decimal import Decimal

import pandas as pd
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEvent
from outcomes.models import ResearchNumber
from outcomes.tests.helpers import D, consenting_person, stay


def _two_people(world):
    ana = consenting_person(world, "Ana Example", supported=True)
    stay(ana, D(2023, 1, 1), D(2023, 1, 11))
    stay(ana, D(2023, 4, 11), D(2023, 4, 15))  # back after 90 days
    ben = consenting_person(world, "Ben Example")
    stay(ben, D(2025, 10, 1), D(2025, 10, 3))  # followed under a year, not back
    return ana, ben


def test_export_file_has_research_numbers_and_the_figures_but_no_names(world, tmp_path):
    ana, ben = _two_people(world)
    out = tmp_path / "outcomes.csv"
    call_command(
        "export_outcomes", "--format", "csv", "--out", str(out), "--start", "2023-01-01", "--end", "2025-12-31"
    )
    text = out.read_text()
    assert "Ana" not in text and "Ben" not in text
    frame = pd.read_csv(out, dtype={"research_number": str}).set_index("research_number")
    numbers = dict(ResearchNumber.objects.values_list("person_id", "number"))
    a, b = frame.loc[numbers[ana.pk]], frame.loc[numbers[ben.pk]]
    assert (a.peer_support, a.days_followed, a.readmitted, a.readmitted_within_12_months) == (1, 90, 1, 1)
    assert (a.bed_days, Decimal(str(a.cost_gbp))) == (14, Decimal(14 * 259))
    assert (b.peer_support, b.readmitted) == (0, 0)
    assert pd.isna(b.readmitted_within_12_months)  # cannot be known yet
    assert AuditEvent.objects.filter(action="export", summary__startswith="Outcome analysis data").exists()


def test_a_person_keeps_the_same_research_number_in_every_export(world, tmp_path):
    _two_people(world)
    for name in ("one.csv", "two.csv"):
        call_command("export_outcomes", "--out", str(tmp_path / name), "--start", "2023-01-01", "--end", "2025-12-31")
    assert (tmp_path / "one.csv").read_text() == (tmp_path / "two.csv").read_text()
    assert ResearchNumber.objects.count() == 2


def test_evaluator_downloads_the_same_file_from_the_outcomes_page(world, client):
    _two_people(world)
    client.force_login(world.users["evaluator"])
    response = client.get(reverse("outcomes:export") + "?start=2023-01-01&end=2025-12-31")
    assert response["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(response.content.decode()))
    assert len(frame) == 2 and "research_number" in frame.columns
