"""Bounded load test: start Mutuality on loopback, run locust headless at 100
concurrent users for a fixed time, stop everything, report errors and p95.

    .venv/bin/python bench/load/run_load.py                 # fresh database with the network-scale demo
    .venv/bin/python bench/load/run_load.py --reuse         # keep the data already in --database-url

The server is gunicorn (2 processes x 8 threads) on 127.0.0.1 only; nothing is
sent anywhere else. Results are printed and written to var/load/."""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mutuality_load"


def _manage(*args: str, env: dict) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603 (fixed arguments)


def prepare(database_url: str, scale: str) -> None:
    """A fresh database with the demo data at ``scale``."""
    import psycopg
    from psycopg import sql

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": database_url}
    _manage("migrate", "-v0", env=env)
    _manage("demo", "--scale", scale, env=env)


def api_token(database_url: str) -> str:
    """A fresh coordinator token for the demo coordinator (the API client's credentials)."""
    code = (
        "from access.actor import actor_for_user; from api.services import token_create; "
        "from people.models import Role; "
        "role = Role.objects.select_related('person__user').filter("
        "person__user__email='coordinator@demo.mutuality.test', kind='coordinator').first(); "
        "user = role.person.user; "
        "print(token_create(actor=actor_for_user(user), name='Load test', "
        "organisation_id=role.organisation_id, role='coordinator')[1])"
    )
    out = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip().splitlines()[-1]


def run_load(database_url: str, *, users: int = 100, seconds: int = 60, port: int = 8765) -> dict:
    out_dir = ROOT / "var" / "load"
    out_dir.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DATABASE_URL": database_url, "MUTUALITY_LOAD_TOKEN": api_token(database_url)}
    host = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 (fixed arguments, no shell)
        [
            str(BIN / "gunicorn"),
            "mutuality.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "-k",
            "gthread",
            "--threads",
            "8",
            "--keep-alive",
            "10",  # longer than a simulated user's pause between requests
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{host}/", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.5)
        subprocess.run(  # noqa: S603 (fixed arguments, no shell)
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench/load/locustfile.py"),
                "--headless",
                "-u",
                str(users),
                "-r",
                "20",
                "-t",
                f"{seconds}s",
                "--host",
                host,
                "--csv",
                str(out_dir / "load"),
                "--only-summary",
                "--stop-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            check=False,  # locust exits 1 when any request failed; the figures below say which
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    with open(out_dir / "load_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(row for row in rows if row["Name"] == "Aggregated")
    with open(out_dir / "load_failures.csv", newline="") as f:
        failures = list(csv.DictReader(f))
    return {
        "users": users,
        "seconds": seconds,
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "rps": float(total["Requests/s"]),
        "slowest_p95": sorted((float(r["95%"]), r["Name"]) for r in rows if r["Name"] != "Aggregated")[-3:],
        "failure_lines": [f"{r['Method']} {r['Name']}: {r['Error']} ({r['Occurrences']}x)" for r in failures],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--scale", default="network", help="demo scale to load into a fresh database")
    parser.add_argument("--reuse", action="store_true", help="use the data already in the database")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    if not args.reuse:
        prepare(args.database_url, args.scale)
    result = run_load(args.database_url, users=args.users, seconds=args.seconds)
    for key, value in result.items():
        print(f"{key}: {value}")
    sys.exit(1 if result["failures"] else 0)


if __name__ == "__main__":
    main()
