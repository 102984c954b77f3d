"""The data-subject export finds what a person sent even when they are party to no case: a volunteer's request for
legal support, an e-mail never filed into a case. The hooks are given the address searched, not only the parties
found on cases (privacy/subject_export.py)."""

from __future__ import annotations

import pytest

from rightsdesk.privacy.subject_export import export_subject

pytestmark = pytest.mark.django_db

VOLUNTEER = "Zebulon@Example.org"


def test_a_volunteers_request_for_legal_support_is_in_their_export_though_they_are_party_to_no_case(settings,
                                                                                                      tmp_path):
    from rightsdesk.legalsupport import services

    settings.MEDIA_ROOT = str(tmp_path / "media")
    request, _token = services.submit({
        "requester_name": "Zebulon", "requester_email": VOLUNTEER, "threat_kind": "government",
        "description": "A ministry threatens me over my edits."}, [], language="en")
    services.submit({"requester_name": "Someone else", "requester_email": "other@example.org",
                     "threat_kind": "government", "description": "Not Zebulon's."}, [], language="en")

    document = export_subject(email="zebulon@example.org", actor="test")
    assert document["cases"] == []
    [own] = document["legalsupport"]["your_requests_for_legal_support"]
    assert own["reference"] == request.reference and own["description"] == "A ministry threatens me over my edits."


def test_an_email_never_filed_into_a_case_is_in_its_senders_export():
    from rightsdesk.mail import services

    from tests.mail.corpus import make_inboxes

    make_inboxes()
    raw = (f"From: Zebulon <{VOLUNTEER}>\r\nTo: legal@rightsdesk.invalid\r\nSubject: A question\r\n"
           "Date: Wed, 02 Dec 2026 09:00:00 +0000\r\nMessage-ID: <q-1@example.org>\r\n"
           "Content-Type: text/plain; charset=utf-8\r\nMIME-Version: 1.0\r\n\r\nWho do I write to about my edits?\r\n")
    services.receive_message("legal", raw.encode())

    emails = export_subject(email="zebulon@example.org", actor="test")["mail"]["your_emails"]
    assert [(e["case"], e["text"].strip()) for e in emails] == [(None, "Who do I write to about my edits?")]
    assert export_subject(email="other@example.org", actor="test").get("mail", {}).get("your_emails", []) == []
