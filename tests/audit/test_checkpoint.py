"""Checkpoints: each chain's head, signed, appended to a file, logged and e-mailed to the auditors."""

import io
import json
import logging
from datetime import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rightsdesk.audit import checkpoint as checkpointing
from rightsdesk.audit.chain import chain_key, key_id
from rightsdesk.audit.checkpoint import Checkpoint
from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access

pytestmark = pytest.mark.django_db


def look(n=1):
    for i in range(n):
        record_access("system", AuditEntry.Action.OTHER, purpose=f"look {i}")


def run(action, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", action, *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def lines(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def drop_newest_audit_entries(keep):
    """Delete audit entries after the first ``keep`` and set the head row to match (the attack)."""
    rows = list(AuditEntry._base_manager.order_by("id"))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id > %s", [rows[keep - 1].pk])
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s, length = %s WHERE name = 'audit'",
                       [rows[keep - 1].entry_hash, keep])


def test_a_checkpoint_records_each_chain_length_newest_entry_hash_and_time_signed(checkpoint_file):
    look(3)
    ok, out, err = run("checkpoint")
    assert ok, err
    newest = AuditEntry.objects.order_by("-id").first()
    by_chain = {line["chain"]: line for line in lines(checkpoint_file)}
    assert set(by_chain) == {"case_history", "audit"}
    audit = by_chain["audit"]
    assert (audit["length"], audit["last_id"], audit["last_hash"]) == (3, newest.pk, newest.entry_hash)
    assert datetime.fromisoformat(audit["at"]).tzinfo is not None
    assert audit["key_id"] == key_id() and Checkpoint(**audit).signature_ok(chain_key())
    assert (by_chain["case_history"]["length"], by_chain["case_history"]["last_id"]) == (0, None)
    assert f"checkpoint audit: 3 entries, newest entry {newest.pk}" in out
    assert f"written to: file {checkpoint_file}, log" in out


def test_each_checkpoint_is_appended_to_the_file_and_earlier_lines_are_left_as_they_were(checkpoint_file):
    look(2)
    run("checkpoint")
    first = checkpoint_file.read_text()
    look(3)
    run("checkpoint")
    text = checkpoint_file.read_text()
    assert text.startswith(first) and len(text.splitlines()) == 4
    assert [line["length"] for line in lines(checkpoint_file) if line["chain"] == "audit"] == [2, 5]


def test_the_checkpoint_goes_to_the_log(caplog):
    look(2)
    with caplog.at_level(logging.INFO, logger="rightsdesk.audit.checkpoint"):
        run("checkpoint")
    logged = [r.getMessage() for r in caplog.records if r.name == "rightsdesk.audit.checkpoint"]
    assert len(logged) == 2 and all(message.startswith("audit.checkpoint {") for message in logged)
    assert Checkpoint.from_json(logged[1].split(" ", 1)[1]).length == 2


def test_the_checkpoint_file_can_be_turned_off_and_the_log_still_gets_it(checkpoint_file, monkeypatch, caplog):
    monkeypatch.setenv("RIGHTSDESK_AUDIT_CHECKPOINT_FILE", "off")
    with caplog.at_level(logging.INFO, logger="rightsdesk.audit.checkpoint"):
        ok, out, _err = run("checkpoint")
    assert ok and not checkpoint_file.exists() and "written to: log" in out
    assert any(r.name == "rightsdesk.audit.checkpoint" for r in caplog.records)


def test_the_checkpoint_is_emailed_to_the_auditors_and_the_saved_email_checks_the_database(
        checkpoint_file, monkeypatch, mailoutbox, tmp_path):
    monkeypatch.setenv("RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS", "auditor@example.org, dpo@example.org")
    look(5)
    ok, out, _err = run("checkpoint")
    assert ok and "e-mail to 2 auditor(s)" in out
    (mail,) = mailoutbox
    assert mail.to == ["auditor@example.org", "dpo@example.org"] and "Audit checkpoint" in mail.subject
    assert "case_history 0, audit 5" in mail.subject
    assert sum(line.startswith('{"at":') for line in mail.body.splitlines()) == 2

    # The attacker also removes the checkpoint file; the auditor's saved e-mail still catches the truncation.
    checkpoint_file.unlink()
    drop_newest_audit_entries(keep=3)
    ok, _out, err = run("verify")
    assert ok  # nothing to compare with in the database's reach
    saved = tmp_path / "checkpoint-mail.txt"
    saved.write_text(mail.message().as_string())
    ok, _out, err = run("verify", "--checkpoints", str(saved))
    assert not ok and "BROKEN audit:" in err and "the newest entries were deleted" in err


