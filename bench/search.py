"""Public-log search latency: the real search service and API, against the same query in raw SQL.

Each query is run through three paths, on the same data, in this process:

- ``service``: ``log_search.search(log_search.parse_filters(params), after=...)``, the function
  the public pages and the API call (one page of 25 plus the capped count);
- ``api``: ``GET /api/v1/notices?...`` through ``django.test.Client`` (adds
  ninja, the serialisation of 25 notices with their items, middleware);
- ``raw_sql``: the page and the capped count written by hand as SQL, run on
  the DB-API cursor: the floor for this database and these indexes.

Deep pages are keyset cursors (``after``) taken from far into the result
list, so "page 400" costs what the application's own "next" link costs there.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from django.db import connection
from django.test import Client

from .datagen import BROAD_WORD, COMMON_PROJECT, PLANTED, RARE_PROJECT

PAGE = 25


def count_cap() -> int:
    """The service's cap on counts, read at run time so the raw SQL counts exactly as far."""
    from rightsdesk.transparency import log_search

    return int(getattr(log_search, "COUNT_CAP", 10_000))
#: Seconds (median through the service) above which the API is sampled only MIN_SAMPLES times.
SLOW_FOR_API = 1.0


def queries() -> dict[str, dict]:
    """Named queries: selective and broad text, filters, dates, projects, deep pages."""
    rare, medium, broad2 = list(PLANTED)
    return {
        "latest_page": {},
        "selective_text": {"q": rare},
        "medium_text": {"q": medium},
        "broad_text": {"q": BROAD_WORD},
        "broad_and_broad": {"q": f"{BROAD_WORD} {broad2}"},
        "selective_and_broad": {"q": f"{rare} {BROAD_WORD}"},
        "broad_text_filtered": {"q": BROAD_WORD, "country": "DE", "outcome": "granted"},
        "filters_only": {"kind": "trademark_notice", "country": "FR"},
        "date_range_kind": {"kind": "copyright_notice", "date_from": "2026-03-01", "date_to": "2026-03-31"},
        "date_range_text": {"q": medium, "date_from": "2025-07-01", "date_to": "2025-12-31"},
        "project_rare": {"project": RARE_PROJECT},
        "project_common": {"project": COMMON_PROJECT},
        "deep_page_broad_text": {"q": BROAD_WORD, "_deep": 10_000},
        "deep_page_all": {"_deep": 0.5},
        "deep_page_filtered": {"kind": "copyright_notice", "country": "US", "_deep": 5_000},
    }


# --------------------------------------------------------------------------- raw SQL


def _raw_where(params: dict) -> tuple[str, str, list]:
    """(FROM ..., WHERE ..., args) of the hand-written query for these filters."""
    vendor = connection.vendor
    mark = "?" if vendor == "sqlite" else "%s"
    frm = "transparency_publishednotice n"
    where = ["n.is_public"]
    args: list = []
    day = 10**9
    epoch = date(1970, 1, 1)
    for name in ("kind", "country", "outcome"):
        if params.get(name):
            where.append(f"n.{name} = {mark}")
            args.append(params[name])
    if params.get("date_from"):
        where.append(f"n.sort_key >= {mark}")
        args.append((date.fromisoformat(params["date_from"]) - epoch).days * day)
    if params.get("date_to"):
        where.append(f"n.sort_key < {mark}")
        args.append(((date.fromisoformat(params["date_to"]) - epoch).days + 1) * day)
    if params.get("project"):
        where.append(f"EXISTS (SELECT 1 FROM transparency_publisheditem i WHERE i.notice_id = n.id AND i.project = {mark})")
        args.append(params["project"])
    if params.get("q"):
        if vendor == "sqlite":
            from rightsdesk.transparency.log_search import fts5_query

            frm += f" JOIN transparency_notice_fts f ON {_fts_rowid_of('n.sort_key')}"
            where.append(f"transparency_notice_fts MATCH {mark}")
            args.append(fts5_query(params["q"]))
        else:
            # The expression the full-text index is built on (the words and a bucket token), so the index serves it.
            from rightsdesk.transparency.log_search import pg_document

            where.append(f"{pg_document('n')} @@ plainto_tsquery('simple'::regconfig, {mark})")
            args.append(params["q"])
    return frm, " AND ".join(where), args


