"""Searching the public notice log: full text, filters and keyset pagination.

Built to stay fast with millions of notices:

- The log is ordered by ``sort_key`` (decision day × 10⁹ + id, newest
  first). Every filter has an index ending in ``sort_key``, and the date
  filter is a ``sort_key`` range, so a page is one index range scan.
- Full text uses the database's engine: SQLite FTS5 (the virtual table's
  rowid *is* the sort key, so matches stream in log order) and PostgreSQL's
  tsvector with a GIN index.
- Pagination is by keyset (``after`` / ``before`` a sort key), never OFFSET,
  so page 10 000 costs what page 1 costs and a notice published while
  someone pages does not shift or repeat results.
- Counts stop at :data:`COUNT_CAP` (1 000); above it the answer is "more
  than 1 000" (``count_exact`` false). An exact count of a broad search would
  read every match, which is what made Lumen's broad searches time out.
- On PostgreSQL a text search chooses, per search, between two ways to the
  same answer (:func:`_pg_matches`): walk the newest notices in log order and
  check each one's tsvector (fast when the words are common: a page is found
  within a few dozen notices), or take every match from the GIN index and
  order them afterwards (fast when the words are rare: the walk would read
  most of the log). The walk is tried first over a bounded window
  (:data:`PG_WALK_WINDOW`), so the choice costs at most that window and needs
  no statistics, which a bulk load leaves stale. Both give the same rows.
- Between the two, the *buckets*: PostgreSQL's full-text index also files each
  notice under its bucket, the :data:`PG_BUCKET_DAYS` days of decisions its
  sort key falls in. A search's words AND-ed with the newest few buckets
  give the newest matches from the index alone, reading only those notices
  (:func:`_pg_probe`). That is what a word in between needs: too rare for
  the walk to find a page nearby, too common to read and sort every match.
"""

from __future__ import annotations

import json
import math
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date

from django.db import connection, connections, router, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.core import dates, lists
from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.country_codes import is_country_code
from rightsdesk.core.errors import DomainError, Refusals, refuse_if_too_long

from . import search_text
from .models import PublicRecordItem, PublicRecord

FTS_TABLE = "transparency_notice_fts"
COUNT_CAP = 1_000
#: The longest words (``q``) and project a search takes, in characters: the API's schema says so (max_length, 422),
#: and the page refuses a longer one (parse_filters, 400) instead of searching for the first 500 of what was typed.
MAX_QUERY_LENGTH = 500
MAX_PROJECT_LENGTH = 200
PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
#: A project with fewer published items than this is filtered through its own index.
RARE_PROJECT = 5_000
_DAY = 10**9
_EPOCH = date(1970, 1, 1)
#: The largest page cursor (a sort key) there can be: the sort key is a 64-bit integer column, and SQLite cannot
#: bind a larger number at all (a larger cursor in a text search's FTS5 range made the log page answer 500).
MAX_CURSOR = 2**63 - 1
#: The SQLite index's rowid is FTS_BASE - sort_key, so that FTS5's natural ascending
#: order is the log's newest-first order: FTS5 streams ascending rowids lazily, while
#: descending order makes it load a word's whole posting list first.
FTS_BASE = 10**15
#: PostgreSQL: a text search first checks at most this many of the newest candidate notices (those matching the
#: other filters and the page's bounds) one by one in log order; if they do not hold a page of matches, the matches
#: come from the GIN index and are ordered afterwards. See _pg_matches.
PG_WALK_WINDOW = 400
#: PostgreSQL: a capped count of a text search walks at most this many candidates in log order before it counts
#: from the GIN index instead (the walk wins for common words, the index for the others).
PG_COUNT_WALK = 4_000
#: PostgreSQL: words whose estimated share of the log (from the planner's statistics of the tsvector column,
#: pg_stats.most_common_elems) is below this go straight to the GIN index, without the walk: checking a
#: notice's tsvector in the walk costs ~15 µs (it is TOASTed), taking a match from the index a few.
PG_WALK_SHARE = 0.05
#: Seconds the statistics are kept in the process before they are read again.
PG_STATS_TTL = 300.0
#: PostgreSQL: when the statistics call the words common but not common enough for PG_WALK_WINDOW to hold a page,
#: the walk's window grows to hold twice a page by that estimate, up to this many candidates (~3 µs each).
PG_WALK_MAX = 2_000
#: PostgreSQL: the days of decisions in one bucket of the full-text index. The index holds, with each notice's
#: words, the token "#b<sort_key // bucket>"; "#" never survives the search's parser in a word, so no search
#: matches a bucket token by itself. The index is built on pg_document(), so changing this rebuilds it (a
#: migration, as transparency 0013 did). Eight days hold ~10,000 notices at 1M over 18 months.
PG_BUCKET_DAYS = 8
#: PostgreSQL: a probe reads at most this many buckets (32 buckets: ~5 ms of index at 1M); a search expected to
#: need more takes the index path.
PG_PROBE_BUCKETS = 32
#: PostgreSQL: a probe reads buckets for this many times the matches it needs, by the estimate it has. When it
#: falls short, a second probe reads the next buckets by the density the first one found.
PG_PROBE_MARGIN = 1.5
_pg_stats: dict = {"at": None, "shares": None, "notices": None}
_PG_TSQUERY = "plainto_tsquery('simple'::regconfig, %s)"


