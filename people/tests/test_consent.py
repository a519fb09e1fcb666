"""Consent: scope, given or withdrawn, how, by whom; withdrawal applies everywhere at once."""

import pytest
from django.urls import reverse

from mutuality.errors import ServiceError
from people import selectors, services
from people.models import Consent, ConsentScope, Person


def test_withdrawal_takes_effect_everywhere_the_scope_is_used(world):
    peer = world.people["peer"]
    services.consent_record(person=peer, scope="evaluation", given=True, method="paper", actor=world.users["worker"])
    assert selectors.has_consent(peer.pk, "evaluation")
    assert Person.objects.filter(selectors.consenting("evaluation"), pk=peer.pk).exists()

    services.consent_record(person=peer, scope="evaluation", given=False, method="online", actor=world.users["peer"])
    assert not selectors.has_consent(peer.pk, "evaluation")
    assert not Person.objects.filter(selectors.consenting("evaluation"), pk=peer.pk).exists()
    history = selectors.consents_for(peer)
    assert [(c.given, c.is_current) for c in history] == [(False, True), (True, False)]


def test_consent_change_is_announced_to_other_apps_inside_the_transaction(world):
    from people.signals import consent_changed

    heard = []

    def listener(sender, consent, actor, **kwargs):
        heard.append((consent.scope, consent.given))

    consent_changed.connect(listener)
    try:
        services.consent_record(person=world.people["peer"], scope="contact", given=True, method="phone", actor=None)
    finally:
        consent_changed.disconnect(listener)
    assert heard == [("contact", True)]


def test_recording_the_same_decision_twice_keeps_one_current_row(world):
    peer = world.people["peer"]
    first = services.consent_record(person=peer, scope="support", given=True, method="in_person", actor=None)
    again = services.consent_record(person=peer, scope="support", given=True, method="in_person", actor=None)
    assert first.pk == again.pk
    assert Consent.objects.filter(person=peer, scope="support").count() == 1


def test_note_sharing_consent_is_per_named_recipient(world):
    peer = world.people["peer"]
    services.consent_record(
        person=peer,
        scope=ConsentScope.NOTE_SHARING,
        given=True,
        method="in_person",
        actor=None,
        recipient="Sam Patel, care coordinator",
    )
    assert selectors.has_consent(peer.pk, "note_sharing", "Sam Patel, care coordinator")
    assert not selectors.has_consent(peer.pk, "note_sharing", "Dr Jones, GP")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scope": "note_sharing", "given": True, "method": "online"}, "needs the name"),
        ({"scope": "evaluation", "given": False, "method": "online"}, "no consent to withdraw"),
        ({"scope": "marketing", "given": True, "method": "online"}, "Unknown consent scope"),
        ({"scope": "contact", "given": True, "method": "carrier pigeon"}, "how the consent"),
    ],
)
def test_bad_consent_requests_are_refused_with_a_plain_reason(world, kwargs, message):
    with pytest.raises(ServiceError, match=message):
        services.consent_record(person=world.people["peer"], actor=None, **kwargs)
    assert not Consent.objects.filter(person=world.people["peer"]).exists()


def test_person_withdraws_consent_online_from_their_own_page(client, world):
    peer = world.people["peer"]
    services.consent_record(person=peer, scope="contact", given=True, method="in_person", actor=world.users["worker"])
    client.force_login(world.users["peer"])
    response = client.post(
        reverse("people:consents", args=[peer.pk]), {"scope": "contact", "given": "no", "method": "online"}
    )
    assert response.status_code == 302
    current = Consent.objects.get(person=peer, scope="contact", is_current=True)
    assert (current.given, current.method, current.recorded_by) == (False, "online", world.users["peer"])


def test_supervisor_sees_consents_but_cannot_record_them(client, world):
    peer = world.people["peer"]
    client.force_login(world.users["supervisor"])
    assert client.get(reverse("people:consents", args=[peer.pk])).status_code == 200
    response = client.post(
        reverse("people:consents", args=[peer.pk]), {"scope": "contact", "given": "yes", "method": "online"}
    )
    assert response.status_code == 403
    assert not Consent.objects.filter(person=peer).exists()
