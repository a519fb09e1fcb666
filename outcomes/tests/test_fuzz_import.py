"""Hypothesis fuzzing of the outcomes CSV import: any file either imports every
row in one batch or is refused with plain messages, and a refusal saves nothing."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outcomes.models import ImportBatch, ServiceUse
from outcomes.services import outcomes_import
from outcomes.tests.helpers import consenting_person

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture
def ana(world):
    return consenting_person(world, "Ana")


def _check(world, data: bytes) -> None:
    before = (ImportBatch.objects.count(), ServiceUse.objects.count())
    result = outcomes_import(organisation=world.org, data=data, filename="trust.csv", actor=None)
    if result.ok:
        assert result.errors == []
        assert ServiceUse.objects.filter(batch=result.batch).count() == result.rows
    else:
        assert result.errors and all(message.strip() and "Traceback" not in message for message in result.errors)
        assert (ImportBatch.objects.count(), ServiceUse.objects.count()) == before


@FUZZ
@given(data=st.binary(max_size=400))
def test_any_bytes_import_or_are_refused_plainly(world, data):
    _check(world, data)


cells = st.one_of(
    st.text(max_size=15),
    st.sampled_from(["hospital", "crisis", "A&E", "2025-01-05", "31/02/2025", "05/01/2025", "yes", "no", "²", "١٢"]),
)


@FUZZ
@given(
    extra=st.lists(st.sampled_from(["discharged_on", "readmission", "", "x", "Person"]), max_size=3),
    rows=st.lists(st.lists(cells, max_size=8), max_size=5),
    person_cell=st.booleans(),
)
def test_any_csv_rows_import_whole_or_are_refused_plainly_by_row(world, ana, extra, rows, person_cell):
    header = ["person", "kind", "admitted_on", *extra]
    if person_cell:
        rows = [[str(ana.pk), *row[1:]] for row in rows]
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    _check(world, out.getvalue().encode())


def test_a_row_with_more_cells_than_columns_is_refused_plainly(world, ana):
    data = f"person,kind,admitted_on\n{ana.pk},hospital,2025-01-05,surplus\n".encode()
    result = outcomes_import(organisation=world.org, data=data, filename="trust.csv", actor=None)
    assert not result.ok and result.errors == [
        "Row 2 has more cells than the first line names columns. Please check its commas."
    ]


@pytest.mark.parametrize("number", ["²", "1²", "٣"])
def test_a_person_number_in_other_digits_is_refused_plainly(world, number):
    data = f"person,kind,admitted_on\n{number},hospital,2025-01-05\n".encode()
    result = outcomes_import(organisation=world.org, data=data, filename="trust.csv", actor=None)
    assert not result.ok and "no person with Mutuality number" in result.errors[0]
