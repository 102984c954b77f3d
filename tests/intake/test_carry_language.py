"""Changing the language of a half-filled request form keeps what was typed, without JavaScript (core/carry_language.py).

The language switcher of a page with a form is a list of buttons of that form: each posts the form to the same page
under the other language's prefix, with carry_language naming the language. The page comes back in that language with
every word, choice and tick as typed, checked for nothing (no error), filed nothing, its one-time token unclaimed, and
the language remembered for the next pages. Files cannot be carried: the page says so at the file field.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases.models import Case, Party
from rightsdesk.intake.models import Attachment
from tests.carried_form import carried_form, switched_to_arabic, typed_into

pytestmark = pytest.mark.django_db

PATH = "/request/content-takedown/"


def _half_filled(client):
    page = carried_form(client.get("/en" + PATH).content.decode())
    assert page.has_form and page.switch_buttons["ar"] == "/ar" + PATH  # the switcher posts the form, to Arabic
    return typed_into(page)


def test_switching_the_language_of_a_request_form_shows_it_again_in_arabic_with_every_field_kept_and_nothing_filed(
        client):
    switched_to_arabic(client, PATH)
    assert Case.objects.count() == Party.objects.count() == Attachment.objects.count() == 0
    # The next pages stay in Arabic, as after the switcher's own view.
    assert client.get("/").url.startswith("/ar/")


def test_the_form_shown_again_in_another_language_is_still_sent_once_with_the_same_token(client):
    typed = _half_filled(client)
    client.post("/ar" + PATH, {**typed, "carry_language": "ar"})
    assert Case.objects.count() == 0
    sent = {**typed, "description": "My photo is used without my consent.",
            "urls": "https://commons.wikimedia.org/wiki/File:Mine.jpg", "email": "me@example.org"}
    first = client.post("/ar" + PATH, sent)
    assert first.status_code == 302 and first.url.endswith("/received/"), first.content.decode()[:3000]
    assert client.post("/ar" + PATH, sent).status_code == 302
    assert Case.objects.count() == 1


def test_files_chosen_before_the_language_changed_are_asked_for_again_at_the_file_field_not_as_an_error(client):
    typed = _half_filled(client)
    pdf = SimpleUploadedFile("order.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    html = client.post("/ar" + PATH, {**typed, "attachments": [pdf], "carry_language": "ar"}).content.decode()
    assert "اختر ملفاتك مرة أخرى" in html and 'id="id_attachments-note"' in html
    assert "error-summary" not in html and Attachment.objects.count() == 0
    assert "id_attachments-note" in re.search(r'<input type="file"[^>]*>', html).group(0)  # described by it
    html = client.post("/en" + PATH, {**typed, "carry_language": "en"}).content.decode()
    assert "Choose your files again" not in html  # no file chosen, nothing to say
