"""Load: 100 concurrent users for 60 s against the demo already loaded (see
bench/load/run_load.py). Target: no errors; p95 reported."""

import sys
from pathlib import Path

from run import Measurement  # bench/run.py

sys.path.insert(0, str(Path(__file__).parent / "load"))


def run(ctx):
    from run_load import run_load

    result = run_load(ctx.database_url, users=100, seconds=60)
    note = f"{result['requests']:,} requests, {result['rps']:.0f}/s"
    return [
        Measurement(
            "Load, 100 users: failed requests",
            result["failures"],
            "",
            target="0",
            met=result["failures"] == 0,
            note="; ".join(result["failure_lines"][:3]),
        ),
        Measurement("Load, 100 users: p95 response time", result["p95_ms"], "ms", note=note),
    ]
