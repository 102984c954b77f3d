"""Daily roll-ups of the report's figures, kept current from the history of what changed.

The report's figures (``queries.report_figures``) are sums over the cases received in a period, and a case has
one received day, so each figure can be summed per day once and a period read as the sum of its days. This module
is the one home of those roll-ups:

- :func:`compute` groups the cases of some days the way the report needs them (``FIGURES``), per received day
  (UTC): the report's dimensions with the account sums, the items by kind/project/action, the distinct cases per
  project, the combinations of projects the cases name (for the project tables), and the exact durations the
  medians are taken of (sorted lists, never a histogram: medians stay exact);
- :func:`refresh` replaces the rows of some days with what :func:`compute` finds now, and rebuilds their months' and
  half-years' rows (the sum of their days: a half-year reads one set of rows instead of 181 days');
- :func:`dirty_days` says which days of a period the roll-up does not cover yet: the received days of cases whose
  history moved past the watermark (every write through the services and the workflow adds an entry: a case's
  fields, its items, its first-response times, recorded by ``review.services`` beside a history entry), of cases
  created since (found by primary key: bulk loads and imports included), and the days marked with :func:`mark`.
  Nothing listens to signals. A change the history does not place on its day calls :func:`mark` by name: a
  received date moved by ``cases.services.update_case`` marks the day the case left (``case_followups``). A write
  outside the services leaves no history and is not seen: a data fix in the shell (or a test) that saves, moves
  or deletes a case or an item calls :func:`mark` with the days it touched, or runs :func:`rebuild`. No code
  deletes a case (retention purges its personal data, with history). The demos write raw rows only on the cases
  they have just created, which are found by primary key until folded;
- :func:`fold` is the task worker's part: it recomputes the dirty days and moves the watermark;
  :func:`rebuild` recomputes every day (``rightsdesk report-rollup --rebuild``, after a bulk load or an import).

The report reads the roll-up for clean days and the raw tables for dirty ones, so it is exact and current even when
the worker is behind; a day is clean again once folded. Nothing stored here is personal data.
"""

from __future__ import annotations

import io
import json
import logging
import pickle
import sys
import zlib
from array import array
from collections import defaultdict
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from typing import Any, Iterable

from django.db import connections, transaction
from django.db.models import Count, F, FloatField, Func, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory, TargetItem

from .models import RollupDay, RollupMark, RollupPeriod, RollupRow, RollupState
from .periods import Period

#: The categorical facts the report breaks cases down by (queries.Facts). Nothing here is personal data.
DIMENSIONS = (
    "kind", "outcome", "requester_type", "country", "authority_country", "legal_process", "threat_type",
    "emergency_origin", "harm_category", "content_ground", "dsa_category", "trusted_flagger", "automated_decision",
    "content_data_requested", "non_content_data_requested", "source",
)

#: Durations kept for medians: name -> the case field the span ends at (it starts at received_at), per (kind, source).
DURATIONS = {"decided": "decided_at", "acknowledged": "acknowledged_at", "answered": "times__first_response_at"}

#: What the Santa Clara flags by source are grouped by (santa_clara.flag_source reads them), content cases only.
FLAG_FIELDS = ("requester_type", "trusted_flagger", "automated_detection", "source", "outcome")

FACTS, ITEMS, PROJECTS, COMBOS, FLAGS, ACTIONED = "facts", "items", "projects", "combos", "flags", "actioned"
FIGURES = (FACTS, ITEMS, PROJECTS, COMBOS, FLAGS, ACTIONED, *DURATIONS)

#: Days recomputed per statement (and per transaction) by refresh.
CHUNK_DAYS = 31

DAY, MONTH, HALF = "d", "m", "h"

logger = logging.getLogger("rightsdesk.reports")


def _utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=dt_timezone.utc)


def day_ranges(days: Iterable[date]) -> list[tuple[date, date]]:
    """Consecutive days joined into (first, last) ranges, both included."""
    ranges: list[list[date]] = []
    for day in sorted(set(days)):
        if ranges and ranges[-1][1] + timedelta(days=1) == day:
            ranges[-1][1] = day
        else:
            ranges.append([day, day])
    return [(first, last) for first, last in ranges]


def received_on(days: Iterable[date], prefix: str = "") -> Q:
    """Cases (or, with ``prefix="case__"``, rows of cases) received on one of ``days`` (UTC)."""
    q = Q(pk__in=[])
    for first, last in day_ranges(days):
        q |= Q(**{f"{prefix}received_at__gte": _utc(first), f"{prefix}received_at__lt": _utc(last) + timedelta(days=1)})
    return q