def sort_key_for(decided_on: date, notice_id: int) -> int:
    return (decided_on - _EPOCH).days * _DAY + notice_id


def pg_document(table: str = "transparency_publishednotice") -> str:
    """PostgreSQL: the SQL of what the full-text index holds for a notice: its words and its bucket's token.

    The index (notice_search_gin) is built on exactly this expression, so a condition written with it is answered
    from the index."""
    return f"({table}.search_vector || ('#b' || ({table}.sort_key / {PG_BUCKET_DAYS * _DAY})::text)::tsvector)"


def _bucket(sort_key: int) -> int:
    return sort_key // (PG_BUCKET_DAYS * _DAY)


# --------------------------------------------------------------------------- index upkeep


def index_notice(notice: PublicRecord) -> None:
    """Put the notice in the full-text index, or take it out when it is not public."""
    if connection.vendor != "sqlite":
        return  # PostgreSQL keeps its generated tsvector column in sync itself
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [FTS_BASE - notice.sort_key])
        if notice.is_public:
            cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)",
                           [FTS_BASE - notice.sort_key, notice.search_text])


def unindex(sort_key: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [FTS_BASE - sort_key])


def rebuild_index() -> int:
    """Rebuild the SQLite index from the notices (after a restore, for example). Returns the count indexed."""
    if connection.vendor != "sqlite":
        return PublicRecord.objects.filter(is_public=True).count()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(f"INSERT INTO {FTS_TABLE}(rowid, text) SELECT {FTS_BASE} - sort_key, search_text "
                       f"FROM transparency_publishednotice WHERE is_public")
        cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")
        return cursor.fetchone()[0]


# --------------------------------------------------------------------------- filters


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    country: str = ""
    outcome: str = ""
    project: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self):
        for name in ("q", "kind", "country", "outcome", "project"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, _printable(value))

    @property
    def words(self) -> str:
        """The words searched for as the index holds them (search_text.for_query: كتاب finds كِتَاب); ``q`` stays as
        typed, for the search form and the page links."""
        return search_text.for_query(self.q)

    def as_params(self) -> dict:
        out = {k: v for k, v in self.__dict__.items() if v}
        for k in ("date_from", "date_to"):
            if out.get(k):
                out[k] = out[k].isoformat()
        return out


#: The query parameters of the filters (parse_filters; the log page's search form has a field for each).
FILTER_PARAMS = ("q", "kind", "country", "outcome", "project", "date_from", "date_to")


def kind_choices() -> list[tuple[str, str]]:
    """The kinds the log lists one by one (cases.policy.PUBLISHABLE_KINDS), each with its label in the reader's
    language: the choices of the page's kind filter, and the choices a refused kind is answered with."""
    return [(k, c.Kind(k).label) for k in sorted(policy.PUBLISHABLE_KINDS)]


def outcome_choices() -> list[tuple[str, str]]:
    """The outcomes of a decided case (cases.choices.Outcome, "pending" aside) with their labels: the page's outcome
    filter, and the choices a refused outcome is answered with."""
    return [(o, label) for o, label in c.Outcome.choices if o]


def _one_of(choices: list[tuple[str, str]]) -> str:
    """The choices of a filter as the page offers them: their labels, joined by the reader's "or" (core.lists), not
    the API's values ("content_takedown, ..." on an Arabic page). The API never reads this: its schema refuses an
    unknown kind or outcome first (422, with the values a program sends)."""
    return lists.or_list(label for _value, label in choices)


def _printable(value: str) -> str:
    """NUL and other control characters cannot be searched for, and PostgreSQL refuses them in text: spaces."""
    if any(ord(ch) < 32 for ch in value):
        value = "".join(ch if ord(ch) >= 32 else " " for ch in value).strip()
    return value


def _param(params, name: str) -> str:
    """One query parameter as text, without surrounding spaces ("" when absent)."""
    return str(params.get(name) or "").strip()


def as_typed(params) -> dict[str, str]:
    """The filters as typed, for a refused search shown again (control characters as spaces), whole: words refused
    as too long come back to be shortened, not cut."""
    return {name: _printable(_param(params, name)) for name in FILTER_PARAMS}


class FiltersRefused(Refusals):
    """What is wrong with a search, every problem at once (``core.errors.Refusals``), in the order of the form; the
    API answers the joined message."""


