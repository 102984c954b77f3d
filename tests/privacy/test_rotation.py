"""Attachment files are encrypted at rest, and ``rightsdesk reencrypt`` moves everything onto a new key."""

import base64
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from rightsdesk.cases.models import Case, Party
from rightsdesk.intake import attachments
from rightsdesk.intake.models import Attachment
from rightsdesk.privacy import crypto

pytestmark = pytest.mark.django_db

ORDER = b"%PDF-1.4 Order to identify the account of Erika Mustermann, Hauptstrasse 5"


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def key_id(key: str) -> str:
    import hashlib

    return hashlib.sha256(base64.b64decode(key)).hexdigest()[:8]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.MEDIA_ROOT)


def attach(case, data=ORDER, name="order.pdf"):
    return attachments.store(case, attachments.check_file(name, data), uploaded_by="requester")


def stored_bytes(attachment) -> bytes:
    return Path(attachment.file.path).read_bytes()


def raw(table, column, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_an_attachment_is_unreadable_on_disk_and_opens_for_the_staff(make_case, media):
    attachment = attach(make_case())
    on_disk = stored_bytes(attachment)
    assert b"Erika" not in on_disk and b"%PDF" not in on_disk
    assert on_disk.startswith(crypto.FILE_MAGIC)
    assert attachments.read(Attachment.objects.get(pk=attachment.pk)) == ORDER
    # The name on disk is neither the sender's nor the digest of the contents (which would confirm a known file).
    assert "order" not in attachment.file.name and attachment.sha256 not in attachment.file.name


def test_a_changed_attachment_file_fails_loudly_instead_of_opening_as_garbage(make_case, media):
    attachment = attach(make_case())
    path = Path(attachment.file.path)
    blob = bytearray(path.read_bytes())
    blob[-1] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(crypto.DecryptionError, match="integrity"):
        attachments.read(attachment)


def test_after_a_rotation_reencrypt_moves_every_value_and_file_to_the_new_key(make_case, media, monkeypatch):
    old, new = new_key(), new_key()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    case = make_case(description="Harassed by my neighbour")
    party = case.parties.get()
    attachment = attach(case)
    updated_at = Case.objects.get(pk=case.pk).updated_at
    # A value written before encryption was switched on is sealed too.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_party SET phone = %s WHERE id = %s", ["+49 30 1234567", party.pk])

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    out = StringIO()
    call_command("reencrypt", stdout=out)
    report = out.getvalue()
    assert f"current key {key_id(new)}" in report
    assert f"cases.party: 1 rows, re-encrypted 1 (values by key before: {key_id(old)} 2, plaintext 1)" in report
    assert "files re-encrypted: 1" in report
    assert f"keys {key_id(old)} may be removed" in report

    for table, column, pk in [("cases_party", "name", party.pk), ("cases_party", "email", party.pk),
                              ("cases_party", "phone", party.pk), ("cases_case", "description", case.pk)]:
        assert crypto.key_id_of(raw(table, column, pk)) == key_id(new), (table, column)
    attachment.refresh_from_db()
    assert crypto.key_id_of(stored_bytes(attachment)) == key_id(new)
    assert len(list(media.rglob("*"))) - len([p for p in media.rglob("*") if p.is_dir()]) == 1, "old file removed"

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new)  # the old key is gone: everything still opens
    fresh = Party.objects.get(pk=party.pk)
    assert (fresh.name, fresh.email, fresh.phone) == ("Erika Mustermann", "erika@example.org", "+49 30 1234567")
    assert Case.objects.get(pk=case.pk).description == "Harassed by my neighbour"
    assert Case.objects.get(pk=case.pk).updated_at == updated_at, "re-sealing is not a change to the case"
    assert attachments.read(attachment) == ORDER


def test_reencrypt_can_run_again_and_a_dry_run_changes_nothing(make_case, media, monkeypatch):
    old, new = new_key(), new_key()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    case = make_case()
    attach(case)
    before = raw("cases_party", "email", case.parties.get().pk)
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")

    out = StringIO()
    call_command("reencrypt", "--dry-run", stdout=out)
    assert "cases.party: 1 rows, would re-encrypt 1" in out.getvalue()
    assert f"Under older keys: {key_id(old)}" in out.getvalue()
    assert raw("cases_party", "email", case.parties.get().pk) == before

    call_command("reencrypt", "--batch-size", "1", stdout=StringIO())
    again = StringIO()
    call_command("reencrypt", stdout=again)
    assert "cases.party: 1 rows, re-encrypted 0" in again.getvalue()
    assert "files re-encrypted: 0" in again.getvalue()
    assert "Nothing was under an older key or unencrypted." in again.getvalue()


def test_reencrypt_stops_with_a_clear_message_when_a_needed_key_is_missing(make_case, monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    make_case()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())  # the first key was dropped too early
    with pytest.raises(CommandError, match="No configured key has id .*add the old key"):
        call_command("reencrypt", stdout=StringIO())
