"""Places: postcode districts, and distances between them computed in the database.

A person gives the first half of their postcode (or a whole postcode, from which
the district is taken). Distances use the haversine formula on the district
centres. The formula is written out here because it must run inside the
database query (so searches can filter and sort by distance over thousands of
rows) on both PostgreSQL and SQLite; no library provides that as an ORM expression.
"""

from __future__ import annotations

import math
import re

from django.db.models import F, FloatField, Value
from django.db.models.expressions import Expression
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

from people.models import PostcodeDistrict

EARTH_RADIUS_KM = 6371.0088
# Outward code: area (1-2 letters), district (digit, then a digit or letter), e.g. EX2, SW1A, M1, W1D.
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_INWARD = re.compile(r"^[0-9][A-Z]{2}$")


class UnknownPlace(ValueError):
    """A postcode or district that is not recognised; the message is fit to show a person."""


def normalise_district(text: str) -> str:
    """'ex2 4ab', 'EX2', ' ex2 ' → 'EX2'. Raises UnknownPlace with a plain message."""
    cleaned = re.sub(r"\s+", "", (text or "").upper())
    if not cleaned:
        raise UnknownPlace("Please enter a postcode or the first part of one, like EX2.")
    if len(cleaned) >= 5 and _INWARD.match(cleaned[-3:]) and _OUTWARD.match(cleaned[:-3]):
        cleaned = cleaned[:-3]
    if not _OUTWARD.match(cleaned):
        raise UnknownPlace(f"“{text.strip()}” does not look like a UK postcode. Try the first part, like EX2 or SW1A.")
    return cleaned


def find_district(text: str) -> PostcodeDistrict:
    """The district for a postcode or outward code, or UnknownPlace."""
    code = normalise_district(text)
    district = PostcodeDistrict.objects.filter(code=code).first()
    if district is None:
        raise UnknownPlace(f"We could not find the postcode area {code}. Please check it, or try a nearby one.")
    return district


def distance_km_expression(latitude: float, longitude: float, lat_field: str, lon_field: str) -> Expression:
    """An ORM expression: km from (latitude, longitude) to the row's (lat_field, lon_field)."""
    lat1, lon1 = Radians(Value(latitude)), Radians(Value(longitude))
    lat2, lon2 = Radians(F(lat_field)), Radians(F(lon_field))
    half_chord = Power(Sin((lat2 - lat1) / 2), 2) + Cos(lat1) * Cos(lat2) * Power(Sin((lon2 - lon1) / 2), 2)
    return Value(2 * EARTH_RADIUS_KM, output_field=FloatField()) * ASin(Sqrt(half_chord))


def distance_km(a: PostcodeDistrict, b: PostcodeDistrict) -> float:
    """The same distance, for two districts already loaded."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    half_chord = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(half_chord))