def parse_filters(params) -> Filters:
    """Read filters from query parameters; bad values raise FiltersRefused naming each field to correct."""
    def get(name: str) -> str:
        return _param(params, name)

    problems: list[DomainError] = []

    def refuse(message: str, field: str) -> None:
        problems.append(DomainError(message, code="invalid", field=field))

    for name, longest in (("q", MAX_QUERY_LENGTH), ("project", MAX_PROJECT_LENGTH)):
        try:
            refuse_if_too_long(get(name), longest, name)
        except DomainError as too_long:
            problems.append(too_long)
    f = Filters(q=get("q"), kind=get("kind"), country=get("country").upper(), outcome=get("outcome"),
                project=get("project").lower())
    if f.q and not has_words(f.words) and "q" not in {p.field for p in problems}:
        refuse(_("Type at least one word or number to search for: punctuation and symbols alone are not searched."),
               "q")
    if f.kind and f.kind not in c.Kind.values:
        refuse(_("Unknown kind '%(value)s'. Use one of: %(choices)s.")
               % {"value": isolated_text(f.kind), "choices": _one_of(kind_choices())}, "kind")
    if f.country and not is_country_code(f.country):  # the one country rule: "XX" is no country, "XK" is Kosovo
        refuse(_("A country is a two-letter ISO 3166 code, such as DE or BR."), "country")
    if f.outcome and f.outcome not in [o for o in c.Outcome.values if o]:
        refuse(_("Unknown outcome '%(value)s'. Use one of: %(choices)s.")
               % {"value": isolated_text(f.outcome), "choices": _one_of(outcome_choices())}, "outcome")
    for name in ("date_from", "date_to"):
        raw = get(name)
        if raw:
            value = dates.iso_day(raw)  # the one rule of the log's days, the API's too
            if value is None:
                # Said with what was typed (the page's field gives it back too, to be corrected).
                refuse(_("'%(value)s' is not a date: write it as %(pattern)s, for example 2025-07-01.")
                       % {"value": isolated_text(_printable(raw[:40])), "pattern": dates.date_pattern()}, name)
            else:
                setattr(f, name, value)
    if f.date_from and f.date_to and f.date_from > f.date_to:
        refuse(_("The start date is after the end date."), "date_from")
    if problems:
        raise FiltersRefused(problems)
    return f


def has_words(text: str) -> bool:
    """Whether the text holds a letter or a digit, the only things either full-text engine indexes.

    Text without one is no search: SQLite's FTS5 query would be empty, and the search dropped (every notice shown
    as its answer), while PostgreSQL's tsquery would be empty and match nothing. Refused instead, on both."""
    return any(ch.isalnum() for ch in text)


def fts5_query(text: str) -> str:
    """The user's words as an FTS5 query: every word must match (quoted, so no FTS syntax gets through), all of them,
    as PostgreSQL's plainto_tsquery takes them all (the words' length is bounded by the search's, MAX_QUERY_LENGTH)."""
    words = search_text.words(text)  # as the table reads them: हिन्दी is one word, not the letters between its marks
    return " ".join('"' + w.replace('"', "") + '"' for w in words)


@dataclass
class _Plan:
    """How one search is run: decided once per search, used by all its queries."""

    filters: Filters
    rare_project: bool = False
    #: "join": SQLite FTS5 drives the query in log order; "in": the (few) filtered notices are
    #: checked against the FTS5 matches; "pg": tsvector; "like": other databases; "": no text.
    text: str = ""
    #: PostgreSQL: (lowest, highest) sort key of the public log, read once per search when a probe needs it.
    key_range: tuple | None = None
    #: PostgreSQL: what the walk for the first page saw, which tells the count what to expect.
    walked: "_Walk | None" = None

    @property
    def fts_join(self) -> bool:
        return self.text == "join"


def plan_for(filters: Filters) -> _Plan:
    plan = _Plan(filters)
    if filters.project:
        items = PublicRecordItem.objects.filter(project=filters.project).order_by()  # no ORDER BY: stay on the index
        plan.rare_project = items[:RARE_PROJECT].count() < RARE_PROJECT
    if filters.q:
        if connection.vendor == "sqlite":
            if fts5_query(filters.words):
                plan.text = "in" if plan.rare_project else "join"
        elif connection.vendor == "postgresql":
            plan.text = "pg"
        else:
            plan.text = "like"
    return plan


def _bounds(filters: Filters, lower: int | None, upper: int | None) -> tuple[int | None, int | None]:
    """One sort-key range from the dates and a cursor: lower included, upper excluded.

    A single range matters: given two lower bounds on one column, SQLite may seek
    to the weaker one and scan from there.
    """
    if filters.date_from:
        low = (filters.date_from - _EPOCH).days * _DAY
        lower = low if lower is None else max(lower, low)
    if filters.date_to:
        high = ((filters.date_to - _EPOCH).days + 1) * _DAY
        upper = high if upper is None else min(upper, high)
    return lower, upper


