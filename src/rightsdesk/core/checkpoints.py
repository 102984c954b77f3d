"""SQLite's WAL checkpoints in a thread of their own, beside the requests of ``rightsdesk serve``.

In WAL mode a commit appends the pages it changed to the ``-wal`` file, and now and then they must be copied back
into the database file (a checkpoint). SQLite does that itself, in the connection whose commit took the log past
1,000 pages: that request then copies megabytes on its own time. In a bulk intake batch that was 5-8 % of the
batch (docs/performance.md §1). ``rightsdesk serve`` turns SQLite's own checkpoints off for its connections and
runs them here instead, every :data:`INTERVAL` seconds, in a thread: the copy is done by the other core (SQLite
releases the GIL while it works) while requests go on.

The checkpoints are PASSIVE: they copy what no reader still needs and never wait for a reader or a writer, as
SQLite's own ones do. Only the server's connections give up their own checkpoints; the task worker started with
``rightsdesk db_worker`` and every command keep them, so the log is still checkpointed when no server runs. On
PostgreSQL there is nothing to do.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass, field

logger = logging.getLogger("rightsdesk.checkpoints")

#: Seconds between two checkpoints. An API batch of 1,000 notices writes about 1,100 pages in a quarter of a second,
#: so a log checkpointed at this pace stays around the size SQLite's own checkpoints keep (1,000 pages).
INTERVAL = 0.25
#: Appended to the server connections' ``init_command``: no checkpoint at a commit (the thread does them).
OWN_CHECKPOINTS_OFF = "PRAGMA wal_autocheckpoint=0;"


@dataclass
class Checkpointer:
    """The thread and what it has done (for the tests and for a look from a debugger)."""

    path: str
    interval: float = INTERVAL
    stop: threading.Event = field(default_factory=threading.Event)
    rounds: int = 0
    frames: int = 0  # pages copied into the database file, over all rounds
    failures: int = 0
    thread: threading.Thread | None = None

    def start(self) -> Checkpointer:
        self.thread = threading.Thread(target=self._run, name="rightsdesk-wal-checkpoints", daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        db = None
        while not self.stop.wait(self.interval):
            try:
                if db is None:
                    db = sqlite3.connect(self.path, timeout=0, isolation_level=None, check_same_thread=False)
                _busy, log, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                self.frames += max(copied, 0)
                self.rounds += 1
                if log < 0:
                    # This connection sees no log. A connection learns that the database is in WAL mode by reading
                    # its header at the start of a read, and a checkpoint starts none once the schema is read: one
                    # opened while the file was new (a server started before ``rightsdesk migrate`` made it) would
                    # find nothing to copy back, round after round, while the log grew. The next round opens another.
                    db.close()
                    db = None
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    self._failed(db)
                    db = None
                # else another process's checkpoint was running: this round had nothing to do
            except Exception:  # a round that fails (a full disk, a file gone) is tried again; the thread goes on
                self._failed(db)
                db = None
        if db is not None:
            db.close()

    def _failed(self, db) -> None:
        self.failures += 1
        if self.failures in (1, 10, 100) or self.failures % 1000 == 0:
            logger.warning("A WAL checkpoint of the database failed (%d so far); retrying.", self.failures,
                           exc_info=True)
        if db is not None:
            db.close()


def take_over(database: dict, interval: float = INTERVAL) -> Checkpointer | None:
    """For a server process: the connections it opens from now on (``database``: a ``DATABASES`` entry) make no
    checkpoint of their own, and a thread makes them. ``None`` (and nothing changed) unless the database is an
    SQLite file."""
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return None
    path = str(database.get("NAME") or "")
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    options = database.setdefault("OPTIONS", {})
    command = options.get("init_command", "")
    if OWN_CHECKPOINTS_OFF not in command:
        options["init_command"] = f"{command} {OWN_CHECKPOINTS_OFF}".strip()
    return Checkpointer(path, interval).start()
