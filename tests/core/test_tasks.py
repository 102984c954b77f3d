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


#: A traceback as django-tasks kept it before core.tasks masked it: the SMTP refusal names the requester's address
#: (a canary of tests/security/test_canaries.py) and the task's message quoted the tracking link it e-mailed.
UNMASKED_TRACEBACK = """Traceback (most recent call last):
  File "/srv/rightsdesk/src/rightsdesk/intake/tasks.py", line 52, in send_receipt
    send_mail(subject, body, None, [address])
smtplib.SMTPRecipientsRefused: {'%s': (550, b'5.1.1 <%s>: Recipient address rejected')} for /en/track/Zq8vK2pLm0 
""" % (CANARY_EMAIL := "berit.hgv@canary-mail.example", CANARY_EMAIL)


def kept_failure(traceback_text, **fields):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    return DBTaskResult.objects.create(
        status="FAILED", args_kwargs={"args": [], "kwargs": {"case_id": 1}}, task_path="rightsdesk.intake.tasks.send_receipt",
        backend_name="default", run_after=now, started_at=now, finished_at=now,
        exception_class_path="smtplib.SMTPRecipientsRefused", traceback=traceback_text, **fields)


@pytest.mark.django_db
def test_a_traceback_kept_unmasked_loses_its_address_and_link_at_the_next_retention_run_and_a_second_run_changes_nothing():
    from io import StringIO

    from django_tasks_db.models import DBTaskResult

    from tests.security.test_canaries import CANARIES

    assert CANARIES["takedown.email"][0] == CANARY_EMAIL  # the canary the raw-database scan looks for
    row = kept_failure(UNMASKED_TRACEBACK)
    call_command("retention", stdout=StringIO())
    kept = DBTaskResult.objects.get(pk=row.pk).traceback
    for needle in CANARIES["takedown.email"][1] + ["Zq8vK2pLm0"]:
        assert needle not in kept, kept
    # still useful to whoever debugs it: where it failed and why
    assert "intake/tasks.py" in kept and "SMTPRecipientsRefused" in kept and "[address]" in kept
    assert "/en/track/[private]" in kept

    out = StringIO()
    call_command("retention", stdout=out)  # idempotent: masking a masked traceback changes nothing
    assert "masked 0 core record(s) kept unmasked" in out.getvalue()
    assert DBTaskResult.objects.get(pk=row.pk).traceback == kept

    later = kept_failure(UNMASKED_TRACEBACK)  # a dry run tells, and changes nothing
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "would mask 1 core record(s) kept unmasked" in out.getvalue()
    assert DBTaskResult.objects.get(pk=later.pk).traceback == UNMASKED_TRACEBACK
