"""Received e-mail follows the privacy rules of the rest: its files are resealed when the key changes, it is purged
with its case, and a person's export includes the e-mails they sent."""

from __future__ import annotations

import base64
import os
from io import StringIO

import pytest
from django.core.management import call_command

from rightsdesk.cases import choices as c
from rightsdesk.mail import services
from rightsdesk.privacy import crypto

from .corpus import eml, make_inboxes

pytestmark = pytest.mark.django_db


def new_key() -> str:
    return base64.b64encode(os.urandom(32)).decode()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()


def test_reencrypt_reseals_the_stored_originals_and_attachments_and_they_open_without_the_old_key(
        media, monkeypatch):
    old, new = new_key(), new_key()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", old)
    message = services.receive_message("legal", eml("subpoena.eml")).message
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", f"{new},{old}")
    out = StringIO()
    call_command("reencrypt", stdout=out)
    assert "files re-encrypted: 2" in out.getvalue()
    monkeypatch.setenv("RIGHTSDESK_ENCRYPTION_KEYS", new)
    message.refresh_from_db()
    with message.raw.open("rb") as stored:
        assert crypto.key_id_of(stored.read(64)) == crypto.current_key_id()
    assert services.read_raw(message) == eml("subpoena.eml")
    assert services.read_attachment(message.attachments.get()).startswith(b"%PDF")
    assert message.sender_email == "subpoenas@da.example.gov"


def test_a_purged_case_takes_the_personal_parts_and_files_of_its_e_mails_with_it(media, make_staff):
    from rightsdesk.cases.models import Case
    from rightsdesk.privacy.retention import purge_case

    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    case = services.open_case_from_message(message, kind=c.Kind.USER_DATA_REQUEST, actor=make_staff("reviewer"),
                                           values={"legal_process": c.LegalProcess.COURT_ORDER})
    raw_path = message.raw.path
    Case.objects.filter(pk=case.pk).update(state=c.State.CLOSED)
    assert purge_case(Case.objects.get(pk=case.pk))
    message.refresh_from_db()
    assert (message.sender_email, message.original_sender_email, message.subject, message.body_text) == ("",) * 4
    assert not message.raw and not os.path.exists(raw_path)
    assert [(a.filename, bool(a.file)) for a in message.attachments.all()] == [("", False)]


def test_a_data_subject_export_lists_the_e_mails_the_person_sent(media, make_staff):
    from rightsdesk.privacy.subject_export import export_subject

    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    services.open_case_from_message(message, kind=c.Kind.USER_DATA_REQUEST, actor=make_staff("reviewer"),
                                    values={"legal_process": c.LegalProcess.COURT_ORDER})
    document = export_subject(email="clerk@nysd.uscourts.gov")
    [sent] = document["mail"]["your_emails"]
    assert sent["subject"].startswith("Fwd: Order to produce records") and "Court's order" in sent["text"]
    assert sent["attachments"] == ["Order_1-26-cv-04417.pdf"]
    assert export_subject(email="someone.else@example.org").get("mail", {"your_emails": []})["your_emails"] == []


def _store_two_unfiled_messages():
    return (services.receive_message("legal", eml("subpoena.eml")).message,
            services.receive_message("dmca", eml("dmca_notice.eml")).message)


def test_mail_never_filed_into_a_case_is_purged_by_the_retention_run_after_its_days(media, settings):
    """Ignored or never-sorted e-mail holds people's data too: the retention run blanks it after
    RIGHTSDESK_MAIL["UNFILED_RETENTION_DAYS"], keeps the row (a re-delivery is still a duplicate), and leaves younger
    mail and mail filed into a case (purged with its case) alone."""
    from datetime import timedelta

    from django.utils import timezone

    from rightsdesk.mail.models import InboundMessage
    from rightsdesk.privacy.retention import run_retention

    settings.RIGHTSDESK_MAIL = {**settings.RIGHTSDESK_MAIL, "UNFILED_RETENTION_DAYS": 30}
    old, young = _store_two_unfiled_messages()
    InboundMessage.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=31))

    assert run_retention(dry_run=True).unattached["mail"] == 1
    assert run_retention().unattached["mail"] == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.sender_email, old.subject, old.body_text, bool(old.raw)) == ("", "", "", False)
    assert old.message_id and old.status  # the row stays
    assert young.sender_email and young.body_text and young.raw
    assert run_retention().unattached["mail"] == 0  # nothing left to purge
