"""Where the chain key comes from, the migration from the unkeyed hash, and re-sealing after a change of key."""

import base64
import hashlib
import importlib
import io

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils.crypto import salted_hmac

from rightsdesk.audit.chain import GENESIS, canonical, chain_key, key_from, using_derived_key, verify
from rightsdesk.audit.models import ChainHead
from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access
from rightsdesk.cases import services
from rightsdesk.cases.models import CaseHistory

pytestmark = pytest.mark.django_db

MIGRATION = "0003_reseal_chains_with_keyed_hash"
AUDIT_KEY = base64.b64encode(b"k" * 32).decode()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def chains_verify():
    return (verify(CaseHistory.objects.all(), "case_history"), verify(AuditEntry.objects.all(), "audit"))


@pytest.fixture
def written(make_case):
    case = make_case()
    for i in range(3):
        services.record(case, CaseHistory.Event.NOTE, "test", reason=f"note {i}")
        record_access("system", AuditEntry.Action.OTHER, case=case, purpose=f"look {i}")
    assert chains_verify() == (None, None)
    return case


def seal_as_before_the_migration(unsealed_first=0):
    """Rewrite both chains as the code before the migration sealed them: bare SHA-256, no key."""
    for name, model, table in [("case_history", CaseHistory, "cases_casehistory"), ("audit", AuditEntry, "audit_auditentry")]:
        prev, count = GENESIS, 0
        for index, row in enumerate(model._base_manager.order_by("id")):
            if index < unsealed_first:  # written before the chain existed
                raw(f"UPDATE {table} SET prev_hash = '', entry_hash = '' WHERE id = %s", [row.pk])
                continue
            row_hash = hashlib.sha256(prev.encode() + b"\n" + canonical(row.chain_content())).hexdigest()
            raw(f"UPDATE {table} SET prev_hash = %s, entry_hash = %s WHERE id = %s", [prev, row_hash, row.pk])
            prev, count = row_hash, count + 1
        raw("UPDATE audit_chainhead SET last_hash = %s, length = %s WHERE name = %s", [prev, count, name])


def run_migration():
    """The migration's forward step, with the models as the migration sees them (plain managers)."""
    migration = importlib.import_module(f"rightsdesk.audit.migrations.{MIGRATION}")
    apps = MigrationExecutor(connection).loader.project_state(("audit", MIGRATION)).apps
    migration.forwards(apps, None)


# --- the key -----------------------------------------------------------------------------------------------------

def test_the_key_is_RIGHTSDESK_AUDIT_KEY_or_else_derived_from_the_secret_key_with_salted_hmac(settings, monkeypatch):
    assert using_derived_key()
    assert chain_key() == salted_hmac("rightsdesk.audit.chain", "chain key", algorithm="sha256").digest()
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    assert not using_derived_key() and chain_key() == b"k" * 32  # base64 is decoded
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", "a passphrase, not base64")
    assert chain_key() == b"a passphrase, not base64"
    settings.SECRET_KEY = "another secret key"
    assert chain_key() == b"a passphrase, not base64"  # the configured key does not follow SECRET_KEY


def test_the_deploy_check_warns_until_RIGHTSDESK_AUDIT_KEY_is_set(monkeypatch):
    ids = lambda: [m.id for m in checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])]
    assert "rightsdesk.audit.W001" in ids()
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    assert "rightsdesk.audit.W001" not in ids()


# --- the migration from the unkeyed hash -------------------------------------------------------------------------

def test_the_migration_reseals_chains_sealed_with_the_unkeyed_hash_so_they_verify(written):
    seal_as_before_the_migration()
    history, audit = chains_verify()
    assert history.position == 1 and audit.position == 1  # the keyed hash does not accept the old one

    run_migration()
    assert chains_verify() == (None, None)
    ok = io.StringIO()
    call_command("audit", "verify", stdout=ok, stderr=io.StringIO())
    assert "ok case_history: 4 entries, chain intact" in ok.getvalue() and "ok audit: 3 entries" in ok.getvalue()
    services.record(written, CaseHistory.Event.NOTE, "test", reason="after the migration")
    assert chains_verify() == (None, None)


