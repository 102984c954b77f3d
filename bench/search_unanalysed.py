"""Public-log search on PostgreSQL as right after a bulk load, before autovacuum's first ANALYZE of the log.

``rightsdesk bench`` runs ANALYZE after loading its data, as autovacuum does within a minute or so of a bulk
load. Until then the notice table has no statistics: the planner guesses row counts and ``log_search`` has no
share of the words. This script stands for that minute on a benchmark database: it deletes the table's
statistics (and with ``--never-vacuumed`` also its row estimate in pg_class, as in a new database loaded in
bulk), times the benchmark's queries through ``log_search.search`` as ``rightsdesk bench`` times the service
(up to 60 runs each, the same percentiles), and ANALYZEs the table again at the end.

    PYTHONPATH=. DJANGO_SETTINGS_MODULE=rightsdesk.settings \\
        python -m bench.search_unanalysed postgres://postgres@127.0.0.1:55499/rightsdesk_bench_... OUT.json

Only a database whose name starts with ``rightsdesk_bench_`` is touched.
"""

from __future__ import annotations

import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) < 2 or not argv[0].rsplit("/", 1)[-1].startswith("rightsdesk_bench_"):
        print(__doc__)
        return 2
    url, out_path, never_vacuumed = argv[0], argv[1], "--never-vacuumed" in argv
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightsdesk.settings")
    import django

    django.setup()
    from django.db import connection

    from rightsdesk.transparency import log_search

    from .search import _stats, _timed, deep_cursor, queries

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM pg_statistic WHERE starelid = 'transparency_publishednotice'::regclass")
        if never_vacuumed:
            cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE oid = 'transparency_publishednotice'::regclass")
    log_search._pg_stats.update(at=None)
    assert log_search._pg_word_shares() is None
    out: dict = {"database": url.rsplit("/", 1)[-1], "never_vacuumed": never_vacuumed,
                 "at": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "load_average": os.getloadavg(),
                 "queries": {}}
    try:
        for name, spec in queries().items():
            params = {k: v for k, v in spec.items() if not k.startswith("_")}
            after = deep_cursor(params, spec["_deep"]) if "_deep" in spec else None
            filters = log_search.parse_filters(params)
            cursor_value = str(after) if after is not None else None
            # As the benchmark times the service: its sampling and its percentiles (bench/search.py).
            stats = _stats(_timed(lambda: log_search.search(filters, after=cursor_value), 60, 8.0))
            out["queries"][name] = {"params": params, **stats}
            print(f"{name:24s} p50 {stats['p50_ms']:6.1f}  p95 {stats['p95_ms']:6.1f} ms", flush=True)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE transparency_publishednotice")
    out["worst_p95_ms"] = max(q["p95_ms"] for q in out["queries"].values())
    with open(out_path, "w") as handle:
        json.dump(out, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
