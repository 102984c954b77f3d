"""A failed task's row keeps no personal data: the tasks table (and the log) get the traceback masked.

django-tasks' database backend stores a failed task's exception and traceback; an SMTP refusal quotes the recipient.
Here a real SMTP server (aiosmtpd on loopback) refuses the requester's address, and the real worker runs the receipt
task, as in production.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from django.core.management import call_command

ADDRESS = "erika.private@example.org"
SRC = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"


@pytest.fixture
def refusing_smtp(settings):
    """An SMTP server that refuses every recipient, echoing the address (as servers do: "550 5.1.1 <...>")."""
    from aiosmtpd.controller import Controller

    from tests.security.serverproc import free_port, mail_through

    class Refuse:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"

    port = free_port()
    mail_through(settings, port)
    controller = Controller(Refuse(), hostname="127.0.0.1", port=port)
    controller.start()
    yield
    controller.stop()


@pytest.mark.django_db
def test_a_receipt_refused_by_the_mail_server_is_kept_failed_without_the_requesters_address(refusing_smtp, make_case,
                                                                                             caplog):
    from django_tasks_db.models import DBTaskResult

    from rightsdesk.cases import choices as c
    from rightsdesk.cases.services import issue_tracking_token
    from rightsdesk.intake.tasks import send_receipt
    from rightsdesk.intake.tracking import seal
    from tests.security.test_private_logs import written

    case = make_case(parties=[{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": ADDRESS}])
    send_receipt.enqueue(case_id=case.pk, sealed_token=seal(issue_tracking_token(case)))
    with caplog.at_level(logging.INFO, logger="django_tasks"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=1)  # production: failures logged

    row = DBTaskResult.objects.get()
    assert row.status == "FAILED"
    stored = " ".join([row.traceback, row.exception_class_path, str(row.args_kwargs), str(row.return_value)])
    assert ADDRESS not in stored
    # still useful to whoever debugs it: where it failed and why
    assert "SMTPRecipientsRefused" in row.traceback and "intake/tasks.py" in row.traceback
    assert "[address]" in row.traceback
    logged = [line for line in written(r for r in caplog.records if r.name.startswith("django_tasks"))]
    assert logged and not [line for line in logged if ADDRESS in line]


def test_every_task_of_the_project_is_made_with_the_masking_decorator():
    """django-tasks' own ``task`` keeps the exception as it is: only core/tasks.py may use it."""
    direct = re.compile(r"from django_tasks import [^\n]*\btask\b|django_tasks\.task\b")
    users = sorted(str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
                   if direct.search(path.read_text()) and path != SRC / "core" / "tasks.py")
    assert users == []