def test_a_failing_mail_server_is_reported_and_the_file_copy_stands(checkpoint_file, monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS", "auditor@example.org")

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(checkpointing, "send_mail", refuse)
    ok, _out, err = run("checkpoint")
    assert not ok and "FAILED e-mail: ConnectionRefusedError" in err
    assert len(lines(checkpoint_file)) == 2


def test_a_checkpoint_is_refused_for_a_chain_cut_since_the_previous_one_and_the_auditors_are_told(
        checkpoint_file, monkeypatch, mailoutbox):
    look(5)
    run("checkpoint")
    drop_newest_audit_entries(keep=3)
    monkeypatch.setenv("RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS", "auditor@example.org")
    ok, _out, err = run("checkpoint")
    assert not ok and "BROKEN audit:" in err and "no checkpoint taken of this chain" in err
    assert [line["chain"] for line in lines(checkpoint_file)] == ["case_history", "audit", "case_history"]
    assert "BROKEN" in mailoutbox[0].subject and "BROKEN audit:" in mailoutbox[0].body


def test_a_checkpoint_vouches_only_for_rows_that_verify_since_the_previous_one(checkpoint_file):
    look(3)
    run("checkpoint")
    look(2)
    newest = AuditEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET purpose = 'changed' WHERE id = %s", [newest.pk])
    ok, _out, err = run("checkpoint")
    assert not ok and f"BROKEN audit: entry {newest.pk} (position 5)" in err


def test_an_altered_checkpoint_line_is_reported_as_broken(checkpoint_file):
    look(5)
    run("checkpoint")
    text = checkpoint_file.read_text().replace('"length":5', '"length":4')
    checkpoint_file.write_text(text)
    ok, _out, err = run("verify")
    assert not ok
    assert f"BROKEN checkpoint {checkpoint_file} line 2: the checkpoint of audit" in err and "fails its signature" in err


def test_a_checkpoint_made_up_with_another_key_is_not_used(checkpoint_file):
    look(5)
    made_up = Checkpoint(chain="audit", length=50, last_id=999, last_hash="f" * 64, at="2030-01-01T00:00:00+00:00",
                         key_id=key_id(b"guess")).signed(b"guess")
    checkpoint_file.write_text(made_up.to_json() + "\n")
    ok, out, err = run("verify")
    assert ok and "no checkpoint of it to compare with" in out
    assert "1 checkpoint(s) signed with another audit key" in err


def test_verify_says_when_there_is_no_checkpoint_file_to_check_against(checkpoint_file):
    look(1)
    ok, _out, err = run("verify")
    assert ok and f"no checkpoint file at {checkpoint_file}" in err


def test_the_checkpoint_task_writes_a_checkpoint(checkpoint_file):
    from rightsdesk.audit.tasks import write_checkpoint

    look(2)
    result = write_checkpoint.call()
    assert result["checkpoints"] == {"case_history": 0, "audit": 2} and not result["broken"]
    assert len(lines(checkpoint_file)) == 2


def test_a_checkpoint_file_that_cannot_be_read_fails_verify_instead_of_being_skipped(checkpoint_file, monkeypatch):
    look(1)
    run("checkpoint")
    read_text = type(checkpoint_file).read_text

    def unreadable(path, *args, **kwargs):
        if path == checkpoint_file:
            raise PermissionError(13, "Permission denied", str(path))
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(type(checkpoint_file), "read_text", unreadable)
    ok, _out, err = run("verify")
    assert not ok and f"FAILED could not read checkpoint file {checkpoint_file}: [Errno 13] Permission denied" in err


@pytest.mark.parametrize("contents", [
    "",  # an empty file
    "<html><body><p>{&quot;chain&quot;: &quot;audit&quot;}</p></body></html>\n",  # the e-mail saved as HTML
    "id,kind\nWMF-1,content_takedown\n",  # some other file
])
def test_a_checkpoint_file_named_for_verify_that_holds_no_checkpoint_fails_verify(checkpoint_file, tmp_path, contents):
    """Before, verify said each chain was intact with 'no checkpoint of it to compare with' and exited 0: the
    operator who named the file believed the chains had been checked against it."""
    look(1)
    run("checkpoint")
    wrong = tmp_path / "saved-email.html"
    wrong.write_text(contents)
    ok, _out, err = run("verify", "--checkpoints", str(wrong))
    assert not ok and f"FAILED {wrong} holds no checkpoint" in err and "1 problem(s)" in err
    assert run("verify", "--checkpoints", str(checkpoint_file))[0]  # the real file still verifies
