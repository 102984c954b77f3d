"""Report generation: the real transparency report for a half-year, against hand-written SQL of the same figures.

``real``: ``build_report(parse_period(...))`` and ``to_json`` of it — every
section, table, percentage and median of the published report.

Before timing, the database is put in the state a production system is in once its task worker has run: the
report's daily roll-ups are rebuilt (``reports.rollup.rebuild``, what ``rightsdesk report-rollup --rebuild`` does
after a bulk load: the generated rows are written without the task worker), then folded once as the loop does
(``reports.tasks.fold_changes`` runs ``rollup.fold``, which also keeps the merged figures of every closed half-year and
year). The rebuild and the fold are timed on their own (``half_year.rollup_rebuild``, ``half_year.rollup_fold``: wall
and CPU seconds), and ``half_year.state`` says what the report found: pending days, kept periods.

``page``: the public report page of the half-year (``GET /en/transparency/2026-H1/`` through ``django.test.Client``),
first request with an empty cache (``cold``: it builds the report of the period and of the one before, for the
comparison column, and the trend, and renders the page), and then again (``warm``: the page kept for anonymous
visitors, ``core.shared_pages``).

``raw_sql``: the figures the report is made of, each written once as plain
SQL on the DB-API cursor (the cases grouped by the report's dimensions, the
items grouped by kind/project/action, the distinct cases per project, and the
decision and first-response durations whose medians are taken in Python).
It is the floor: what the database must do whatever code sits on top.

Both are run on the benchmark half-year and on the whole range of the data
(every generated case), and their totals are checked against each other.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from datetime import datetime
from datetime import timezone as dt_timezone

from django.db import connection

from .datagen import END, REPORT_PERIOD, START
from .search import percentiles

DIMENSIONS = ("kind", "outcome", "requester_type", "country", "authority_country", "legal_process", "threat_type",
              "emergency_origin", "harm_category", "content_ground", "dsa_category", "trusted_flagger",
              "automated_decision", "content_data_requested", "non_content_data_requested")


def _bounds(period) -> list:
    if connection.vendor == "sqlite":
        fmt = lambda d: str(d.astimezone(dt_timezone.utc).replace(tzinfo=None))  # noqa: E731
        return [fmt(period.start), fmt(period.end)]
    return [period.start, period.end]


def _seconds(end: str, start: str) -> str:
    if connection.vendor == "sqlite":
        return f"((julianday({end}) - julianday({start})) * 86400.0)"
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"


def raw_figures(period) -> dict:
    """The report's figures by hand: four grouped statements and two duration lists."""
    mark = "?" if connection.vendor == "sqlite" else "%s"
    args = _bounds(period)
    in_period = f"c.received_at >= {mark} AND c.received_at < {mark}"
    dims = ", ".join(f"c.{d}" for d in DIMENSIONS)
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT {dims}, count(*), sum(c.accounts_potentially_affected), sum(c.accounts_actually_affected), "
                       f"sum(c.accounts_notified) FROM cases_case c WHERE {in_period} GROUP BY {dims}", args)
        groups = cursor.fetchall()
        cursor.execute(f"SELECT c.kind, i.project, i.action, count(*) FROM cases_targetitem i JOIN cases_case c "
                       f"ON c.id = i.case_id WHERE {in_period} GROUP BY c.kind, i.project, i.action", args)
        items = cursor.fetchall()
        cursor.execute(f"SELECT c.kind, i.project, count(DISTINCT i.case_id) FROM cases_targetitem i JOIN cases_case c "
                       f"ON c.id = i.case_id WHERE {in_period} GROUP BY c.kind, i.project", args)
        projects = cursor.fetchall()
        cursor.execute(f"SELECT c.kind, {_seconds('c.decided_at', 'c.received_at')} FROM cases_case c "
                       f"WHERE {in_period} AND c.decided_at IS NOT NULL", args)
        decided = defaultdict(list)
        for kind, seconds in cursor:
            decided[kind].append(round(seconds))
        cursor.execute(f"SELECT {_seconds('c.acknowledged_at', 'c.received_at')} FROM cases_case c "
                       f"WHERE {in_period} AND c.kind = 'harm_report' AND c.acknowledged_at IS NOT NULL", args)
        first_response = [round(s) for (s,) in cursor]
    finally:
        cursor.close()
    n = len(DIMENSIONS)
    return {
        "received": sum(row[n] for row in groups), "groups": len(groups), "item_groups": len(items),
        "project_groups": len(projects),
        "median_days_by_kind": {k: round(statistics.median(v) / 86400, 2) for k, v in decided.items()},
        "decided": sum(len(v) for v in decided.values()),
        "first_response_median_hours": round(statistics.median(first_response) / 3600, 2) if first_response else None,
    }


def _real(period):
    from rightsdesk.reports.sections import build_report
    from rightsdesk.reports.structure import to_json

    report = build_report(period)
    to_json(report)
    return report


def _time(fn, reps: int, budget: float):
    """Wall-clock samples, the CPU seconds of this process per run (median), and the last result."""
    samples, cpu, value = [], [], None
    deadline = time.perf_counter() + budget
    for _ in range(reps):
        started, cpu_started = time.perf_counter(), time.process_time()
        value = fn()
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        if time.perf_counter() > deadline:
            break
    samples.append(statistics.median(cpu))
    return samples, value