def filtered(filters: Filters, lower: int | None = None, upper: int | None = None, plan: _Plan | None = None,
             *, text_index_drives: bool = False):
    """Public notices matching the filters with lower <= sort_key < upper.

    ``text_index_drives`` (PostgreSQL's searches that take their matches from the full-text index): "public" is
    written so that no other index serves it. Before the table's first ANALYZE (after a bulk load, until
    autovacuum runs) the planner guesses that half the log is public and ANDs the text index's few matches with
    a bitmap of every public notice: 50 ms at 1M for a word it otherwise reads in 2."""
    plan = plan or plan_for(filters)
    if text_index_drives:
        qs = PublicRecord.objects.extra(where=["transparency_publishednotice.is_public::int = 1"])
    else:
        # Written as an equality (Django writes a bare "is_public" on SQLite), so the
        # (is_public, ..., sort_key) indexes are used, and cover the query.
        qs = PublicRecord.objects.extra(where=["transparency_publishednotice.is_public = %s"], params=[True])
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.country:
        qs = qs.filter(country=filters.country)
    if filters.outcome:
        qs = qs.filter(outcome=filters.outcome)
    lower, upper = _bounds(filters, lower, upper)
    if plan.fts_join:
        # The range on the index's rowid (FTS_BASE - sort_key), so FTS5 seeks to it.
        if lower is not None:
            qs = qs.extra(where=[f"{FTS_TABLE}.rowid <= %s"], params=[FTS_BASE - lower])
        if upper is not None:
            qs = qs.extra(where=[f"{FTS_TABLE}.rowid > %s"], params=[FTS_BASE - upper])
    else:
        if lower is not None:
            qs = qs.filter(sort_key__gte=lower)
        if upper is not None:
            qs = qs.filter(sort_key__lt=upper)
    if filters.project:
        items = PublicRecordItem.objects.filter(project=filters.project).order_by()
        if plan.rare_project:
            # Few notices: read them through the project index.
            qs = qs.filter(id__in=Subquery(items.values("notice_id")))
        else:
            # Many: walk the log in order and check each notice (stops after a page).
            qs = qs.filter(Exists(PublicRecordItem.objects.filter(notice=OuterRef("pk"), project=filters.project)))
    if plan.text == "join":
        qs = qs.extra(
            tables=[FTS_TABLE],
            # Written so the notice is found through its sort_key index for each match.
            where=[f"transparency_publishednotice.sort_key = {FTS_BASE} - {FTS_TABLE}.rowid", f"{FTS_TABLE} MATCH %s"],
            params=[fts5_query(filters.words)],
        )
    elif plan.text == "in":
        qs = qs.extra(where=[f"transparency_publishednotice.sort_key IN (SELECT {FTS_BASE} - rowid FROM {FTS_TABLE} "
                             f"WHERE {FTS_TABLE} MATCH %s)"], params=[fts5_query(filters.words)])
    elif plan.text == "pg":
        qs = qs.extra(where=[f"{pg_document()} @@ {_PG_TSQUERY}"], params=[filters.words])
    elif plan.text == "like":  # pragma: no cover - other databases: correct, not fast
        for word in search_text.words(filters.words):
            qs = qs.filter(search_text__icontains=word)
    return qs


# --------------------------------------------------------------------------- pages


