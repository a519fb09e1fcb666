import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups import networks
from groups.models import NetworkMember, NewsItem
from groups.tasks import remind_members_of_meetings, send_network_digests
from groups.testing import make_group, make_network
from mutuality.errors import ServiceError
from privacy.testing import lift, restrict
from reminders.models import ReminderPreference

pytestmark = pytest.mark.django_db


def test_the_member_directory_shows_only_people_who_opted_in_and_only_what_they_chose(world, client):
    network = make_network(world, members=())
    peer, worker = world.people["peer"], world.people["worker"]
    peer.postcode_district = "EX4"
    peer.save()
    networks.network_join(
        network=network, person=peer, listed=True, show_area=True, about_me="Walks on Sundays", actor=None
    )
    networks.network_join(network=network, person=worker, actor=None)  # joined, not listed
    client.force_login(world.users["peer"])
    html = client.get(reverse("groups:network", args=[network.pk])).content.decode()
    directory = html.split("Members who chose to be listed")[1]
    assert "Alex" in directory and "EX4" in directory and "Walks on Sundays" in directory
    assert "peer@example.org" not in directory  # email not chosen
    assert "Jo" not in directory


def test_a_person_outside_the_network_sees_its_purpose_but_not_its_members_or_news(world, client):
    network = make_network(world)
    NetworkMember.objects.filter(network=network).update(listed=True)
    NewsItem.objects.create(network=network, title="Refresher day booked", body="Second Tuesday")
    client.force_login(world.users["evaluator"])
    html = client.get(reverse("groups:network", args=[network.pk])).content.decode()
    assert "Keeping in touch after the course." in html
    assert "Refresher day booked" not in html and "Alex" not in html


def test_a_champion_needs_a_postcode_area(world):
    network = make_network(world)
    member = network.members.get()
    with pytest.raises(ServiceError, match="add the first part of your postcode"):
        networks.member_choices_update(member=member, champion=True, actor=None)


def test_a_person_sees_networks_and_champions_near_them_on_their_own_page(world, client):
    network = make_network(world, district="EX2", members=())
    worker = world.people["worker"]
    worker.postcode_district = "EX1"
    worker.save()
    networks.network_join(
        network=network, person=worker, champion=True, champion_offer="Can help start a group", actor=None
    )
    far = world.add_person("Far Champion", postcode_district="AB10")
    networks.network_join(
        network=make_network(world, name="Aberdeen", district="AB10", members=()), person=far, champion=True, actor=None
    )
    peer = world.people["peer"]
    peer.postcode_district = "EX4"
    peer.save()
    client.force_login(world.users["peer"])
    response = client.get(reverse("groups:near_me"))
    assert [n.name for n in response.context["networks"]] == ["Devon IPS alumni"]
    assert [c.person.display_name for c in response.context["champions"]] == ["Jo"]
    assert "Can help start a group" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_news_digest_reaches_each_member_at_the_frequency_they_chose(world, smtp_server, run_worker):
    network = make_network(world, members=())
    now = timezone.now()
    weekly = networks.network_join(network=network, person=world.people["peer"], digest="weekly", actor=None)
    monthly = networks.network_join(network=network, person=world.people["worker"], digest="monthly", actor=None)
    networks.network_join(network=network, person=world.people["facilitator"], actor=None)  # no email chosen
    NetworkMember.objects.filter(pk__in=[weekly.pk, monthly.pk]).update(joined_at=now - dt.timedelta(days=8))
    networks.news_post(
        network=network, author=world.people["coordinator"], title="Refresher on 5 May", body="All welcome", actor=None
    )
    send_network_digests.enqueue()
    run_worker()
    [message] = smtp_server.messages
    assert message["To"] == "peer@example.org"
    assert message["Subject"] == "News from Devon IPS alumni"
    assert "Refresher on 5 May" in message.get_payload()
    # Running again sends nothing new: the week has not come round again.
    send_network_digests.enqueue()
    run_worker()
    assert len(smtp_server.messages) == 1
    # A month on, the monthly member gets theirs too; the weekly member has no new news.
    assert networks.send_digests(now + dt.timedelta(days=31)) == 1
    assert smtp_server.to("worker@example.org")


def test_a_member_whose_records_are_restricted_gets_no_digest_until_the_restriction_is_lifted(
    world, smtp_server, django_capture_on_commit_callbacks
):
    network = make_network(world, members=())
    member = networks.network_join(network=network, person=world.people["peer"], digest="weekly", actor=None)
    networks.news_post(
        network=network, author=world.people["coordinator"], title="Walk on Sunday", body="Meet at ten", actor=None
    )
    restriction = restrict(world, world.people["peer"])
    week_on = member.joined_at + dt.timedelta(days=8)
    assert networks.send_digests(week_on) == 0
    lift(world, restriction)
    with django_capture_on_commit_callbacks(execute=True):
        assert networks.send_digests(week_on) == 1
    assert "Walk on Sunday" in smtp_server.to("peer@example.org")[0].get_payload()


def test_no_digest_when_there_is_no_news(world, smtp_server):
    network = make_network(world, members=())
    member = networks.network_join(network=network, person=world.people["peer"], digest="weekly", actor=None)
    assert networks.send_digests(member.joined_at + dt.timedelta(days=8)) == 0
    assert smtp_server.messages == []


def test_meeting_reminders_go_only_to_members_who_turned_them_on(world, smtp_server):
    from groups.models import Meeting, Membership

    group = make_group(world)
    Membership.objects.create(group=group, person=world.people["peer"])
    Membership.objects.create(group=group, person=world.people["worker"])
    ReminderPreference.objects.create(person=world.people["peer"], enabled=True, groups=True)
    start = timezone.now() + dt.timedelta(hours=20)
    Meeting.objects.create(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=1))
    assert remind_members_of_meetings() == 1
    assert remind_members_of_meetings() == 0  # never twice
    [message] = smtp_server.messages
    assert message["To"] == "peer@example.org"
    assert group.name in message["Subject"]
