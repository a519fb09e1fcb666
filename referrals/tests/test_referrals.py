"""Referral, triage and choice-based matching."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from access.actor import actor_for_user
from mutuality.errors import ServiceError
from people.models import Language, PersonTheme, Relationship, Role, Theme
from referrals import services
from referrals.matching import shortlist
from referrals.models import Offer, Referral, ReferralEvent, WorkerProfile
from referrals.selectors import with_ages
from support.models import SupportSettings


def actor(world, role):
    return actor_for_user(world.users[role])


def refer(world, name="Dee", **extra):
    return services.referral_create(
        organisation=world.org,
        route=extra.pop("route", "gp"),
        referrer_name=extra.pop("referrer_name", "Dr Patel, Riverside Surgery"),
        display_name=name,
        email=extra.pop("email", f"{name.lower()}@example.org"),
        actor=actor(world, "coordinator"),
        **extra,
    )


def to_choosing(world, referral):
    services.referral_transition(referral=referral, to_status="contacted", actor=actor(world, "coordinator"))
    services.offers_make(referral=referral, worker_ids=[world.people["worker"].pk], actor=actor(world, "coordinator"))
    return Offer.objects.get(referral=referral, worker=world.people["worker"])


# --- Self-referral -------------------------------------------------------------------


def _form(client):
    page = client.get("/refer/").content.decode()
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    return token


def test_anyone_can_refer_themselves_and_is_told_what_happens_next(client, world):
    token = _form(client)
    data = {"organisation": world.org.pk, "display_name": "Rae", "email": "rae@example.org", "submission_token": token}
    response = client.post("/refer/", data, follow=True)
    assert "will be in touch within about a week" in response.content.decode()
    referral = Referral.objects.get(person__display_name="Rae")
    assert (referral.route, referral.status) == ("self", "received")
    assert referral.events.get().to_status == "received"


def test_pressing_send_twice_makes_one_referral(client, world):
    token = _form(client)
    data = {"organisation": world.org.pk, "display_name": "Rae", "email": "rae@example.org", "submission_token": token}
    client.post("/refer/", data)
    client.post("/refer/", data)
    assert Referral.objects.filter(person__display_name="Rae").count() == 1


def test_self_referral_without_a_way_to_get_in_touch_is_refused_and_nothing_is_saved(client, world):
    response = client.post(
        "/refer/", {"organisation": world.org.pk, "display_name": "Rae", "submission_token": _form(client)}
    )
    assert "Please give an email address or a phone number" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Enter a valid email address"),
        ("phone", "12", "does not look like a phone number"),
        ("postcode_district", "ZZZ", "does not look like a UK postcode"),
        ("display_name", "", "This field is required"),
    ],
)
def test_self_referral_rejects_what_it_cannot_use(client, world, field, value, message):
    data = {
        "organisation": world.org.pk,
        "display_name": "Rae",
        "phone": "01392 000000",
        "submission_token": _form(client),
    }
    data[field] = value
    response = client.post("/refer/", data)
    assert message in response.content.decode()
    assert not Referral.objects.exists()


def test_the_hidden_honeypot_field_stops_automated_referrals(client, world):
    data = {
        "organisation": world.org.pk,
        "display_name": "Bot",
        "email": "bot@example.org",
        "website": "http://spam.example",
        "submission_token": _form(client),
    }
    response = client.post("/refer/", data, follow=True)
    assert response.status_code == 200
    assert not Referral.objects.exists()


def test_many_self_referrals_from_one_address_are_slowed_down(client, world):
    for n in range(services.SELF_REFERRAL_LIMIT):
        client.post(
            "/refer/",
            {
                "organisation": world.org.pk,
                "display_name": f"P{n}",
                "email": f"p{n}@example.org",
                "submission_token": _form(client),
            },
        )
    response = client.post(
        "/refer/",
        {
            "organisation": world.org.pk,
            "display_name": "Px",
            "email": "px@example.org",
            "submission_token": _form(client),
        },
    )
    assert "several referrals from this connection" in response.content.decode()
    assert Referral.objects.count() == services.SELF_REFERRAL_LIMIT


# --- States and triage -------------------------------------------------------------------


def test_referral_moves_through_states_with_who_and_when(world):
    referral = refer(world)
    services.referral_transition(referral=referral, to_status="contacted", actor=actor(world, "coordinator"))
    referral.refresh_from_db()
    assert referral.first_contact_at is not None
    events = list(ReferralEvent.objects.filter(referral=referral).values_list("from_status", "to_status", "by"))
    assert events == [
        ("", "received", world.users["coordinator"].pk),
        ("received", "contacted", world.users["coordinator"].pk),
    ]


def test_closing_needs_a_reason_and_an_impossible_move_is_refused(world):
    referral = refer(world)
    with pytest.raises(ServiceError, match="reason for closing"):
        services.referral_transition(referral=referral, to_status="closed", actor=actor(world, "coordinator"))
    with pytest.raises(ServiceError, match="cannot move"):
        services.referral_transition(referral=referral, to_status="choosing", actor=actor(world, "coordinator"))
    services.referral_transition(
        referral=referral, to_status="closed", closed_reason="no_contact", actor=actor(world, "coordinator")
    )
    assert Referral.objects.get().closed_reason == "no_contact"


def test_staff_referral_needs_the_referrer(client, world):
    client.force_login(world.users["coordinator"])
    page = client.get("/referrals/new/").content.decode()
    token = page.split('name="submission_token" value="')[1].split('"')[0]
    response = client.post(
        "/referrals/new/", {"route": "gp", "display_name": "Kim", "email": "kim@example.org", "submission_token": token}
    )
    assert "Who referred" in response.content.decode()
    assert not Referral.objects.exists()


def test_referrals_waiting_past_the_target_in_working_days_are_highlighted(
    client, world, django_assert_max_num_queries
):
    old = refer(world, "Old")
    Referral.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=14))
    refer(world, "New")
    rows = {row["referral"].person.display_name: row for row in with_ages(Referral.objects.select_related("person"))}
    assert rows["Old"]["overdue"] and rows["Old"]["age"] >= 9
    assert not rows["New"]["overdue"]
    SupportSettings.objects.update_or_create(organisation=world.org, defaults={"referral_target_days": 20})
    rows = {row["referral"].person.display_name: row for row in with_ages(Referral.objects.select_related("person"))}
    assert not rows["Old"]["overdue"]
    client.force_login(world.users["coordinator"])
    for n in range(10):
        refer(world, f"More{n}")
    with django_assert_max_num_queries(14):
        page = client.get(reverse("referrals:queue") + "?overdue=1").content.decode()
    assert "No referrals to show." in page
    SupportSettings.objects.filter(organisation=world.org).update(referral_target_days=5)
    page = client.get(reverse("referrals:queue") + "?overdue=1").content.decode()
    assert "past the 5-day target" in page and ">Old<" in page and ">New<" not in page


# --- Shortlist and choice -------------------------------------------------------------------


def test_shortlist_explains_each_fit_in_the_words_both_chose(world):
    referral = refer(world, availability=0b111, meeting="either")
    theme = Theme.objects.get_or_create(name="Hearing voices")[0]
    welsh = Language.objects.get_or_create(code="cy", defaults={"name": "Welsh"})[0]
    PersonTheme.objects.create(person=referral.person, theme=theme, own_words="the voices at night")
    PersonTheme.objects.create(person=world.people["worker"], theme=theme, own_words="living alongside voices")
    referral.person.languages.add(welsh)
    world.people["worker"].languages.add(welsh)
    WorkerProfile.objects.create(worker=world.people["worker"], availability=0b1)
    other = world.add_person("Lee", role="worker")
    [first, second] = shortlist(referral)
    assert (first.worker, second.worker) == (world.people["worker"], other)
    text = " ".join(first.reasons)
    assert "You both chose “Hearing voices”: you said “the voices at night”; Jo said “living alongside voices”." in text
    assert "Jo speaks Welsh." in text and "Monday morning" in text and "room for 5 more people" in text
    assert "score" not in text.lower() and "need" not in text.lower()


def test_shortlist_leaves_out_workers_at_capacity_and_honours_gender_preference(world):
    referral = refer(world, gender_preference="woman")
    jo = world.people["worker"]
    jo.gender = "woman"
    jo.save()
    world.add_person("Lee", role="worker", gender="man")
    assert [c.worker for c in shortlist(referral)] == [jo]
    Role.objects.filter(person=jo).update(capacity=1)
    assert shortlist(referral) == []


def test_person_chooses_and_worker_accepts_which_starts_support(world):
    referral = refer(world)
    offer = to_choosing(world, referral)
    person_user = world.add_person("x", role="peer")  # a second account, to show only the person chooses
    assert person_user
    services.offer_choose(offer=offer, actor=actor(world, "coordinator"))
    offer.refresh_from_db()
    assert offer.status == "chosen" and offer.chosen_on_behalf
    services.offer_accept(offer=offer, actor=actor(world, "worker"))
    referral.refresh_from_db()
    assert referral.status == "matched"
    assert Relationship.objects.filter(
        from_person=world.people["worker"], to_person=referral.person, ended_at=None
    ).exists()


def test_worker_declines_with_a_private_reason_the_person_never_sees(client, world):
    referral = refer(world)
    offer = to_choosing(world, referral)
    services.offer_choose(offer=offer, actor=actor(world, "coordinator"))
    with pytest.raises(ServiceError, match="give a reason"):
        services.offer_decline(offer=offer, reason="  ", actor=actor(world, "worker"))
    services.offer_decline(offer=offer, reason="I know the family", actor=actor(world, "worker"))
    client.force_login(world.users["coordinator"])
    assert "I know the family" in client.get(f"/referrals/{referral.pk}/").content.decode()
    referral.refresh_from_db()
    assert referral.status == "choosing"


def test_worker_at_capacity_cannot_accept_another_person(world):
    Role.objects.filter(person=world.people["worker"]).update(capacity=1)  # already supports the peer
    offer = to_choosing_without_shortlist(world, refer(world))
    services.offer_choose(offer=offer, actor=actor(world, "coordinator"))
    with pytest.raises(ServiceError, match="your limit"):
        services.offer_accept(offer=offer, actor=actor(world, "worker"))
    assert Relationship.objects.filter(from_person=world.people["worker"], ended_at=None).count() == 1


def to_choosing_without_shortlist(world, referral):
    Referral.objects.filter(pk=referral.pk).update(status="choosing")
    return Offer.objects.create(referral=referral, worker=world.people["worker"], reasons=[])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_coordinators_accepting_at_once_never_exceed_capacity(world):
    """Two real transactions on their own connections race to take the worker's last place."""
    import threading

    from django.db import connection

    Role.objects.filter(person=world.people["worker"]).update(capacity=2)  # one place left
    offers = []
    for name in ("Ada", "Bea"):
        offer = to_choosing_without_shortlist(world, refer(world, name))
        Offer.objects.filter(pk=offer.pk).update(status="chosen")
        offers.append(offer)
    barrier = threading.Barrier(2)
    outcomes = []

    def accept(offer):
        try:
            barrier.wait()
            services.offer_accept(offer=offer, actor=actor(world, "worker"))
            outcomes.append("accepted")
        except ServiceError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert Relationship.objects.filter(from_person=world.people["worker"], ended_at=None).count() == 2