def measure(period, reps: int, budget: float, profile_dir=None, profile_name=None) -> dict:
    real_s, report = _time(lambda: _real(period), reps, budget)
    raw_s, raw = _time(lambda: raw_figures(period), reps, budget)
    real_cpu, raw_cpu = real_s.pop(), raw_s.pop()
    overview = report.section("overview").table("by_kind")
    received, decided = overview.value("all", "received"), overview.value("all", "decided")
    if received != raw["received"] or decided != raw["decided"]:
        raise RuntimeError(f"report {period.slug}: the report says {received} received / {decided} decided, "
                           f"the raw SQL {raw['received']} / {raw['decided']}")
    median_real = overview.value("copyright_notice", "median_days")
    if median_real != raw["median_days_by_kind"].get("copyright_notice"):
        raise RuntimeError(f"report {period.slug}: median days {median_real} vs {raw['median_days_by_kind']}")
    if profile_dir and profile_name:
        from .intake import _profiler, _write_profile

        profiler = _profiler(profile_dir)
        if profiler:
            profiler.start()
            _real(period)
            profiler.stop()
            _write_profile(profiler, profile_dir, profile_name)
    real, base = percentiles(real_s), percentiles(raw_s)
    return {
        "period": period.slug, "cases": received, "decided": decided,
        "real": {**real, "seconds": round(statistics.median(real_s), 6), "cpu_seconds": round(real_cpu, 3)},
        "raw_sql": {**base, "seconds": round(statistics.median(raw_s), 6), "cpu_seconds": round(raw_cpu, 3)},
        "ratio_to_raw": round(statistics.median(real_s) / statistics.median(raw_s), 2) if raw_s else None,
    }


def page(period, reps: int = 3) -> dict:
    """The report page: the first request after the cache is emptied (cold) and a request after it (warm)."""
    from django.core.cache import cache
    from django.test import Client

    from rightsdesk.core import shared_pages

    client, url = Client(), f"/en/transparency/{period.slug}/"

    def get() -> tuple[float, float]:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: {response.status_code}")
        return time.perf_counter() - started, time.process_time() - cpu_started

    cold, warm = [], []
    for _ in range(reps):
        cache.clear()  # the kept reports (reports.cache) ...
        shared_pages.clear_all()  # ... and the kept pages (reports.views)
        cold.append(get())
        warm.append(get())
    return {"url": url, "how": "django.test.Client, in the benchmark process; cold: cache emptied before the request",
            "cold": {**percentiles([w for w, _c in cold]), "seconds": round(statistics.median(w for w, _c in cold), 6),
                     "cpu_seconds": round(statistics.median(c for _w, c in cold), 3)},
            "warm": {**percentiles([w for w, _c in warm]), "seconds": round(statistics.median(w for w, _c in warm), 6),
                     "cpu_seconds": round(statistics.median(c for _w, c in warm), 3)}}


def run(*, reps: int = 3, budget: float = 20.0, profile_dir=None) -> dict:
    from rightsdesk.reports.periods import parse_period

    from rightsdesk.cases.models import Case
    from rightsdesk.reports import rollup

    started, cpu_started = time.perf_counter(), time.process_time()
    done = rollup.rebuild()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    cases = Case.objects.count()
    rebuild = {"seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "days": done["days"], "rows": done["rows"],
               "cases": cases, "seconds_per_100k_cases": round(wall * 100_000 / max(cases, 1), 3),
               "cpu_seconds_per_100k_cases": round(cpu * 100_000 / max(cases, 1), 3)}
    # Then the task worker's loop, once (reports.tasks.fold_changes is this call and a re-queue).
    started, cpu_started = time.perf_counter(), time.process_time()
    done = rollup.fold()
    fold = {"seconds": round(time.perf_counter() - started, 3), "cpu_seconds": round(time.process_time() - cpu_started, 3),
            **done}
    half = parse_period(REPORT_PERIOD)
    state = {"how": "roll-ups rebuilt (report-rollup --rebuild), then folded once as the task loop does "
                    "(reports.tasks.fold_changes -> rollup.fold): the state of a production system whose worker runs",
             "pending_days_in_period": len(rollup.dirty_days(half)),
             "kept_periods": kept_periods(),
             "period_read_from_kept_figures": rollup.kept(half) is not None}
    last_day = (END.date().toordinal() - 1)
    everything = parse_period(f"{START.date().isoformat()}..{datetime.fromordinal(last_day).date().isoformat()}")
    return {
        "half_year": {**measure(half, reps, budget, profile_dir, "report_half_year"), "rollup_rebuild": rebuild,
                      "rollup_fold": fold, "state": state, "page": page(half)},
        "all_cases": measure(everything, reps, budget),
    }


def kept_periods() -> list[str]:
    try:
        from rightsdesk.reports.models import RollupPeriod
    except ImportError:  # an older tree keeps no periods
        return []
    return [f"{first}..{last}" for first, last in RollupPeriod.objects.values_list("first_day", "last_day")]
