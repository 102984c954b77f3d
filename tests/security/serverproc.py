"""A real rightsdesk server in a subprocess, on its own SQLite file, that a test can kill -9.

The failure tests need what the in-process test client cannot give: a server
process that dies without any chance to clean up, on a database file that
outlives it. :class:`Instance` runs the ``rightsdesk`` console script (migrate,
token create, serve, shell) with ``RIGHTSDESK_HOME`` pointing at a temporary
directory, production-like settings (:mod:`.server_settings`) and explicit
secret and encryption keys, as an operator would.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
RIGHTSDESK = Path(sys.executable).with_name("rightsdesk")
#: Fixed keys for the subprocesses: the same database must decrypt after a restart.
SECRET_KEY = "security-tests-" + "k" * 40
ENCRYPTION_KEY = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail_through(settings, port: int) -> None:
    """This process sends its mail through a real SMTP server on the loopback ``port`` (plain, no login), and its
    tasks go through the database backend, as a worker runs them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


class Instance:
    """One installation: a home directory with its database, and at most one running server."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.server: subprocess.Popen | None = None
        self.port: int | None = None
        self.log = self.home / "server.log"
        #: More environment for the server and commands, e.g. {"RIGHTSDESK_HTTPS": "1"} behind a TLS proxy.
        self.extra_env: dict[str, str] = {}

    @property
    def database(self) -> Path:
        return self.home / "rightsdesk.sqlite3"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "RIGHTSDESK_DEBUG")}
        env.update({
            "RIGHTSDESK_HOME": str(self.home),
            "DJANGO_SETTINGS_MODULE": "tests.security.server_settings",
            "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "RIGHTSDESK_SECRET_KEY": SECRET_KEY,
            "RIGHTSDESK_ENCRYPTION_KEYS": ENCRYPTION_KEY,
            "RIGHTSDESK_LOG_LEVEL": "WARNING",
            "RIGHTSDESK_TASK_BACKEND": "django_tasks_db.backend.DatabaseBackend",
        })
        env.update(self.extra_env)
        return env

    def manage(self, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
        done = subprocess.run([str(RIGHTSDESK), *args], env=self.env(), cwd=self.home, capture_output=True,
                              text=True, timeout=timeout)
        if done.returncode != 0:
            raise AssertionError(f"rightsdesk {' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return done

    def copy_database_from(self, other: "Instance") -> None:
        shutil.copy2(other.database, self.database)

    def create_token(self, organisation: str) -> str:
        return self.manage("token", "create", "--org", organisation).stdout.strip().splitlines()[-1]

    def query(self, code: str) -> object:
        """Run ``code`` in ``rightsdesk shell`` against this installation; it must print one JSON document."""
        out = self.manage("shell", "-c", code).stdout
        return json.loads(out.strip().splitlines()[-1])

    # --- the server --------------------------------------------------------------------------------------------

    def start(self, *, threads: int = 8, wait: float = 45) -> None:
        assert self.server is None, "a server is already running"
        self.port = free_port()
        log = self.log.open("ab")
        self.server = subprocess.Popen(
            [str(RIGHTSDESK), "serve", "--host", "127.0.0.1", "--port", str(self.port), "--threads", str(threads),
             "--no-worker"],
            env=self.env(), cwd=self.home, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise AssertionError(f"the server exited with {self.server.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.kill()
        raise AssertionError(f"the server did not answer /healthz within {wait} s:\n{self.log.read_text()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL: no atexit, no finally, no chance to commit or roll back anything."""
        if self.server is None:
            return
        if self.server.poll() is None:
            os.kill(self.server.pid, signal.SIGKILL)
        self.server.wait(timeout=30)
        self.server = None

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.server = None
