"""The shortlist: peer workers who could support a person, with reasons in plain words.

Everything that narrows and orders the list is computed in one database query
(capacity left, shared themes, shared languages, gender, distance, overlapping
free times), so it stays fast with thousands of workers. Reasons are then
written for the few workers shown. There is no clinical-need score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from people.models import Person, PersonTheme, PostcodeDistrict, Relationship, Role, RoleKind
from people.places import distance_km_expression
from referrals.models import Meeting, Referral, WorkerProfile, slot_labels


@dataclass
class Candidate:
    worker: Person
    capacity_left: int
    reasons: list[str] = field(default_factory=list)
    distance_km: float | None = None


def shortlist(referral: Referral, *, limit: int = 8) -> list[Candidate]:
    person = referral.person
    theme_ids = list(PersonTheme.objects.filter(person=person).values_list("theme_id", flat=True))
    language_ids = list(person.languages.values_list("pk", flat=True))
    home = PostcodeDistrict.objects.filter(code=person.postcode_district).first() if person.postcode_district else None

    caseload = (
        Relationship.objects.filter(
            from_person_id=OuterRef("person_id"), kind=Relationship.Kind.SUPPORTS, ended_at__isnull=True
        )
        .order_by()
        .values("from_person_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    shared_themes = (
        PersonTheme.objects.filter(person_id=OuterRef("person_id"), theme_id__in=theme_ids)
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    shared_languages = (
        Person.languages.through.objects.filter(person_id=OuterRef("person_id"), language_id__in=language_ids)
        .order_by()
        .values("person_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    profile = WorkerProfile.objects.filter(worker_id=OuterRef("person_id"))
    roles = (
        Role.objects.filter(organisation_id=referral.organisation_id, kind=RoleKind.WORKER, ended_on__isnull=True)
        .exclude(person_id=person.pk)
        .annotate(
            caseload=Coalesce(Subquery(caseload, output_field=IntegerField()), Value(0)),
            limit=Coalesce(F("capacity"), F("organisation__default_capacity")),
            themes_shared=Coalesce(Subquery(shared_themes, output_field=IntegerField()), Value(0)),
            languages_shared=Coalesce(Subquery(shared_languages, output_field=IntegerField()), Value(0)),
            free=Coalesce(Subquery(profile.values("availability")[:1]), Value(0)),
            online=Coalesce(Subquery(profile.values("meets_online")[:1]), Value(True)),
            in_person=Coalesce(Subquery(profile.values("meets_in_person")[:1]), Value(True)),
            travel=Coalesce(Subquery(profile.values("travel_km")[:1]), Value(15)),
        )
        .annotate(left=ExpressionWrapper(F("limit") - F("caseload"), output_field=IntegerField()))
        .filter(left__gt=0)
    )
    if referral.gender_preference:
        roles = roles.filter(person__gender=referral.gender_preference)
    if referral.meeting == Meeting.ONLINE:
        roles = roles.filter(online=True)
    elif referral.meeting == Meeting.IN_PERSON:
        roles = roles.filter(in_person=True)
    score = F("themes_shared") * 3 + F("languages_shared") * 2
    if referral.availability:
        roles = roles.annotate(overlap=F("free").bitand(referral.availability))
        score = score + Case(When(overlap__gt=0, then=Value(2)), default=Value(0), output_field=IntegerField())
    if home is not None:
        roles = roles.annotate(
            lat=Subquery(
                PostcodeDistrict.objects.filter(code=OuterRef("person__postcode_district")).values("latitude")[:1]
            ),
            lon=Subquery(
                PostcodeDistrict.objects.filter(code=OuterRef("person__postcode_district")).values("longitude")[:1]
            ),
        ).annotate(distance=distance_km_expression(home.latitude, home.longitude, "lat", "lon"))
        if referral.meeting == Meeting.IN_PERSON:
            roles = roles.filter(distance__lte=F("travel"))
        ordering = ["-score", F("distance").asc(nulls_last=True), "-left", "person__display_name"]
    else:
        roles = roles.annotate(distance=Value(None, output_field=FloatField()))
        ordering = ["-score", "-left", "person__display_name"]
    rows = list(roles.annotate(score=score).select_related("person").order_by(*ordering)[:limit])
    candidates = [Candidate(worker=row.person, capacity_left=row.left, distance_km=row.distance) for row in rows]
    _explain(referral, candidates, {row.person_id: row for row in rows}, theme_ids, language_ids)
    return candidates


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
