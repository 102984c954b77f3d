"""The bulk files for researchers: every table as CSV and JSON Lines (gzip) and Parquet, with a data package.

A *release* is a directory holding, for each table, ``<table>.csv.gz``, ``<table>.jsonl.gz`` and
``<table>.parquet`` (Parquet compresses inside, with zstd), a Frictionless Data Package descriptor
(``datapackage.json``: a Table Schema per file, the licences, the sha256 of each file in ``hash``, the changelog)
and ``CHANGELOG.md``. ``build_release`` writes one into a fresh directory and swaps it in whole, so a reader never
sees half a release.

- ``latest/``: every published notice, the figures of every closed half-year, every case; rebuilt daily by the
  task worker (``tasks.regenerate_daily``) and by ``rightsdesk export opendata``.
- ``periods/<slug>/``: the same for one closed half-year (notices decided in it, its figures, cases received in
  it), written once when the period closes.

The tables (docs/open-data.md describes every column):

- ``notices``, ``notice_items``, ``notice_instruments``: the reviewed public record only (``bulk_notices``).
- ``report_figures``: each figure of the period reports, as the public report shows it (``reports.cache
  .cached_report``: small counts already withheld by ``reports.disclosure``).
- ``cases``: one row per case, de-identified: categories and days only, no free text, no names, no reference;
  see :func:`case_rows` for the small-cell rule.
"""

from __future__ import annotations

import copy
import csv
import gzip
import hashlib
import io
import json
import os
import shutil
from collections import Counter
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from pathlib import Path

from django.conf import settings
from django.db.models import Max, Min, Q
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core.cells import csv_row
from rightsdesk.core.public_urls import public_url
from rightsdesk.laws.models import CaseInstrument
from rightsdesk.reports.cache import cached_report
from rightsdesk.reports.disclosure import SENSITIVE_ROWS, THRESHOLD
from rightsdesk.reports.periods import Period, half_years_between
from rightsdesk.reports.structure import Withheld, csv_value
from rightsdesk.transparency.models import PublicRecord

from . import bulk_notices, conf
from .tables import Column, Table

FORMAT_VERSION = "1.0.0"
FIGURES_LICENCE = CASES_LICENCE = "CC0-1.0"
LICENCES = {
    "CC0-1.0": {"name": "CC0-1.0", "title": "Creative Commons Zero v1.0 Universal",
                "path": "https://creativecommons.org/publicdomain/zero/1.0/"},
    "CC-BY-4.0": {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                  "path": "https://creativecommons.org/licenses/by/4.0/"},
}
#: What changed in the files' format, newest first: the package's ``changelog`` and CHANGELOG.md.
CHANGELOG = [
    {"version": "1.0.0", "date": "2026-12-03",
     "changes": "First release: notices, notice items, notice instruments, report figures and the de-identified "
                "case table, each as CSV, JSON Lines and Parquet, with a Frictionless data package."},
]
FORMATS = {
    "csv": {"suffix": ".csv.gz", "mediatype": "text/csv", "compression": "gz"},
    "jsonl": {"suffix": ".jsonl.gz", "mediatype": "application/jsonl", "compression": "gz"},
    "parquet": {"suffix": ".parquet", "mediatype": "application/vnd.apache.parquet", "compression": None},
}
#: Kinds left out of the case table: those the report protects in every range (harm reports, emergencies).
SENSITIVE_KINDS = frozenset(SENSITIVE_ROWS[("overview", "by_kind")])
WITHHELD_COUNTRY = "withheld"


# --------------------------------------------------------------------------- the figures


FIGURE_COLUMNS = [
    Column("period", "string", "The reporting period (e.g. 2025-H2).", True),
    Column("section", "string", "Section of the report.", True),
    Column("table", "string", "Table within the section.", True),
    Column("row", "string", "Row key.", True),
    Column("column", "string", "Column key.", True),
    Column("value", "number", "The figure; empty when there is none or it is withheld."),
    Column("shown", "string", "The figure as the public report shows it: the number, '<5' or 'hidden'."),
    Column("suppressed", "boolean", "Withheld so that no one can be singled out (reports/disclosure.py).", True),
]


