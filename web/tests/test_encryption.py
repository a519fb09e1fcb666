"""Free text about a person is encrypted at rest; keys can be rotated without losing anything."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from people.models import Person

WORDS = "I hear voices and have learned to live alongside them."


def raw_column(person_id: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT experience_in_own_words FROM people_person WHERE id = %s", [person_id])
        return cursor.fetchone()[0]


def test_own_words_are_stored_encrypted_and_read_back_in_plain_text(world):
    peer = world.people["peer"]
    peer.experience_in_own_words = WORDS
    peer.save()
    assert "voices" not in raw_column(peer.pk)
    assert Person.objects.get(pk=peer.pk).experience_in_own_words == WORDS


def test_rotating_to_a_new_key_loses_nothing(world, settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS.split(",")[0]
    texts = {}
    for index, person in enumerate(Person.objects.all()):
        person.experience_in_own_words = f"{WORDS} ({index})"
        person.save()
        texts[person.pk] = person.experience_in_own_words
    before = {pk: raw_column(pk) for pk in texts}

    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = f"{new_key},{old_key}"
    call_command("rotate_encryption_keys", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = new_key  # the old key is gone

    for pk, text in texts.items():
        assert raw_column(pk) != before[pk]
        assert Person.objects.get(pk=pk).experience_in_own_words == text


def test_removing_a_key_before_rotation_gives_a_clear_error(world, settings):
    peer = world.people["peer"]
    peer.experience_in_own_words = WORDS
    peer.save()
    settings.FIELD_ENCRYPTION_KEYS = Fernet.generate_key().decode()
    with pytest.raises(ImproperlyConfigured, match="rotate_encryption_keys"):
        Person.objects.get(pk=peer.pk)
