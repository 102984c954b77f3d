"""The chains are keyed (HMAC) and checkpointed outside the database: the attacks an unkeyed chain let through fail.

The attacker here can write the database (raw SQL) but holds neither
RIGHTSDESK_AUDIT_KEY nor the checkpoint file's signing key.
"""

import hashlib
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rightsdesk.audit.chain import GENESIS, canonical, key_from, link_hash, verify
from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access
from rightsdesk.cases import services
from rightsdesk.cases.models import CaseHistory

pytestmark = pytest.mark.django_db

AUDIT_KEY = "c2VjcmV0LWF1ZGl0LWtleS1rZXB0LWluLXRoZS12YXVsdA=="


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@dataclass
class Chain:
    name: str
    model: type
    table: str
    text_column: str
    add: object

    def rows(self):
        return list(self.model._base_manager.order_by("id"))

    def verify(self):
        return verify(self.model.objects.all(), self.name)


@pytest.fixture(params=["case_history", "audit"])
def chain(request, make_case):
    """A chain of 5 entries written the ordinary way, and a function that appends more."""
    if request.param == "audit":
        def add(n):
            for i in range(n):
                record_access("system", AuditEntry.Action.OTHER, purpose=f"look {i}")

        built = Chain("audit", AuditEntry, "audit_auditentry", "purpose", add)
        add(5)
    else:
        case = make_case()  # its creation is the first entry

        def add(n):
            for i in range(n):
                services.record(case, CaseHistory.Event.NOTE, "test", reason=f"note {i}")

        built = Chain("case_history", CaseHistory, "cases_casehistory", "reason", add)
        add(4)
    assert len(built.rows()) == 5 and built.verify() is None
    return built