def closed_half_years(now: datetime | None = None) -> list[Period]:
    """Every half-year that has ended, from the one of the first case received, oldest first."""
    now = now or timezone.now()
    first = Case.objects.aggregate(first=Min("received_at"))["first"]
    if first is None:
        return []
    return [p for p in reversed(half_years_between(first, now)) if p.end <= now]


def figure_rows(periods: list[Period]):
    for period in periods:
        report = cached_report(period)  # the public report: small counts withheld
        for section, table, row, column, value in report.cells():
            withheld = isinstance(value, Withheld)
            yield {"period": period.slug, "section": section, "table": table, "row": row, "column": column,
                   "value": None if withheld or value is None else value, "shown": csv_value(value),
                   "suppressed": withheld}


# --------------------------------------------------------------------------- the de-identified cases


CASE_COLUMNS = [
    Column("row", "integer", "Row number in this file (not a case reference: it changes between releases).", True),
    Column("kind", "string", "Kind of request (harm reports and emergency disclosures are left out).", True,
           tuple(k for k in c.Kind.values if k not in SENSITIVE_KINDS)),
    Column("country", "string", "Country the request came from (ISO 3166-1 alpha-2); empty when unknown, "
                                "'withheld' when fewer than 5 cases share its kind, country and requester type."),
    Column("requester_type", "string", "Who asked.", True, tuple(c.RequesterType.values)),
    Column("instruments", "string", "Keys of the legal instruments invoked (laws registry), space-separated."),
    Column("channel", "string", "How the request arrived.", enum=tuple(c.Source.values)),
    Column("received_on", "date", "Day received (UTC).", True),
    Column("decided_on", "date", "Day decided (UTC); empty while open."),
    Column("closed_on", "date", "Day closed (UTC); empty while open."),
    Column("outcome", "string", "The decision; empty while open.", enum=tuple(c.Outcome.values)),
]


def case_rows(start=None, end=None) -> list[dict]:
    """One row per case, with categories and days only.

    No free text, no names, no reference, nothing encrypted is read. Harm reports and emergency disclosures are
    left out (the period report protects them in every range that is not a standard period). A country shared by
    fewer than ``reports.disclosure.THRESHOLD`` (5) cases of the same kind and requester type in the file is
    written ``withheld``: with a day and a kind, a rare country could single a requester out.
    """
    qs = Case.objects.exclude(kind__in=SENSITIVE_KINDS)
    if start is not None:
        qs = qs.filter(received_at__gte=start)
    if end is not None:
        qs = qs.filter(received_at__lt=end)
    cases = list(qs.order_by("received_at", "id").values(
        "id", "kind", "country", "requester_type", "source", "received_at", "decided_at", "closed_at", "outcome"))
    instruments: dict[int, list[str]] = {}
    for case_id, key in (CaseInstrument.objects.filter(case_id__in=[row["id"] for row in cases])
                         .order_by("instrument__key").values_list("case_id", "instrument__key")):
        instruments.setdefault(case_id, []).append(key)
    cells = Counter((row["kind"], row["country"], row["requester_type"]) for row in cases)

    def day(moment):
        return moment.astimezone(dt_timezone.utc).date().isoformat() if moment else None

    rows = []
    for n, row in enumerate(cases, start=1):
        country = row["country"] or ""
        if country and cells[(row["kind"], row["country"], row["requester_type"])] < THRESHOLD:
            country = WITHHELD_COUNTRY
        rows.append({"row": n, "kind": row["kind"], "country": country, "requester_type": row["requester_type"],
                     "instruments": " ".join(instruments.get(row["id"], [])), "channel": row["source"],
                     "received_on": day(row["received_at"]), "decided_on": day(row["decided_at"]),
                     "closed_on": day(row["closed_at"]), "outcome": row["outcome"] or ""})
    return rows


# --------------------------------------------------------------------------- the tables of a release