def _fts_base() -> int | None:
    """The offset of the SQLite index's rowids (rowid = FTS_BASE - sort_key), or None when rowid = sort_key."""
    from rightsdesk.transparency import log_search

    return getattr(log_search, "FTS_BASE", None)


def _fts_rowid_of(sort_key_sql: str) -> str:
    # Written with the notice's column alone on one side, so the join can use its unique index.
    base = _fts_base()
    return f"{sort_key_sql} = f.rowid" if base is None else f"{sort_key_sql} = {base} - f.rowid"


def raw_page(params: dict, after: int | None, *, fts_order: bool = False) -> tuple[list, int]:
    """The page (25 full rows, newest first, keyset) and the count capped as the service caps it, as one would write them.

    ``fts_order`` (SQLite with a text query): order and bound the page by the
    full-text table's rowid instead of ``n.sort_key``. They give the same
    order, but only the rowid lets SQLite stream matches from FTS5 and stop
    after a page, instead of sorting every match (``ORDER BY n.sort_key``
    makes SQLite read all matches into a temporary B-tree).
    """
    mark = "?" if connection.vendor == "sqlite" else "%s"
    frm, where, args = _raw_where(params)
    page_args = list(args)
    base = _fts_base()
    if fts_order and base is not None:  # rowid = FTS_BASE - sort_key: ascending rowid is newest first
        bound, order, value = f"f.rowid > {mark}", "f.rowid ASC", (base - after if after is not None else None)
    elif fts_order:
        bound, order, value = f"f.rowid < {mark}", "f.rowid DESC", after
    else:
        bound, order, value = f"n.sort_key < {mark}", "n.sort_key DESC", after
    if after is not None:
        where_page = f"{where} AND {bound}"
        page_args.append(value)
    else:
        where_page = where
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT n.sort_key, n.* FROM {frm} WHERE {where_page} ORDER BY {order} LIMIT {PAGE + 1}", page_args)
        rows = cursor.fetchall()
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM {frm} WHERE {where} LIMIT {count_cap() + 1}) t", args)
        count = cursor.fetchone()[0]
    finally:
        cursor.close()
    return rows[:PAGE], count


def deep_cursor(params: dict, depth) -> int | None:
    """The sort key at ``depth`` results into the list (a fraction means that share of all matches)."""
    mark = "?" if connection.vendor == "sqlite" else "%s"
    frm, where, args = _raw_where(params)
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        if isinstance(depth, float):
            cursor.execute(f"SELECT count(*) FROM {frm} WHERE {where}", args)
            depth = int(cursor.fetchone()[0] * depth)
        cursor.execute(f"SELECT n.sort_key FROM {frm} WHERE {where} ORDER BY n.sort_key DESC LIMIT 1 OFFSET {mark}",
                       [*args, max(0, int(depth) - 1)])
        row = cursor.fetchone()
    finally:
        cursor.close()
    return row[0] if row else None


# --------------------------------------------------------------------------- timing


def percentiles(samples: list[float]) -> dict:
    """p50 / p95 / p99 in milliseconds (nearest-rank), with the sample count."""
    if not samples:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "mean_ms": None}
    ordered = sorted(samples)

    def rank(p):
        return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))] * 1000

    return {"n": len(ordered), "p50_ms": round(rank(50), 3), "p95_ms": round(rank(95), 3),
            "p99_ms": round(rank(99), 3), "mean_ms": round(statistics.fmean(ordered) * 1000, 3)}


#: Fewest samples taken of a query even when it exceeds its time budget.
MIN_SAMPLES = 3


def _timed(fn, reps: int, budget: float) -> tuple[list[float], float]:
    """Wall-clock samples and the mean CPU seconds of this process per call.

    At most ``reps`` samples, and no more than fit in ``budget`` seconds
    (but at least MIN_SAMPLES), so a query that takes seconds at 1M does not
    hold the run for an hour; the sample count is in the results.
    """
    fn()  # warm: the first run pays for cold pages of the database file, once
    samples = []
    deadline = time.perf_counter() + budget
    cpu_started = time.process_time()
    for _ in range(reps):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
        if time.perf_counter() > deadline and len(samples) >= MIN_SAMPLES:
            break
    return samples, (time.process_time() - cpu_started) / len(samples)


def _stats(timed) -> dict:
    samples, cpu = timed
    return {**percentiles(samples), "cpu_mean_ms": round(cpu * 1000, 3)}


