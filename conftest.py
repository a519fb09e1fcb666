"""Fixtures shared by every app's tests.

* ``world``: one signed-in-able person per role, plus an outsider (people/testing.py).
* ``smtp_server``: a real SMTP server on loopback (aiosmtpd); Django sends to it.
* ``browser`` / ``page``: headless Debian Chromium driven by Playwright.
* ``run_worker``: carry out queued background tasks with the real database worker.

With ``REQUIRE_POSTGRES=1`` the run stops at once, loudly, unless the database
is PostgreSQL and reachable: CI must never pass on SQLite by accident.
"""

from __future__ import annotations

import os
import shutil
import socket
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# guard would otherwise refuse database calls made while it is running.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _require_postgres() -> None:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        pytest.exit(
            "REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL "
            f"(engine: {database['ENGINE']}). Set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test",
            returncode=3,
        )
    import psycopg

    try:
        psycopg.connect(
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            dbname="postgres",  # the maintenance database, as Django uses to create the test one
            connect_timeout=5,
        ).close()
    except psycopg.OperationalError as error:
        pytest.exit(f"REQUIRE_POSTGRES=1 but PostgreSQL cannot be reached: {error}", returncode=3)


def pytest_configure(config):
    from django.conf import settings

    if os.environ.get("REQUIRE_POSTGRES") == "1":
        _require_postgres()
    # Argon2 is the real hasher (tested in web/tests); tests use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    from hypothesis import HealthCheck
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile(
        "mutuality", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
    )
    hypothesis_settings.load_profile("mutuality")


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    for item in items:
        # Transactional tests empty the database afterwards; serialized rollback
        # puts back what migrations loaded (languages, themes, instruments…)
        # so the next test sees the same reference data as production.
        if _is_transactional(item):
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="PostgreSQL only; runs in the PostgreSQL pass of .ci/run")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized reference data where every connection wrapper finds it.

    Once Playwright's event loop has run in this thread, Django's per-context
    connection handler hands tests a fresh wrapper, which would lack the
    serialized contents that ``serialized_rollback`` restores from. All
    wrappers here point at the same test database, so the class can hold it.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Exports and uploads written by a test go to its own temporary folder."""
    settings.PRIVATE_FILES_DIR = tmp_path / "files"
    settings.MEDIA_ROOT = settings.PRIVATE_FILES_DIR


@pytest.fixture(autouse=True)
def _force_login_verifies_staff(monkeypatch):
    """``client.force_login`` signs staff in with their second factor verified,
    as if they had typed a code (privacy/middleware.py requires one). Tests of
    the requirement itself sign in through the login form instead."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from people.testing import verify_client_session

        verify_client_session(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def world(db):
    from people.testing import build_world

    return build_world()


# --- Mail -------------------------------------------------------------------


@dataclass
class SmtpInbox:
    host: str
    port: int
    messages: list[EmailMessage] = field(default_factory=list)

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m.get("To", "")]


class _Handler:
    def __init__(self, inbox: SmtpInbox):
        self.inbox = inbox

    async def handle_DATA(self, server, session, envelope):
        self.inbox.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback. Django's mail goes to it over SMTP."""
    from aiosmtpd.controller import Controller

    inbox = SmtpInbox(host="127.0.0.1", port=_free_port())
    controller = Controller(_Handler(inbox), hostname=inbox.host, port=inbox.port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = inbox.host
    settings.EMAIL_PORT = inbox.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield inbox
    finally:
        controller.stop()


# --- Background work --------------------------------------------------------


@pytest.fixture
def run_worker():
    """Carry out every queued task with the real database worker, then return.

    The worker commits as it goes (as in production), so tests using it need
    ``@pytest.mark.django_db(transaction=True)``."""
    from django.core.management import call_command

    def run() -> None:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    return run


# --- Browser ----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium was not found at {CHROMIUM}. Install Debian's chromium package "
            "(make test does this when it can), or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A phone-sized page with JavaScript switched off, for journeys that must work without it."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        java_script_enabled=False,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