def tables(period: Period | None = None, now: datetime | None = None) -> list[Table]:
    start, end = (period.start, period.end) if period else (None, None)
    periods = [period] if period else closed_half_years(now)
    return [
        *bulk_notices.notice_tables(start.date() if start else None, end.date() if end else None),
        Table("report_figures", "Figures of the period reports",
              "Every figure of the transparency report of each closed half-year, as the public report shows it "
              "(counts from 1 to 4 withheld where the report withholds them).",
              FIGURES_LICENCE, FIGURE_COLUMNS, lambda: figure_rows(periods)),
        Table("cases", "De-identified cases",
              "One row per request received: its kind, country, requester type, instruments, channel, days and "
              "outcome. No free text, names or references.",
              CASES_LICENCE, CASE_COLUMNS, lambda: case_rows(start, end), primary_key=["row"]),
    ]


# --------------------------------------------------------------------------- writing


def _arrow_schema(columns: list[Column]):
    import pyarrow as pa

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(),
             "date": pa.date32(), "datetime": pa.timestamp("s", tz="UTC")}
    return pa.schema([pa.field(col.name, types[col.type]) for col in columns])


def _arrow_value(col: Column, value):
    if value in (None, ""):
        return None if col.type != "string" else (value if value is not None else None)
    if col.type == "date":
        return datetime.fromisoformat(value).date()
    if col.type == "datetime":
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


def _write_csv(path: Path, table: Table, rows: list[dict]) -> None:
    names = [col.name for col in table.columns]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz, \
            io.TextIOWrapper(gz, encoding="utf-8", newline="") as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow(csv_row("" if row.get(n) is None else ("true" if row.get(n) is True else "false"
                                    if row.get(n) is False else row.get(n)) for n in names))


