"""PostgreSQL: the full-text index files each notice under its bucket of days, and the searches use it.

A word in about 1 % of a large log is too rare for the walk of the newest notices to find a page, and too common to
read and sort every match (19–24 ms at 1M). The index therefore holds, beside each notice's words, a token naming
its bucket (``log_search.pg_document``), and a search asks for its words AND the newest buckets (a *probe*). That
only helps if the index is really built on the expression the searches write, and it must never let a search match
a bucket's token. Whether the probes give the same pages as every other strategy is
test_log_search_strategies.py's business.
"""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from rightsdesk.transparency import log_search
from rightsdesk.transparency.log_search import Filters, search

from .test_log_search import log  # noqa: F401  (the shared 23-notice log fixture)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the buckets are PostgreSQL's; SQLite uses FTS5"),
]


def plan_of(sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # 23 notices: the planner would read the table instead
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_index_is_built_on_the_expression_the_searches_write(log):  # noqa: F811
    migration = importlib.import_module("rightsdesk.transparency.migrations.0013_search_index_buckets")
    assert migration.DOCUMENT == log_search.pg_document("x").replace("x.", "")
    # No other index serves the condition: with the table scan priced out, the plan shows whether the GIN index
    # can answer it (it cannot when the expression differs from the index's in any way).
    for tsquery, params in [("plainto_tsquery('simple', %s)", ["zebrafinch"]),
                            ("(plainto_tsquery('simple', %s) && %s::tsquery)", ["zebrafinch", "'#b1' | '#b2'"])]:
        plan = plan_of(f"SELECT id FROM transparency_publishednotice WHERE {log_search.pg_document()} @@ {tsquery}",
                       params)
        assert "notice_search_gin" in plan, plan
    # And the searches write their conditions with it.
    f = Filters(q="zebrafinch")
    assert log_search.pg_document() in str(log_search.filtered(f).query)
    sql, _params = log_search._pg_probe_sql(f, log_search.plan_for(f), None, None, [1])
    assert log_search.pg_document() in sql


@pytest.mark.parametrize("q", ["#b2560", "b2560", "'#b2560'", "#b"])
def test_no_search_matches_a_buckets_token(log, q):  # noqa: F811
    bucket = log_search._bucket(log[0].sort_key)
    q = q.replace("2560", str(bucket))
    assert search(Filters(q=q)).results == []


def test_a_word_neither_rare_nor_common_is_probed_in_the_newest_buckets_and_read_from_the_index_when_they_fall_short(
        log, monkeypatch):  # noqa: F811
    calls = []
    probe, from_index = log_search._pg_probe, log_search._pg_from_index
    monkeypatch.setattr(log_search, "_pg_probe", lambda *a, **k: calls.append(("probe", a[-1])) or probe(*a, **k))
    monkeypatch.setattr(log_search, "_pg_from_index", lambda *a, **k: calls.append("index") or from_index(*a, **k))
    # Statistics: "photographs" (in notices 0, 5, 10, 15 and 20 of the 23) is in 4 % of a log of 125: below the
    # walk's share, and one match expected in each of the 5 buckets of 5 days.
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"photographs": 0.04}, 0.01))
    monkeypatch.setattr(log_search, "_pg_notices", lambda: 125)
    monkeypatch.setattr(log_search, "PG_BUCKET_DAYS", 5)
    assert log_search._bucket(log[0].sort_key) + 4 == log_search._bucket(log[22].sort_key)  # days 0-4, ..., 20-22

    # A page of 1 (2 rows, to know of a next page) expects them in 4 buckets, which hold notices 20, 15, 10, 5.
    page = search(Filters(q="photographs"), limit=1, with_count=False)
    assert calls == [("probe", 4)] and [n.pk for n in page.results] == [log[20].pk] and page.has_next
    calls.clear()
    # A page of 2 (3 rows) expects to need 6 buckets; the log has 5, so the probe reads them all and is the answer.
    page = search(Filters(q="photographs"), limit=2, with_count=False)
    assert calls == [("probe", 6)] and [n.pk for n in page.results] == [log[20].pk, log[15].pk]
    calls.clear()
    # A page of 4 would need 10 buckets: over PG_PROBE_BUCKETS, so the index answers at once.
    monkeypatch.setattr(log_search, "PG_PROBE_BUCKETS", 8)
    assert len(search(Filters(q="photographs"), limit=4, with_count=False).results) == 4
    assert calls == ["index"]
    calls.clear()
    # Statistics that overstate the word: one bucket expected to hold the page, it holds one match, and the index
    # answers after it.
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"photographs": 0.9}, 0.01))
    monkeypatch.setattr(log_search, "PG_WALK_WINDOW", 0)
    assert [n.pk for n in search(Filters(q="photographs"), limit=4, with_count=False).results] == [
        log[20].pk, log[15].pk, log[10].pk, log[5].pk]
    assert calls == [("probe", 1), "index"]


def test_before_the_first_analyze_the_walk_is_planned_along_the_log_and_the_logs_size_comes_from_the_planner(
        log, monkeypatch):  # noqa: F811
    """Right after a bulk load the table has no statistics: the walk's query would be planned as a bitmap scan and
    a sort of every candidate (120-290 ms at 1M), and the probes would not know the log's size."""
    def bitmap_scans(cursor):
        cursor.execute("SHOW enable_bitmapscan")
        return cursor.fetchone()[0]

    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: None)  # no statistics
    with log_search._walking_in_order() as cursor:
        assert bitmap_scans(cursor) == "off"
    with connection.cursor() as cursor:
        assert bitmap_scans(cursor) == "on"  # for the walk's own query only
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"notice": 1.0}, 0.01))
    with log_search._walking_in_order() as cursor:
        assert bitmap_scans(cursor) == "on"  # with statistics the planner chooses well by itself
    monkeypatch.undo()

    with connection.cursor() as cursor:
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE oid = 'transparency_publishednotice'::regclass")
    monkeypatch.setitem(log_search._pg_stats, "at", None)
    assert log_search._pg_notices() and log_search._pg_notices() > 0