def _day(prefix: str = ""):
    return TruncDate(f"{prefix}received_at", tzinfo=dt_timezone.utc)


def _as_date(value) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else date.fromisoformat(str(value)[:10])


class SecondsBetween(Func):
    """``end - start`` in seconds as a float, computed by the database (SQLite or PostgreSQL)."""

    output_field = FloatField()

    def __init__(self, end, start, **extra):
        super().__init__(F(end) if isinstance(end, str) else end, F(start) if isinstance(start, str) else start, **extra)

    def as_sql(self, compiler, connection, **extra):
        end_sql, end_params = compiler.compile(self.source_expressions[0])
        start_sql, start_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "postgresql":
            sql = f"CAST(EXTRACT(EPOCH FROM ({end_sql} - {start_sql})) AS double precision)"
        elif connection.vendor == "sqlite":
            sql = f"((julianday({end_sql}) - julianday({start_sql})) * 86400.0)"
        else:  # MySQL / MariaDB
            sql = f"(TIMESTAMPDIFF(MICROSECOND, {start_sql}, {end_sql}) / 1000000.0)"
        return sql, (*end_params, *start_params)


def actioned_item_filter() -> Q:
    return ~Q(action__in=[c.Action.PENDING, c.Action.NO_ACTION])


def raw_rows(queryset: QuerySet):
    """The rows of a queryset as plain tuples, skipping Django's per-row converters.

    The SQL and its (already adapted) parameters come from the ORM, so this
    stays portable; only the row-by-row conversion, which costs more than the
    query itself for half a million durations, is left out. Use it only for
    columns that need no conversion (text, numbers).
    """
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(10000):
            yield from rows


# --- computing ---------------------------------------------------------------------------------------------------

Groups = dict  # (figure, day, key tuple) -> [a, b, c, d] or a list of seconds


def compute(days: Iterable[date]) -> dict[tuple, Any]:
    """Every figure of the cases received on ``days``, per day: {(figure, day, key): sums or seconds}."""
    days = list(days)
    out: dict[tuple, Any] = {}
    if not days:
        return out
    cases = Case.objects.filter(received_on(days)).order_by()
    for row in (cases.annotate(_d=_day()).values("_d", *DIMENSIONS)
                .annotate(n=Count("id"), potentially=Sum("accounts_potentially_affected"),
                          actually=Sum("accounts_actually_affected"), notified=Sum("accounts_notified"))):
        key = tuple(row[name] for name in DIMENSIONS)
        out[(FACTS, _as_date(row["_d"]), key)] = [row["n"], row["potentially"] or 0, row["actually"] or 0,
                                                  row["notified"] or 0]
    for row in (cases.filter(kind__in=list(c.CONTENT_KINDS)).annotate(_d=_day()).values("_d", *FLAG_FIELDS)
                .annotate(n=Count("id"))):
        out[(FLAGS, _as_date(row["_d"]), tuple(row[name] for name in FLAG_FIELDS))] = [row["n"], 0, 0, 0]
    items = TargetItem.objects.filter(received_on(days, "case__")).order_by()
    for row in (items.filter(action__in=list(c.RESTRICTING_ACTIONS)).annotate(_d=_day("case__"))
                .values("_d", "case__content_ground", "case__country").annotate(items=Count("id"))):
        out[(ACTIONED, _as_date(row["_d"]), (row["case__content_ground"], row["case__country"]))] = [
            row["items"], 0, 0, 0]
    for row in (items.annotate(_d=_day("case__")).values("_d", "case__kind", "project", "action")
                .annotate(items=Count("id"), restored=Count("id", filter=Q(restored_at__isnull=False)))):
        out[(ITEMS, _as_date(row["_d"]), (row["case__kind"], row["project"], row["action"]))] = [
            row["items"], row["restored"], 0, 0]
    # One row per case and project: the distinct cases per project, and which projects each case names together.
    per_case: dict[int, dict] = {}
    for row in (items.annotate(_d=_day("case__")).values("case_id", "_d", "case__kind", "case__outcome", "project")
                .annotate(items=Count("id"), acted=Count("id", filter=actioned_item_filter()))):
        case = per_case.setdefault(row["case_id"], {"day": _as_date(row["_d"]), "kind": row["case__kind"],
                                                    "outcome": row["case__outcome"], "projects": {}})
        case["projects"][row["project"]] = (row["items"], row["acted"])
    for case in per_case.values():
        names = sorted(case["projects"])
        for project in names:
            sums = out.setdefault((PROJECTS, case["day"], (case["kind"], project)), [0, 0, 0, 0])
            sums[0] += 1
            named, acted = case["projects"][project]
            sums = out.setdefault((COMBOS, case["day"], (case["kind"], case["outcome"], tuple(names), project)),
                                  [0, 0, 0, 0])
            sums[0] += 1
            sums[1] += named
            sums[2] += acted
    for name, end in DURATIONS.items():
        spans = (cases.filter(**{f"{end}__isnull": False}).annotate(_d=_day(), _seconds=SecondsBetween(end, "received_at"))
                 .values_list("_d", "kind", "source", "_seconds"))
        for day, kind, source, seconds in raw_rows(spans):
            out.setdefault((name, _as_date(day), (kind, source)), []).append(round(seconds))
    return out


