"""``rightsdesk bench``: generate realistic data on a throwaway database and measure the hot paths.

    rightsdesk bench --size 10k --out bench-10k.json
    rightsdesk bench --size 1M --out bench-1M.json --only search,report
    rightsdesk bench --size 100k --out pg.json --database postgres://user@127.0.0.1:5432/postgres

The benchmarks never touch the configured database: on SQLite they run in a
new temporary directory (its own ``rightsdesk.sqlite3``, its own secret key);
with ``--database postgres://...`` a new database ``rightsdesk_bench_<random>``
is created on that server for the run and dropped afterwards. ``--keep DIR``
keeps the data in DIR so a later run with the same ``--keep DIR`` and size
skips the generation (handy at 1M).

The benchmark code is the ``bench`` package at the root of the source tree
(next to ``src/``); see bench/README.md for what each figure means.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management.base import CommandError

from rightsdesk.core.commands import BaseCommand

MARKER = ".rightsdesk-bench"
#: Secrets of the real installation that the benchmark process must not see or use.
SCRUBBED_ENV = ("DATABASE_URL", "RIGHTSDESK_ENCRYPTION_KEYS", "RIGHTSDESK_SECRET_KEY", "RIGHTSDESK_HOME")


def bench_root() -> Path:
    """The source tree's root, which holds the ``bench`` package; a clear error when it is not there."""
    import rightsdesk

    root = Path(rightsdesk.__file__).resolve().parents[2]
    if not (root / "bench" / "run.py").is_file():
        raise CommandError(
            f"The benchmarks live in the 'bench' directory of a rightsdesk source checkout, and {root / 'bench'} "
            f"does not exist. Run `rightsdesk bench` from a checkout installed with `pip install -e .` "
            f"(as ./run does), not from an installed wheel.")
    return root


class Command(BaseCommand):
    help = "Benchmark bulk intake, public search, the report and the public pages on a throwaway database."

    def add_arguments(self, parser):
        parser.add_argument("--size", default="10k", help="10k, 100k, 1M (or tiny, or a number of cases).")
        parser.add_argument("--out", required=True, help="Write the figures to this JSON file.")
        parser.add_argument("--only", default="intake,search,report,http",
                            help="Comma-separated subset of: intake, search, report, http.")
        parser.add_argument("--database", default="",
                            help="postgres://user:pass@host:port/db of a server to create the bench database on. "
                                 "Default: a temporary SQLite file.")
        parser.add_argument("--keep", default="", metavar="DIR",
                            help="Keep the generated data in DIR and reuse it when DIR already holds this size.")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--profile-dir", default="", help="Write pyinstrument profiles of the hot paths here.")
        for name, kind, default in [("--intake-batches", int, 3), ("--intake-servers", int, 2), ("--batch-size", int, 1000),
                                    ("--search-reps", int, 60), ("--api-reps", int, 20), ("--report-reps", int, 3),
                                    ("--http-seconds", float, 10.0), ("--http-concurrency", int, 8),
                                    ("--http-max-requests", int, 20_000)]:
            parser.add_argument(name, type=kind, default=default)

    def handle(self, *args, **options):
        root = bench_root()
        if str(root) not in sys.path:
            sys.path.insert(0, str(root))
        from bench.datagen import parse_size

        try:
            parse_size(options["size"])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        out = Path(options["out"]).expanduser().resolve()
        if not out.parent.is_dir():
            raise CommandError(f"The directory of --out ({out.parent}) does not exist.")

        keep = Path(options["keep"]).expanduser().resolve() if options["keep"] else None
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
            if any(keep.iterdir()) and not (keep / MARKER).exists():
                raise CommandError(f"{keep} is not empty and was not made by `rightsdesk bench`; choose another --keep.")
        home = keep or Path(tempfile.mkdtemp(prefix="rightsdesk-bench-"))
        env = {k: v for k, v in os.environ.items() if k not in SCRUBBED_ENV}
        env.update(RIGHTSDESK_HOME=str(home), RIGHTSDESK_BENCH_MARKER=str(home / MARKER),
                   RIGHTSDESK_LOG_LEVEL="WARNING", DJANGO_SETTINGS_MODULE="rightsdesk.settings",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")])))
        env.pop("RIGHTSDESK_DEBUG", None)

        reuse = bool(keep and (home / MARKER).exists() and (home / "bench-data.json").exists())
        created_db = None
        try:
            if options["database"]:
                url, created_db, reuse = self._postgres(options["database"], home, reuse)
                env["DATABASE_URL"] = url
            else:
                if (home / MARKER).exists() and (home / MARKER).read_text().strip():
                    raise CommandError(f"{home} holds a PostgreSQL bench database; pass the same --database.")
                (home / MARKER).write_text("")
            command = [sys.executable, "-m", "bench.run", "--size", str(options["size"]), "--out", str(out),
                       "--only", options["only"], "--seed", str(options["seed"])]
            for name in ("intake_batches", "intake_servers", "batch_size", "search_reps", "api_reps", "report_reps", "http_seconds",
                         "http_concurrency", "http_max_requests", "profile_dir"):
                if options[name] not in ("", None):
                    value = options[name]
                    if name == "profile_dir":
                        value = str(Path(value).expanduser().resolve())
                    command += ["--" + name.replace("_", "-"), str(value)]
            if reuse:
                command.append("--reuse")
            self.stderr.write(f"bench: throwaway data in {home}" + (f" (database {created_db})" if created_db else ""))
            code = subprocess.call(command, cwd=root, env=env)
            if code != 0:
                raise CommandError(f"The benchmark failed (exit status {code}); its data is in {home}.")
        finally:
            if not keep:
                if created_db:
                    self._drop(options["database"], created_db)
                shutil.rmtree(home, ignore_errors=True)

    # ------------------------------------------------------------------ PostgreSQL

    def _postgres(self, url: str, home: Path, reuse: bool) -> tuple[str, str, bool]:
        import dj_database_url

        config = dj_database_url.parse(url)
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("--database must be a postgres:// URL (or leave it out for SQLite).")
        marker = home / MARKER
        name = marker.read_text().strip() if reuse and marker.exists() else ""
        if not name:
            name = f"rightsdesk_bench_{secrets.token_hex(4)}"
            with self._admin(config) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            marker.write_text(name)
            reuse = False
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, "")), name, reuse

    def _admin(self, config: dict):
        import psycopg

        try:
            return psycopg.connect(dbname=config["NAME"] or "postgres", user=config.get("USER") or None,
                                   password=config.get("PASSWORD") or None, host=config.get("HOST") or None,
                                   port=config.get("PORT") or None, autocommit=True)
        except psycopg.Error as exc:
            raise CommandError(f"Cannot connect to the PostgreSQL server of --database: {exc}") from None

    def _drop(self, url: str, name: str) -> None:
        import dj_database_url

        try:
            with self._admin(dj_database_url.parse(url)) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception as exc:  # report, never hide: a left-over database is worth knowing about
            self.stderr.write(f"bench: could not drop the bench database {name}: {exc}")
