"""Backups that can be restored: SQLite through its online backup API, PostgreSQL
through pg_dump's custom format and pg_restore.

``fingerprint`` gives every table's row count and a hash of its contents, so a
restore can be checked against the database it came from.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import environ
from django.conf import settings
from django.db import connections

from mutuality.errors import ServiceError


def database_settings(url: str | None = None, alias: str = "default") -> dict[str, Any]:
    if url:
        return environ.Env.db_url_config(url)
    return dict(connections[alias].settings_dict)


def _is_postgres(db: dict[str, Any]) -> bool:
    return db["ENGINE"] == "django.db.backends.postgresql"


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise ServiceError(f"{name} was not found. Install the PostgreSQL client tools (Debian: postgresql-client).")
    return found


def backup(destination: Path, *, db: dict[str, Any] | None = None) -> Path:
    """Write a consistent backup of the database to ``destination`` (a file)."""
    db = db or database_settings()
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    if _is_postgres(db):
        args, env = _pg_env(db)
        result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                *args,
                "--file",
                str(destination),
                db["NAME"],
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise ServiceError(f"pg_dump failed: {result.stderr.strip()}")
    else:
        source = sqlite3.connect(db["NAME"])
        target = sqlite3.connect(destination)
        try:
            with target:
                source.backup(target)
        finally:
            target.close()
            source.close()
    destination.chmod(0o600)  # the backup holds personal data
    return destination


def restore(source: Path, *, db: dict[str, Any] | None = None) -> None:
    """Replace the contents of the database with the backup at ``source``."""
    db = db or database_settings()
    source = Path(source)
    if not source.is_file():
        raise ServiceError(f"There is no backup file at {source}.")
    for connection in connections.all():
        connection.close()
    if _is_postgres(db):
        args, env = _pg_env(db)
        result = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *args,
                "--dbname",
                db["NAME"],
                str(source),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise ServiceError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        backup_db = sqlite3.connect(source)
        try:
            if backup_db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ServiceError(f"{source} is not a sound SQLite backup.")
        except sqlite3.DatabaseError as error:
            raise ServiceError(f"{source} is not a SQLite backup: {error}") from error
        target = sqlite3.connect(db["NAME"])
        try:
            with target:
                backup_db.backup(target)
        finally:
            target.close()
            backup_db.close()


def _connect(db: dict[str, Any]):
    if _is_postgres(db):
        import psycopg

        return psycopg.connect(
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            dbname=db["NAME"],
        )
    return sqlite3.connect(db["NAME"])


def _tables(cursor, postgres: bool) -> list[str]:
    if postgres:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    else:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    return [row[0] for row in cursor.fetchall()]


def _plain(value):
    return bytes(value) if isinstance(value, memoryview) else value


def fingerprint(db: dict[str, Any] | None = None) -> dict[str, tuple[int, str]]:
    """Every table: (row count, SHA-256 of its rows in a fixed order)."""
    db = db or database_settings()
    postgres = _is_postgres(db)
    result = {}
    conn = _connect(db)
    try:
        cursor = conn.cursor()
        for table in _tables(cursor, postgres):
            quoted = f'"{table}"'
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (names come from the catalogue)
            rows = sorted(repr(tuple(_plain(v) for v in row)) for row in cursor.fetchall())
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            result[table] = (len(rows), digest)
    finally:
        conn.close()
    return result


def default_backup_path() -> Path:
    from django.utils import timezone

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if _is_postgres(database_settings()) else "sqlite3"
    return Path(getattr(settings, "BACKUP_DIR", settings.VAR_DIR / "backups")) / f"mutuality-{stamp}.{suffix}"