def _api_headers() -> dict:
    """A researcher token with the highest rate limit, so the API's per-minute limit for anyone (60) does not
    answer the benchmark's requests with 429; the token costs one indexed look-up per request, as for researchers."""
    try:
        from rightsdesk.opendata import tokens
    except ImportError:  # an older tree without researcher tokens had no API rate limit
        return {}
    _token, raw = tokens.issue(organisation="rightsdesk bench", contact="bench (throwaway database)",
                               per_minute=100_000, days=1, actor="bench")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


#: How the process that measures the API is prepared, said in the results.
PROCESS = "warmed up and its heap frozen first, as rightsdesk serve does (core.warmup)"


def run(*, reps: int = 60, api_reps: int = 20, budget: float = 8.0, profile_dir=None) -> dict:
    from rightsdesk.core.warmup import prepare_process
    from rightsdesk.transparency import log_search

    # Prepared as `rightsdesk serve` prepares its own process. Without the frozen heap, a full collection walking the
    # whole application (60-80 ms at 1M) fell in one of a query's 20 API samples, its p95, in 3 of 4 runs made with
    # --only search (in a full run, intake, run first, had frozen the heap).
    prepare_process()
    client = Client(**_api_headers())
    out: dict[str, dict] = {}
    for name, spec in queries().items():
        params = {k: v for k, v in spec.items() if not k.startswith("_")}
        after = deep_cursor(params, spec["_deep"]) if "_deep" in spec else None
        cursor = str(after) if after is not None else None

        def service():
            return log_search.search(log_search.parse_filters(params), after=cursor)

        def raw():
            return raw_page(params, after)

        query = dict(params, **({"after": cursor} if cursor else {}))

        def api():
            response = client.get("/api/v1/notices", query)
            if response.status_code != 200:
                raise RuntimeError(f"/api/v1/notices {query} answered {response.status_code}: {response.content[:300]!r}")
            return response

        page = service()
        raw_rows, raw_count = raw()
        if [n.sort_key for n in page.results] != [r[0] for r in raw_rows] or \
                min(page.count, count_cap()) != min(raw_count, count_cap()):
            raise RuntimeError(f"search {name}: the service and the raw SQL disagree "
                               f"({page.count} vs {raw_count} matches)")
        service_s = _timed(service, reps, budget)
        raw_s = _timed(raw, reps, budget)
        entry = {
            "params": query, "matches": page.count, "count_exact": page.count_exact, "results": len(page.results),
            "service": _stats(service_s), "raw_sql": _stats(raw_s),
        }
        if statistics.median(service_s[0]) > SLOW_FOR_API:
            # The API adds the same serialisation to every query (measured on the fast ones); a query
            # already this slow in the service is only sampled a few times more through the API.
            entry["api"] = _stats(_timed(api, MIN_SAMPLES, 0))
        else:
            entry["api"] = _stats(_timed(api, api_reps, budget))
        if params.get("q") and connection.vendor == "sqlite":
            best_rows, _count = raw_page(params, after, fts_order=True)
            if [r[0] for r in best_rows] != [r[0] for r in raw_rows]:
                raise RuntimeError(f"search {name}: ordering by the FTS rowid gave other results")
            entry["raw_sql_fts_order"] = _stats(_timed(lambda: raw_page(params, after, fts_order=True), reps, budget))
        base = entry["raw_sql"]["p95_ms"]
        entry["service_to_raw_p95"] = round(entry["service"]["p95_ms"] / base, 2) if base else None
        out[name] = entry
        if profile_dir and name == "broad_text":
            _profile(service, profile_dir, "search_broad_text")
    worst = max(out.items(), key=lambda kv: kv[1]["service"]["p95_ms"] or 0)
    worst_api = max(out.items(), key=lambda kv: kv[1]["api"]["p95_ms"] or 0)
    return {"page_size": PAGE, "queries": out, "process": PROCESS,
            "worst_service_p95_ms": worst[1]["service"]["p95_ms"], "worst_service_query": worst[0],
            "worst_api_p95_ms": worst_api[1]["api"]["p95_ms"], "worst_api_query": worst_api[0]}


def _profile(fn, profile_dir, name):
    from .intake import _profiler, _write_profile

    profiler = _profiler(profile_dir)
    if profiler is None:
        return
    profiler.start()
    for _ in range(20):
        fn()
    profiler.stop()
    _write_profile(profiler, profile_dir, name)
