"""Public pages read from a real PostgreSQL streaming replica, and fall back to the primary when it goes away.

On the PostgreSQL suite a standby is made of the test primary that ``./run test`` started (``pg_basebackup -R``, a
second server in hot-standby on its own port). ``rightsdesk serve`` runs with ``DATABASE_URL`` on the primary and
``DATABASE_REPLICA_URLS`` on the standby:

- while the standby's replay is paused, a change on the primary is not on the public notice page nor found by the
  log's search: both are read from the standby; when replay resumes, the change appears;
- a public form (a write) still works and its receipt reads what it wrote;
- when the standby is stopped, the page is served from the primary, without an error.

On SQLite there is no replica to test (the routing rules are tested in tests/core/test_replicas.py).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from .pgtools import fresh_database, primary_url
from .serverproc import Instance, free_port

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="streaming replicas are PostgreSQL's; the SQLite suite has none")]


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    assert found, f"PostgreSQL's {name} is missing: ./run test installs Debian's postgresql package"
    return str(found[-1])


def as_postgres(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """PostgreSQL refuses to run as root: its files and processes belong to the postgres user."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + args, cwd=cwd, capture_output=True, text=True, timeout=300)


class Standby:
    def __init__(self, tmp: Path):
        self.tmp, self.port = tmp, free_port()
        db = settings.DATABASES["default"]
        if os.geteuid() == 0:
            shutil.chown(tmp, user=pwd.getpwnam("postgres").pw_uid)
        done = as_postgres([pg_bin("pg_basebackup"), "-D", str(tmp / "data"), "-R", "-X", "stream", "-c", "fast",
                            "-h", db["HOST"], "-p", str(db["PORT"]), "-U", db["USER"] or "postgres"], tmp)
        assert done.returncode == 0, done.stderr
        # A standby must allow at least what the primary does (connections, workers, locks...), or it refuses.
        import psycopg

        with psycopg.connect(primary_url("postgres"), autocommit=True) as conn:
            rows = conn.execute("SELECT name, setting FROM pg_settings WHERE name IN ('max_connections', "
                                "'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', "
                                "'max_locks_per_transaction')").fetchall()
        same = " ".join(f"-c {name}={value}" for name, value in rows)
        done = as_postgres([pg_bin("pg_ctl"), "-D", str(tmp / "data"), "-l", str(tmp / "log"), "-w", "-o",
                            f"-p {self.port} -k {tmp} -c listen_addresses=127.0.0.1 -c hot_standby=on {same}",
                            "start"], tmp)
        assert done.returncode == 0, done.stderr + (tmp / "log").read_text()[-2000:]

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def sql(self, name: str, statement: str):
        import psycopg

        with psycopg.connect(self.url(name), autocommit=True) as conn:
            return conn.execute(statement).fetchall()

    def stop(self):
        as_postgres([pg_bin("pg_ctl"), "-D", str(self.tmp / "data"), "-m", "immediate", "stop"], self.tmp)


@pytest.fixture
def replicated(tmp_path):
    """A fresh database on the primary with a few published notices, a standby of it, and a server using both."""
    with fresh_database("rd_replica") as name:
        instance = Instance(tmp_path / "home")
        instance.extra_env = {"DATABASE_URL": primary_url(name)}
        instance.manage("migrate", "--verbosity", "0", timeout=600)
        instance.manage("shell", "-c", "from bench import datagen; datagen.generate(40, seed=5)", timeout=300)
        # Not under pytest's private temporary directory: the postgres user must be able to enter it.
        standby = Standby(Path(tempfile.mkdtemp(prefix="rightsdesk-standby-")))
        instance.extra_env["DATABASE_REPLICA_URLS"] = standby.url(name)
        try:
            instance.start()
            yield instance, standby, name
        finally:
            instance.kill()
            standby.stop()
            shutil.rmtree(standby.tmp, ignore_errors=True)


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        assert response.status == 200
        return response.read().decode()


def send_harm_report(form_url: str) -> str:
    """Fill the public harm-report form as a browser would (cookies, CSRF, the form's one-time token), return the
    reference its receipt shows."""
    import http.cookiejar
    import re
    from urllib.parse import urlencode

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(form_url, timeout=20) as response:
        html = response.read().decode()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.update({"harm_category": "harassment", "description": "Someone follows me to every page I edit.",
                   "urls": "https://en.wikipedia.org/wiki/Example"})
    request = urllib.request.Request(form_url, data=urlencode(fields).encode(), headers={"Referer": form_url})
    with opener.open(request, timeout=20) as response:  # the redirect to the receipt is followed
        receipt = response.read().decode()
    found = re.search(r'id="reference"[^>]*>\s*(RD-\d{4}-[A-Z0-9]+)', receipt)
    assert found, receipt[:3000]
    return found.group(1)


def wait_for(predicate, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def test_public_pages_read_the_replica_and_fall_back_to_the_primary_when_it_goes_away(replicated):
    import psycopg

    instance, standby, name = replicated
    public_id = standby.sql(name, "SELECT public_id FROM transparency_publishednotice ORDER BY id LIMIT 1")[0][0]
    notice_url = f"{instance.url}/en/notices/{public_id}/"
    marker = f"Replica marker {uuid.uuid4().hex[:6]}"
    assert marker not in page(notice_url)

    word = f"zq{uuid.uuid4().hex[:8]}"  # a word no notice has yet
    search_url = f"{instance.url}/en/notices/?q={word}"
    assert public_id not in page(search_url)

    # Replay paused: the primary has the new title and word, the public pages (read from the standby) do not yet;
    # the search's own SQL reads the standby too, not only the rows it shows.
    standby.sql(name, "SELECT pg_wal_replay_pause()")
    with psycopg.connect(primary_url(name), autocommit=True) as conn:
        conn.execute("UPDATE transparency_publishednotice SET title = %s, search_text = search_text || ' ' || %s "
                     "WHERE public_id = %s", [marker, word, public_id])
    time.sleep(1)
    assert marker not in page(notice_url), "the public page was read from the primary, not the replica"
    assert public_id not in page(search_url), "the search was read from the primary, not the replica"

    # Replay resumed: the change reaches the standby, and the pages.
    standby.sql(name, "SELECT pg_wal_replay_resume()")
    assert wait_for(lambda: marker in page(notice_url)), "the replica never showed the primary's change"
    assert public_id in page(search_url)

    # A write (a public form) goes to the primary, and the receipt after it reads the primary too.
    reference = send_harm_report(f"{instance.url}/en/request/harm-report/")
    with psycopg.connect(primary_url(name), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM cases_case WHERE reference = %s", [reference]).fetchone()[0] == 1

    # The standby goes away: the page is served from the primary, without an error page.
    standby.stop()
    with psycopg.connect(primary_url(name), autocommit=True) as conn:
        conn.execute("UPDATE transparency_publishednotice SET title = %s WHERE public_id = %s",
                     [marker + " after", public_id])
    assert marker + " after" in page(notice_url)
    assert marker + " after" in page(notice_url)  # and again, with the replica set aside
