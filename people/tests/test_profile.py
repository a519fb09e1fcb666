"""A person's profile: their chosen name, word, themes in their own words."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from mutuality.concurrency import EditConflict
from people import services
from people.models import Person, PersonTheme, Theme


def profile_data(person: Person, **overrides) -> dict:
    data = {
        "version": person.version,
        "display_name": person.display_name,
        "full_name": "",
        "pronouns": person.pronouns,
        "term": person.term,
        "term_own": "",
        "gender": "",
        "gender_own": "",
        "email": person.email,
        "phone": "",
        "postal_address": "",
        "postcode_district": "",
        "contact_preference": "email",
        "contact_notes": "",
        "accessibility_needs": "",
        "experience_in_own_words": "",
        "new_themes": "",
    }
    data.update(overrides)
    return data


def test_home_page_uses_the_name_and_word_the_person_chose(client, world):
    peer = world.people["peer"]
    peer.term, peer.term_own = Person.Term.OWN, "expert by experience"
    peer.save()
    client.force_login(world.users["peer"])
    page = client.get("/").content.decode()
    assert "Hello, Alex" in page
    assert "expert by experience" in page


def test_person_changes_their_own_name_word_and_themes(client, world):
    peer = world.people["peer"]
    voices = Theme.objects.get(name="Hearing voices")
    client.force_login(world.users["peer"])
    response = client.post(
        reverse("people:edit", args=[peer.pk]),
        profile_data(
            peer,
            display_name="Lex",
            term="survivor",
            postcode_district="ex2",
            **{f"theme_{voices.pk}": "on", f"theme_{voices.pk}_words": "voices since I was 14"},
            new_themes="Gardening, Being a dad",
        ),
    )
    assert response.status_code == 302
    peer.refresh_from_db()
    assert (peer.display_name, peer.term_label, peer.postcode_district) == ("Lex", "survivor", "EX2")
    words = dict(PersonTheme.objects.filter(person=peer).values_list("theme__name", "own_words"))
    assert words == {"Hearing voices": "voices since I was 14", "Gardening": "", "Being a dad": ""}
    event = AuditEvent.objects.filter(target_type="people.person", target_id=str(peer.pk), action="update").get()
    assert "display_name" in event.detail["fields"] and "themes" in event.detail["fields"]
    assert "Lex" not in str(event.detail), "the audit log names fields, never their values"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"display_name": ""}, "display_name", "This field is required"),
        ({"postcode_district": "not a postcode"}, "postcode_district", "does not look like a UK postcode"),
        ({"postcode_district": "EX99"}, "postcode_district", "could not find the postcode area EX99"),
        ({"term": "own", "term_own": ""}, "term_own", "write the word"),
        ({"gender": "own", "gender_own": ""}, "gender_own", "own words"),
        ({"email": "not-an-email"}, "email", "valid email"),
        ({"term": "patient"}, "term", "Select a valid choice"),
    ],
)
def test_profile_form_rejects_bad_input_plainly_and_saves_nothing(client, world, overrides, field, message):
    peer = world.people["peer"]
    client.force_login(world.users["peer"])
    response = client.post(reverse("people:edit", args=[peer.pk]), profile_data(peer, **overrides))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert "Nothing has been saved yet" in response.content.decode()
    peer.refresh_from_db()
    assert peer.version == 1 and peer.display_name == "Alex"


def test_second_editor_is_told_about_a_conflict_instead_of_overwriting(client, world):
    peer = world.people["peer"]
    opened_version = peer.version
    services.person_update(
        person=Person.objects.get(pk=peer.pk),
        actor=world.users["coordinator"],
        expected_version=1,
        changes={"pronouns": "she/they"},
    )
    client.force_login(world.users["peer"])
    response = client.post(
        reverse("people:edit", args=[peer.pk]), profile_data(peer, version=opened_version, pronouns="they/them")
    )
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    peer.refresh_from_db()
    assert peer.pronouns == "she/they"


def test_stale_version_raises_edit_conflict_in_the_service(world):
    peer = world.people["peer"]
    services.person_update(person=peer, actor=None, expected_version=1, changes={"pronouns": "she/her"})
    with pytest.raises(EditConflict):
        services.person_update(
            person=Person.objects.get(pk=peer.pk), actor=None, expected_version=1, changes={"pronouns": "he/him"}
        )


def test_own_words_about_experience_are_shown_to_the_worker_and_audited_but_not_to_the_administrator(client, world):
    peer = world.people["peer"]
    peer.experience_in_own_words = "I learned to live alongside the voices."
    peer.save()
    client.force_login(world.users["worker"])
    assert "live alongside the voices" in client.get(reverse("people:detail", args=[peer.pk])).content.decode()
    read = AuditEvent.objects.filter(action="read", target_type="people.person", target_id=str(peer.pk))
    assert read.filter(actor=world.users["worker"]).count() == 1
    client.force_login(world.users["administrator"])
    page = client.get(reverse("people:detail", args=[peer.pk])).content.decode()
    assert "live alongside the voices" not in page
    assert not read.filter(actor=world.users["administrator"]).exists()


def test_people_list_query_count_does_not_grow_with_the_number_of_people(client, world, django_assert_max_num_queries):
    client.force_login(world.users["coordinator"])
    client.get("/people/")  # warm caches (content types, session)
    with django_assert_max_num_queries(12) as few:
        client.get("/people/")
    for index in range(60):
        world.add_person(f"Person {index}")
    with django_assert_max_num_queries(len(few)):
        response = client.get("/people/")
    assert "Person 1" in response.content.decode()