def test_worker_sets_when_they_are_free_and_must_offer_a_way_to_meet(client, world):
    client.force_login(world.users["worker"])
    url = reverse("referrals:worker_profile", args=[world.people["worker"].pk])
    response = client.post(url, {"availability": ["0", "4"], "travel_km": "10"})
    assert "at least one way of meeting" in response.content.decode()
    assert not WorkerProfile.objects.exists()
    client.post(url, {"availability": ["0", "4"], "travel_km": "10", "meets_online": "on"})
    profile = WorkerProfile.objects.get()
    assert (profile.availability, profile.meets_in_person, profile.meets_online) == (0b10001, False, True)


def test_in_person_matching_keeps_within_how_far_the_worker_travels_and_says_how_far(world):
    referral = refer(world, meeting="in_person", postcode_district="EX1")
    near = world.people["worker"]
    near.postcode_district = "EX2"
    near.save()
    far = world.add_person("Lee", role="worker", postcode_district="PL1")
    WorkerProfile.objects.create(worker=far, travel_km=10)
    candidates = shortlist(referral)
    assert [c.worker for c in candidates] == [near]
    assert any("km away and meets in person" in reason for reason in candidates[0].reasons)
    WorkerProfile.objects.filter(worker=far).update(travel_km=100)
    assert [c.worker for c in shortlist(referral)] == [near, far]


def test_the_person_can_choose_again_after_a_worker_declines_but_not_two_at_once(client, world):
    referral = refer(world)
    services.referral_transition(referral=referral, to_status="contacted", actor=actor(world, "coordinator"))
    other = world.add_person("Lee", role="worker")
    services.offers_make(
        referral=referral, worker_ids=[world.people["worker"].pk, other.pk], actor=actor(world, "coordinator")
    )
    first, second = Offer.objects.filter(referral=referral).order_by("worker__display_name")
    services.offer_choose(offer=first, actor=actor(world, "coordinator"))
    with pytest.raises(ServiceError, match="already chosen"):
        services.offer_choose(offer=second, actor=actor(world, "coordinator"))
    services.offer_decline(offer=first, reason="Too close to home", actor=actor_for_user(first.worker.user))
    services.offer_choose(offer=second, actor=actor(world, "coordinator"))
    second.refresh_from_db()
    assert second.status == "chosen"