def _encode(seconds: list[int]) -> bytes:
    return array("q", sorted(seconds)).tobytes()


def decode(blob) -> list[int]:
    values = array("q")
    values.frombytes(bytes(blob))
    return values.tolist()


def _rows(grain: str, groups: dict[tuple, Any]) -> list[tuple]:
    """Rows to store: per figure and day one row holding every group of it (``key``: a JSON list of [key, a, b, c,
    d], read with one decode), and for durations one row per group with its sorted seconds."""
    packed: dict[tuple, list] = defaultdict(list)
    rows = []
    for (figure, day, key), value in groups.items():
        if figure in DURATIONS:
            rows.append((figure, grain, day.isoformat(), json.dumps(key), len(value), 0, 0, 0, _encode(value)))
        elif any(value):
            packed[(figure, day)].append([key, *value])
    for (figure, day), entries in packed.items():
        rows.append((figure, grain, day.isoformat(), json.dumps(entries, separators=(",", ":")), len(entries), 0, 0,
                     0, None))
    return rows


def _insert(rows: list[tuple]) -> None:
    table = RollupRow._meta.db_table
    with connections[RollupRow.objects.db].cursor() as cursor:
        for start in range(0, len(rows), 2000):
            cursor.executemany(f"INSERT INTO {table} (figure, grain, day, key, a, b, c, d, seconds) "
                               "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)", rows[start:start + 2000])


def _hashable(key: list) -> tuple:
    return tuple(tuple(part) if type(part) is list else part for part in key)


def add_row(groups: dict, figure: str, key: str, row) -> None:
    """Add a stored row (its key text and values a, b, c, d, seconds) into ``groups`` {(figure, key): sums}."""
    if figure in DURATIONS:
        groups.setdefault((figure, _hashable(json.loads(key))), []).extend(decode(row[4]))
        return
    combos = figure == COMBOS  # the only key with a list inside (the projects a case names)
    for entry in json.loads(key):
        key = entry[0]
        if combos:
            key[2] = tuple(key[2])
        name = (figure, tuple(key))
        sums = groups.get(name)
        if sums is None:
            groups[name] = entry[1:]
        else:
            sums[0] += entry[1]
            sums[1] += entry[2]
            sums[2] += entry[3]
            sums[3] += entry[4]


def _month(day: date) -> date:
    return day.replace(day=1)


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def _half(day: date) -> date:
    return day.replace(month=1 if day.month <= 6 else 7, day=1)


def _half_end(first: date) -> date:
    return first.replace(month=7) if first.month == 1 else first.replace(year=first.year + 1, month=1)


def _rebuild_span(grain: str, first: date, end: date, parts: str) -> None:
    """The rows of one month (or half-year) as the sum of its day (or month) rows."""
    RollupRow.objects.filter(grain=grain, day=first).delete()
    groups: dict[tuple, Any] = {}
    for figure, key, *values in (RollupRow.objects.filter(grain=parts, day__gte=first, day__lt=end)
                                 .values_list("figure", "key", "a", "b", "c", "d", "seconds").iterator(2000)):
        add_row(groups, figure, key, values)
    _insert(_rows(grain, {(figure, first, key): value for (figure, key), value in groups.items()}))


def _rebuild_months(months: Iterable[date]) -> None:
    """Rebuild the month rows of ``months``, then the half-year rows they are part of."""
    months = set(months)
    for first in sorted(months):
        _rebuild_span(MONTH, first, _month_end(first), DAY)
    for first in sorted({_half(month) for month in months}):
        _rebuild_span(HALF, first, _half_end(first), MONTH)


def _next_stamp() -> int:
    state = _state(lock=True)
    state.stamp += 1
    state.save(update_fields=["stamp"])
    return state.stamp