@dataclass
class Page:
    results: list[PublicRecord]
    count: int
    count_exact: bool
    next_cursor: str | None
    previous_cursor: str | None
    filters: Filters = field(default_factory=Filters)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def _cursor(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(str(value))
    except ValueError:
        raise DomainError(_("This page link is not valid any more; start again from the first page."),
                          code="invalid", field=name) from None
    if not 0 <= number <= MAX_CURSOR:
        raise DomainError(_("This page link is not valid any more; start again from the first page."),
                          code="invalid", field=name)
    return number


def _in_order(qs, plan: _Plan, newest_first: bool = True):
    if plan.fts_join:
        qs = qs.extra(select={"fts_rowid": f"{FTS_TABLE}.rowid"})
        return qs.extra(order_by=["fts_rowid" if newest_first else "-fts_rowid"])
    return qs.order_by("-sort_key" if newest_first else "sort_key")


def _exists(qs, plan: _Plan, newest_first: bool) -> bool:
    """Whether qs has a row, read in log order (Django's exists() drops the order, and with it the index)."""
    return bool(list(_in_order(qs, plan, newest_first).values_list("pk", flat=True)[:1]))


def capped_count(qs, plan: _Plan, cap: int) -> int:
    """Count at most cap + 1 rows.

    On SQLite the count walks the log's index (or FTS5's rowids) in order, so it stops early. PostgreSQL is
    left to choose: ordering the count there forces a backward walk of the sort_key index, which for a word in
    1 % of the log reads 100 000 notices to find 1 001 (492 ms at 1M) where the GIN index answers in a few.
    """
    if connection.vendor == "sqlite":
        qs = _in_order(qs, plan)
    else:
        qs = qs.order_by()
    return qs.values_list("pk", flat=True)[: cap + 1].count()


# --------------------------------------------------------------------------- PostgreSQL text searches


def _reader():
    """The connection the log is read from: a replica when the router sends this request's reads to one
    (core.replicas), as it does for the ORM's queries of the same search."""
    return connections[router.db_for_read(PublicRecord)]


def _pg_candidates(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, newest_first: bool,
                   window: int, *, keys_only: bool = False) -> tuple[str, list]:
    """SQL (and its parameters) of the first ``window`` notices in log order that match every filter but the text,
    with their tsvector as ``tsv``: the walk's window. ``keys_only``: their sort keys alone, which the sort-key
    indexes answer without reading the table."""
    no_text = replace(filters, q="")
    qs = (filtered(no_text, lower, upper, plan=replace(plan, filters=no_text, text=""))
          .order_by("-sort_key" if newest_first else "sort_key"))
    if keys_only:
        qs = qs.values_list("sort_key")
    else:
        qs = qs.extra(select={"tsv": "transparency_publishednotice.search_vector"}).values_list("id", "sort_key", "tsv")
    sql, params = qs[:window].query.sql_with_params()
    return sql, list(params)


@dataclass
class _Walk:
    """What a bounded walk of the log saw: the first matches in log order, how many of the candidates it checked
    matched, how many it checked, and the sort keys at the two ends of what it checked."""

    rows: list[tuple[int, int]]
    matched: int
    checked: int
    window: int
    lowest: int | None
    highest: int | None

    @property
    def saw_all(self) -> bool:
        """The range held fewer candidates than the window, so every candidate was checked."""
        return self.checked < self.window

    def per_bucket(self) -> float | None:
        """Matches to expect in one bucket, at the density the walk found; None when it found none."""
        if not self.matched or self.lowest is None or self.highest is None:
            return None
        days = self.highest // _DAY - self.lowest // _DAY + 1
        return self.matched / days * PG_BUCKET_DAYS


@contextmanager
def _walking_in_order():
    """PostgreSQL: a cursor whose queries are planned as the walks they are: in log order along a sort-key index.

    Before the table's first ANALYZE (after a bulk load, until autovacuum runs; the statistics of the words are
    missing then too) the planner guesses a few hundred candidates where there are a quarter of a million, and
    plans a bitmap scan of them all and a sort: 120–290 ms at 1M for a walk of 2–10. Bitmap scans are switched
    off for the walk's own query, in a transaction of its own, and only then."""
    if _pg_word_shares() is not None:
        with _reader().cursor() as cursor:
            yield cursor
        return
    db = _reader()
    with transaction.atomic(using=db.alias), db.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        yield cursor
        cursor.execute("RESET enable_bitmapscan")


def _pg_walk(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, n: int,
             newest_first: bool, window: int) -> _Walk | None:
    """Check the first ``window`` candidates in log order: their first n matches and what the walk saw.

    None when the walk is switched off (PG_WALK_WINDOW 0)."""
    if PG_WALK_WINDOW <= 0 or window <= 0:
        return None
    sql, params = _pg_candidates(filters, plan, lower, upper, newest_first, window)
    with _walking_in_order() as cursor:
        cursor.execute(
            f"WITH w AS MATERIALIZED (SELECT c.id, c.sort_key, c.tsv @@ {_PG_TSQUERY} AS hit FROM ({sql}) c), "
            "s AS (SELECT count(*) FILTER (WHERE hit) AS matched, count(*) AS checked, min(sort_key) AS lowest, "
            "max(sort_key) AS highest FROM w) "
            "SELECT m.id, m.sort_key, s.matched, s.checked, s.lowest, s.highest FROM s LEFT JOIN LATERAL "
            f"(SELECT id, sort_key FROM w WHERE hit ORDER BY sort_key {'DESC' if newest_first else 'ASC'} "
            f"LIMIT {int(n)}) m ON true",
            [filters.words, *params])
        found = cursor.fetchall()
    _, _, matched, checked, lowest, highest = found[0]
    return _Walk([(pk, key) for pk, key, *_ in found if pk is not None], matched, checked, window, lowest, highest)


def _pg_walk_count(filters: Filters, plan: _Plan, cap: int) -> tuple[int, _Walk]:
    """Count matches among the newest PG_COUNT_WALK candidates, stopping at cap + 1, and what the walk saw."""
    sql, params = _pg_candidates(filters, plan, None, None, True, PG_COUNT_WALK)
    with _walking_in_order() as cursor:
        cursor.execute(f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) w WHERE w.tsv @@ {_PG_TSQUERY} "
                       f"LIMIT {int(cap) + 1}) c", [*params, filters.words])
        count = cursor.fetchone()[0]
        if count > cap:
            return count, _Walk([], count, PG_COUNT_WALK, PG_COUNT_WALK, None, None)
        # The whole window was checked: its extent, from the sort-key index alone.
        sql, params = _pg_candidates(filters, plan, None, None, True, PG_COUNT_WALK, keys_only=True)
        cursor.execute(f"SELECT count(*), min(sort_key), max(sort_key) FROM ({sql}) w", params)
        checked, lowest, highest = cursor.fetchone()
    return count, _Walk([], count, checked, PG_COUNT_WALK, lowest, highest)


def _pg_from_index(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, n: int,
                   newest_first: bool) -> tuple[list[tuple[int, int]], int]:
    """The first n matches in log order, taken from the GIN index and ordered afterwards, and how many match.

    MATERIALIZED keeps PostgreSQL from pushing the ORDER BY ... LIMIT into the scan, which would bring back the
    walk of the sort_key index (reading most of the log for a rare word)."""
    qs = filtered(replace(filters, date_from=None, date_to=None), plan=plan, text_index_drives=True).order_by()
    qs = _beyond_the_indexes(qs, *_bounds(filters, lower, upper))
    sql, params = qs.values_list("id", "sort_key").query.sql_with_params()
    with _reader().cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) SELECT id, sort_key, count(*) OVER () FROM m "
                       f"ORDER BY sort_key {'DESC' if newest_first else 'ASC'} LIMIT {int(n)}", list(params))
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return [(pk, key) for pk, key, _ in rows], total


def _beyond_the_indexes(qs, lower: int | None, upper: int | None):
    """The sort-key range as expressions no index serves, so the full-text index drives the scan: given a
    sort_key range, the planner walks that range checking every tsvector (a half-year: 110 ms at 1M)."""
    if lower is not None:
        qs = qs.extra(where=["transparency_publishednotice.sort_key + 0 >= %s"], params=[lower])
    if upper is not None:
        qs = qs.extra(where=["transparency_publishednotice.sort_key + 0 < %s"], params=[upper])
    return qs


