"""The public appeal form takes documents, with the request forms' rules (count, size, type by the first bytes), and
keeps them encrypted like every attachment; a refused file stores nothing and keeps what was typed."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.intake import attachments
from rightsdesk.intake.models import Attachment
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% the licence of the photograph\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def appeal_path(takedown, decide, staff, smtp, immediate_tasks):
    decided = decide(takedown(), staff["reviewer"])
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    body = next(b for b in smtp.bodies() if "/appeal/" in b)
    return re.search(r"http://[^/]+/fr(/appeal/\S+/)", body).group(1)


def test_an_appeal_is_filed_with_a_document_stored_encrypted(appeal_path, client):
    path = "/en" + appeal_path
    assert 'enctype="multipart/form-data"' in client.get(path).content.decode()
    response = client.post(path, {"text": "The photo is my own work, see the licence attached.",
                                  "attachments": [SimpleUploadedFile("licence.pdf", PDF, "application/pdf")]})
    assert response.status_code == 302
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    [document] = Attachment.objects.filter(case=appeal)
    assert document.original_name == "licence.pdf" and document.content_type == "application/pdf"
    with document.file.open("rb") as stored:
        assert b"the licence of the photograph" not in stored.read()  # encrypted at rest
    assert attachments.read(document) == PDF
    assert "licence.pdf" in client.get(path).content.decode()  # the appellant sees what they sent


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_filed(appeal_path, client):
    path = "/en" + appeal_path
    typed = "The photo is my own work, see the licence attached."
    response = client.post(path, {"text": typed,
                                  "attachments": [SimpleUploadedFile("licence.pdf", b"MZ\x90\x00\x03 not a pdf")]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "licence.pdf" in page and "not a PDF file" in page and 'aria-invalid="true"' in page
    assert typed in page  # what was typed is kept
    assert not Case.objects.filter(kind=c.Kind.APPEAL).exists() and not Attachment.objects.exists()


def test_the_appellant_can_add_a_document_alone_to_an_open_appeal(appeal_path, client):
    path = "/en" + appeal_path
    client.post(path, {"text": "The photo is my own work, published under a free licence."})
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    response = client.post(path, {"text": "", "attachments": [SimpleUploadedFile("licence.pdf", PDF)]})
    assert response.status_code == 302
    assert [a.original_name for a in Attachment.objects.filter(case=appeal)] == ["licence.pdf"]  # names are encrypted
    assert appeal.history.filter(event="message", changes__attachments=1).exists()

