"""The shortlist query gives the same list as the matching rules written out plainly.

The query only ranks a "pool" of the workers in full, and widens it when filters or full
caseloads leave too few; these tests make the pool small so that every path is taken, and
compare the result with the rules applied to every worker in Python.
"""

import random

import pytest

from people.models import Language, Person, PersonTheme, PostcodeDistrict, Relationship, Role, Theme
from people.places import distance_km
from referrals import matching
from referrals.matching import FREE, LANGUAGE, THEME, shortlist
from referrals.models import Meeting, Referral, WorkerProfile

DISTRICTS = ["EX1", "EX2", "EX4", "PL1", "TQ1", ""]


def _expected(referral: Referral, limit: int) -> list[int]:
    """Every current worker of the organisation, filtered and ordered by the documented rules."""
    person = referral.person
    my_themes = set(PersonTheme.objects.filter(person=person).values_list("theme_id", flat=True))
    my_languages = set(person.languages.values_list("pk", flat=True))
    places = {d.code: d for d in PostcodeDistrict.objects.filter(code__in=DISTRICTS)}
    home = places.get(person.postcode_district)
    ranked = []
    roles = Role.objects.filter(organisation=referral.organisation, kind="worker", ended_on=None).exclude(person=person)
    for role in roles.select_related("person", "organisation"):
        worker = role.person
        profile = WorkerProfile.objects.filter(worker=worker).first() or WorkerProfile(worker=worker)
        room = (
            role.effective_capacity
            - Relationship.objects.filter(from_person=worker, kind="supports", ended_at=None).count()
        )
        there = places.get(worker.postcode_district)
        distance = distance_km(home, there) if home and there else None
        if room <= 0 or (referral.gender_preference and worker.gender != referral.gender_preference):
            continue
        if referral.meeting == Meeting.ONLINE and not profile.meets_online:
            continue
        too_far = distance is not None and distance > profile.travel_km
        if referral.meeting == Meeting.IN_PERSON and (not profile.meets_in_person or too_far):
            continue
        themes = len(my_themes & set(PersonTheme.objects.filter(person=worker).values_list("theme_id", flat=True)))
        languages = len(my_languages & set(worker.languages.values_list("pk", flat=True)))
        score = themes * THEME + languages * LANGUAGE + (FREE if profile.availability & referral.availability else 0)
        ranked.append(((-score, distance is None, distance or 0, worker.display_name, worker.pk), worker.pk))
    return [pk for _, pk in sorted(ranked)][:limit]


def _organisation_of_workers(world, rng: random.Random) -> None:
    themes = [Theme.objects.get_or_create(name=name)[0] for name in ("Voices", "Loss", "Debt", "Sleep")]
    languages = [
        Language.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in (("cy", "Welsh"), ("pl", "Polish"))
    ]
    for n in range(40):
        organisation = world.org if n % 8 else world.other_org  # a few belong elsewhere and must never show
        worker = world.add_person(
            f"Worker {n:02d}",
            role="worker",
            org=organisation,
            gender=rng.choice(["woman", "man", ""]),
            postcode_district=rng.choice(DISTRICTS),
        )
        for theme in rng.sample(themes, rng.randint(0, 2)):
            PersonTheme.objects.create(person=worker, theme=theme)
        if rng.random() < 0.4:
            worker.languages.add(rng.choice(languages))
        if rng.random() < 0.8:
            WorkerProfile.objects.create(
                worker=worker,
                availability=rng.getrandbits(6),
                meets_online=rng.random() < 0.7,
                meets_in_person=rng.random() < 0.7,
                travel_km=rng.choice([5, 30, 300]),
            )
        role = Role.objects.get(person=worker, kind="worker")
        role.capacity = rng.choice([None, 1, 2])
        if rng.random() < 0.1:
            role.ended_on = role.started_on  # no longer a worker here
        role.save()
        for m in range(rng.randint(0, 2)):
            peer = world.add_person(f"Peer {n}-{m}")
            Relationship.objects.create(organisation=organisation, kind="supports", from_person=worker, to_person=peer)


@pytest.mark.parametrize("seed", range(6))
def test_shortlist_is_the_best_fit_by_the_matching_rules_whatever_the_pool(world, monkeypatch, seed):
    rng = random.Random(seed)
    _organisation_of_workers(world, rng)
    monkeypatch.setattr(matching, "WINDOWS", (2, 6, 10**9))  # a tiny pool, so every widening is exercised
    themes = list(Theme.objects.filter(name__in=["Voices", "Loss", "Debt", "Sleep"]))
    for case in range(6):
        person = Person.objects.create(
            organisation=world.org, display_name=f"Referred {case}", postcode_district=rng.choice(DISTRICTS)
        )
        for theme in rng.sample(themes, rng.randint(0, 3)):
            PersonTheme.objects.create(person=person, theme=theme)
        if rng.random() < 0.5:
            person.languages.add(Language.objects.get(code=rng.choice(["cy", "pl"])))
        referral = Referral.objects.create(
            organisation=world.org,
            person=person,
            route="self",
            status="contacted",
            availability=rng.getrandbits(6),
            meeting=rng.choice([Meeting.EITHER, Meeting.ONLINE, Meeting.IN_PERSON]),
            gender_preference=rng.choice(["", "", "woman", "man"]),
        )
        for limit in (3, 8, 50):
            assert [c.worker.pk for c in shortlist(referral, limit=limit)] == _expected(referral, limit)