def test_the_migration_also_seals_rows_written_before_the_chain_existed(written):
    seal_as_before_the_migration(unsealed_first=2)
    run_migration()
    assert chains_verify() == (None, None)
    assert ChainHead.objects.get(pk="audit").length == 3


def test_the_migration_refuses_to_reseal_a_chain_that_was_already_broken(written, monkeypatch):
    seal_as_before_the_migration()
    second = CaseHistory.objects.order_by("id")[1]
    raw("UPDATE cases_casehistory SET reason = 'rewritten' WHERE id = %s", [second.pk])
    before = list(CaseHistory._base_manager.order_by("id").values_list("entry_hash", flat=True))

    with pytest.raises(RuntimeError, match=f"case_history chain is broken: entry {second.pk} was changed"):
        run_migration()
    assert list(CaseHistory._base_manager.order_by("id").values_list("entry_hash", flat=True)) == before

    monkeypatch.setenv("RIGHTSDESK_AUDIT_RESEAL_BROKEN", "1")  # looked into, and accepted
    run_migration()
    assert chains_verify() == (None, None)


# --- re-sealing after a change of key ----------------------------------------------------------------------------

def test_reseal_after_setting_RIGHTSDESK_AUDIT_KEY_keeps_the_chains_verifiable(written, monkeypatch, checkpoint_file):
    call_command("audit", "checkpoint", stdout=io.StringIO())
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    assert chains_verify()[0].position == 1  # sealed under the key derived from SECRET_KEY

    out = io.StringIO()
    call_command("audit", "reseal", stdout=out)
    assert "resealed case_history: 4 entries under the current key" in out.getvalue()
    assert "checkpoint audit: 3 entries" in out.getvalue()  # a fresh checkpoint under the new key
    assert chains_verify() == (None, None)
    verified, notes = io.StringIO(), io.StringIO()
    call_command("audit", "verify", stdout=verified, stderr=notes)
    assert "ok audit: 3 entries, chain intact; agrees with 1 checkpoint(s)" in verified.getvalue()
    assert "2 checkpoint(s) signed with another audit key" in notes.getvalue()


def test_reseal_from_an_old_audit_key_named_by_its_environment_variable(written, monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    call_command("audit", "reseal", stdout=io.StringIO())
    monkeypatch.setenv("OLD_AUDIT_KEY", AUDIT_KEY)
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", base64.b64encode(b"n" * 32).decode())
    call_command("audit", "reseal", "--old-key-env", "OLD_AUDIT_KEY", stdout=io.StringIO())
    assert chains_verify() == (None, None)


def test_reseal_refuses_a_chain_broken_under_the_old_key_and_changes_nothing(written, monkeypatch):
    second = AuditEntry.objects.order_by("id")[1]
    raw("UPDATE audit_auditentry SET purpose = 'rewritten' WHERE id = %s", [second.pk])
    monkeypatch.setenv("RIGHTSDESK_AUDIT_KEY", AUDIT_KEY)
    before = list(AuditEntry._base_manager.order_by("id").values_list("entry_hash", flat=True))
    err = io.StringIO()
    with pytest.raises(CommandError, match="did not verify"):
        call_command("audit", "reseal", stdout=io.StringIO(), stderr=err)
    assert f"BROKEN audit: entry {second.pk} (position 2)" in err.getvalue()
    assert list(AuditEntry._base_manager.order_by("id").values_list("entry_hash", flat=True)) == before
    assert verify(CaseHistory.objects.all(), "case_history") is None  # the intact chain was re-sealed


def test_reseal_needs_to_be_told_the_old_key_when_none_is_implied():
    with pytest.raises(CommandError, match="--old-key-env"):
        call_command("audit", "reseal", stdout=io.StringIO())


def test_the_old_key_derived_from_a_previous_secret_key_is_accepted_for_a_reseal(written, settings, monkeypatch):
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY = "the new secret key"
    assert key_from("", old_secret) != chain_key()
    monkeypatch.setenv("OLD_SECRET_KEY", old_secret)
    call_command("audit", "reseal", "--old-secret-key-env", "OLD_SECRET_KEY", stdout=io.StringIO())
    assert chains_verify() == (None, None)
