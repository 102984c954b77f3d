"""The tracking token the receipt task carries is sealed with the personal-data keys, and rotates with them."""

from __future__ import annotations

import base64
import hashlib
import os

import pytest
from cryptography.fernet import Fernet
from django.core import mail

from rightsdesk.cases.models import Case
from rightsdesk.intake.services import seal, unseal
from rightsdesk.privacy import crypto

TOKEN = "tracking-token-" + "x" * 30
TAKEDOWN = {"requester_type": "individual", "content_ground": "privacy", "description": "It shows my home address.",
            "urls": "https://en.wikipedia.org/wiki/Example", "name": "Erika Muster", "email": "erika@example.org",
            "good_faith": "on"}


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


def test_a_sealed_token_opens_after_a_key_rotation_and_new_seals_use_the_new_key(monkeypatch):
    old, new = new_key(), new_key()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    box = seal(TOKEN)
    old_id = crypto.current_key_id()
    assert TOKEN not in box and box.startswith(f"seal1:{old_id}:")

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    assert unseal(box) == TOKEN
    fresh = seal(TOKEN)
    assert fresh.startswith(f"seal1:{crypto.current_key_id()}:") and crypto.current_key_id() != old_id
    assert unseal(fresh) == TOKEN


def test_a_sealed_token_does_not_open_once_its_key_is_removed(monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    box = seal(TOKEN)
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    assert unseal(box) is None


def test_only_a_token_sealed_for_the_receipt_opens_not_plaintext_a_field_value_or_another_purpose(monkeypatch):
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new_key())
    assert unseal(TOKEN) is None
    assert unseal(crypto.encrypt(TOKEN)) is None  # an encrypted personal-data field is not a receipt token
    assert unseal(crypto.seal_text(TOKEN, "some.other.purpose")) is None
    box = seal(TOKEN)
    assert unseal(box[:-4] + ("AAAA" if not box.endswith("AAAA") else "BBBB")) is None
    assert unseal("seal1:nonsense") is None and unseal("") is None


def test_a_token_sealed_with_the_old_fernet_key_by_a_task_queued_before_the_upgrade_still_opens(settings):
    key = hashlib.sha256(("rightsdesk.intake.receipt:" + settings.SECRET_KEY).encode()).digest()
    queued_before = Fernet(base64.urlsafe_b64encode(key)).encrypt(TOKEN.encode()).decode()
    assert unseal(queued_before) == TOKEN


@pytest.mark.django_db
def test_a_receipt_queued_before_a_rotation_is_sent_with_its_link_after_it(
        client, monkeypatch, django_capture_on_commit_callbacks):
    old, new = new_key(), new_key()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        client.post("/en/request/content-takedown/", TAKEDOWN)
    assert len(queued) == 1 and mail.outbox == []

    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    queued[0]()  # the task runs after the rotation (the tests' task backend runs it at once)
    case = Case.objects.get()
    (message,) = mail.outbox
    assert case.reference in message.body and "https://requests.example.org/en/track/" in message.body


def test_the_rate_limit_key_is_django_salted_hmac_of_the_address_and_never_holds_the_address(rf):
    from django.utils.crypto import salted_hmac

    from rightsdesk.intake.ratelimit import _key

    request = rf.post("/", REMOTE_ADDR="203.0.113.7")
    key = _key(request, "post", 60)
    assert "203.0.113.7" not in key
    assert salted_hmac("rightsdesk.intake.ratelimit", "203.0.113.7", algorithm="sha256").hexdigest()[:32] in key
    assert _key(rf.post("/", REMOTE_ADDR="203.0.113.8"), "post", 60) != key
