"""The shortlist: peer workers who could support a person, with reasons in plain words.

Everything that narrows and orders the list is computed in one database query
(capacity left, shared themes, shared languages, gender, distance, overlapping
free times), so it stays fast with thousands of workers. Reasons are then
written for the few workers shown. There is no clinical-need score: the weighed
fit only orders the list and is never shown.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from people.models import Person, PersonTheme, PostcodeDistrict
from people.places import EARTH_RADIUS_KM
from referrals.models import Meeting, Referral, slot_labels


@dataclass
class Candidate:
    worker: Person
    capacity_left: int
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None


# How the fit is weighed: each shared theme, each shared language, any shared free time.
THEME, LANGUAGE, FREE = 3, 2, 2


def _fit(themes: str, languages: str, free: str) -> str:
    """The weighed fit, in SQL, from the columns holding the counts and the worker's free times."""
    return (
        f"{themes} * {THEME} + {languages} * {LANGUAGE} + (CASE WHEN ({free} & %(wanted)s) <> 0 THEN {FREE} ELSE 0 END)"
    )


# The organisation's current workers are read once (``w``); shared themes and languages are
# counted for them only, not for everyone who has them (which grows with every organisation on
# the server).
#
# Only a "pool" of workers is then ranked in full (place, name, filters, caseload): reading
# each worker's person, area and profile is what costs time with thousands of workers. A worker
# who shares no theme and no language scores at most FREE, so when the window-th best of those
# who do share something scores more than that, the best list lies among the workers who score
# at least as much, ties included; otherwise the pool is every worker. If filters or full
# caseloads leave too few, the caller widens the window (WINDOWS), ending with everyone.
# Within the pool the caseload is counted only for the best window: counting every worker's
# would dominate the time.
SHORTLIST_SQL = """
WITH w AS MATERIALIZED (
    SELECT r.person_id AS worker_id, COALESCE(r.capacity, o.default_capacity) AS capacity
    FROM people_role r JOIN people_organisation o ON o.id = r.organisation_id
    WHERE r.organisation_id = %(org)s AND r.kind = 'worker' AND r.ended_on IS NULL AND r.person_id <> %(person)s
),
shared AS (
    SELECT x.worker_id, SUM(x.theme) AS themes_shared, SUM(x.language) AS languages_shared
    FROM (
        SELECT person_id AS worker_id, 1 AS theme, 0 AS language FROM people_persontheme
        WHERE theme_id IN (SELECT theme_id FROM people_persontheme WHERE person_id = %(person)s)
        UNION ALL
        SELECT person_id, 0, 1 FROM people_person_languages
        WHERE language_id IN (SELECT language_id FROM people_person_languages WHERE person_id = %(person)s)
    ) x JOIN w ON w.worker_id = x.worker_id
    GROUP BY x.worker_id
),
sharing AS MATERIALIZED (
    SELECT s.worker_id, s.themes_shared, s.languages_shared, {fit} AS score
    FROM shared s LEFT JOIN referrals_workerprofile wp ON wp.worker_id = s.worker_id
),
cut AS MATERIALIZED (
    SELECT COALESCE((SELECT score FROM sharing ORDER BY score DESC LIMIT 1 OFFSET %(window)s - 1), 0) AS score
),
pool AS (
    SELECT w.worker_id, w.capacity, COALESCE(s.themes_shared, 0) AS themes_shared,
        COALESCE(s.languages_shared, 0) AS languages_shared
    FROM w LEFT JOIN sharing s ON s.worker_id = w.worker_id
    WHERE (SELECT score FROM cut) <= {free}
    UNION ALL
    SELECT w.worker_id, w.capacity, s.themes_shared, s.languages_shared
    FROM sharing s JOIN w ON w.worker_id = s.worker_id
    WHERE s.score >= (SELECT score FROM cut) AND (SELECT score FROM cut) > {free}
){place}
SELECT * FROM (
SELECT q.*, q.capacity - (
    SELECT COUNT(*) FROM people_relationship rel
    WHERE rel.from_person_id = q.worker_id AND rel.kind = 'supports' AND rel.ended_at IS NULL
) AS room
FROM (
SELECT * FROM (
    SELECT
        w.worker_id,
        w.capacity,
        w.themes_shared,
        w.languages_shared,
        COALESCE(wp.availability, 0) AS free,
        COALESCE(wp.meets_online, %(yes)s) AS online,
        COALESCE(wp.meets_in_person, %(yes)s) AS in_person,
        COALESCE(wp.travel_km, 15) AS travel,
        {distance} AS distance,
        p.display_name AS display_name,
        p.gender AS gender
    FROM pool w
    {person}
    LEFT JOIN referrals_workerprofile wp ON wp.worker_id = w.worker_id
    {place_join}
) q
WHERE 1 = 1 {filters}
ORDER BY {order}
LIMIT %(window)s
) q
) q
WHERE q.room > 0
ORDER BY {order}, q.room DESC
LIMIT %(limit)s
"""
# Each worker's own row, looked up by key. PostgreSQL would otherwise hash-join the
# organisation's workers against a scan of every person on the server, which grows with
# every organisation (OFFSET 0 keeps the lookup per worker). SQLite has no LATERAL and
# already looks people up by key.
PERSON_JOIN = {
    "postgresql": (
        "CROSS JOIN LATERAL (SELECT display_name, gender, postcode_district"
        " FROM people_person WHERE id = w.worker_id OFFSET 0) p"
    ),
    "sqlite": "JOIN people_person p ON p.id = w.worker_id",
}
ORDER = (
    _fit("q.themes_shared", "q.languages_shared", "q.free")
    + " DESC, (CASE WHEN q.distance IS NULL THEN 1 ELSE 0 END), q.distance, q.display_name, q.worker_id"
)
# How many of the best-ranked workers to rank in full and check for room, widening if too few fit.
WINDOWS = (200, 2000, 10**9)

