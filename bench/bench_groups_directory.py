"""The public group directory at national scale: search by place is the page people rely on most.

Target: a place search (nearest first, within 25 km, on one weekday) returns its count and
first page in under 300 ms at the 95th percentile, over the national demo's groups."""

import statistics
import time

from run import Measurement  # bench/run.py

PLACES = ["EX2", "M1", "B1", "NE1", "CF10", "G1", "S1", "NR1", "BN1", "L1", "NG1", "TR1", "OX1", "CB1"]


def run(ctx):
    from groups import selectors
    from groups.models import Group, Meeting
    from people.places import find_district

    timings = []
    for _round in range(3):
        for place in PLACES:
            started = time.perf_counter()
            search = selectors.DirectorySearch(district=find_district(place), within_km=25, weekday=2)
            groups = selectors.directory(search)
            groups.count()
            list(groups[:25])
            timings.append(time.perf_counter() - started)
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    groups, meetings = Group.objects.count(), Meeting.objects.count()
    return [
        Measurement(
            "Group directory: search by place, 95th percentile",
            p95,
            "ms",
            target="< 300 ms",
            met=p95 < 300,
            note=f"{groups:,} groups, {meetings:,} meetings",
        )
    ]
