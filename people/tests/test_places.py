"""Postcode districts and distances, computed in the database, offline."""

import pytest

from people.models import PostcodeDistrict
from people.places import UnknownPlace, distance_km, distance_km_expression, find_district, normalise_district


@pytest.mark.parametrize(
    ("text", "district"),
    [("ex2", "EX2"), (" EX2 4AB ", "EX2"), ("ex24ab", "EX2"), ("SW1A 1AA", "SW1A"), ("m1", "M1"), ("BT1 1AA", "BT1")],
)
def test_a_postcode_or_its_first_half_gives_the_district(text, district):
    assert normalise_district(text) == district


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "Please enter a postcode"), ("hello", "does not look like a UK postcode"), ("12345", "does not look like")],
)
def test_text_that_is_not_a_postcode_gets_a_plain_message(text, message):
    with pytest.raises(UnknownPlace, match=message):
        normalise_district(text)


def test_a_district_that_does_not_exist_gets_a_plain_message(db):
    with pytest.raises(UnknownPlace, match="could not find the postcode area EX99"):
        find_district("EX99")


def test_the_shipped_table_covers_the_whole_uk(db):
    assert PostcodeDistrict.objects.count() > 3000
    for code in ["AB10", "BT1", "CF10", "EX2", "G1", "KW15", "SW1A", "TR21", "ZE1"]:
        assert PostcodeDistrict.objects.filter(code=code).exists(), code


def test_distances_are_right_and_the_database_agrees(db):
    exeter, plymouth, london = (find_district(code) for code in ("EX2", "PL4", "SW1A"))
    assert distance_km(exeter, plymouth) == pytest.approx(57, abs=3)
    assert distance_km(exeter, london) == pytest.approx(250, abs=10)
    in_db = dict(
        PostcodeDistrict.objects.filter(code__in=["PL4", "SW1A"])
        .annotate(km=distance_km_expression(exeter.latitude, exeter.longitude, "latitude", "longitude"))
        .values_list("code", "km")
    )
    assert in_db["PL4"] == pytest.approx(distance_km(exeter, plymouth), rel=1e-6)
    assert in_db["SW1A"] == pytest.approx(distance_km(exeter, london), rel=1e-6)


def test_nearest_districts_are_found_by_sorting_in_the_query(db):
    exeter = find_district("EX2")
    nearest = list(
        PostcodeDistrict.objects.annotate(
            km=distance_km_expression(exeter.latitude, exeter.longitude, "latitude", "longitude")
        )
        .filter(km__lte=5)
        .order_by("km")
        .values_list("code", flat=True)
    )
    assert nearest[0] == "EX2" and {"EX1", "EX4"} <= set(nearest)
