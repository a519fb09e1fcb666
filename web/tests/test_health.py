"""/healthz and the "try again" page when the database cannot be reached."""

from contextlib import contextmanager

import pytest
from django.db import connection


@contextmanager
def database_unreachable():
    """Point the live connection at somewhere no database answers, for real."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "postgresql":
        connection.settings_dict["PORT"] = "1"  # nothing listens on port 1
        connection.settings_dict["HOST"] = "127.0.0.1"
    else:
        connection.settings_dict["NAME"] = "/nonexistent-directory/mutuality.sqlite3"
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
        connection.connect()


def test_healthz_answers_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db(transaction=True)
def test_healthz_answers_503_when_the_database_is_unreachable(client):
    with database_unreachable():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db(transaction=True)
def test_a_page_needing_the_database_shows_a_plain_try_again_page_when_it_is_down(client):
    from people.testing import build_world

    client.raise_request_exception = False  # answer as a real server would
    client.force_login(build_world().users["coordinator"])
    with database_unreachable():
        response = client.get("/people/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert b"nothing was saved" in response.content


@pytest.mark.django_db(transaction=True)
def test_the_app_recovers_by_itself_when_the_database_returns(client):
    with database_unreachable():
        assert client.get("/healthz").status_code == 503
    assert client.get("/healthz").status_code == 200
