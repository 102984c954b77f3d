"""The demo data set for the tests that read it: built once per test process and seed, then copied in.

Building the demo costs 30–60 CPU-seconds on SQLite and two to three times that on PostgreSQL, and seven test
modules read it. Each used to build its own; the suite spent a quarter of its time building the same data again.
Now the first module to ask builds it (inside its own rolled-back transaction, as before) and a copy of every
table's rows is kept in memory; each later module gets that copy written back inside its transaction: every table
emptied, the copy inserted (``executemany`` on SQLite, ``COPY`` on PostgreSQL), the sequences moved past it.

The copy is the database exactly as the build left it, whatever the module found there before, so a module reads
the same data whether it built the demo or received the copy. ``test_a_restored_copy_is_the_demo_as_built``
(tests/core/test_demo.py) holds the copy to the build.

Not copied: files the build wrote under ``RIGHTSDESK_HOME`` (attachments, open data). They stay on disk from the
first build, because the home is the same for the whole process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.utils import timezone

#: seed -> the copy of the database after ``demo.build(seed)``.
_copies: dict[int, "Copy"] = {}


@dataclass
class Table:
    name: str
    columns: list[str]
    rows: list[tuple] | bytes  # tuples on SQLite, COPY text on PostgreSQL


@dataclass
class Copy:
    tables: list[Table] = field(default_factory=list)
    #: The days (UTC) its build began and ended: the demo dates its open cases, and so their titles, relative to the
    #: day of the build.
    built_on: tuple[date, ...] = ()


def built_on(seed: int) -> tuple[date, ...]:
    """The days the copy of ``seed`` was built (when its build began and ended); () before it is built."""
    copy = _copies.get(seed)
    return copy.built_on if copy is not None else ()


def load(seed: int) -> None:
    """Fill the database with the demo of ``seed``: build it the first time, write the copy back after that.

    Call it inside a transaction that is rolled back at the end (the module fixtures do)."""
    from rightsdesk import demo

    copy = _copies.get(seed)
    if copy is None:
        began = timezone.now().date()
        demo.build(seed=seed, write=lambda *_: None)
        _copies[seed] = capture()
        _copies[seed].built_on = (began, timezone.now().date())
    else:
        restore(copy)


def _tables() -> list[str]:
    """Every table with data of its own: not SQLite's bookkeeping, not the FTS index's shadow tables (the virtual
    table itself is copied and rebuilds them), not the migrations' record (the same in every copy)."""
    names = connection.introspection.table_names()
    virtual = set()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
            virtual = {row[0] for row in cursor.fetchall()}
    shadows = {n for n in names for v in virtual if n.startswith(f"{v}_")}
    return sorted(n for n in names if n not in shadows and not n.startswith("sqlite_") and n != "django_migrations")


def _columns(cursor, table: str) -> list[str]:
    """The columns a row can be written with: on PostgreSQL not the generated ones (the search vector)."""
    if connection.vendor == "postgresql":
        cursor.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                       "AND table_name = %s AND is_generated = 'NEVER' ORDER BY ordinal_position", [table])
        return [row[0] for row in cursor.fetchall()]
    cursor.execute(f'SELECT rowid AS "rowid", * FROM "{table}" LIMIT 0' if _is_virtual(cursor, table)
                   else f'SELECT * FROM "{table}" LIMIT 0')
    return [d[0] for d in cursor.description]


def _is_virtual(cursor, table: str) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s AND sql LIKE 'CREATE VIRTUAL TABLE%%'", [table])
    return cursor.fetchone() is not None


def _column_list(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def capture() -> Copy:
    copy = Copy()
    with connection.cursor() as cursor:
        for name in _tables():
            columns = _columns(cursor, name)
            if connection.vendor == "postgresql":
                raw = cursor.cursor  # psycopg's own cursor: COPY keeps every type exactly as stored
                with raw.copy(f'COPY "{name}" ({_column_list(columns)}) TO STDOUT') as out:
                    rows: list[tuple] | bytes = b"".join(bytes(chunk) for chunk in out)
            else:
                cursor.execute(f'SELECT {_column_list(columns)} FROM "{name}"')
                rows = cursor.fetchall()
            copy.tables.append(Table(name, columns, rows))
    return copy


def restore(copy: Copy) -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        # Foreign keys are checked at commit (Django declares them deferred on both databases), so the order of the
        # deletes and inserts does not matter as long as the whole copy is in by then.
        for table in copy.tables:
            cursor.execute(f'DELETE FROM "{table.name}"')
        for table in copy.tables:
            if not table.rows:
                continue
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{table.name}" ({_column_list(table.columns)}) FROM STDIN') as into:
                    into.write(table.rows)
            else:
                marks = ", ".join(["%s"] * len(table.columns))
                cursor.executemany(f'INSERT INTO "{table.name}" ({_column_list(table.columns)}) VALUES ({marks})',
                                   table.rows)
        if connection.vendor == "postgresql":
            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
                cursor.execute(sql)
