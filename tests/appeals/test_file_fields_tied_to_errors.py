"""Every public form's file field, given a file it refuses, or sent back refused for another field after files were
chosen (which the browser drops: "choose your files again"), is marked invalid and described by what to fix
(``aria-invalid``, ``aria-describedby`` naming the message at the field): intake's request form and tracking page,
legal support's form, and the appeal page's two forms (a new appeal, an addition to an open one), whose fields are
written by hand and tied by core's ``field_errors`` tags."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.intake.attachments import CHOOSE_AGAIN
from tests.field_ties import assert_tied_to, description_of

from .test_attachments import appeal_path  # noqa: F401  (the fixture: an appeal link, sent in a real notice)

pytestmark = pytest.mark.django_db

#: What the file's check says of a file that is not what its name says (intake.attachments).
SAYS = {"en": "not a PDF file", "ar": "PDF"}
#: A file the forms take, and words longer than any of their text fields takes (20,000 characters).
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
TOO_LONG = "x" * 20_001
#: The field each form refuses when it is too long, else empty (the request forms' explanation is needed).
TEXT = {"the request form": "description", "the legal-support form": "description"}


def _not_a_pdf():
    return SimpleUploadedFile("licence.pdf", b"MZ\x90\x00\x03 not a pdf")


def _request_form(client, make_case, appeal_link):
    return "/request/content-takedown/", {"description": "My photo.", "email": "me@example.org"}


def _tracking_page(client, make_case, appeal_link):
    return f"/track/{issue_tracking_token(make_case())}/add/", {"text": "The licence."}


def _legal_support(client, make_case, appeal_link):
    return "/legal-support/", {"threat_kind": "lawsuit", "description": "A lawsuit over my edits."}


def _new_appeal(client, make_case, appeal_link):
    return appeal_link, {"text": "The photo is my own work."}


def _open_appeal(client, make_case, appeal_link):
    assert client.post("/en" + appeal_link, {"text": "The photo is my own work."}).status_code == 302
    return appeal_link, {"text": "And here is the licence."}


FORMS = {"the request form": _request_form, "the tracking page": _tracking_page,
         "the legal-support form": _legal_support, "a new appeal": _new_appeal,
         "an addition to an open appeal": _open_appeal}


@pytest.fixture
def appeal_link_if_needed(request):
    return request.getfixturevalue("appeal_path") if "appeal" in request.node.callspec.params["form"] else ""


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_refused_file_marks_its_field_invalid_and_described_by_what_to_fix(
        client, make_case, appeal_link_if_needed, form, lang):
    path, typed = FORMS[form](client, make_case, appeal_link_if_needed)
    response = client.post(f"/{lang}{path}", {**typed, "attachments": [_not_a_pdf()]})
    page = response.content.decode()
    assert response.status_code in (200, 400), response.status_code
    assert_tied_to(page, "id_attachments", SAYS[lang])
    assert "licence.pdf" in " ".join(description_of(page, "id_attachments"))  # the file it is about, named


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_form_refused_for_its_words_after_a_file_was_chosen_marks_the_file_field_to_choose_it_again(
        client, make_case, appeal_link_if_needed, form):
    path, typed = FORMS[form](client, make_case, appeal_link_if_needed)
    words = TEXT.get(form, "text")
    sent = {**typed, words: "" if form in TEXT else TOO_LONG,
            "attachments": [SimpleUploadedFile("licence.pdf", PDF, "application/pdf")]}
    page = client.post(f"/en{path}", sent).content.decode()
    assert_tied_to(page, f"id_{words}", "")  # the words refused, at their field
    assert_tied_to(page, "id_attachments", str(CHOOSE_AGAIN)[:30])
