import datetime as dt

import pytest
from django.urls import reverse

from groups.models import Group, ScheduleRule
from groups.testing import make_group

pytestmark = pytest.mark.django_db


def _names(response):
    return [group.name for group in response.context["page"]]


def test_anyone_finds_groups_near_a_postcode_nearest_first(world, client):
    make_group(world, name="Exeter Thursday", district="EX2")
    make_group(world, name="Plymouth Hearing Voices", district="PL4")
    make_group(world, name="London Peer Circle", district="SW1A")
    response = client.get(reverse("groups:directory"), {"place": "ex4 4qj", "within": 100})
    assert response.status_code == 200
    assert _names(response) == ["Exeter Thursday", "Plymouth Hearing Voices"]
    assert "km away" in response.content.decode()


def test_online_groups_are_listed_after_the_near_ones_when_searching_by_place(world, client):
    make_group(world, name="Exeter Thursday", district="EX2")
    make_group(world, name="Online Evening Circle", district=None, format=Group.Format.ONLINE)
    response = client.get(reverse("groups:directory"), {"place": "EX2", "within": 10})
    assert _names(response) == ["Exeter Thursday", "Online Evening Circle"]
    only_in_person = client.get(reverse("groups:directory"), {"place": "EX2", "format": "in_person"})
    assert _names(only_in_person) == ["Exeter Thursday"]


def test_an_unknown_postcode_gets_a_plain_message_not_an_error(world, client):
    make_group(world)
    response = client.get(reverse("groups:directory"), {"place": "ZZ99"})
    assert response.status_code == 200
    assert "We could not find the postcode area ZZ99" in response.content.decode()
    assert _names(response) == []
    nonsense = client.get(reverse("groups:directory"), {"place": "hello"})
    assert "does not look like a UK postcode" in nonsense.content.decode()


def test_search_by_day_time_of_day_online_and_words(world, client):
    thursday_evening = make_group(world, name="Thursday Evening")  # Thursday 18:30
    morning = make_group(world, name="Monday Walk", who_for="People who like walking", district="EX1")
    morning.rules.all().delete()
    ScheduleRule.objects.create(
        group=morning, weekday=0, starts_at=dt.time(10), ends_at=dt.time(11), first_date=dt.date(2024, 1, 1)
    )
    online = make_group(world, name="Online Carers", district=None, format=Group.Format.ONLINE, who_for="Carers")
    url = reverse("groups:directory")
    assert _names(client.get(url, {"day": 3})) == ["Online Carers", "Thursday Evening"]
    assert _names(client.get(url, {"time": "morning"})) == ["Monday Walk"]
    assert _names(client.get(url, {"format": "online"})) == [online.name]
    assert _names(client.get(url, {"q": "walking"})) == ["Monday Walk"]
    assert _names(client.get(url, {"q": "carers online"})) == ["Online Carers"]
    assert thursday_evening.name in _names(client.get(url, {"day": 3, "time": "evening"}))


def test_closed_groups_are_not_in_the_directory(world, client):
    make_group(world, name="Gone Group", status=Group.Status.CLOSED)
    make_group(world, name="Still Going")
    assert _names(client.get(reverse("groups:directory"))) == ["Still Going"]


def test_directory_queries_do_not_grow_with_the_number_of_groups(world, client, django_assert_max_num_queries):
    for number in range(30):
        make_group(world, name=f"Group {number:02d}", facilitator=None)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("groups:directory"), {"place": "EX2", "within": 50})
    assert len(response.context["page"]) == 25


def test_a_group_page_prints_without_navigation_and_says_to_check_details(world, client):
    group = make_group(world)
    html = client.get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert 'href="/static/css/print.css" media="print"' in html
    assert "please check with the contact above" in html
    assert "Thursday 18:30–20:00" in html
    assert group.contact in html


def test_a_person_sees_groups_near_the_postcode_on_their_own_profile(world, client):
    peer = world.people["peer"]
    peer.postcode_district = "EX4"
    peer.save()
    make_group(world, name="Exeter Thursday", district="EX2")
    make_group(world, name="Far Away", district="AB10")
    client.force_login(world.users["peer"])
    response = client.get(reverse("groups:near_me"))
    assert [g.name for g in response.context["groups"]] == ["Exeter Thursday"]


def test_near_me_without_a_postcode_says_how_to_add_one(world, client):
    client.force_login(world.users["peer"])
    assert "Add the first part of your postcode" in client.get(reverse("groups:near_me")).content.decode()