def refresh(days: Iterable[date]) -> int:
    """Recompute the roll-up rows of ``days`` (and of their months) from the raw tables; returns the rows written."""
    days = sorted(set(days))
    written = 0
    for start in range(0, len(days), CHUNK_DAYS):
        chunk = days[start:start + CHUNK_DAYS]
        with transaction.atomic():
            stamp = _next_stamp()
            groups = compute(chunk)
            RollupRow.objects.filter(grain=DAY, day__in=chunk).delete()
            rows = _rows(DAY, groups)
            _insert(rows)
            written += len(rows)
            RollupDay.objects.filter(day__in=chunk).delete()
            RollupDay.objects.bulk_create([RollupDay(day=day, stamp=stamp) for day in chunk], batch_size=2000)
            forget_periods(chunk)
    # Once for all chunks: the days refreshed stay dirty (read raw) until the caller moves the watermark.
    with transaction.atomic():
        _rebuild_months({_month(day) for day in days})
    return written


# --- what changed ------------------------------------------------------------------------------------------------

def _state(lock: bool = False) -> RollupState:
    rows = RollupState.objects.select_for_update() if lock else RollupState.objects
    state = rows.order_by("pk").first()
    return state or RollupState.objects.create()


def _within(period: Period | None, prefix: str = "") -> Q:
    if period is None:
        return Q()
    return Q(**{f"{prefix}received_at__gte": period.start, f"{prefix}received_at__lt": period.end})


def _days_of(queryset, prefix: str = "") -> set[date]:
    return {_as_date(d) for d in queryset.order_by().annotate(_d=_day(prefix)).values_list("_d", flat=True).distinct()}


#: Up to this many history entries (or cases) past the watermark, their cases' ids are fetched first (by primary key)
#: and the pending days read from those cases alone; past it (a fold long overdue, or none yet) from a join on the
#: period. At a million cases, with 3,005 cases of a bulk load not folded yet (the fold waits ``SETTLE``), the
#: look-up by ids took 0.03-0.1 s where the join took 0.4 s for a half-year and 0.7 s for everything up to its end
#: (the report page's key): every report page paid that until the fold.
FEW_PENDING = 10_000


def pending(period: Period | None = None, state: RollupState | None = None) -> dict:
    """What the roll-up has not folded in yet (in ``period``, or anywhere): the days, and the newest history entry,
    case and mark among them (the report cache's key for the period changes with these).

    It starts from what lies past the watermark (usually a few rows, found by primary key): a filter on the period
    first made SQLite walk every case received in it. The ids are fetched rather than nested as a subquery:
    PostgreSQL planned ``case IN (cases IN (history past the watermark))`` over rows without statistics yet (a
    transaction of fresh rows, a bulk load) as a nested loop over the history, minutes on the demo data set."""
    state = state or _state()
    history = CaseHistory.objects.filter(pk__gt=state.history_pk)
    # In key order, not DISTINCT: SQLite answered a DISTINCT by walking the whole case_id index (70-100 ms at a
    # million cases with nothing pending); by key, it reads just the entries past the watermark.
    ids = list(history.order_by("pk").values_list("case_id", flat=True)[:FEW_PENDING + 1])
    if len(ids) <= FEW_PENDING:
        history = history.filter(case_id__in=set(ids))
    history = history.filter(_within(period, "case__"))
    cases = Case.objects.filter(pk__gt=state.case_pk)
    if period is not None:
        new = list(cases.order_by().values_list("pk", flat=True)[:FEW_PENDING + 1])
        cases = (Case.objects.filter(pk__in=new) if len(new) <= FEW_PENDING else cases).filter(_within(period))
    marks = RollupMark.objects.all()
    if period is not None:
        marks = marks.filter(day__gte=period.first_day, day__lte=period.last_day)
    days = _days_of(history, "case__") | _days_of(cases) | set(marks.values_list("day", flat=True))
    newest = (history.aggregate(m=Max("pk"))["m"], cases.aggregate(m=Max("pk"))["m"], marks.aggregate(m=Max("pk"))["m"])
    return {"days": days, "newest": newest}


def dirty_days(period: Period | None = None) -> set[date]:
    """The received days (of ``period``) whose roll-up rows are not current: to be read from the raw tables."""
    return pending(period)["days"]


def fingerprint(period: Period) -> tuple:
    """Changes when anything counted in the period changes, and only then: the newest refresh stamp of its days and
    what is pending in it. A case received in another period leaves it as it was."""
    found = pending(period)
    stamp = RollupDay.objects.filter(day__gte=period.first_day, day__lte=period.last_day).aggregate(m=Max("stamp"))["m"]
    return (stamp, found["newest"], len(found["days"]))


def mark(days: Iterable[date]) -> None:
    """Have these received days recomputed (a change the history does not show)."""
    RollupMark.objects.bulk_create([RollupMark(day=day) for day in set(days)])


