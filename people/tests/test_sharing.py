"""Organisations' records are separate unless a sharing agreement says otherwise."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from people import services
from people.models import SharingAgreement


def _share(world, scope=SharingAgreement.Scope.OPERATIONAL, **dates):
    return SharingAgreement.objects.create(
        owner=world.org,
        recipient=world.other_org,
        scope=scope,
        purpose="Joint crisis pathway",
        recorded_by=world.users["administrator"],
        **dates,
    )


def test_coordinator_elsewhere_cannot_see_our_people_without_an_agreement(client, world):
    client.force_login(world.users["outsider"])
    assert client.get(reverse("people:detail", args=[world.people["peer"].pk])).status_code == 404
    assert "Alex" not in client.get("/people/").content.decode()


def test_operational_agreement_lets_the_recipients_coordinator_see_our_people(client, world):
    _share(world)
    client.force_login(world.users["outsider"])
    assert client.get(reverse("people:detail", args=[world.people["peer"].pk])).status_code == 200
    assert "Alex" in client.get("/people/").content.decode()


def test_reporting_only_agreement_does_not_open_individual_records(client, world):
    _share(world, scope=SharingAgreement.Scope.REPORTING)
    client.force_login(world.users["outsider"])
    assert client.get(reverse("people:detail", args=[world.people["peer"].pk])).status_code == 404


def test_ended_or_future_agreements_give_no_access(client, world):
    today = timezone.localdate()
    _share(world, starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1))
    _share(world, starts_on=today + timedelta(days=7))
    client.force_login(world.users["outsider"])
    assert client.get(reverse("people:detail", args=[world.people["peer"].pk])).status_code == 404


def test_administrator_records_and_ends_an_agreement(client, world):
    client.force_login(world.users["administrator"])
    response = client.post(
        reverse("people:sharing_create", args=[world.org.slug]),
        {
            "recipient": world.other_org.pk,
            "scope": "operational",
            "purpose": "Shared referrals",
            "starts_on": timezone.localdate(),
        },
    )
    assert response.status_code == 302
    agreement = SharingAgreement.objects.get()
    client.post(reverse("people:sharing_end", args=[world.org.slug, agreement.pk]))
    agreement.refresh_from_db()
    assert agreement.ends_on == timezone.localdate()


def test_agreement_with_end_before_start_is_refused(client, world):
    client.force_login(world.users["administrator"])
    today = timezone.localdate()
    response = client.post(
        reverse("people:sharing_create", args=[world.org.slug]),
        {
            "recipient": world.other_org.pk,
            "scope": "operational",
            "purpose": "x",
            "starts_on": today,
            "ends_on": today - timedelta(days=1),
        },
    )
    assert response.status_code == 200
    assert "on or after the start date" in response.content.decode()
    assert not SharingAgreement.objects.exists()


def test_roles_are_per_organisation_and_one_person_can_hold_several(world):
    from access.actor import actor_for_user

    jo = world.people["worker"]
    services.role_grant(person=jo, organisation=world.org, kind="facilitator", actor=None)
    services.role_grant(person=jo, organisation=world.other_org, kind="trainer", actor=None)
    actor = actor_for_user(world.users["worker"])
    assert actor.roles == {
        world.org.pk: frozenset({"worker", "facilitator"}),
        world.other_org.pk: frozenset({"trainer"}),
    }
    assert not actor.has_role("worker", world.other_org.pk)


def test_capacity_is_the_workers_own_or_the_organisations_usual_number(world):
    from people.models import Role
    from people.selectors import capacities, caseloads

    jo = world.people["worker"]
    kim = world.add_person("Kim", role="worker")
    assert capacities([jo.pk, kim.pk], world.org.pk) == {jo.pk: 6, kim.pk: 6}
    Role.objects.filter(person=kim, kind="worker").update(capacity=3)
    world.org.default_capacity = 8
    world.org.save()
    assert capacities([jo.pk, kim.pk], world.org.pk) == {jo.pk: 8, kim.pk: 3}
    assert caseloads([jo.pk, kim.pk]) == {jo.pk: 1, kim.pk: 0}