def verify_command(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def checkpoint():
    call_command("audit", "checkpoint", stdout=io.StringIO(), stderr=io.StringIO())


def unkeyed(prev, content):
    return hashlib.sha256(prev.encode() + b"\n" + canonical(content)).hexdigest()


def edit_and_reseal(chain, target, hash_of):
    """Change one row, then recompute its hash and every later one with ``hash_of`` and fix up the head row."""
    raw(f"UPDATE {chain.table} SET {chain.text_column} = %s WHERE id = %s", ["nothing to see here", target.pk])
    prev = GENESIS
    for row in chain.rows():
        if row.pk >= target.pk:
            row_hash = hash_of(prev, row.chain_content())
            raw(f"UPDATE {chain.table} SET prev_hash = %s, entry_hash = %s WHERE id = %s", [prev, row_hash, row.pk])
            prev = row_hash
        else:
            prev = row.entry_hash
    raw("UPDATE audit_chainhead SET last_hash = %s, length = %s WHERE name = %s", [prev, len(chain.rows()), chain.name])


def truncate(chain, keep):
    """Delete all but the first ``keep`` rows and set the head row to match what is left."""
    rows = chain.rows()
    for row in rows[keep:]:
        raw(f"DELETE FROM {chain.table} WHERE id = %s", [row.pk])
    raw("UPDATE audit_chainhead SET last_hash = %s, length = %s WHERE name = %s",
        [rows[keep - 1].entry_hash, keep, chain.name])


# --- editing and re-sealing -------------------------------------------------------------------------------------

def test_the_link_hash_is_an_hmac_under_the_audit_key_not_a_bare_sha256(monkeypatch):
    content = {"reason": "x"}
    derived = link_hash(GENESIS, content)
    assert derived != unkeyed(GENESIS, content)
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    assert link_hash(GENESIS, content) not in {derived, unkeyed(GENESIS, content)}


def test_editing_a_row_and_resealing_the_rest_with_the_unkeyed_hash_is_detected(chain):
    target = chain.rows()[2]
    edit_and_reseal(chain, target, unkeyed)

    problem = chain.verify()
    assert problem.entry_id == target.pk and problem.position == 3 and "does not match its content" in problem.problem
    ok, _out, err = verify_command()
    assert not ok
    assert f"BROKEN {chain.name}: entry {target.pk} (position 3): its hash does not match" in err


@pytest.mark.parametrize("guess", ["rightsdesk", "", "the SECRET_KEY-derived key", "a neighbour's key"])
def test_editing_a_row_and_resealing_the_rest_with_a_guessed_key_is_detected(chain, guess, settings, monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    call_command("audit", "reseal", stdout=io.StringIO())  # the installation moved to its own key
    assert chain.verify() is None
    guessed_key = {"rightsdesk": b"rightsdesk", "": b"",
                   # e.g. read from RIGHTSDESK_HOME/secret_key: it is not the audit key once one is set
                   "the SECRET_KEY-derived key": key_from("", settings.SECRET_KEY),
                   "a neighbour's key": key_from("c29tZSBvdGhlciBpbnN0YWxsYXRpb24ncyBrZXk=")}[guess]
    target = chain.rows()[1]
    edit_and_reseal(chain, target, lambda prev, content: link_hash(prev, content, guessed_key))

    problem = chain.verify()
    assert problem.entry_id == target.pk and "does not match its content" in problem.problem


def test_a_row_resealed_with_the_real_key_still_breaks_the_link_of_the_next_row(chain):
    # The existing protection stays: without re-sealing the rest, the next row no longer follows.
    rows = chain.rows()
    raw(f"UPDATE {chain.table} SET {chain.text_column} = %s WHERE id = %s", ["forged", rows[1].pk])
    forged = chain.model._base_manager.get(pk=rows[1].pk)
    raw(f"UPDATE {chain.table} SET entry_hash = %s WHERE id = %s",
        [link_hash(forged.prev_hash, forged.chain_content()), forged.pk])
    assert chain.verify().entry_id == rows[2].pk


# --- deleting the newest rows ------------------------------------------------------------------------------------

def test_deleting_newest_rows_and_adjusting_the_head_is_detected_against_the_checkpoint(chain):
    checkpoint()
    rows = chain.rows()
    truncate(chain, keep=3)

    ok, _out, err = verify_command()
    assert not ok
    assert (f"BROKEN {chain.name}: entry {rows[-1].pk} (position 5): the chain ends after 3 entries but the "
            "checkpoint of ") in err
    assert "recorded 5, up to this entry: the newest entries were deleted" in err


def test_without_a_checkpoint_deleting_newest_rows_and_adjusting_the_head_is_not_seen_which_is_why_they_exist(chain):
    truncate(chain, keep=3)
    assert chain.verify() is None


def test_deleting_rows_below_the_checkpoint_is_detected_after_later_ordinary_writes(chain):
    checkpoint()
    chain.add(3)
    truncate(chain, keep=4)  # 8 rows, 4 left: one below the checkpoint is gone
    ok, _out, err = verify_command()
    assert not ok and "the newest entries were deleted" in err


def test_rows_deleted_and_then_replaced_by_new_writes_are_detected_at_the_checkpointed_position(chain):
    checkpoint()
    rows = chain.rows()
    truncate(chain, keep=3)
    chain.add(2)  # the application goes on writing: the chain is as long as at the checkpoint, with other rows

    ok, _out, err = verify_command()
    assert not ok
    assert f"(position 5): the checkpoint of " in err and f"has entry {rows[-1].pk} (hash" in err


def test_verify_is_intact_after_ordinary_writes_between_checkpoints(chain):
    for _ in range(3):
        checkpoint()
        chain.add(2)
    ok, out, err = verify_command()
    assert ok, err
    assert f"ok {chain.name}: 11 entries, chain intact; agrees with 3 checkpoint(s)" in out


def test_a_forged_hash_that_is_not_even_hexadecimal_is_reported_not_a_crash(chain):
    target = chain.rows()[3]
    raw(f"UPDATE {chain.table} SET entry_hash = %s WHERE id = %s", ["é" * 64, target.pk])
    assert chain.verify().entry_id == target.pk
