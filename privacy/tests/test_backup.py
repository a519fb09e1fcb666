"""`manage.py backup` and `restore`: a restore into a fresh database matches the original, table by table."""

import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from privacy import backup


def _some_data():
    from people.testing import build_world
    from privacy import services

    world = build_world()
    person = world.person("peer")
    person.experience_in_own_words = "Words that are stored encrypted."
    person.save()
    services.legal_hold_place(person=person, reason="Complaint", actor=world.users["coordinator"])
    return world


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_restores_into_a_fresh_database_with_every_table_identical(tmp_path, capsys):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass covers SQLite")
    _some_data()
    original = backup.fingerprint()
    file = tmp_path / "backup.sqlite3"
    call_command("backup", str(file))
    assert "Backed up" in capsys.readouterr().out
    assert oct(file.stat().st_mode & 0o777) == "0o600"

    fresh = tmp_path / "fresh.sqlite3"
    call_command("restore", str(file), "--into", f"sqlite:///{fresh}", "--yes")
    restored = backup.fingerprint(backup.database_settings(f"sqlite:///{fresh}"))
    assert restored == original
    assert original["people_person"][0] >= 10 and original["privacy_legalhold"][0] == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_backup_restores_into_a_fresh_database_with_every_table_identical(tmp_path):
    import psycopg

    _some_data()
    original = backup.fingerprint()
    file = tmp_path / "backup.dump"
    call_command("backup", str(file))

    db = backup.database_settings()
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = {"host": db.get("HOST") or None, "port": db.get("PORT") or None, "user": db.get("USER") or None}
    with psycopg.connect(**admin, password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
        call_command("restore", str(file), "--into", url, "--yes")
        assert backup.fingerprint(backup.database_settings(url)) == original
    finally:
        with psycopg.connect(**admin, password=db.get("PASSWORD") or None, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_restoring_from_a_missing_or_damaged_file_says_so_and_changes_nothing(tmp_path, db):
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "nope"), "--yes")
    damaged = tmp_path / "damaged"
    damaged.write_bytes(b"this is not a database backup" * 100)
    target = tmp_path / "target.sqlite3"
    with pytest.raises(CommandError):
        call_command("restore", str(damaged), "--into", f"sqlite:///{target}", "--yes")
