"""Demo data: deterministic, realistic, one login per role."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from access.actor import actor_for_user
from people.demo import DEMO_EMAIL_DOMAIN, DEMO_LOGIN_NAMES
from people.management.commands.demo import load_demo
from people.models import Consent, Person, User


def snapshot():
    return list(Person.objects.order_by("id").values_list("display_name", "postcode_district", "term"))


class Rollback(Exception):
    pass


def load_and_snapshot(seed):
    result = None
    try:
        with transaction.atomic():
            load_demo("small", seed, log=lambda line: None)
            result = snapshot()
            raise Rollback
    except Rollback:
        pass
    return result


def test_the_same_seed_gives_the_same_people_and_another_seed_does_not(db):
    first, again, other = load_and_snapshot(7), load_and_snapshot(7), load_and_snapshot(8)
    assert first == again
    assert first != other
    assert len(first) > 60


def test_every_role_has_a_demo_login_that_holds_that_role(db, settings):
    load_demo("small", 1, log=lambda line: None)
    for role, (_full, display_name, _pronouns, _gender) in DEMO_LOGIN_NAMES.items():
        user = User.objects.get(email=f"{role}@{DEMO_EMAIL_DOMAIN}")
        assert user.check_password(settings.DEMO_PASSWORD)
        actor = actor_for_user(user)
        assert actor.person.display_name == display_name
        assert actor.has_role(role)
    assert Consent.objects.filter(scope="support", given=True).count() >= 60


def test_demo_command_refuses_a_database_that_already_has_data(world, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="already has data"):
        call_command("demo", "--scale", "small")
    call_command("demo", "--scale", "small", "--if-empty", verbosity=0)  # quietly does nothing


def test_demo_command_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only loaded with DEBUG on"):
        call_command("demo", "--scale", "small")
