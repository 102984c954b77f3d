"""Run the benchmarks on a throwaway database and write the figures: ``python -m bench.run`` (via ``rightsdesk bench``).

This process is started by the ``bench`` management command with
``RIGHTSDESK_HOME`` (and, for PostgreSQL, ``DATABASE_URL``) pointing at a
database made for the run, and ``RIGHTSDESK_BENCH_MARKER`` naming the marker
file that proves it. It refuses to run otherwise, so the benchmark can never
write into someone's real database.

Order: migrate, generate the data, then search, report, HTTP load (all
read-only) and intake last (it adds cases, received "now", outside the
report's period).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ALL = ("intake", "search", "report", "http")

#: The issue's targets. "embedded" = the default SQLite database.
TARGETS = {
    "intake_notices_per_s": 5000,
    "intake_share_of_floor": 0.30,
    "search_p95_ms": 50,
    "report_half_year_s": 2.0,
}


def _check_throwaway() -> str:
    from django.db import connection

    marker = os.environ.get("RIGHTSDESK_BENCH_MARKER", "")
    if not marker or not Path(marker).is_file():
        sys.exit("bench.run only runs on a database made for it: start it with `rightsdesk bench`.")
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        home = Path(marker).resolve().parent
        if home not in Path(settings["NAME"]).resolve().parents:
            sys.exit(f"Refusing to run: the SQLite database {settings['NAME']} is not in the bench directory {home}.")
        return f"sqlite:{settings['NAME']}"
    expected = Path(marker).read_text().strip()
    if settings["NAME"] != expected:
        sys.exit(f"Refusing to run: database {settings['NAME']!r} is not the one made for this run ({expected!r}).")
    return f"postgresql://{settings.get('HOST') or 'localhost'}:{settings.get('PORT') or 5432}/{settings['NAME']}"


def _say(message: str) -> None:
    print(f"[bench {datetime.now(timezone.utc):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def _versions() -> dict:
    import django
    from django.db import connection

    out = {"python": platform.python_version(), "django": django.get_version(), "vendor": connection.vendor,
           "cpus": os.cpu_count(), "machine": platform.machine(), "platform": platform.platform()}
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        out["database_version"] = cursor.fetchone()[0]
    try:
        out["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        pass
    return out


def evaluate(results: dict) -> list[dict]:
    """Each target beside its measurement; ``met`` is None when the figure was not measured in this run."""
    out = []

    def add(name, target, measured, met, note=""):
        out.append({"target": name, "wanted": target, "measured": measured, "met": met, "note": note})

    intake = results.get("intake")
    if intake:
        rate, share = intake["api"]["notices_per_s"], intake["ratio_to_floor"]
        add("bulk intake notices/s", f">= {TARGETS['intake_notices_per_s']}", rate, rate >= TARGETS["intake_notices_per_s"])
        add("bulk intake share of the raw-insert floor", f">= {TARGETS['intake_share_of_floor']:.0%}",
            share, share is not None and share >= TARGETS["intake_share_of_floor"])
        same = intake.get("ratio_to_same_rows_floor")
        if same is not None:
            add("bulk intake share of the floor of the same rows (all six tables)",
                f">= {TARGETS['intake_share_of_floor']:.0%}", same, same >= TARGETS["intake_share_of_floor"],
                "not the issue's floor, which writes cases_case only: see docs/performance.md §1")
        servers = intake.get("servers")
        if servers:
            rate = servers["notices_per_s"]
            add(f"bulk intake notices/s, {servers['servers']} app servers", f">= {TARGETS['intake_notices_per_s']}",
                rate, rate >= TARGETS["intake_notices_per_s"])
    search = results.get("search")
    if search:
        worst = search["worst_service_p95_ms"]
        add("search p95 (worst query, service)", f"<= {TARGETS['search_p95_ms']} ms", worst,
            worst <= TARGETS["search_p95_ms"], search["worst_service_query"])
        worst_api = search["worst_api_p95_ms"]
        add("search p95 (worst query, API)", f"<= {TARGETS['search_p95_ms']} ms", worst_api,
            worst_api <= TARGETS["search_p95_ms"], search["worst_api_query"])
    report = results.get("report")
    if report:
        for key in ("half_year", "all_cases"):
            seconds = report[key]["real"]["seconds"]
            add(f"report {report[key]['period']} ({report[key]['cases']} cases)",
                f"<= {TARGETS['report_half_year_s']} s", seconds, seconds <= TARGETS["report_half_year_s"])
    return out


def table(results: dict) -> str:
    """The figures as a plain-text table, with the baseline of each beside it."""
    lines = []
    meta = results["meta"]
    lines.append(f"rightsdesk bench: {meta['rows'].get('cases', 0):,} cases, {meta['rows'].get('notices', 0):,} notices "
                 f"on {meta['versions']['vendor']} {meta['versions']['database_version']} "
                 f"({meta['versions']['cpus']} CPUs); data generated in {meta['datagen_seconds']} s")
    row = "{:<34} {:>14} {:>14} {:>10}".format
    lines.append(row("measurement", "real path", "baseline", "ratio"))
    lines.append("-" * 75)
    if "intake" in results:
        r = results["intake"]
        lines.append(row("intake notices/s (API vs floor)", f"{r['api']['notices_per_s']:,.0f}",
                         f"{r['floor']['notices_per_s']:,.0f}", f"{r['ratio_to_floor']:.3f}"))
        lines.append(row("intake notices per CPU-second", f"{r['api']['notices_per_cpu_s'] or 0:,.0f}",
                         f"{r['batches'] * r['batch_size'] / r['floor']['cpu_seconds']:,.0f}" if r['floor']['cpu_seconds'] else "", ""))
        lines.append(row("intake replay notices/s", f"{r['replay']['notices_per_s']:,.0f}", "", ""))
        if r.get("same_rows_floor"):
            lines.append(row("intake vs floor of the same rows", f"{r['api']['notices_per_s']:,.0f}",
                             f"{r['same_rows_floor']['notices_per_s']:,.0f}", f"{r['ratio_to_same_rows_floor']:.3f}"))
        if r.get("servers"):
            lines.append(row(f"intake notices/s, {r['servers']['servers']} servers", f"{r['servers']['notices_per_s']:,.0f}",
                             f"{r['floor']['notices_per_s']:,.0f}", f"{r['servers']['notices_per_s'] / r['floor']['notices_per_s']:.3f}"
                             if r["floor"]["notices_per_s"] else ""))
    if "search" in results:
        for name, q in results["search"]["queries"].items():
            s, raw, api = q["service"], q["raw_sql"], q["api"]
            lines.append(row(f"search {name} p95 ms", f"{s['p95_ms'] or 0:.1f}", f"{raw['p95_ms'] or 0:.1f}",
                             f"{q['service_to_raw_p95']:.2f}" if q["service_to_raw_p95"] else "-"))
            lines.append(row("   p50 / p99 / API p95 ms", f"{s['p50_ms']:.1f}/{s['p99_ms']:.1f}", f"api {api['p95_ms']:.1f}",
                             f"n={q['matches']}{'' if q['count_exact'] else '+'}"))
            if "raw_sql_fts_order" in q:
                lines.append(row("   raw SQL ordered by FTS rowid", "", f"{q['raw_sql_fts_order']['p95_ms']:.1f}", ""))
    if "report" in results:
        for key, r in results["report"].items():
            lines.append(row(f"report {r['period']} s", f"{r['real']['seconds']:.3f}", f"{r['raw_sql']['seconds']:.3f}",
                             f"{r['ratio_to_raw']:.2f}"))
            lines.append(row("   CPU s of this process", f"{r['real']['cpu_seconds']:.3f}", f"{r['raw_sql']['cpu_seconds']:.3f}",
                             f"n={r['cases']}"))
    if "http" in results:
        for name, r in results["http"]["pages"].items():
            lines.append(row(f"http {name} req/s", f"{r['requests_per_s']:,.1f}", f"errors {r['errors']}",
                             f"{r['rps_share_of_static'] or 0:.3f}"))
            lines.append(row("   p50 / p99 ms", f"{r['p50_ms'] or 0:.1f}/{r['p99_ms'] or 0:.1f}", f"n={r['requests']}",
                             ",".join(f"{k}:{v}" for k, v in r["statuses"].items())))
            lines.append(row("   first (cold) request ms", f"{r.get('warmup_max_ms') or 0:.1f}", "", ""))
            if r.get("server_cpu_ms_per_request") is not None:
                lines.append(row("   server CPU ms per request", f"{r['server_cpu_ms_per_request']:.1f}", "", ""))
    if results.get("targets"):
        lines.append("")
        lines.append("targets:")
        for t in results["targets"]:
            mark = {True: "met   ", False: "MISSED", None: "n/a   "}[t["met"]]
            lines.append(f"  {mark} {t['target']}: {t['measured']} (wanted {t['wanted']}) {t['note']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run")
    parser.add_argument("--size", default="10k")
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", default=",".join(ALL))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true", help="The database already holds data of this size.")
    parser.add_argument("--intake-batches", type=int, default=3)
    parser.add_argument("--intake-servers", type=int, default=2,
                        help="Also send the batches through this many `rightsdesk serve` processes at once (0: not).")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--search-reps", type=int, default=60)
    parser.add_argument("--api-reps", type=int, default=20)
    parser.add_argument("--report-reps", type=int, default=3)
    parser.add_argument("--http-seconds", type=float, default=10.0)
    parser.add_argument("--http-concurrency", type=int, default=8)
    parser.add_argument("--http-max-requests", type=int, default=20_000)
    parser.add_argument("--profile-dir", default="")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(ALL))
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from . import datagen

    where = _check_throwaway()
    size = datagen.parse_size(args.size)
    profile_dir = args.profile_dir or None
    results: dict = {"meta": {"size": args.size, "cases_requested": size, "database": where,
                              "started_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                              "only": only, "targets": TARGETS}}
    meta_file = Path(os.environ["RIGHTSDESK_BENCH_MARKER"]).with_name("bench-data.json")
    _say("migrating the throwaway database")
    call_command("migrate", verbosity=0, interactive=False)  # also on reuse: the code may have new migrations
    if args.reuse and meta_file.exists():
        generated = json.loads(meta_file.read_text())
        if generated["size"] != size or generated["seed"] != args.seed:
            sys.exit(f"The kept data is of size {generated['size']} / seed {generated['seed']}, not {size} / {args.seed}.")
        _say(f"reusing the generated data ({generated['rows']['cases']:,} cases)")
    else:
        _say(f"generating {size:,} cases")
        gen = datagen.generate(size, args.seed, progress=lambda done, total, secs: _say(
            f"  {done:,}/{total:,} cases in {secs:.0f} s"))
        generated = gen.as_dict()
        meta_file.write_text(json.dumps(generated))
        _say(f"generated {generated['rows']} in {generated['seconds']} s")
    results["meta"]["rows"] = generated["rows"]
    results["meta"]["datagen_seconds"] = generated["seconds"]
    results["meta"]["versions"] = _versions()

    started = time.perf_counter()
    out = Path(args.out)

    def search_run():
        from . import search

        return search.run(reps=args.search_reps, api_reps=args.api_reps, profile_dir=profile_dir)

    def report_run():
        from . import report

        return report.run(reps=args.report_reps, profile_dir=profile_dir)

    def http_run():
        from django.db import connections

        from rightsdesk.reports import rollup

        from . import http_load

        # The state of a production system whose task worker runs (as the report benchmark puts it): the generated
        # rows were written without the worker, so without this every report page would count them from the raw
        # tables.
        rollups = "already current"
        if rollup.dirty_days():
            rollup.rebuild()
            rollup.fold()
            rollups = "rebuilt and folded before the load (report-rollup --rebuild, then the task loop's fold)"
        connections.close_all()  # the server opens its own connections
        out = http_load.run(public_ids=generated["sample_public_ids"], period=datagen.REPORT_PERIOD,
                            seconds=args.http_seconds, concurrency=args.http_concurrency,
                            max_requests=args.http_max_requests)
        out["report_rollups"] = rollups
        return out

    def intake_run():
        from . import intake

        out = intake.run(batches=args.intake_batches, batch_size=args.batch_size, profile_dir=profile_dir)
        if args.intake_servers > 0:
            from django.db import connections

            connections.close_all()  # the servers open their own connections
            out["servers"] = intake.servers(count=args.intake_servers, batches_per_server=args.intake_batches,
                                            batch_size=args.batch_size)
        return out

    failed = []
    for name, fn in [("search", search_run), ("report", report_run), ("http", http_run), ("intake", intake_run)]:
        if name not in only:
            continue
        _say(name)
        try:
            results[name] = fn()
        except Exception as exc:  # keep the other figures; the run still fails at the end
            import traceback

            traceback.print_exc()
            failed.append(name)
            results.setdefault("errors", {})[name] = f"{type(exc).__name__}: {exc}"
        # Written after each benchmark, so a failure late in a long run keeps what was measured.
        out.write_text(json.dumps(results, indent=2, default=str))
    results["meta"]["bench_seconds"] = round(time.perf_counter() - started, 1)
    results["targets"] = evaluate(results)
    out.write_text(json.dumps(results, indent=2, default=str))
    print(table(results))
    _say(f"wrote {args.out}")
    if failed:
        _say(f"FAILED: {', '.join(failed)} (see the errors above and in the JSON)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
