"""A real IMAP server for the mail tests: Debian's Dovecot, configured in a temporary directory.

``./run test`` installs Dovecot (the Debian package ``dovecot-imapd``); nothing
else about the machine is used or changed. The fixture writes its own
configuration (no ``/etc/dovecot``), a password file with one test user, a
Maildir, and starts ``dovecot -F`` listening on 127.0.0.1 on a free port,
without TLS (plain-text login is allowed because only this machine can
connect). It is stopped and its directory removed when the test ends.

Dovecot never runs as root here:

- run by an ordinary user, every Dovecot process runs as that user (it is
  also Dovecot's "internal" and "login" user, and the mail files' owner);
- run by root (a container, CI), the whole server is started as the
  unprivileged ``dovecot`` user that the Debian package creates (or
  ``nobody`` if it is missing), and the temporary directory is given to that
  user; the master process never holds root privileges, so no chroot or uid
  switch is needed and the configuration is the same in both cases.

Messages are delivered with IMAP ``APPEND`` (as a mail server's delivery agent
would), so the server, not the test, assigns UIDs and UIDVALIDITY.
"""

from __future__ import annotations

import grp
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

DOVECOT = Path("/usr/sbin/dovecot")
USER = "rightsdesk-test"
PASSWORD = "imap-test-password-0123"
#: The environment variable an Inbox names in ``imap_password_env`` (never the password itself).
PASSWORD_ENV = "RIGHTSDESK_TEST_IMAP_PASSWORD"
NOT_INSTALLED = (
    "Dovecot is not installed (/usr/sbin/dovecot is missing): the IMAP tests need a real IMAP server. "
    "`./run test` installs it (Debian package dovecot-imapd), or run: apt-get install dovecot-imapd"
)

CONFIG = """\
# rightsdesk test IMAP server: written by tests/mail/dovecot.py, lives only in {root}
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
first_valid_gid = 1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# The tests try a wrong password on purpose: answer at once rather than after the usual 2 s.
auth_failure_delay = 0
mail_location = maildir:{root}/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/home
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0600
  }}
  unix_listener stats-writer {{
    mode = 0600
  }}
}}
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_account() -> pwd.struct_passwd:
    """Who Dovecot runs as: the current user, or an unprivileged system user when the tests run as root."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in ("dovecot", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a 'dovecot' nor a 'nobody' user exists to run Dovecot as")


@dataclass
class Dovecot:
    """One running Dovecot with one user (``USER``/``PASSWORD``) and its Maildir."""

    root: Path
    port: int
    host: str = "127.0.0.1"
    user: str = USER
    password: str = PASSWORD
    process: subprocess.Popen | None = field(default=None, repr=False)

    @property
    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def connect(self) -> imaplib.IMAP4:
        imap = imaplib.IMAP4(self.host, self.port, timeout=10)
        imap.login(self.user, self.password)
        return imap

    def deliver(self, raw: bytes, folder: str = "INBOX") -> int:
        """Deliver one message (IMAP APPEND, unseen) and return the UID the server gave it."""
        imap = self.connect()
        try:
            if folder != "INBOX":
                imap.create(folder)  # "already exists" is fine
            status, data = imap.append(folder, "", None, raw)
            assert status == "OK", data
            # Dovecot answers with UIDPLUS: [APPENDUID <uidvalidity> <uid>]
            text = data[0].decode() if data and data[0] else ""
            return int(text.split("APPENDUID", 1)[1].split()[1].rstrip("]")) if "APPENDUID" in text else 0
        finally:
            imap.logout()

    def uidvalidity(self, folder: str = "INBOX") -> int:
        imap = self.connect()
        try:
            status, data = imap.status(folder, "(UIDVALIDITY)")
            assert status == "OK", data
            return int(data[0].decode().split("UIDVALIDITY", 1)[1].strip(" )"))
        finally:
            imap.logout()

    def recreate(self, folder: str) -> None:
        """Delete and re-create a folder, empty: the server gives it a new UIDVALIDITY (as after a migration)."""
        imap = self.connect()
        try:
            imap.delete(folder)
            status, data = imap.create(folder)
            assert status == "OK", data
        finally:
            imap.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, str]:
        """UID -> the flags the server holds for each message (to check what the fetch marked)."""
        imap = self.connect()
        try:
            imap.select(folder, readonly=True)
            status, data = imap.uid("FETCH", "1:*", "(FLAGS)")
            flags = {}
            for line in data:
                if not line:
                    continue
                text = line.decode()
                uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                flags[uid] = text.split("FLAGS (", 1)[1].split(")", 1)[0]
            return flags
        finally:
            imap.logout()

    def count(self, folder: str = "INBOX") -> int:
        imap = self.connect()
        try:
            status, data = imap.select(folder, readonly=True)
            return int(data[0])
        finally:
            imap.logout()


def start_dovecot() -> Dovecot:
    if not DOVECOT.exists():
        pytest.fail(NOT_INSTALLED, pytrace=False)
    for attempt in range(3):
        try:
            return _start()
        except PortTaken:  # another test process took the free port between the check and Dovecot's bind
            continue
    pytest.fail("Dovecot found no free port in three attempts")


class PortTaken(Exception):
    pass


def _start() -> Dovecot:
    account = server_account()
    root = Path(tempfile.mkdtemp(prefix="rightsdesk-dovecot-"))
    group = grp.getgrgid(account.pw_gid).gr_name
    port = free_port()
    for sub in ("run", "state", "home", "Maildir"):
        (root / sub).mkdir()
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::::\n")
    config = root / "dovecot.conf"
    config.write_text(CONFIG.format(root=root, user=account.pw_name, group=group, uid=account.pw_uid,
                                    gid=account.pw_gid, port=port))
    if os.geteuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
    server = Dovecot(root=root, port=port)
    kwargs = {}
    if os.geteuid() == 0:
        kwargs = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    server.process = subprocess.Popen(
        [str(DOVECOT), "-F", "-c", str(config)], cwd=root, stdout=subprocess.DEVNULL,
        stderr=(root / "stderr.log").open("wb"), start_new_session=True, **kwargs)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            stderr = (root / "stderr.log").read_text(errors="replace")
            log = server.log
            shutil.rmtree(root, ignore_errors=True)
            if "Address already in use" in stderr + log:
                raise PortTaken()
            pytest.fail(f"Dovecot exited with {server.process.returncode} at start:\n{stderr}\n{log}")
        try:
            server.connect().logout()
            return server
        except (OSError, imaplib.IMAP4.error):
            time.sleep(0.1)
    stop_dovecot(server)
    pytest.fail(f"Dovecot did not accept a login within 20 s:\n{server.log}")


def stop_dovecot(server: Dovecot) -> None:
    process = server.process
    if process is not None and process.poll() is None:
        # The master stops its children (imap, auth, login...) when it gets SIGTERM.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def dovecot(monkeypatch) -> Dovecot:
    """A running Dovecot (empty Maildir, one user) for this test; the password is in ``PASSWORD_ENV``."""
    server = start_dovecot()
    monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
    try:
        yield server
    finally:
        stop_dovecot(server)
