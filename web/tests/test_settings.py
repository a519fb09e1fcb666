"""Settings read from the environment fail fast and are safe in production."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from mutuality.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "PATH": os.environ["PATH"],
        "ENV_FILE": "/dev/null",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "mutuality.example.org",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example.org:587",
        "DATABASE_URL": "postgres://mutuality@127.0.0.1:5432/mutuality",
        "MUTUALITY_VAR_DIR": "/tmp/mutuality-settings-test",
    }
    env.update(overrides)
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_settings_pass_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("FIELD_ENCRYPTION_KEYS", "FIELD_ENCRYPTION_KEYS must hold"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must list"),
        ("EMAIL_URL", "EMAIL_URL must be set"),
    ],
)
def test_production_refuses_to_start_without_required_setting(missing, message):
    env = production_env()
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_a_short_or_placeholder_secret_key():
    result = manage("check", env=production_env(SECRET_KEY="django-insecure-" + "x" * 60))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)", env=production_env())
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_env_bool_rejects_a_typo_instead_of_meaning_off():
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG", False, environ={"DEBUG": "ture"})
    assert env_bool("DEBUG", False, environ={"DEBUG": "yes"}) is True
    assert env_bool("DEBUG", True, environ={}) is True


def test_env_int_rejects_words_and_values_below_minimum():
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        env_int("SESSION_IDLE_MINUTES", 30, environ={"SESSION_IDLE_MINUTES": "half an hour"})
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("SESSION_IDLE_MINUTES", 30, minimum=1, environ={"SESSION_IDLE_MINUTES": "0"})
    assert env_int("SESSION_IDLE_MINUTES", 30, environ={}) == 30


def test_env_list_splits_on_commas_and_drops_blanks():
    assert env_list("ALLOWED_HOSTS", [], environ={"ALLOWED_HOSTS": "a.org, b.org,,"}) == ["a.org", "b.org"]


def test_bad_encryption_key_is_refused_with_instructions():
    from mutuality.crypto import parse_keys

    with pytest.raises(ImproperlyConfigured, match="Fernet key"):
        parse_keys("not-a-key")


def test_passwords_are_hashed_with_argon2():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from mutuality import settings as project_settings

    # The project's own settings (tests swap in a faster hasher at start-up).
    assert project_settings.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("a long passphrase", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert hasher.verify("a long passphrase", encoded)


def test_sessions_end_after_idle_minutes_and_when_the_browser_closes(client, world):
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(world.users["peer"])
    response = client.get("/")
    # Activity renews the idle timer: the session is saved on every request.
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert response.cookies["sessionid"]["max-age"] == ""  # ends with the browser
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_MINUTES * 60