def _write_jsonl(path: Path, table: Table, rows: list[dict]) -> None:
    names = [col.name for col in table.columns]
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for row in rows:
            gz.write((json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n").encode("utf-8"))


def _write_parquet(path: Path, table: Table, rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(table.columns)
    data = {col.name: [_arrow_value(col, row.get(col.name)) for row in rows] for col in table.columns}
    pq.write_table(pa.table(data, schema=schema), path, compression="zstd")


WRITERS = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _resource(table: Table, fmt: str, path: Path, count: int) -> dict:
    spec = FORMATS[fmt]
    schema = copy.deepcopy(table.schema())
    for key in schema.get("foreignKeys", []):
        key["reference"]["resource"] = f"{key['reference']['resource']}-{fmt}"
    resource = {
        "name": f"{table.name.replace('_', '-')}-{fmt}", "title": table.title, "description": table.description,
        "path": path.name, "format": fmt, "mediatype": spec["mediatype"], "encoding": "utf-8",
        "bytes": path.stat().st_size, "hash": f"sha256:{sha256_of(path)}", "rows": count,
        "schema": schema, "licenses": [LICENCES[table.licence]],
    }
    if spec["compression"]:
        resource["compression"] = spec["compression"]
    return resource


def _changelog_md(package: dict) -> str:
    lines = ["# Changelog of the open data files", "",
             f"This release: {package['created']} ({package['title']}).", ""]
    for entry in CHANGELOG:
        lines += [f"## {entry['version']} ({entry['date']})", "", entry["changes"], ""]
    return "\n".join(lines)


def write_release(out_dir: Path, *, period: Period | None = None, now: datetime | None = None) -> dict:
    """Write every table in every format, ``datapackage.json`` and ``CHANGELOG.md`` into ``out_dir``."""
    now = now or timezone.now()
    out_dir.mkdir(parents=True, exist_ok=True)
    resources = []
    for table in tables(period, now):
        rows = list(table.rows())
        for fmt, writer in WRITERS.items():
            if fmt == "jsonl" and not rows:
                continue  # an empty JSON Lines file has no first row to read its keys from: CSV and Parquet say it
            # Foreign keys name the resource of the same format (notices-csv for notice-items-csv, ...).
            path = out_dir / f"{table.name}{FORMATS[fmt]['suffix']}"
            writer(path, table, rows)
            resources.append(_resource(table, fmt, path, len(rows)))
    scope = f"the half-year {period.slug}" if period else "everything published to date"
    package = {
        "name": f"rightsdesk-open-data-{period.slug.lower()}" if period else "rightsdesk-open-data",
        "title": f"{settings.RIGHTSDESK['PLATFORM_NAME']}: legal requests, open data ({scope})",
        "description": "Published notices (the reviewed public record), the transparency report's figures and a "
                       "de-identified table of cases. See docs/open-data.md for every file and column.",
        "version": FORMAT_VERSION,
        "created": now.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "homepage": public_url("/en/data/"),
        "licenses": [LICENCES["CC0-1.0"]],
        "keywords": ["transparency", "takedown notices", "legal requests", "Lumen", "DSA"],
        "resources": resources,
        "changelog": CHANGELOG,
    }
    if period:
        package["period"] = period.as_dict()
    (out_dir / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n",
                                              encoding="utf-8")
    (out_dir / "CHANGELOG.md").write_text(_changelog_md(package), encoding="utf-8")
    # When the release was built, to the microsecond (the package's "created" has seconds): holds_stale compares
    # withdrawals and rewrites with it. Then the highest public record id once the notices had been read
    # (_last_record). Not listed in the package, so the data page never serves it.
    last = PublicRecord.objects.aggregate(last=Max("pk"))["last"] or 0
    (out_dir / BUILT).write_text(f"{now.isoformat()}\n{last}\n", encoding="utf-8")
    return package


def build_release(target: Path, *, period: Period | None = None, now: datetime | None = None) -> dict:
    """Write a release beside ``target`` and swap it in whole (the old one is removed after the swap)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.parent / f".{target.name}.new"
    old = target.parent / f".{target.name}.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    package = write_release(fresh, period=period, now=now)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return package


def latest_dir() -> Path:
    return conf.data_dir() / "latest"


def period_dir(period: Period) -> Path:
    return conf.data_dir() / "periods" / period.slug


#: The file beside a release's package that says when it was built, to the microsecond, and, on a second line, the
#: highest public record id once its notices had been read (:func:`_last_record`).
BUILT = ".built"


def _built_line(target: Path, n: int) -> str:
    try:
        return (target / BUILT).read_text(encoding="utf-8").split()[n]
    except (OSError, IndexError):
        return ""


def _built_at(target: Path) -> datetime | None:
    """When the release in ``target`` was built, or None when there is none. A release written before the
    ``.built`` file existed gives its package's ``created`` (whole seconds: a second earlier, to be safe)."""
    try:
        return datetime.fromisoformat(_built_line(target, 0))
    except ValueError:
        pass
    try:
        created = json.loads((target / "datapackage.json").read_text(encoding="utf-8"))["created"]
        return datetime.fromisoformat(created.replace("Z", "+00:00")) - timedelta(seconds=1)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _last_record(target: Path) -> int | None:
    """The highest public record id once the notices of the release in ``target`` had been read, or None when not
    known (a release built before it was written down). A record is created when first published, so one with a
    higher id was first published after the read and is not in the release.

    Not the records' ``published_at``: staff publishing again sets it anew (only the redaction re-check keeps it),
    and a release's built time is taken before its notices are read, so a notice published in between is in it.
    An id read after the notices is above every id they hold, whatever order the publications committed in."""
    try:
        return int(_built_line(target, 1))
    except ValueError:
        return None


def holds_stale(target: Path, period: Period | None = None, *, changed=None) -> bool:
    """Whether the release in ``target`` may hold a notice as the log no longer shows it: withdrawn, or its texts
    written again (``PublicRecord.texts_written_at``: redacted further, published again, or first published) since
    the release was built; or, ``changed`` given, one of those notices (a queryset: :func:`after_change`).

    Withdrawal and further redaction are the remedies when something private was published: the notice must leave
    every file the data page serves as it was, not only the log. A closed half-year's release is otherwise written
    once, and ``latest/`` daily.

    ``latest/`` holds every notice. A half-year's release holds those decided in it *when it was built*: a decision
    made anew and published again moves the notice's ``decided_on`` to another half-year, so a changed notice
    decided elsewhere now is looked up in the release's own notices table (:func:`_holds_any`), unless first
    published after the release was read (:func:`_last_record`): every notice published since would otherwise be,
    every day, for every old half-year. One decided in it counts however new: it joins the release. ``latest/``
    counts every change, as it must hold every notice (and it is written daily anyway)."""
    if changed is None:
        built = _built_at(target)
        if built is None:
            return False
        changed = PublicRecord.objects.filter(Q(unpublished_at__gt=built) | Q(texts_written_at__gt=built))
    if period is None:
        return changed.exists()
    decided_in_it = Q(decided_on__gte=period.start.date(), decided_on__lt=period.end.date())
    elsewhere = changed.exclude(decided_in_it)
    last = _last_record(target)
    if last is not None:
        elsewhere = elsewhere.filter(pk__lte=last)  # first published after the release was read: not in it
    return changed.filter(decided_in_it).exists() or _holds_any(target, elsewhere)


#: How many public ids one look-up names (:func:`_holds_any`).
_IDS_PER_QUERY = 2000


def _holds_any(target: Path, records) -> bool:
    """Whether the release in ``target`` holds one of ``records``, by the public ids in its own notices table (the
    column every reader sees: nothing more is kept beside the release). A table that cannot be read tells nothing:
    then any such record makes the release be written again, after which it can be read.

    The look-up goes by the smaller side: a few records (a change's task) against the ids read, or, when many
    notices changed since (a redaction re-check that redacted many further), the ids read, in batches, against the
    database."""
    some = list(records.values_list("public_id", flat=True)[:_IDS_PER_QUERY + 1])
    if not some:
        return False
    held = _held_ids(target)
    if held is None:
        return True
    if len(some) <= _IDS_PER_QUERY:
        return not held.isdisjoint(some)
    ordered = sorted(held)
    return any(records.filter(public_id__in=ordered[i:i + _IDS_PER_QUERY]).exists()
               for i in range(0, len(ordered), _IDS_PER_QUERY))


def _held_ids(target: Path) -> frozenset[str] | None:
    """The public ids of the notices in the release in ``target`` (its ``notices.parquet``), or None when they cannot
    be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        column = pq.read_table(target / "notices.parquet", columns=["public_id"]).column("public_id")
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None
    return frozenset(column.to_pylist())


def regenerate(now: datetime | None = None) -> dict:
    """The daily run: rebuild ``latest/``, write the release of each closed half-year that has none yet, and write
    again each one that holds a notice changed since it was built (:func:`holds_stale`)."""
    now = now or timezone.now()
    return {"latest": build_release(latest_dir(), now=now)["created"],
            "periods": rebuild_periods(now, missing_too=True)}


def rebuild_periods(now: datetime | None = None, *, missing_too: bool = False,
                    holding=None, built_before: datetime | None = None) -> list[str]:
    """Write the release of each closed half-year that holds a changed notice (:func:`holds_stale`), or, built before
    ``built_before``, one of the notices ``holding`` (a queryset), and (``missing_too``) of each that has none yet;
    returns their names."""
    now = now or timezone.now()
    written = []
    for period in closed_half_years(now):
        target = period_dir(period)
        missing = not (target / "datapackage.json").exists()
        named = holding is not None and _older(target, built_before) and holds_stale(target, period, changed=holding)
        if (missing and missing_too) or (not missing and (named or holds_stale(target, period))):
            build_release(target, period=period, now=now)
            written.append(period.slug)
    return written


def _older(target: Path, than: datetime | None) -> bool:
    built = _built_at(target)
    return than is None or built is None or built < than


def after_change(record_ids=(), committed_at: datetime | None = None, now: datetime | None = None) -> dict:
    """Notices left the public log or had their texts written again: write again, now, every release that may hold
    them as they were (``latest/`` and their half-years'), rather than leave them downloadable until the next daily
    run, or for ever in a closed half-year.

    The releases of the notices ``record_ids`` are written again unless built after ``committed_at`` (when the
    change was committed: a release read after it saw it). :func:`holds_stale` alone cannot tell a release read
    while the change was not yet committed, which was built after the change was made."""
    now = now or timezone.now()
    records = PublicRecord.objects.filter(pk__in=list(record_ids))
    committed_at = committed_at or now
    written = {"latest": None, "periods": rebuild_periods(now, holding=records, built_before=committed_at)}
    if (_older(latest_dir(), committed_at) and holds_stale(latest_dir(), changed=records)) or holds_stale(latest_dir()):
        written["latest"] = build_release(latest_dir(), now=now)["created"]
    return written
