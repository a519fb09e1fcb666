"""Run Mutuality's benchmarks: `make bench` (or python bench/run.py).

Each ``bench/bench_*.py`` module has ``run(ctx) -> list[Measurement]``. They run
in file-name order against a fresh database (PostgreSQL by default, the way
organisations and networks run Mutuality), so later benchmarks can use data
earlier ones loaded: ``bench_00_demo`` loads the national-scale demo first.

Options:
  --database-url URL   where to benchmark (default: $BENCH_DATABASE_URL or
                       postgres://postgres@127.0.0.1:5432/mutuality_bench); the
                       database is dropped and created afresh
  --only NAME          run only benchmarks whose module name contains NAME
                       (the demo load always runs first)
  --reuse              keep the database as it is (already migrated and loaded by
                       an earlier run) and skip the demo load: for re-timing one
                       benchmark; figures for docs come from fresh runs

Results are printed as a Markdown table and written to var/bench-results.md;
copy the figures into docs/BENCHMARKS.md with the date and machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass
class Measurement:
    name: str
    value: float
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class BenchContext:
    database_url: str
    started: float


def _fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mutuality_bench"),
    )
    parser.add_argument("--only", default="")
    parser.add_argument("--reuse", action="store_true")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mutuality.settings")
    if not args.reuse:
        _fresh_database(args.database_url)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    ctx = BenchContext(database_url=args.database_url, started=time.perf_counter())
    results: list[Measurement] = []
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        first = path.stem.startswith("bench_00")
        if (args.only and args.only not in path.stem and not first) or (args.reuse and first):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"… {path.stem}", flush=True)
        try:
            results.extend(module.run(ctx))
        except Exception as error:  # one failing benchmark must not hide the others' figures
            if first:
                raise
            traceback.print_exc()
            results.append(Measurement(path.stem, 0, "", met=False, note=f"failed: {type(error).__name__}: {error}"))

    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"database: {args.database_url.split('://')[0]}",
        "",
        "| benchmark | result | target | met |",
        "| --- | --- | --- | --- |",
    ]
    for m in results:
        met = "" if m.met is None else ("yes" if m.met else "**no**")
        note = f" ({m.note})" if m.note else ""
        lines.append(f"| {m.name}{note} | {m.value:,.2f} {m.unit} | {m.target} | {met} |")
    report = "\n".join(lines)
    print(report)
    out = ROOT / "var" / "bench-results.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(report + "\n")
    if any(m.met is False for m in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
