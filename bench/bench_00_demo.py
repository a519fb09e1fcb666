"""National-scale demo data, loaded with bulk inserts. Later benchmarks use it.

Targets: people and workers (at least 50,000 and 5,000) in under two minutes on
the reference machine (2 cores); each app's share is reported beside it."""

import time

from run import Measurement  # bench/run.py


def run(ctx):
    from people.management.commands.demo import load_demo
    from people.models import Person, Role

    started = time.perf_counter()
    demo = load_demo("national", 1, log=lambda line: print("   ", line, flush=True))
    seconds = time.perf_counter() - started
    people = Person.objects.count()
    workers = Role.objects.filter(kind="worker").count()
    results = [
        Measurement(
            "National demo: people, roles, themes, consents",
            demo.timings["people"],
            "s",
            target="< 120 s",
            met=demo.timings["people"] < 120 and people >= 50_000 and workers >= 5_000,
            note=f"{people:,} people, {workers:,} workers",
        )
    ]
    results += [
        Measurement(f"National demo: {app}", took, "s") for app, took in demo.timings.items() if app != "people"
    ]
    results.append(Measurement("National demo: everything", seconds, "s"))
    return results
