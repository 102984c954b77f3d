"""Personal data is encrypted at rest with keys from the environment."""

import base64
import os

import pytest
from django.db import connection

from rightsdesk.cases.models import Case, Party
from rightsdesk.privacy import crypto

pytestmark = pytest.mark.django_db


def raw_row(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        columns = [c[0] for c in cursor.description]
        return dict(zip(columns, cursor.fetchone()))


def test_private_fields_are_unreadable_in_the_database_and_readable_through_the_app(make_case):
    case = make_case(description="Harassed by my neighbour at Hauptstraße 5", parties=[
        {"role": "requester", "name": "Erika Mustermann", "email": "erika@example.org", "phone": "+49 30 1234567",
         "postal_address": "Hauptstraße 5, Berlin"}])
    party = case.parties.get()
    stored_party = raw_row("cases_party", party.pk)
    stored_case = raw_row("cases_case", case.pk)
    dump = repr(stored_party) + repr(stored_case)
    for secret in ["Erika", "erika@example.org", "1234567", "Hauptstraße", "neighbour"]:
        assert secret not in dump
    assert stored_party["email"].startswith("enc1:")
    fresh = Party.objects.get(pk=party.pk)
    assert (fresh.name, fresh.email, fresh.postal_address) == ("Erika Mustermann", "erika@example.org", "Hauptstraße 5, Berlin")
    assert Case.objects.get(pk=case.pk).description.startswith("Harassed")


def test_the_same_value_encrypts_differently_each_time():
    assert crypto.encrypt("same") != crypto.encrypt("same")
    assert crypto.decrypt(crypto.encrypt("same")) == "same"


def test_one_encryptor_never_uses_a_nonce_twice_and_each_value_opens(monkeypatch):
    """An encryptor reads its random nonces from the operating system many at a time (crypto._NONCES); across
    the refills of that pool every value still gets a nonce of its own (AES-GCM's one requirement)."""
    monkeypatch.setattr(crypto, "_NONCES", 3)
    draws = []
    real = os.urandom
    monkeypatch.setattr(crypto.os, "urandom", lambda n: draws.append(n) or real(n))
    seal = crypto.encryptor()
    sealed = [seal(f"value {n}") for n in range(10)]
    assert draws == [12, 24, 36, 36, 36]  # one nonce first, then twice as many, at most _NONCES at a time
    nonces = [base64.b64decode(value.split(":", 2)[2])[:12] for value in sealed]
    assert len(set(nonces)) == len(nonces) and all(len(nonce) == 12 for nonce in nonces)
    assert [crypto.decrypt(value) for value in sealed] == [f"value {n}" for n in range(10)]


def test_a_tampered_ciphertext_fails_loudly_instead_of_decrypting_to_garbage():
    sealed = crypto.encrypt("volunteer identity")
    prefix, key_id, payload = sealed.split(":", 2)
    blob = bytearray(base64.b64decode(payload))
    blob[-1] ^= 1
    with pytest.raises(crypto.DecryptionError, match="integrity"):
        crypto.decrypt(f"{prefix}:{key_id}:{base64.b64encode(bytes(blob)).decode()}")


def test_keys_come_from_the_environment_and_rotate(monkeypatch):
    old, new = base64.b64encode(os.urandom(32)).decode(), base64.b64encode(os.urandom(32)).decode()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    sealed_with_old = crypto.encrypt("account Volunteer42")
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    assert crypto.decrypt(sealed_with_old) == "account Volunteer42"
    assert crypto.encrypt("x").split(":")[1] != sealed_with_old.split(":")[1]
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new)
    with pytest.raises(crypto.DecryptionError, match="No configured key"):
        crypto.decrypt(sealed_with_old)


def test_a_malformed_key_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", "not-base64!!")
    with pytest.raises(crypto.DecryptionError, match="base64-encoded 32-byte"):
        crypto.encrypt("x")


def test_a_person_can_be_found_by_e_mail_without_decrypting_every_row(make_case):
    make_case(parties=[{"role": "requester", "name": "A", "email": "Someone@Example.org"}])
    make_case(parties=[{"role": "requester", "name": "B", "email": "other@example.org"}])
    found = Party.objects.filter(email_index=crypto.blind_index("someone@example.org"))
    assert [p.name for p in found] == ["A"]


def test_max_length_still_applies_to_the_plaintext(make_case):
    from rightsdesk.cases.services import update_party
    from rightsdesk.core.errors import DomainError

    party = make_case().parties.get()
    with pytest.raises(DomainError, match="at most 64 characters") as refused:
        update_party(party, {"phone": "1" * 65}, "test")
    assert refused.value.field == "phone"


def test_the_deploy_check_warns_when_no_encryption_key_is_configured(monkeypatch):
    from rightsdesk.privacy.checks import encryption_key_configured

    monkeypatch.delenv("RIGHTSDESK_ENCRYPTION_KEYS", raising=False)
    assert [w.id for w in encryption_key_configured(None)] == ["rightsdesk.W001"]
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", base64.b64encode(os.urandom(32)).decode())
    assert encryption_key_configured(None) == []