#: How old a history entry or case must be before the watermark may pass it. On PostgreSQL, primary keys are
#: handed out when a row is inserted, not when its transaction commits: an entry numbered 100 can become visible
#: after one numbered 101. A watermark moved straight to the newest key would pass over it for good, and its day
#: would stay stale while counted as clean. Entries younger than this stay "pending" (their days read from the raw
#: tables and refreshed again by the next fold), so only a transaction open longer than this could be missed.
SETTLE = timedelta(minutes=10)


def _settled() -> tuple[int, int]:
    """The newest history entry and case the watermark may pass: those written at least ``SETTLE`` ago."""
    before = timezone.now() - SETTLE
    history = CaseHistory.objects.filter(at__lt=before).aggregate(m=Max("pk"))["m"] or 0
    case = Case.objects.filter(created_at__lt=before).aggregate(m=Max("pk"))["m"] or 0
    return history, case


def _move_watermark(newest_history: int, newest_case: int, newest_mark: int) -> None:
    """Record that everything up to these keys is folded in (inside the caller's transaction)."""
    state = _state(lock=True)
    state.history_pk = max(state.history_pk, newest_history)
    state.case_pk = max(state.case_pk, newest_case)
    state.folded_at = timezone.now()
    state.save(update_fields=["history_pk", "case_pk", "folded_at"])
    RollupMark.objects.filter(pk__lte=newest_mark).delete()


def fold() -> dict:
    """Fold every change since the watermark into the roll-up (the task worker's job); returns what it did."""
    state = _state()
    newest_history, newest_case = _settled()
    newest_mark = RollupMark.objects.aggregate(m=Max("pk"))["m"] or 0
    history = CaseHistory.objects.filter(pk__gt=state.history_pk)
    cases = Case.objects.filter(pk__gt=state.case_pk)
    days = (_days_of(history, "case__") | _days_of(cases)
            | set(RollupMark.objects.filter(pk__lte=newest_mark).values_list("day", flat=True)))
    rows = refresh(days)
    with transaction.atomic():
        _move_watermark(newest_history, newest_case, newest_mark)
    kept = keep_periods(days)
    return {"days": len(days), "rows": rows, "periods": kept}


def rebuild() -> dict:
    """Recompute every day that has cases (and drop the rows of days that have none): after a bulk load or import."""
    newest_history, newest_case = _settled()
    newest_mark = RollupMark.objects.aggregate(m=Max("pk"))["m"] or 0
    days = _days_of(Case.objects.all())
    with transaction.atomic():
        RollupRow.objects.filter(grain=DAY).exclude(day__in=days).delete()
        RollupPeriod.objects.all().delete()
    rows = refresh(days)
    with transaction.atomic():
        stale = set(RollupDay.objects.exclude(day__in=days).values_list("day", flat=True))
        RollupDay.objects.filter(day__in=stale).delete()
        _rebuild_months({_month(day) for day in stale})
        _move_watermark(newest_history, newest_case, newest_mark)
    kept = keep_periods(days)
    return {"days": len(days), "rows": rows, "periods": kept}


# --- whole periods, kept --------------------------------------------------------------------------------------------

def _periods_of(days: Iterable[date]) -> set[tuple[date, date]]:
    """The half-years and years (first and last day) the days are in: the periods whose sums are kept."""
    out = set()
    for day in days:
        half = _half(day)
        out.add((half, _half_end(half) - timedelta(days=1)))
        out.add((date(day.year, 1, 1), date(day.year, 12, 31)))
    return out


def _newest_stamp(first: date, last: date) -> int:
    return RollupDay.objects.filter(day__gte=first, day__lte=last).aggregate(m=Max("stamp"))["m"] or 0


