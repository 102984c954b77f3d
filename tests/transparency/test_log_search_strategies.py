"""Every way the log's search can run gives the same pages, cursors and counts.

The search picks a strategy per query for speed (SQLite: FTS5 in log order, or the few notices of a rare
project checked against FTS5; PostgreSQL: a bounded walk of the log in order, a probe of the newest buckets of
the GIN index, or every match taken from the GIN index and ordered afterwards, and likewise for the capped
count). The strategy must never change the
answer. Each case below is run under every strategy, walking every page forward and back, and compared with
the plain definition: the filtered notices, newest decision first.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection

from rightsdesk.cases import choices as c
from rightsdesk.transparency import log_search
from rightsdesk.transparency.log_search import Filters, search

from .test_log_search import log  # noqa: F401  (the shared 23-notice log fixture)

pytestmark = pytest.mark.django_db

CASES = [
    Filters(),
    Filters(q="zebrafinch"),                      # rare: 2 notices
    Filters(q="photographs"),                     # 1 in 5
    Filters(q="notice"),                          # every notice
    Filters(q="notice number"),                   # two common words
    Filters(q="zebrafinch notice"),               # rare AND common
    Filters(q="nowhere-to-be-found"),             # nothing
    Filters(q="-- !"),                            # no word at all
    Filters(q="notice", kind=c.Kind.COPYRIGHT_NOTICE),
    Filters(q="notice", country="DE", outcome=c.Outcome.GRANTED),
    Filters(q="notice", project="commons.wikimedia.org"),
    Filters(q="photographs", date_from=date(2025, 7, 4), date_to=date(2025, 7, 20)),
    Filters(kind=c.Kind.TRADEMARK_NOTICE, country="BR"),
    Filters(project="en.wikipedia.org", outcome=c.Outcome.REJECTED),
]

#: name -> settings of log_search that force one strategy (the rest stay as shipped).
STRATEGIES = {
    "as shipped": {},
    "count cap below the matches": {"COUNT_CAP": 4},
    "every project rare": {"RARE_PROJECT": 10**9},
    "every project common": {"RARE_PROJECT": 1},
}
if connection.vendor == "postgresql":
    NO_STATS = {"_pg_word_shares": lambda: None}  # as right after a bulk load, before ANALYZE
    #: statistics that call "notice" and "number" common and every other word rare
    SOME_STATS = {"_pg_word_shares": lambda: ({"notice": 1.0, "number": 1.0, "about": 1.0}, 0.01)}
    STRATEGIES.update({
        "walk only (PostgreSQL)": {"PG_WALK_WINDOW": 10**9, "PG_COUNT_WALK": 10**9, **NO_STATS},
        "index only (PostgreSQL)": {"PG_WALK_WINDOW": 0, "PG_COUNT_WALK": 0},
        "walk window too small, index after (PostgreSQL)": {"PG_WALK_WINDOW": 3, "PG_COUNT_WALK": 5, **NO_STATS},
        "index only, capped (PostgreSQL)": {"PG_WALK_WINDOW": 0, "PG_COUNT_WALK": 0, "COUNT_CAP": 4},
        "walk only, capped (PostgreSQL)": {"PG_WALK_WINDOW": 10**9, "PG_COUNT_WALK": 10**9, "COUNT_CAP": 4,
                                           **NO_STATS},
        "statistics choose (PostgreSQL)": {"PG_WALK_WINDOW": 10**9, "PG_COUNT_WALK": 10**9, **SOME_STATS},
        "statistics choose, capped (PostgreSQL)": {"PG_WALK_WINDOW": 3, "PG_COUNT_WALK": 10**9, "COUNT_CAP": 4,
                                                   **SOME_STATS},
        # The probes of the newest buckets. Buckets of two days over the 23 days of the log; statistics that give
        # every word a share of 1/4, so a probe expects ~1 match per bucket: a page of 1 or 4 is probed (enough,
        # not enough, or the whole range), a page of 25 goes to the index. A margin below 1 makes first probes
        # fall short, and second ones read on.
        "bucket probes from the statistics (PostgreSQL)": {
            "PG_BUCKET_DAYS": 2, "PG_WALK_WINDOW": 0, "PG_COUNT_WALK": 0, "_pg_word_shares": lambda: ({}, 0.5),
            "_pg_notices": lambda: 23},
        "bucket probes from the statistics, capped (PostgreSQL)": {
            "PG_BUCKET_DAYS": 2, "PG_WALK_WINDOW": 0, "PG_COUNT_WALK": 0, "COUNT_CAP": 4,
            "_pg_word_shares": lambda: ({}, 0.5), "_pg_notices": lambda: 23},
        # A walk of 3 that does not hold the page: the probe's size comes from what the walk found.
        "bucket probes from the walk, capped (PostgreSQL)": {
            "PG_BUCKET_DAYS": 1, "PG_WALK_WINDOW": 3, "PG_COUNT_WALK": 6, "COUNT_CAP": 4, **NO_STATS},
        "probes and second probes (PostgreSQL)": {
            "PG_BUCKET_DAYS": 1, "PG_PROBE_MARGIN": 0.3, "PG_WALK_WINDOW": 3, "PG_COUNT_WALK": 6, "COUNT_CAP": 4,
            **NO_STATS},
        "single-bucket probes (PostgreSQL)": {
            "PG_BUCKET_DAYS": 1, "PG_PROBE_BUCKETS": 1, "PG_WALK_WINDOW": 3, "PG_COUNT_WALK": 6, "COUNT_CAP": 4,
            **NO_STATS},
    })


def expected_for(filters: Filters) -> list[int]:
    """The definition, without any strategy: every match, newest decision first."""
    qs = log_search.filtered(filters)
    return [pk for pk, _ in sorted(qs.values_list("pk", "sort_key"), key=lambda row: -row[1])]


def pages_forward(filters: Filters, limit: int) -> list[log_search.Page]:
    pages = [search(filters, limit=limit)]
    while pages[-1].next_cursor:
        assert len(pages) < 50, "the cursors do not end"
        pages.append(search(filters, after=pages[-1].next_cursor, limit=limit))
    return pages


@pytest.mark.parametrize("strategy", list(STRATEGIES))
def test_every_strategy_gives_the_same_pages_cursors_and_counts(log, monkeypatch, strategy):  # noqa: F811
    for name, value in STRATEGIES[strategy].items():
        monkeypatch.setattr(log_search, name, value)
    cap = log_search.COUNT_CAP
    for filters in CASES:
        expected = expected_for(filters)
        for limit in (1, 4, 25):
            forward = pages_forward(filters, limit)
            seen = [n.pk for page in forward for n in page.results]
            assert seen == expected, (strategy, filters, limit)
            first = forward[0]
            assert (first.count, first.count_exact) == (min(len(expected), cap), len(expected) <= cap), (
                strategy, filters)
            assert not first.has_previous
            # Back from the last page with the previous cursors: the same pages, in reverse.
            page = forward[-1]
            for earlier in reversed(forward[:-1]):
                assert page.previous_cursor, (strategy, filters, limit)
                page = search(filters, before=page.previous_cursor, limit=limit)
                assert [n.pk for n in page.results] == [n.pk for n in earlier.results], (strategy, filters, limit)
            assert page.previous_cursor is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bounded walk and the GIN path exist on PostgreSQL")
def test_postgresql_takes_a_rare_words_matches_from_the_index_and_a_common_words_from_the_walk(log, monkeypatch):  # noqa: F811
    calls = []
    walk, from_index = log_search._pg_walk, log_search._pg_from_index
    monkeypatch.setattr(log_search, "_pg_walk", lambda *a, **k: calls.append("walk") or walk(*a, **k))
    monkeypatch.setattr(log_search, "_pg_from_index", lambda *a, **k: calls.append("index") or from_index(*a, **k))
    monkeypatch.setattr(log_search, "PG_WALK_WINDOW", 8)
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: None)  # no statistics: the walk's window decides
    common = search(Filters(q="notice"), limit=5)
    assert calls == ["walk"] and len(common.results) == 5 and common.count == 23
    calls.clear()
    rare = search(Filters(q="zebrafinch"), limit=5)
    # The window of 8 newest notices holds neither match: the index answers, and its count serves the page.
    assert calls == ["walk", "index"] and rare.count == 2 and len(rare.results) == 2
    calls.clear()
    # With statistics that call the word rare, the index answers without the walk.
    monkeypatch.setattr(log_search, "_pg_word_shares", lambda: ({"notice": 1.0}, 0.001))
    assert search(Filters(q="zebrafinch"), limit=5).count == 2 and calls == ["index"]