def _pg_key_range(plan: _Plan) -> tuple[int, int] | None:
    """The lowest and highest sort key of the public log (read once per search, from the sort-key index)."""
    if plan.key_range is None:
        with _reader().cursor() as cursor:
            cursor.execute("SELECT min(sort_key), max(sort_key) FROM transparency_publishednotice WHERE is_public")
            plan.key_range = cursor.fetchone()
    return None if plan.key_range[0] is None else plan.key_range


def _pg_buckets(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, newest_first: bool,
                count: int, skip: int = 0) -> tuple[list[int], bool] | None:
    """The range's buckets in log order after the first ``skip``, at most ``count`` of them, and whether no
    bucket of the range lies beyond them; None when no public notice lies in the range."""
    edges = _pg_key_range(plan)
    if edges is None:
        return None
    low, high = _bounds(filters, lower, upper)
    low = edges[0] if low is None else max(low, edges[0])
    high = edges[1] + 1 if high is None else min(high, edges[1] + 1)
    if low >= high:
        return None
    first, last = _bucket(low), _bucket(high - 1)
    if newest_first:
        buckets = list(range(last - skip, max(first, last - skip - count + 1) - 1, -1))
    else:
        buckets = list(range(first + skip, min(last, first + skip + count - 1) + 1))
    return buckets, skip + count >= last - first + 1


def _pg_probe_sql(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, newest_first: bool,
                  count: int, skip: int) -> tuple[str, list, bool] | None:
    """SQL of the matches within the range's buckets ``skip`` to ``skip + count`` in log order (answered by the
    full-text index alone), and whether no bucket of the range lies beyond them; None when there are no such
    buckets."""
    found = _pg_buckets(filters, plan, lower, upper, newest_first, count, skip)
    if found is None or not found[0]:
        return None
    buckets, whole = found
    no_text = replace(filters, q="", date_from=None, date_to=None)
    qs = filtered(no_text, plan=replace(plan, filters=no_text, text=""), text_index_drives=True).order_by()
    # A query of no words (punctuation only) matches nothing, and "nothing AND a bucket" would be the bucket.
    qs = qs.extra(where=[f"{pg_document()} @@ ({_PG_TSQUERY} && %s::tsquery)",
                         f"numnode({_PG_TSQUERY}) > 0"],
                  params=[filters.words, " | ".join(f"'#b{b}'" for b in buckets), filters.words])
    qs = _beyond_the_indexes(qs, *_bounds(filters, lower, upper))
    sql, params = qs.values_list("id", "sort_key").query.sql_with_params()
    return sql, list(params), whole


def _pg_probe(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, n: int, newest_first: bool,
              count: int, skip: int = 0) -> tuple[list[tuple[int, int]], bool]:
    """The first n matches in log order within the range's buckets ``skip`` to ``skip + count``, and whether no
    bucket of the range lies beyond them (then fewer than n rows are every match there is from there on)."""
    probe = _pg_probe_sql(filters, plan, lower, upper, newest_first, count, skip)
    if probe is None:
        return [], True
    sql, params, whole = probe
    with _reader().cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) SELECT id, sort_key FROM m "
                       f"ORDER BY sort_key {'DESC' if newest_first else 'ASC'} LIMIT {int(n)}", params)
        return cursor.fetchall(), whole


def _pg_probe_count(filters: Filters, plan: _Plan, limit: int, count: int, skip: int = 0) -> tuple[int, bool]:
    """Matches within the newest buckets ``skip`` to ``skip + count``, counted up to ``limit``, and whether no
    bucket of the range lies beyond them."""
    probe = _pg_probe_sql(filters, plan, None, None, True, count, skip)
    if probe is None:
        return 0, True
    sql, params, whole = probe
    with _reader().cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) SELECT count(*) FROM (SELECT 1 FROM m LIMIT {int(limit)}) c",
                       params)
        return cursor.fetchone()[0], whole


def _pg_more_buckets(wanted: int, found: int, probed: int) -> int | None:
    """After a probe of ``probed`` buckets found ``found`` of ``wanted``: how many more buckets to expect the rest
    in, at the density it found (with PG_PROBE_MARGIN), or None when the probes would exceed PG_PROBE_BUCKETS."""
    if not found:
        return None
    more = math.ceil(PG_PROBE_MARGIN * (wanted - found) * probed / found)
    return more if probed + more <= PG_PROBE_BUCKETS else None


