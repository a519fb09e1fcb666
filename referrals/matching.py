"""The shortlist: peer workers who could support a person, with reasons in plain words.

Everything that narrows and orders the list is computed in one database query
(capacity left, shared themes, shared languages, gender, distance, overlapping
free times), so it stays fast with thousands of workers. Reasons are then
written for the few workers shown. There is no clinical-need score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from people.models import Person, PersonTheme, PostcodeDistrict
from people.places import EARTH_RADIUS_KM
from referrals.models import Meeting, Referral, slot_labels


@dataclass
class Candidate:
    worker: Person
    capacity_left: int
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None


# Ranking first, over every worker (cheap), then the caseload of only the best
# few ("window"): counting every worker's caseload would dominate the time.
SHORTLIST_SQL = """
SELECT * FROM (
SELECT q.*, q.capacity - (
    SELECT COUNT(*) FROM people_relationship rel
    WHERE rel.from_person_id = q.worker_id AND rel.kind = 'supports' AND rel.ended_at IS NULL
) AS room
FROM (
SELECT * FROM (
    SELECT
        r.person_id AS worker_id,
        COALESCE(r.capacity, o.default_capacity) AS capacity,
        COALESCE(t.n, 0) AS themes_shared,
        COALESCE(l.n, 0) AS languages_shared,
        COALESCE(wp.availability, 0) AS free,
        COALESCE(wp.meets_online, %(yes)s) AS online,
        COALESCE(wp.meets_in_person, %(yes)s) AS in_person,
        COALESCE(wp.travel_km, 15) AS travel,
        {distance} AS distance,
        p.display_name AS display_name,
        p.gender AS gender
    FROM people_role r
    JOIN people_person p ON p.id = r.person_id
    JOIN people_organisation o ON o.id = r.organisation_id
    LEFT JOIN (
        SELECT person_id, COUNT(*) AS n FROM people_persontheme
        WHERE theme_id IN (SELECT theme_id FROM people_persontheme WHERE person_id = %(person)s)
        AND person_id IN ({workers})
        GROUP BY person_id
    ) t ON t.person_id = r.person_id
    LEFT JOIN (
        SELECT person_id, COUNT(*) AS n FROM people_person_languages
        WHERE language_id IN (SELECT language_id FROM people_person_languages WHERE person_id = %(person)s)
        AND person_id IN ({workers})
        GROUP BY person_id
    ) l ON l.person_id = r.person_id
    LEFT JOIN referrals_workerprofile wp ON wp.worker_id = r.person_id
    LEFT JOIN people_postcodedistrict d ON d.code = p.postcode_district
    WHERE r.organisation_id = %(org)s AND r.kind = 'worker' AND r.ended_on IS NULL AND r.person_id <> %(person)s
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
# Shared themes and languages are counted for this organisation's current workers only,
# not for everyone who has them (which grows with every organisation on the server).
WORKERS_SQL = (
    "SELECT person_id FROM people_role WHERE organisation_id = %(org)s AND kind = 'worker' AND ended_on IS NULL"
)
ORDER = (
    "q.themes_shared * 3 + q.languages_shared * 2 + (CASE WHEN (q.free & %(wanted)s) <> 0 THEN 2 ELSE 0 END) DESC,"
    " (CASE WHEN q.distance IS NULL THEN 1 ELSE 0 END), q.distance, q.display_name, q.worker_id"
)
# How many of the best-ranked workers to check for room, widening if too few have any.
WINDOWS = (200, 2000, 10**9)

# Haversine on the district centres (the same formula as people.places, written for this query).
DISTANCE_SQL = (
    "2 * %(radius)s * ASIN(SQRT(POWER(SIN((RADIANS(d.latitude) - RADIANS(%(lat)s)) / 2), 2)"
    " + COS(RADIANS(%(lat)s)) * COS(RADIANS(d.latitude))"
    " * POWER(SIN((RADIANS(d.longitude) - RADIANS(%(lon)s)) / 2), 2)))"
)


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
        workers=WORKERS_SQL,
        distance=DISTANCE_SQL if home is not None else "NULL",
        filters="".join(f" AND {f}" for f in filters),
        order=ORDER,
    )
    with connection.cursor() as cursor:
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
    theme_ids = list(PersonTheme.objects.filter(person=person).values_list("theme_id", flat=True))
    language_ids = list(person.languages.values_list("pk", flat=True))
    _explain(referral, candidates, {row.worker_id: row for row in rows}, theme_ids, language_ids)
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


def _explain(referral, candidates, rows, theme_ids, language_ids) -> None:
    """Write each candidate's reasons, in words the person understands."""
    worker_ids = [c.worker.pk for c in candidates]
    mine = {pt.theme_id: pt for pt in PersonTheme.objects.filter(person=referral.person).select_related("theme")}
    theirs: dict[int, list[PersonTheme]] = {}
    for pt in PersonTheme.objects.filter(person_id__in=worker_ids, theme_id__in=theme_ids).select_related("theme"):
        theirs.setdefault(pt.person_id, []).append(pt)
    languages: dict[int, list[str]] = {}
    through = Person.languages.through.objects.filter(person_id__in=worker_ids, language_id__in=language_ids)
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