# How far each postcode area is from the person's, worked out once per area rather than once
# per worker: haversine on the district centres (the formula of people.places, written for SQL).
PLACE_SQL = (
    ",\nplace AS MATERIALIZED (SELECT d.code,"
    " 2 * %(radius)s * ASIN(SQRT(POWER(SIN((RADIANS(d.latitude) - RADIANS(%(lat)s)) / 2), 2)"
    " + COS(RADIANS(%(lat)s)) * COS(RADIANS(d.latitude))"
    " * POWER(SIN((RADIANS(d.longitude) - RADIANS(%(lon)s)) / 2), 2))) AS km"
    " FROM people_postcodedistrict d)"
)


@contextmanager
def _without_jit():
    """On PostgreSQL, turn JIT off for this transaction only: the planner cannot know how few
    rows the CTEs hold, guesses millions, and would spend most of a second compiling a query
    that runs in milliseconds. SQLite has no JIT, and its transactions here take the write
    lock, so none is opened there."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def shortlist(referral: Referral, *, limit: int = 8) -> list[Candidate]:
    """The workers with room who fit best, in one query; each with reasons."""
    person = referral.person
    home = PostcodeDistrict.objects.filter(code=person.postcode_district).first() if person.postcode_district else None
    params = {
        "org": referral.organisation_id,
        "person": person.pk,
        "wanted": referral.availability,
        "limit": limit,
        "yes": True,
        "radius": EARTH_RADIUS_KM,
        "lat": home.latitude if home else 0.0,
        "lon": home.longitude if home else 0.0,
        "gender": referral.gender_preference,
    }
    filters = []
    if referral.gender_preference:
        filters.append("q.gender = %(gender)s")
    if referral.meeting == Meeting.ONLINE:
        filters.append("q.online = %(yes)s")
    elif referral.meeting == Meeting.IN_PERSON:
        filters.append("q.in_person = %(yes)s")
        if home is not None:
            filters.append("(q.distance IS NULL OR q.distance <= q.travel)")
    sql = SHORTLIST_SQL.format(
        person=PERSON_JOIN[connection.vendor],
        place=PLACE_SQL if home is not None else "",
        place_join="LEFT JOIN place ON place.code = p.postcode_district" if home is not None else "",
        distance="place.km" if home is not None else "NULL",
        filters="".join(f" AND {f}" for f in filters),
        order=ORDER,
        fit=_fit("s.themes_shared", "s.languages_shared", "COALESCE(wp.availability, 0)"),
        free=FREE,
    )
    with _without_jit(), connection.cursor() as cursor:
        for window in WINDOWS:
            cursor.execute(sql, {**params, "window": window})
            columns = [col[0] for col in cursor.description]
            rows = [Row(**dict(zip(columns, values, strict=True))) for values in cursor.fetchall()]
            if len(rows) >= limit:
                break
    workers = Person.objects.in_bulk([row.worker_id for row in rows])
    candidates = [
        Candidate(worker=workers[row.worker_id], capacity_left=row.room, distance_km=row.distance) for row in rows
    ]
    _explain(referral, candidates, {row.worker_id: row for row in rows})
    return candidates


@dataclass
class Row:
    worker_id: int
    capacity: int
    themes_shared: int
    languages_shared: int
    free: int
    online: bool
    in_person: bool
    travel: int
    distance: float | None
    display_name: str
    gender: str
    room: int


def _explain(referral, candidates, rows) -> None:
    """Write each candidate's reasons, in words the person understands."""
    worker_ids = [c.worker.pk for c in candidates]
    mine = {pt.theme_id: pt for pt in PersonTheme.objects.filter(person=referral.person).select_related("theme")}
    theirs: dict[int, list[PersonTheme]] = {}
    for pt in PersonTheme.objects.filter(person_id__in=worker_ids, theme_id__in=list(mine)).select_related("theme"):
        theirs.setdefault(pt.person_id, []).append(pt)
    languages: dict[int, list[str]] = {}
    spoken = Person.languages.through.objects.filter(person=referral.person).values("language_id")
    through = Person.languages.through.objects.filter(person_id__in=worker_ids, language_id__in=spoken)
    for link in through.select_related("language"):
        languages.setdefault(link.person_id, []).append(link.language.name)
    for candidate in candidates:
        row = rows[candidate.worker.pk]
        name = candidate.worker.display_name
        for pt in theirs.get(candidate.worker.pk, []):
            text = f"You both chose “{pt.theme.name}”"
            own = mine[pt.theme_id].own_words
            if own:
                text += f": you said “{own}”"
            if pt.own_words:
                text += f"; {name} said “{pt.own_words}”"
            candidate.reasons.append(text + ".")
        for language in languages.get(candidate.worker.pk, []):
            candidate.reasons.append(f"{name} speaks {language}.")
        if referral.gender_preference:
            candidate.reasons.append(f"{name} is {candidate.worker.gender_label.lower()}, as you asked.")
        if referral.meeting != Meeting.IN_PERSON and row.online:
            candidate.reasons.append(f"{name} can meet online or by phone.")
        if candidate.distance_km is not None and row.in_person:
            candidate.reasons.append(f"{name} is about {round(candidate.distance_km)} km away and meets in person.")
        if referral.availability:
            both = slot_labels(row.free & referral.availability)
            if both:
                shown = ", ".join(both[:3]) + (" and more" if len(both) > 3 else "")
                candidate.reasons.append(f"You are both free on {shown}.")
        left = candidate.capacity_left
        candidate.reasons.append(f"{name} has room for {left} more {'person' if left == 1 else 'people'}.")