def _pg_word_shares() -> tuple[dict[str, float], float] | None:
    """The planner's statistics of the log's tsvector: {lexeme: share of notices} for the most common ones, and
    the share below which a lexeme is not listed. None before the table was first analysed (after a bulk load
    autovacuum analyses it within a minute or so; until then the walk's bounded window decides)."""
    now = time.monotonic()
    if _pg_stats["at"] is None or now - _pg_stats["at"] > PG_STATS_TTL:
        with _reader().cursor() as cursor:
            cursor.execute("SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
                           "WHERE schemaname = current_schema() AND tablename = 'transparency_publishednotice' "
                           "AND attname = 'search_vector'")
            row = cursor.fetchone()
        shares = None
        if row and row[0] and row[1]:
            words, freqs = row
            shares = (dict(zip(words, freqs)), float(freqs[len(words)]) if len(freqs) > len(words) else 0.0)
        with _reader().cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'transparency_publishednotice'::regclass")
            row = cursor.fetchone()
            notices = row[0] if row and row[0] and row[0] > 0 else None
            if notices is None:
                # Never vacuumed nor analysed (a bulk load into a new database): the planner estimates the rows
                # from the table's size on disk, and says so in a plan.
                cursor.execute("EXPLAIN (FORMAT JSON) SELECT 1 FROM transparency_publishednotice")
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                notices = float(plan[0]["Plan"]["Plan Rows"]) or None
        _pg_stats.update(at=now, shares=shares, notices=notices)
    return _pg_stats["shares"]


def _pg_notices() -> float | None:
    """The planner's estimate of the notices in the log (public or not), read with the words' statistics."""
    _pg_word_shares()
    return _pg_stats["notices"]


def _pg_text_share(q: str) -> float | None:
    """Estimated share of public notices matching every word of q (independent words), or None when not known."""
    stats = _pg_word_shares()
    if stats is None:
        return None
    shares, floor = stats
    share = 1.0
    for word in search_text.words(q.lower())[:12]:
        share *= shares.get(word, floor / 2)
    return share


def _pg_buckets_for(wanted: int, share: float | None, walk: _Walk | None, plan: _Plan) -> int | None:
    """How many buckets a probe reads to expect ``wanted`` matches (with PG_PROBE_MARGIN), or None when no probe
    is worth it.

    The expectation comes from what a walk just saw (it saw the other filters too), else from the statistics'
    share of the words and the log's size."""
    if PG_PROBE_BUCKETS <= 0:
        return None
    notices, edges = _pg_notices(), _pg_key_range(plan)
    per_bucket_notices = notices / (_bucket(edges[1]) - _bucket(edges[0]) + 1) if notices and edges else None
    per_bucket = walk.per_bucket() if walk is not None else None
    f = plan.filters
    if per_bucket and per_bucket_notices and walk.highest // _DAY - walk.lowest // _DAY < 2 and not (
            f.kind or f.country or f.outcome or f.project):
        # A walk within a day or two cannot tell a day's share of the log from a whole day's: at 1M the 400
        # newest notices are a third of a day. Without other filters its candidates are the log itself, so the
        # share it found applies to the log's size.
        per_bucket = max(per_bucket, walk.matched / walk.checked * per_bucket_notices)
    if per_bucket is None and share is not None and per_bucket_notices:
        per_bucket = share * per_bucket_notices
    if not per_bucket:
        return None
    buckets = math.ceil(PG_PROBE_MARGIN * wanted / per_bucket)
    return buckets if buckets <= PG_PROBE_BUCKETS else None


def _pg_matches(filters: Filters, plan: _Plan, lower: int | None, upper: int | None, n: int,
                newest_first: bool = True) -> tuple[list[tuple[int, int]], int | None]:
    """(id, sort_key) of the first n text matches in log order, and the number of matches when it was counted.

    Three ways to the same rows, cheapest first: the walk over the newest candidates (for words the statistics
    do not call rare; its window sized by them), a probe of the newest buckets (when the walk or the statistics
    expect a page there), and every match from the index, ordered afterwards. Each stops the search only with
    the first n matches in log order: whatever it has not read lies later in the log."""
    share = _pg_text_share(filters.words)
    walk = None
    if share is None or share >= PG_WALK_SHARE:
        window = PG_WALK_WINDOW if share is None else min(max(PG_WALK_WINDOW, math.ceil(2 * n / share)), PG_WALK_MAX)
        walk = _pg_walk(filters, plan, lower, upper, n, newest_first, window)
        if lower is None and upper is None:
            plan.walked = walk
        if walk is not None and (len(walk.rows) >= n or walk.saw_all):
            return walk.rows, None if len(walk.rows) >= n else walk.matched
    buckets = _pg_buckets_for(n, share, walk, plan)
    if buckets:
        rows, whole = _pg_probe(filters, plan, lower, upper, n, newest_first, buckets)
        more = None if len(rows) >= n or whole else _pg_more_buckets(n, len(rows), buckets)
        if more:  # the next buckets, as many as the first probe's density says hold the rest
            further, whole = _pg_probe(filters, plan, lower, upper, n - len(rows), newest_first, more, buckets)
            rows += further
        if len(rows) >= n or whole:
            return rows, None if len(rows) >= n else len(rows)
    return _pg_from_index(filters, plan, lower, upper, n, newest_first)


