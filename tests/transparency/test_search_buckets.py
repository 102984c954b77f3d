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
    sql, _params, _whole = log_search._pg_probe_sql(f, log_search.plan_for(f), None, None, True, 1, 0)
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

    def spied_probe(*args):
        calls.append(("probe", *args[6:]))  # (buckets, buckets skipped)
        return probe(*args)

    monkeypatch.setattr(log_search, "_pg_probe", spied_probe)
    monkeypatch.setattr(log_search, "_pg_from_index", lambda *a, **k: calls.append("index") or from_index(*a, **k))
    # Statistics: "photographs" (in notices 0, 5, 10, 15 and 20 of the 23) is in 4 % of a log of 125: below the
    # walk's share, and one match expected in each of the 5 buckets of 5 days. A probe reads buckets for 1.5 times
    # the rows it needs.
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"photographs": 0.04}, 0.01))
    monkeypatch.setattr(log_search, "_pg_notices", lambda: 125)
    monkeypatch.setattr(log_search, "PG_BUCKET_DAYS", 5)
    monkeypatch.setattr(log_search, "PG_PROBE_MARGIN", 1.5)
    assert log_search._bucket(log[0].sort_key) + 4 == log_search._bucket(log[22].sort_key)  # days 0-4, ..., 20-22

    def newest(limit):
        return [n.pk for n in search(Filters(q="photographs"), limit=limit, with_count=False).results]

    # A page of 1 (2 rows, to know of a next page): 3 buckets, which hold notices 20, 15 and 10.
    assert newest(1) == [log[20].pk] and calls == [("probe", 3)]
    calls.clear()
    # A page of 2 (3 rows) expects to need 5 buckets, the whole log: the probe is the answer.
    assert newest(2) == [log[20].pk, log[15].pk] and calls == [("probe", 5)]
    calls.clear()
    # A page of 4 would need 8 buckets: over PG_PROBE_BUCKETS, so the index answers at once.
    monkeypatch.setattr(log_search, "PG_PROBE_BUCKETS", 6)
    assert newest(4) == [log[20].pk, log[15].pk, log[10].pk, log[5].pk] and calls == ["index"]
    calls.clear()
    # Statistics that overstate the word: one bucket expected to hold the page holds one match. At that density
    # the other four would take 6 more buckets, over PG_PROBE_BUCKETS: the index answers.
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"photographs": 0.9}, 0.01))
    monkeypatch.setattr(log_search, "PG_WALK_WINDOW", 0)
    assert newest(4) == [log[20].pk, log[15].pk, log[10].pk, log[5].pk] and calls == [("probe", 1), "index"]
    calls.clear()
    # With room for them, the next 6 buckets after the first (4 are left) hold the rest.
    monkeypatch.setattr(log_search, "PG_PROBE_BUCKETS", 8)
    assert newest(4) == [log[20].pk, log[15].pk, log[10].pk, log[5].pk]
    assert calls == [("probe", 1), ("probe", 6, 1)]


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


def test_a_probe_reads_the_buckets_after_those_it_skips_and_says_when_none_lie_beyond(log, monkeypatch):  # noqa: F811
    monkeypatch.setattr(log_search, "PG_BUCKET_DAYS", 1)  # one notice a day: one per bucket, 23 buckets
    f = Filters(q="notice")  # in every notice
    plan = log_search.plan_for(f)
    rows, whole = log_search._pg_probe(f, plan, None, None, 10, True, 3, 2)
    assert [pk for pk, _ in rows] == [log[20].pk, log[19].pk, log[18].pk] and not whole
    rows, whole = log_search._pg_probe(f, plan, None, None, 10, False, 2, 21)  # oldest first: the last two
    assert [pk for pk, _ in rows] == [log[21].pk, log[22].pk] and whole
    assert log_search._pg_probe_count(f, plan, 100, 3, 2) == (3, False)
    assert log_search._pg_probe_count(f, plan, 100, 5, 21) == (2, True)   # buckets 1 and 0: the oldest two
    assert log_search._pg_probe_count(f, plan, 100, 5, 23) == (0, True)   # nothing left
    assert log_search._pg_probe_count(f, plan, 2, 10, 0) == (2, False)    # counted up to its limit
