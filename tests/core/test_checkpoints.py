"""On SQLite, ``rightsdesk serve``'s requests make no WAL checkpoint of their own: a thread copies the log back
into the database file, on the other core, while requests go on (core/checkpoints.py)."""

from __future__ import annotations

import shutil
import sqlite3
import time

import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from rightsdesk.core import checkpoints

#: Each row fills a page or two: more than the 1,000 pages at which SQLite would checkpoint on its own.
ROWS, PAYLOAD = 3000, b"x" * 3000


@pytest.fixture(autouse=True)
def own_databases(django_db_blocker):
    """These tests open SQLite files of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


def sqlite_settings(path) -> dict:
    """A ``DATABASES`` entry as Django completes it (settings.py's own options for SQLite)."""
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "ATOMIC_REQUESTS": False, "AUTOCOMMIT": True,
            "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "TIME_ZONE": None, "USER": "", "PASSWORD": "", "HOST": "",
            "PORT": "", "TEST": {},
            "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}}


def write_rows(database: dict) -> DatabaseWrapper:
    """A server's connection (Django's, opened after the take-over) commits ROWS rows, a hundred at a time."""
    wrapper = DatabaseWrapper(database, alias="checkpoint-test")
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)")
        for start in range(0, ROWS, 100):
            with wrapper.cursor() as c:
                c.executemany("INSERT INTO t (payload) VALUES (%s)", [(PAYLOAD,)] * 100)
    return wrapper


def rows_in_the_database_file_alone(path, tmp_path) -> int:
    """What a reader finds in the database file without its log: what has been checkpointed. A copy taken while a
    checkpoint is writing into the file may be torn (-1: not settled; ask again)."""
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)
    with sqlite3.connect(copy) as db:
        try:
            return db.execute("SELECT COUNT(*) FROM t").fetchone()[0]
        except sqlite3.OperationalError:  # not even the table's creation has been copied back
            return 0
        except sqlite3.DatabaseError:  # "database disk image is malformed": copied in the middle of a checkpoint
            return -1


def settled_rows(path, tmp_path, seconds: float = 30) -> int:
    """The rows in the database file alone once every commit has been copied back, or what it holds at the end."""
    deadline = time.monotonic() + seconds
    while (found := rows_in_the_database_file_alone(path, tmp_path)) < ROWS and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


def test_the_servers_connections_make_no_checkpoint_and_the_thread_copies_the_whole_log_back(tmp_path):
    path = tmp_path / "server.sqlite3"
    database = sqlite_settings(path)
    keeper = checkpoints.take_over(database, interval=0.05)
    try:
        wrapper = write_rows(database)
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            assert cursor.fetchone()[0] == 0, "a server connection makes no checkpoint of its own"
        assert settled_rows(path, tmp_path) == ROWS, "the thread copied every commit back"
        # The thread counts a round after its checkpoint returns, so the file can hold the rows a moment before the
        # count does (seen once under load in CI: frames 0, rounds 0, every row already copied back).
        deadline = time.monotonic() + 10
        while keeper.frames <= ROWS / 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert keeper.frames > ROWS / 2 and keeper.failures == 0
        wrapper.close()
    finally:
        keeper.stop.set()
        keeper.thread.join(5)
    assert not keeper.thread.is_alive()


def test_without_the_thread_nothing_is_copied_back_and_other_processes_keep_their_own_checkpoints(tmp_path):
    taken = sqlite_settings(tmp_path / "taken.sqlite3")
    keeper = checkpoints.take_over(taken, interval=3600)  # the thread never gets to a round
    try:
        wrapper = write_rows(taken)  # (the last connection to close checkpoints: it stays open until the count)
        assert rows_in_the_database_file_alone(tmp_path / "taken.sqlite3", tmp_path) == 0
        wrapper.close()
    finally:
        keeper.stop.set()
    ordinary = sqlite_settings(tmp_path / "ordinary.sqlite3")  # a command's or db_worker's connection
    wrapper = write_rows(ordinary)
    with wrapper.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        assert cursor.fetchone()[0] == 1000
    assert rows_in_the_database_file_alone(tmp_path / "ordinary.sqlite3", tmp_path) >= ROWS // 2, (
        "SQLite checkpoints on its own every 1,000 pages")
    wrapper.close()


def test_a_failed_round_is_logged_and_tried_again(tmp_path, monkeypatch, caplog):
    path = tmp_path / "flaky.sqlite3"
    real_connect, calls = sqlite3.connect, []

    def connect(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(checkpoints.sqlite3, "connect", connect)
    keeper = checkpoints.take_over(sqlite_settings(path), interval=0.02)
    try:
        deadline = time.monotonic() + 10
        while keeper.rounds < 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert keeper.failures == 1 and keeper.rounds >= 3
    finally:
        keeper.stop.set()
        keeper.thread.join(5)
    assert "A WAL checkpoint of the database failed (1 so far)" in caplog.text


@pytest.mark.parametrize("database", [
    {"ENGINE": "django.db.backends.postgresql", "NAME": "rightsdesk"},
    {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
    {"ENGINE": "django.db.backends.sqlite3", "NAME": "file:memorydb_default?mode=memory&cache=shared"},
])
def test_only_an_sqlite_file_is_taken_over(database):
    before = {**database}
    assert checkpoints.take_over(database) is None
    assert database == before


def test_a_thread_that_began_before_the_database_was_switched_to_wal_still_copies_the_log_back(tmp_path):
    """A server started before ``rightsdesk migrate`` made its database: the thread's first rounds find a file in
    no WAL mode (here: no file at all). Its connection must not go on seeing it that way once the log exists."""
    path = tmp_path / "made-later.sqlite3"
    database = sqlite_settings(path)
    keeper = checkpoints.take_over(database, interval=0.01)
    try:
        deadline = time.monotonic() + 10
        while keeper.rounds < 3 and time.monotonic() < deadline:  # rounds before the database is WAL
            time.sleep(0.01)
        assert keeper.rounds >= 3
        wrapper = write_rows(database)
        assert settled_rows(path, tmp_path, seconds=10) == ROWS
        assert keeper.failures == 0
        wrapper.close()
    finally:
        keeper.stop.set()
        keeper.thread.join(5)


def test_two_servers_checkpointing_one_database_do_not_take_each_other_for_failures(tmp_path):
    path = tmp_path / "shared.sqlite3"
    first, second = sqlite_settings(path), sqlite_settings(path)
    keepers = [checkpoints.take_over(first, interval=0.001), checkpoints.take_over(second, interval=0.001)]
    try:
        wrapper = write_rows(first)
        assert settled_rows(path, tmp_path) == ROWS
        wrapper.close()
    finally:
        for keeper in keepers:
            keeper.stop.set()
            keeper.thread.join(5)
    assert [k.failures for k in keepers] == [0, 0] and all(k.rounds for k in keepers)