def _pg_capped_count(filters: Filters, plan: _Plan, cap: int) -> int:
    """At most cap + 1, by the cheapest of: the walk over the newest PG_COUNT_WALK candidates (when it is
    expected to find cap + 1), a probe of the newest buckets, and the index."""
    share = _pg_text_share(filters.words)
    walk = plan.walked  # the first page's, when it walked: the newest candidates, as the count's walk would be
    if share is not None:
        expected = share * PG_COUNT_WALK
    elif walk is not None and walk.checked:
        expected = walk.matched / walk.checked * PG_COUNT_WALK
    else:
        expected = None
    if PG_COUNT_WALK > 0 and (expected is None or expected > cap):
        count, walk = _pg_walk_count(filters, plan, cap)
        if count > cap or walk.saw_all:
            return count
    # One word over the whole log is counted fastest by the index: cap + 1 of its matches are read and no more.
    # Several words (the index intersects their lists in full) or a date range (matches outside it are read too)
    # are counted in the newest buckets first.
    several = len(search_text.words(filters.words)) > 1 or filters.date_from or filters.date_to
    buckets = _pg_buckets_for(cap + 1, share, walk, plan) if several else None
    if buckets:
        count, whole = _pg_probe_count(filters, plan, cap + 1, buckets)
        more = None if count > cap or whole else _pg_more_buckets(cap + 1, count, buckets)
        if more:
            further, whole = _pg_probe_count(filters, plan, cap + 1 - count, more, buckets)
            count += further
        if count > cap or whole:
            return count
    # The dates as a range no index serves: given one, the planner ANDs the words' matches with every notice in
    # the range (a half-year: 18 ms at 1M) instead of reading matches until cap + 1 lie in it.
    qs = filtered(replace(filters, date_from=None, date_to=None), plan=plan, text_index_drives=True).order_by()
    sql, params = _beyond_the_indexes(qs, *_bounds(filters, None, None)).values_list("id").query.sql_with_params()
    with _reader().cursor() as cursor:
        cursor.execute(f"WITH m AS MATERIALIZED ({sql}) SELECT count(*) FROM (SELECT 1 FROM m LIMIT {int(cap) + 1}) c",
                       list(params))
        return cursor.fetchone()[0]


def _pg_rows(matches: list[tuple[int, int]]) -> list[PublicRecord]:
    by_pk = PublicRecord.objects.in_bulk([pk for pk, _ in matches])
    return [by_pk[pk] for pk, _ in matches if pk in by_pk]


def search(filters: Filters, *, after: str | None = None, before: str | None = None, limit: int = PAGE_SIZE,
           with_count: bool = True) -> Page:
    """One page of the log: newest first, ``limit`` notices after (older than) or before (newer than) a cursor."""
    limit = max(1, min(int(limit or PAGE_SIZE), MAX_PAGE_SIZE))
    after_key, before_key = _cursor(after, "after"), _cursor(before, "before")
    if after_key is not None and before_key is not None:
        raise DomainError(_("Give either 'after' or 'before', not both."), code="invalid", field="before")
    plan = plan_for(filters)
    counted = None  # the number of matches, when finding the page already counted them (PostgreSQL's index path)

    def first(n: int, lower: int | None = None, upper: int | None = None, newest_first: bool = True):
        nonlocal counted
        if plan.text == "pg":
            matches, total = _pg_matches(filters, plan, lower, upper, n, newest_first)
            if lower is None and upper is None:
                counted = total
            return _pg_rows(matches)
        return list(_in_order(filtered(filters, lower=lower, upper=upper, plan=plan), plan, newest_first)[:n])

    def any_(lower: int | None = None, upper: int | None = None, newest_first: bool = True) -> bool:
        if plan.text == "pg":
            return bool(_pg_matches(filters, plan, lower, upper, 1, newest_first)[0])
        return _exists(filtered(filters, lower=lower, upper=upper, plan=plan), plan, newest_first)

    if before_key is not None:
        rows = first(limit + 1, lower=before_key + 1, newest_first=False)
        more_newer = len(rows) > limit
        rows = list(reversed(rows[:limit]))
        more_older = bool(rows) and any_(upper=rows[-1].sort_key)
    else:
        rows = first(limit + 1, upper=after_key)
        more_older = len(rows) > limit
        rows = rows[:limit]
        more_newer = False
        if after_key is not None:
            newest_shown = rows[0].sort_key if rows else after_key - 1
            more_newer = any_(lower=newest_shown + 1, newest_first=False)
    count, exact = 0, True
    if with_count:
        only_project = filters.project and not (filters.q or filters.kind or filters.country or filters.outcome
                                                or filters.date_from or filters.date_to)
        if only_project:
            # Items exist only for public notices (withdrawal deletes them): count on the project index alone.
            count = (PublicRecordItem.objects.filter(project=filters.project).order_by("notice_id")
                     .values_list("notice_id", flat=True).distinct()[: COUNT_CAP + 1].count())
        elif counted is not None:
            count = counted
        elif plan.text == "pg":
            count = _pg_capped_count(filters, plan, COUNT_CAP)
        else:
            count = capped_count(filtered(filters, plan=plan), plan, COUNT_CAP)
        exact = count <= COUNT_CAP
        count = min(count, COUNT_CAP)
    return Page(
        results=rows, count=count, count_exact=exact,
        next_cursor=str(rows[-1].sort_key) if rows and more_older else None,
        # An empty page after X leads back to the notices from X on: "before X - 1". Not below 0, the least cursor
        # read (_cursor, the API's schema): no sort key is 0 (ids start at 1), so "before 0" is the same page.
        previous_cursor=str(rows[0].sort_key) if rows and more_newer else (
            str(max(after_key - 1, 0)) if not rows and more_newer else None),
        filters=filters,
    )
