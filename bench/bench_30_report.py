"""A commissioner report at national scale, for the organisation with the most support.

Targets: the whole report (every section, the PDF) for the last year of the largest
organisation in under 10 s; and the report's core counting (sessions by what happened,
referrals by route and by stage) within 1.5 times the same counts written as hand-made
SQL. Each aggregation is timed as the median of several runs after one warm-up."""

import statistics
import time
from datetime import datetime, timedelta
from datetime import time as clock

from run import Measurement  # bench/run.py

RUNS = 7

# The same counts the support and referrals sections make, written by hand.
SESSIONS_SQL = """
SELECT s.status, COUNT(*) FROM support_session s
JOIN support_agreement a ON a.id = s.agreement_id
WHERE a.organisation_id = %(org)s AND s.starts_at >= %(start)s AND s.starts_at < %(end)s AND s.status <> 'planned'
GROUP BY s.status
"""
REFERRALS_SQL = """
SELECT route, status, COUNT(*) FROM referrals_referral
WHERE organisation_id = %(org)s AND received_at >= %(start)s AND received_at < %(end)s
GROUP BY route, status
"""


def _median_ms(work) -> tuple[float, object]:
    result = work()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        result = work()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), result


def run(ctx):
    from django.db import connection
    from django.db.models import Count
    from django.utils import timezone

    from mutuality.suppression import RULES
    from people.models import Organisation
    from referrals.models import Referral
    from reports.models import Report
    from reports.sections import section_builders
    from reports.services import report_build, report_context
    from support.models import Agreement, Session

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would soon after the bulk load
    sessions_total = Session.objects.count()
    largest = (
        Agreement.objects.values("organisation_id").annotate(n=Count("id")).order_by("-n").first()["organisation_id"]
    )
    organisation = Organisation.objects.get(pk=largest)
    end = timezone.localdate()
    start = end - timedelta(days=365)
    rule = next(iter(RULES))
    report = Report.objects.create(
        organisation=organisation, start=start, end=end, rule=rule, threshold=RULES[rule].threshold
    )
    org_sessions = Session.objects.filter(agreement__organisation=organisation).count()

    steps = []
    started = time.perf_counter()
    failed = ""
    try:
        report_build(report=report, progress=lambda done, total, label: steps.append((label, time.perf_counter())))
    except Exception as error:  # a figure is still worth having for the rest; the failure is reported
        failed = f"FAILED after {len(steps)} sections: {type(error).__name__}: {error}; "
    build_seconds = time.perf_counter() - started
    slowest = []
    previous = started
    for label, at in steps:
        slowest.append((at - previous, label))
        previous = at
    slowest.sort(reverse=True)
    slow_note = ", ".join(f"{label} {took:.2f} s" for took, label in slowest[:3])

    # Each section on its own (no PDF), to see where the time goes.
    report_ctx = report_context(report)
    section_ms = []
    for build in section_builders():
        app = build.__module__.split(".")[0]
        try:
            took, _ = _median_ms(lambda build=build: build(report_ctx))
        except Exception as error:
            section_ms.append((0.0, f"{app} (failed: {type(error).__name__})"))
            continue
        section_ms.append((took, app))

    # The core aggregation: the ORM queries the sections run, against hand-written SQL.
    tz = timezone.get_current_timezone()
    bounds = {
        "org": largest,
        "start": timezone.make_aware(datetime.combine(start, clock.min), tz),
        "end": timezone.make_aware(datetime.combine(end + timedelta(days=1), clock.min), tz),
    }

    def orm():  # the queries support/report.py and referrals/report.py run
        sessions = Session.objects.filter(
            agreement__organisation_id=largest, starts_at__gte=bounds["start"], starts_at__lt=bounds["end"]
        ).exclude(status=Session.Status.PLANNED)
        referrals = Referral.objects.filter(
            organisation_id=largest, received_at__gte=bounds["start"], received_at__lt=bounds["end"]
        )
        return (
            dict(sessions.values_list("status").annotate(n=Count("id")).order_by()),
            dict(referrals.values_list("route").annotate(n=Count("id")).order_by()),
            dict(referrals.values_list("status").annotate(n=Count("id")).order_by()),
        )

    def by_hand():
        with connection.cursor() as cursor:
            cursor.execute(SESSIONS_SQL, bounds)
            by_status = dict(cursor.fetchall())
            cursor.execute(REFERRALS_SQL, bounds)
            routes, stages = {}, {}
            for route, status, n in cursor.fetchall():
                routes[route] = routes.get(route, 0) + n
                stages[status] = stages.get(status, 0) + n
        return by_status, routes, stages

    orm_ms, orm_result = _median_ms(orm)
    sql_ms, sql_result = _median_ms(by_hand)
    ratio = orm_ms / sql_ms
    same = "same counts" if orm_result == sql_result else "COUNTS DIFFER"
    return [
        Measurement(
            "Commissioner report for the largest organisation, last year (sections and PDF)",
            build_seconds,
            "s",
            target="< 10 s",
            met=build_seconds < 10 and not failed,
            note=(
                f"{failed}{organisation.name}: {org_sessions:,} of {sessions_total:,} sessions; slowest steps: {slow_note}"
            ),
        ),
        *[
            Measurement(f"Report section on its own: {app} (median)", took, "ms")
            for took, app in sorted(section_ms, reverse=True)
        ],
        Measurement(
            "Report core counting (sessions by status, referrals by route and stage): ORM / hand-written SQL",
            ratio,
            "×",
            target="< 1.5×",
            met=ratio < 1.5 and orm_result == sql_result,
            note=f"ORM {orm_ms:.1f} ms, SQL {sql_ms:.1f} ms, medians of {RUNS}; {same}",
        ),
    ]
