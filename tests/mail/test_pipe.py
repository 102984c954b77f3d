"""`rightsdesk mail receive --inbox NAME < message.eml`, run as a mail server runs it: a real process, the .eml on
standard input, one line on standard output, and the exit code the mail server acts on (0 stored or ignored,
75 try again later, 64 a configuration mistake)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from .corpus import eml

SETUP = """
from rightsdesk.cases import choices as c
from rightsdesk.cases.services import create_case
from rightsdesk.core import mailrefs
from rightsdesk.mail.models import Inbox
for name in ("legal", "dmca", "privacy", "emergency"):
    Inbox.objects.create(name=name, address=name + "@demo.invalid")
case = create_case(fields={"kind": c.Kind.COPYRIGHT_NOTICE, "requester_type": c.RequesterType.INDIVIDUAL,
                           "description": "My photo."},
                   parties=[{"role": c.PartyRole.REQUESTER, "name": "Jane Roe", "email": "jane@example.org"}],
                   actor="test", initial_state=c.State.AWAITING_INFORMATION)
print(case.reference, mailrefs.message_id_for(case.reference, "message"))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    home = tmp_path_factory.mktemp("pipe-home")
    env = {**os.environ, "RIGHTSDESK_HOME": str(home)}
    env.pop("DATABASE_URL", None)  # its own SQLite database, whatever the suite uses
    run = [sys.executable, "-m", "rightsdesk.cli"]
    done = subprocess.run([*run, "migrate", "-v0"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    done = subprocess.run([*run, "shell", "-c", SETUP], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    reference, message_id = done.stdout.split()[-2:]
    return {"env": env, "run": run, "reference": reference, "message_id": message_id}


def pipe(site, inbox: str, raw: bytes, env: dict | None = None) -> tuple[int, str]:
    done = subprocess.run([*site["run"], "mail", "receive", "--inbox", inbox], input=raw, env=env or site["env"],
                          capture_output=True, timeout=120)
    return done.returncode, done.stdout.decode().strip()


# In order: the second delivery of the subpoena is a retry by the mail server.
DELIVERIES = [
    ("subpoena.eml", "legal", 0, r"new message (\d+) in inbox legal"),
    ("subpoena.eml", "legal", 0, r"duplicate of message (\d+)"),
    ("auto_reply.eml", "legal", 0, r"ignored: auto-reply"),
    ("bounce_dsn.eml", "legal", 0, r"ignored: bounce"),
    ("executable_attachment.eml", "legal", 0, r"flagged message \d+ in inbox legal: executable_attachment"),
    ("reply_in_reply_to.eml", "legal", 0, r"filed into case {reference}"),
    ("dmca_notice.eml", "sales", 64, r"not stored: no inbox named 'sales' \(inboxes: dmca, emergency, legal, privacy\)"),
]


def test_the_pipe_prints_one_line_and_exits_as_the_table_says(site):
    ids = []
    for name, inbox, code, line in DELIVERIES:
        raw = eml(name, reference=site["reference"], message_id=site["message_id"])
        returncode, out = pipe(site, inbox, raw)
        expected = line.format(reference=site["reference"])
        assert (returncode, len(out.splitlines())) == (code, 1), (name, out)
        found = re.fullmatch(expected, out)
        assert found, (name, out)
        ids.extend(found.groups())
    assert ids[0] == ids[1]  # the retry names the message stored the first time


def test_an_empty_message_is_refused_as_a_usage_error(site):
    assert pipe(site, "legal", b"") == (64, "not stored: the message is empty")


def test_when_the_database_cannot_be_reached_the_pipe_exits_75_so_the_mail_server_retries(site, tmp_path):
    env = {**site["env"], "DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"}
    returncode, out = pipe(site, "legal", eml("subpoena.eml"), env=env)
    assert returncode == 75
    assert out.startswith("not stored:") and out.endswith("try again later")