class _PlainData(pickle.Unpickler):
    """Reads back only what :func:`_pack` writes: dicts, lists, tuples, strings, numbers, bytes; never a class or a
    function (no ``find_class``), so a stored value cannot make the reader run anything."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"a kept period holds plain data only, not {module}.{name}")


def _shared(value):
    """``value`` with equal strings made one object: pickle writes an object it has seen once as a reference, so
    each country, kind or project name is stored (and read back) once, not once per row. At a million cases a
    half-year's figures went from 15.1 to 11.8 MB, and reading them back from 0.15-0.21 to 0.12 CPU-s."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, dict):
        return {_shared(k): _shared(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shared(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_shared(v) for v in value)
    return value


#: What :func:`_pack` writes; a kept value of another format is not read (it is summed again) and migration
#: reports 0004 dropped those of format 1 (uncompressed; durations as 8-byte integers; one entry per case and set of
#: projects) so that the next fold keeps them anew.
FORMAT = 2


def _packed_seconds(seconds: list[int]) -> tuple[str, bytes]:
    """Sorted seconds as machine integers: 4 bytes each when they fit (68 years), else 8. Half a million durations
    are then 2 MB, read back as an array with one copy (queries.Seconds bisects it as it is)."""
    values = sorted(seconds)
    code = "i" if not values or (-2**31 <= values[0] and values[-1] < 2**31) else "q"
    return code, array(code, values).tobytes()


def _pack(parts: dict[str, Any]) -> bytes:
    """``parts`` pickled and compressed (zlib, fastest level): a half-year at a million cases is 1.2 MB instead of
    7.4, which PostgreSQL sends (as text, hex-encoded) in a fifth of the time; inflating it costs ~10 ms."""
    durations = {name: {key: [_packed_seconds(run) for run in runs] for key, runs in groups.items()}
                 for name, groups in parts["durations"].items()}
    return zlib.compress(pickle.dumps(_shared({**parts, "durations": durations, "format": FORMAT}), protocol=5), 1)


def _unpack(blob) -> dict[str, Any]:
    """:func:`_pack`'s parts again; each group's durations come back as sorted ``array`` runs. ValueError for a value
    of another format (zlib.error for one not compressed)."""
    parts = _PlainData(io.BytesIO(zlib.decompress(blob))).load()
    if parts.pop("format", None) != FORMAT:
        raise ValueError("a kept period of another format")
    durations = {}
    for name, groups in parts["durations"].items():
        durations[name] = out = {}
        for key, runs in groups.items():
            out[key] = []
            for code, raw in runs:
                values = array(code)
                values.frombytes(raw)
                out[key].append(values)
    parts["durations"] = durations
    return parts


def _whole_days(period: Period) -> bool:
    return period.start == _utc(period.first_day) and period.end == _utc(period.last_day) + timedelta(days=1)


def keep_periods(days: Iterable[date]) -> int:
    """Merge and keep the sums of the half-years and years ``days`` are in (and of those with folded days but nothing
    kept yet), each only if none of its days is pending; returns how many were kept. The fold calls it last."""
    periods = _periods_of(days)
    have = set(RollupPeriod.objects.values_list("first_day", "last_day"))
    periods |= _periods_of(RollupDay.objects.values_list("day", flat=True)) - have
    state, kept = _state(), 0
    for first, last in sorted(periods):
        period = Period(f"{first.isoformat()}..{last.isoformat()}", _utc(first), _utc(last) + timedelta(days=1))
        if pending(period, state)["days"]:
            continue  # not closed yet: the report reads its days (and the pending ones raw) until a later fold
        stamp = _newest_stamp(first, last)  # read before the rows: a refresh in between leaves the result stale
        parts = shape(read(period, set()))
        received: dict[str, int] = {}
        for row in parts["facts"]:
            received[row["kind"]] = received.get(row["kind"], 0) + row["n"]
        with transaction.atomic():
            RollupPeriod.objects.filter(first_day=first, last_day=last).delete()
            RollupPeriod.objects.create(first_day=first, last_day=last, stamp=stamp, groups=_pack(parts),
                                        received=received)
        kept += 1
    return kept


def forget_periods(days: Iterable[date]) -> None:
    """Drop the kept sums of every period containing one of ``days`` (they are being refreshed)."""
    where = Q(pk__in=[])
    for first, last in day_ranges(days):
        where |= Q(first_day__lte=last, last_day__gte=first)
    RollupPeriod.objects.filter(where).delete()


def _current(period: Period, kept_stamp: int | None, newest_stamp: int) -> bool:
    """Whether what is kept for ``period`` (kept when its days' newest refresh was ``kept_stamp``) may be read: the
    period is whole days and none of them was refreshed since (``newest_stamp``: their newest refresh now). A
    pending day is the caller's check (:func:`kept`'s callers have the pending days already)."""
    return kept_stamp is not None and _whole_days(period) and kept_stamp == newest_stamp


def kept(period: Period) -> dict[str, Any] | None:
    """The kept sums of ``period`` (as :func:`shape` gives them), or None when none are kept or they are stale (a
    day refreshed since). The caller checks that no day of the period is pending."""
    if not _whole_days(period):
        return None
    found = (RollupPeriod.objects.filter(first_day=period.first_day, last_day=period.last_day)
             .values_list("stamp", "groups").first())
    if found is None or not _current(period, found[0], _newest_stamp(period.first_day, period.last_day)):
        return None
    try:
        return _unpack(found[1])
    except (pickle.UnpicklingError, zlib.error, EOFError, AttributeError, KeyError, TypeError, ValueError):
        logger.warning("report.rollup kept figures of %s..%s unreadable: summed again", period.first_day,
                       period.last_day)
        return None


def kept_received(periods: list[Period]) -> list[dict[str, int] | None]:
    """For each of ``periods``, the cases received in it per kind as kept by the fold, or None where nothing valid
    is kept (a day pending or refreshed since, or never kept): the caller counts those from the raw tables."""
    dirty = pending()["days"]
    stamps = dict(RollupDay.objects.values_list("day", "stamp"))
    found = {(row[0], row[1]): row for row in RollupPeriod.objects.filter(
        first_day__in=[p.first_day for p in periods]).values_list("first_day", "last_day", "stamp", "received")}
    out: list[dict[str, int] | None] = []
    for period in periods:
        row = found.get((period.first_day, period.last_day))
        newest = max((stamp for day, stamp in stamps.items() if period.first_day <= day <= period.last_day), default=0)
        valid = (row is not None and _current(period, row[2], newest)
                 and not any(period.first_day <= day <= period.last_day for day in dirty))
        out.append(row[3] if valid else None)
    return out


# --- reading -----------------------------------------------------------------------------------------------------

def spans(period: Period, dirty: set[date]) -> tuple[list[date], list[date], list[date]]:
    """The clean half-years and months wholly inside ``period`` (read from their rows) and its other clean days."""
    halves, months, days = [], [], []
    day, last = period.first_day, period.last_day
    dirty_sorted = sorted(d for d in dirty if day <= d <= last)

    def clean(first: date, end: date) -> bool:
        return end - timedelta(days=1) <= last and not any(first <= d < end for d in dirty_sorted)

    while day <= last:
        if day.day == 1 and day.month in (1, 7) and clean(day, _half_end(day)):
            halves.append(day)
            day = _half_end(day)
        elif day.day == 1 and clean(day, _month_end(day)):
            months.append(day)
            day = _month_end(day)
        else:
            if day not in dirty:
                days.append(day)
            day += timedelta(days=1)
    return halves, months, days


def kept_halves(period: Period, dirty: set[date]) -> tuple[list[dict[str, Any]], set[date]]:
    """For a range holding whole clean half-years, what the fold kept of each (as :func:`kept` gives it), and their
    first days: the caller reads the rest of the range (:func:`read` ``without`` them) and merges (:func:`merge`).
    Three half-years read as their stored rows took 2.8 s at a million cases, most of it decoding them."""
    parts, used = [], set()
    for first in spans(period, dirty)[0]:
        half = Period(first.isoformat(), _utc(first), _utc(_half_end(first)))
        found = kept(half)
        if found is not None:
            parts.append(found)
            used.add(first)
    return parts, used


def read(period: Period, dirty: set[date], without: set[date] = frozenset()) -> dict[tuple, Any]:
    """The stored sums of the clean part of ``period``: {(figure, key): sums or seconds}; the half-years starting
    on a day in ``without`` are left out (the caller has them kept)."""
    halves, months, days = spans(period, dirty)
    halves = [first for first in halves if first not in without]
    groups: dict[tuple, Any] = {}
    where = Q(pk__in=[])
    for first, last in day_ranges(halves):
        where |= Q(grain=HALF, day__gte=first, day__lte=last)
    for first, last in day_ranges(months):
        where |= Q(grain=MONTH, day__gte=first, day__lte=last)
    for first, last in day_ranges(days):
        where |= Q(grain=DAY, day__gte=first, day__lte=last)
    for figure, key, *values in RollupRow.objects.filter(where).values_list("figure", "key", "a", "b", "c", "d",
                                                                            "seconds").iterator(5000):
        add_row(groups, figure, key, values)
    return groups


def add_computed(groups: dict[tuple, Any], computed: dict[tuple, Any]) -> None:
    """Add :func:`compute`'s per-day groups into ``groups`` (summed over the days)."""
    for (figure, _day_, key), value in computed.items():
        if figure in DURATIONS:
            groups.setdefault((figure, key), []).extend(value)
        else:
            sums = groups.setdefault((figure, key), [0, 0, 0, 0])
            for i, v in enumerate(value):
                sums[i] += v


def shape(groups: dict[tuple, Any]) -> dict[str, Any]:
    """Summed groups ({(figure, key): sums or seconds}) as plain parts in the shapes of the raw queries
    (``queries.raw_figures``): facts rows, item rows, per kind the project sums (:func:`project_sums`), the Santa
    Clara flags and restricted items, and the durations per figure and (kind, source) as a list of sorted runs (one here; several
    once :func:`merge` has added periods together). Plain data only: :func:`keep_periods` stores it as it is."""
    facts, items, combos, flags, actioned = [], [], [], [], []
    durations: dict[str, dict[tuple, list[int]]] = {}
    for (figure, key), value in groups.items():
        if figure == FACTS:
            if value[0]:
                row = dict(zip(DIMENSIONS, key))
                row.update(n=value[0], potentially=value[1], actually=value[2], notified=value[3])
                facts.append(row)
        elif figure == ITEMS:
            if value[0]:
                items.append({"case__kind": key[0], "project": key[1], "action": key[2], "items": value[0],
                              "restored": value[1]})
        elif figure == COMBOS:
            if value[0]:
                combos.append((*key, *value[:3]))
        elif figure == FLAGS:
            if value[0]:
                flags.append({**dict(zip(FLAG_FIELDS, key)), "n": value[0]})
        elif figure == ACTIONED:
            if value[0]:
                actioned.append({"content_ground": key[0], "country": key[1], "items": value[0]})
        elif figure in DURATIONS:
            if value:
                durations.setdefault(figure, {})[key] = [sorted(value)]  # sorted runs, read as queries.Seconds
    return {"facts": facts, "items": items, "project_cases": project_sums(combos), "flags": flags,
            "actioned": actioned, "durations": durations}


def _add(into: dict, key, values) -> None:
    sums = into.get(key)
    if sums is None:
        into[key] = list(values)
    else:
        for i, value in enumerate(values):
            sums[i] += value


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Several periods' parts (as :func:`shape` gives them) as one: the rows and sums :func:`shape` gives for the
    periods together (rows with equal categories added up; each group's durations the runs of all)."""
    if len(parts) == 1:
        return parts[0]
    keyed = {"facts": (DIMENSIONS, ("n", "potentially", "actually", "notified")),
             "items": (("case__kind", "project", "action"), ("items", "restored")),
             "flags": (FLAG_FIELDS, ("n",)), "actioned": (("content_ground", "country"), ("items",))}
    out: dict[str, Any] = {}
    for name, (fields, measures) in keyed.items():
        sums: dict[tuple, list] = {}
        for part in parts:
            for row in part[name]:
                _add(sums, tuple(row[f] for f in fields), [row[m] for m in measures])
        out[name] = [{**dict(zip(fields, key)), **dict(zip(measures, values))} for key, values in sums.items()]
    projects: dict[str, dict[str, dict]] = {}
    durations: dict[str, dict[tuple, list]] = {}
    for part in parts:
        for kind, sums in part["project_cases"].items():
            mine = projects.setdefault(kind, {"projects": {}, "names": {}})
            for table in ("projects", "names"):
                for key, values in sums[table].items():
                    _add(mine[table], key, values)
        for name, groups in part["durations"].items():
            for key, runs in groups.items():
                durations.setdefault(name, {}).setdefault(key, []).extend(runs)
    return {**out, "project_cases": projects, "durations": durations}


def project_sums(rows: Iterable[tuple]) -> dict[str, dict[str, dict]]:
    """The sums the project tables are made of, from rows (kind, outcome, names, project, cases, named, acted): the
    ``cases`` of that kind and outcome naming exactly the projects ``names`` (sorted), and of their items on
    ``project`` those named and acted on. Per kind:

    - ``projects``: per project, [requests naming it, requests naming only it, of those granted, items named,
      items acted on];
    - ``names``: per set of projects named together, [requests, granted, items named, items acted on]: which of
      them name several of the platform's projects or only other sites is the site configuration's say, asked when
      the report is built (sections.project_table), so it is not summed here.

    A few hundred numbers per kind however many cases, where the cases themselves were 15,000 entries per half-year at
    a million cases (a fifth of the report's time to read back and go through)."""
    out: dict[str, dict[str, dict]] = {}
    for kind, outcome, names, project, cases, named, acted in rows:
        sums = out.get(kind)
        if sums is None:
            sums = out[kind] = {"projects": {}, "names": {}}
        granted = cases if outcome in c.GRANTING_OUTCOMES else 0
        per_project = sums["projects"].get(project)
        if per_project is None:
            per_project = sums["projects"][project] = [0, 0, 0, 0, 0]
        per_project[0] += cases
        if len(names) == 1:
            per_project[1] += cases
            per_project[2] += granted
        per_project[3] += named
        per_project[4] += acted
        together = sums["names"].get(names)
        if together is None:
            together = sums["names"][names] = [0, 0, 0, 0]
        if project == names[0]:  # each request once, not once per project it names
            together[0] += cases
            together[1] += granted
        together[2] += named
        together[3] += acted
    return out
