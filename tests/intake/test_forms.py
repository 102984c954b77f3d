"""The public forms: accessible, keep what was typed, store incomplete requests, send receipts, limit abuse."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.intake.attachments import read
from rightsdesk.intake.forms_catalogue import public_form_links
from rightsdesk.intake.kinds import SPECS
from rightsdesk.intake.models import Attachment, Declaration

pytestmark = pytest.mark.django_db

TAKEDOWN = {"requester_type": "individual", "content_ground": "privacy", "description": "It shows my home address.",
            "urls": "https://en.wikipedia.org/wiki/Example", "name": "Erika Muster", "email": "erika@example.org",
            "good_faith": "on"}


def post(client, slug, data, lang="en", **extra):
    return client.post(f"/{lang}/request/{slug}/", data, follow=True, **extra)


def tracking_path(response) -> str:
    match = re.search(r'id="tracking-link" href="https?://[^/]+(/[a-z-]+/track/[^"]+/)"', response.content.decode())
    assert match, "the receipt shows the tracking link"
    return match.group(1)


def test_the_catalogue_lists_one_form_per_kind_with_working_urls(client):
    links = public_form_links()
    assert len(links) == len(c.Kind.values)
    for link in links:
        assert link["url"].startswith("/en/request/") and link["title"] and link["summary"]
        assert client.get(link["url"]).status_code == 200


@pytest.mark.parametrize("kind", list(SPECS))
def test_each_form_labels_every_field_and_says_why_it_is_asked(client, kind):
    spec = SPECS[kind]
    html = client.get(f"/en/request/{spec.slug}/").content.decode()
    assert "<fieldset>" in html and "<legend>" in html
    for name in spec.field_names:
        assert f'for="id_{name}"' in html, name
    assert html.count('class="why"') >= 2
    assert 'name="website"' in html  # the honeypot


def test_the_arabic_form_is_right_to_left(client):
    html = client.get("/ar/request/harm-report/").content.decode()
    assert 'dir="rtl"' in html and 'lang="ar"' in html


def test_a_hard_error_keeps_everything_typed_and_ties_the_error_to_its_field(client):
    response = post(client, "content-takedown", {**TAKEDOWN, "email": "erika-at-example"})
    html = response.content.decode()
    assert Case.objects.count() == 0
    assert 'class="error-summary"' in html and 'href="#id_email"' in html
    assert 'value="erika-at-example"' in html and "It shows my home address." in html
    assert re.search(r'aria-invalid="true" aria-describedby="[^"]*id_email-error"', html)
    assert 'id="id_email-error"' in html


def test_a_complete_takedown_creates_a_case_and_shows_the_receipt(client):
    response = post(client, "content-takedown", TAKEDOWN)
    case = Case.objects.get()
    html = response.content.decode()
    assert case.reference in html
    assert case.kind == c.Kind.CONTENT_TAKEDOWN and case.source == c.Source.WEB_FORM
    assert not case.incomplete and case.dsa_category == c.DsaCategory.DATA_PROTECTION_AND_PRIVACY_VIOLATIONS
    assert case.requester.email == "erika@example.org"
    assert case.items.get().page_title == "Example"
    token = tracking_path(response).rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 40 and str(case.pk) != token
    assert token not in str(Case.objects.values().get())  # only the digest is stored


def test_an_incomplete_notice_is_kept_and_the_requester_told_what_is_missing(client):
    response = post(client, "copyright", {"description": "My photo is used without permission.",
                                          "urls": "https://commons.wikimedia.org/wiki/File:A.jpg",
                                          "email": "pat@example.org"})
    case = Case.objects.get()
    assert case.incomplete
    assert case.missing_fields == ["copyrighted_work", "name", "good_faith", "accuracy_statement", "signature"]
    html = response.content.decode()
    assert "Some information is missing" in html and "your signature" in html


def test_statements_and_signature_are_kept_with_the_case(client):
    post(client, "copyright", {"description": "Photo", "copyrighted_work": "My photo", "name": "Pat", "phone": "+1 555",
                               "urls": "https://commons.wikimedia.org/wiki/File:A.jpg", "good_faith": "on",
                               "accuracy_statement": "on", "signature": "Pat Agent"})
    declaration = Declaration.objects.get()
    assert declaration.statements == ["good_faith", "accuracy_statement"]
    assert declaration.signature == "Pat Agent"
    assert not declaration.case.incomplete


def test_the_receipt_email_has_the_reference_and_tracking_link_in_the_requesters_language(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "content-takedown", TAKEDOWN, lang="es")
    case = Case.objects.get()
    assert case.language == "es"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erika@example.org"]
    assert case.reference in message.subject and case.reference in message.body
    assert "https://requests.example.org" + tracking_path(response) in message.body
    assert "Recibimos" in message.subject


@pytest.mark.parametrize("language", ["ar", "fa", "ur"])
def test_a_right_to_left_receipt_keeps_the_reference_left_to_right_and_its_link_bare(
        client, django_capture_on_commit_callbacks, language):
    """In Arabic, Persian and Urdu the receipt's subject and text isolate the reference (LRI … PDI), as the notices
    do; the tracking link, alone on its line, carries no mark a mail program would take into the link."""
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "content-takedown", TAKEDOWN, lang=language)
    case = Case.objects.get()
    message = mail.outbox[0]
    isolated = f"\u2066{case.reference}\u2069"
    assert isolated in message.subject and isolated in message.body, (message.subject, message.body)
    assert f"\nhttps://requests.example.org{tracking_path(response)}\n" in message.body


def test_no_receipt_email_without_an_email_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "harm-report", {"harm_category": "harassment", "description": "He follows me everywhere",
                                     "urls": "https://en.wikipedia.org/wiki/User:X", "anonymous": "on"})
    assert Case.objects.get().requester_type == c.RequesterType.ANONYMOUS
    assert mail.outbox == []


def test_an_attachment_is_stored_with_its_digest_and_checked_type(client):
    upload = SimpleUploadedFile("court-order.pdf", b"%PDF-1.4 order", content_type="application/pdf")
    post(client, "user-data", {"requester_type": "court", "legal_process": "court_order", "description": "Order",
                               "organisation": "Court of X", "attachments": upload})
    attachment = Attachment.objects.get()
    assert attachment.original_name == "court-order.pdf" and attachment.content_type == "application/pdf"
    assert attachment.size == 14 and len(attachment.sha256) == 64
    assert read(attachment) == b"%PDF-1.4 order"


def test_a_disguised_attachment_is_refused_and_the_form_kept(client):
    upload = SimpleUploadedFile("order.pdf", b"MZ\x90\x00 program", content_type="application/pdf")
    response = post(client, "grievance", {"description": "My concern", "attachments": upload})
    assert Case.objects.count() == 0
    assert "are not a PDF file" in response.content.decode() and "My concern" in response.content.decode()


def test_a_filled_honeypot_refuses_the_form_with_a_clear_message(client):
    response = post(client, "grievance", {"description": "Buy pills", "website": "http://spam.example"})
    assert Case.objects.count() == 0
    assert "automated programs" in response.content.decode()


def test_too_many_posts_from_one_address_are_refused_with_a_wait_message(client, settings):
    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 2}
    for _ in range(2):
        assert post(client, "grievance", {"description": "Concern"}).status_code == 200
    response = post(client, "grievance", {"description": "Third concern"})
    assert response.status_code == 429
    assert "Too many forms" in response.content.decode() and "Third concern" in response.content.decode()
    assert Case.objects.count() == 2


def test_an_informal_data_request_is_told_it_will_be_refused(client):
    response = post(client, "user-data", {"requester_type": "government", "legal_process": "informal_government",
                                          "description": "Tell us who wrote this"})
    assert "We refuse requests for user information that are not backed by valid legal process" in response.content.decode()


def test_an_appeal_is_linked_to_the_decision_it_appeals(client, make_case):
    original = make_case(kind=c.Kind.CONTENT_TAKEDOWN, state=c.State.DECIDED)
    post(client, "appeal", {"appeal_reference": original.reference.lower(), "description": "Wrong decision",
                            "email": "a@example.org"})
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    assert appeal.appeal_of == original and not appeal.incomplete


def test_an_appeal_with_an_unknown_reference_is_kept_incomplete(client):
    post(client, "appeal", {"appeal_reference": "RD-2020-NOPE234", "description": "Wrong", "email": "a@example.org"})
    assert Case.objects.get().missing_fields == ["appeal_unmatched"]


def test_private_data_is_not_logged(client, caplog):
    with caplog.at_level("DEBUG"):
        post(client, "content-takedown", TAKEDOWN)
    assert "erika" not in caplog.text.lower() and "home address" not in caplog.text


def test_without_a_language_prefix_the_browser_language_is_used(client):
    response = client.get("/request/grievance/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 302 and response["Location"] == "/fr/request/grievance/"
    html = client.get("/fr/request/grievance/").content.decode()
    assert "Signaler une préoccupation liée aux droits humains" in html


def test_the_home_page_links_every_public_form(client):
    html = client.get("/en/").content.decode()
    for spec in SPECS.values():
        assert f'href="/en/request/{spec.slug}/"' in html


def test_each_form_explains_its_fields_in_its_own_words(client):
    copyright_form = client.get("/en/request/copyright/").content.decode()
    assert "A counter-notice must include an address" not in copyright_form
    assert "A copyright notice must give a way to contact you" in copyright_form
    assert "A counter-notice must include an address" in client.get("/en/request/counter-notice/").content.decode()
    for slug in ("emergency", "appeal", "user-data", "grievance"):
        assert "say what is wrong with the content" not in client.get(f"/en/request/{slug}/").content.decode(), slug
    user_data = client.get("/en/request/user-data/").content.decode()
    assert "Photo of me used without consent" not in user_data and "Court order for account data" in user_data


def test_a_request_from_kosovo_is_accepted_with_its_user_assigned_code_xk(client):
    """The form offers Kosovo (XK, the code the EU and Wikimedia use) and stores it; ISO 3166-1 has no code for it."""
    page = client.get("/ar/request/content-takedown/").content.decode()
    assert '<option value="XK">كوسوفو</option>' in page
    post(client, "content-takedown", {**TAKEDOWN, "country": "XK"})
    assert Case.objects.get().country.code == "XK"


def test_a_form_whose_filing_failed_with_an_error_may_be_sent_again_and_is_filed_once(client, monkeypatch):
    """core.form_once: a sending that fails after claiming its form token releases it, so the same form (the
    back button, "send" again) files the request instead of waiting for a first sending that will never finish."""
    from rightsdesk.intake import services

    real_submit = services.submit_web_form

    def broken_submit(*args, **kwargs):
        raise RuntimeError("the database went away")

    form = {**TAKEDOWN, "form_token": "one-form-token-of-this-test"}
    monkeypatch.setattr(services, "submit_web_form", broken_submit)
    with pytest.raises(RuntimeError):
        post(client, "content-takedown", form)
    monkeypatch.setattr(services, "submit_web_form", real_submit)
    sent = post(client, "content-takedown", form)
    again = post(client, "content-takedown", form)  # and a double click after it files nothing more
    case = Case.objects.get()
    assert case.reference in sent.content.decode() and case.reference in again.content.decode()


def _files(count: int) -> list:
    return [SimpleUploadedFile(f"note-{i}.txt", b"a note", content_type="text/plain") for i in range(count)]


@pytest.mark.parametrize("count", [
    6,    # one more than the form takes (MAX_ATTACHMENTS)
    150,  # a chosen folder: more than Django parsed (100) before the form could answer
])
def test_more_files_than_the_form_takes_bring_the_form_back_with_the_text_and_the_limit_at_the_field(client, count):
    response = client.post("/fr/request/grievance/", {"description": "Mon texte important", "attachments": _files(count)})
    page = response.content.decode()
    assert response.status_code == 200 and Case.objects.count() == 0
    assert "Mon texte important" in page
    assert re.search(r'id="id_attachments-error"><li>Joignez au plus 5 fichiers\.</li>', page), page[-3000:]


@pytest.mark.parametrize("lang, heading, says", [
    ("en", "Too many files at once", "where what you typed is still there, attach fewer files"),
    ("fr", "Trop de fichiers à la fois", "où ce que vous avez saisi se trouve encore, joignez moins de fichiers"),
])
def test_more_files_than_can_be_received_get_a_page_in_the_persons_language_saying_where_the_text_is(
        client, settings, lang, heading, says):
    response = client.post(f"/{lang}/request/grievance/",
                           {"description": "My text", "attachments": _files(settings.DATA_UPLOAD_MAX_NUMBER_FILES + 1)})
    page = response.content.decode()
    assert response.status_code == 400 and Case.objects.count() == 0
    assert f"<h1>{heading}</h1>" in page and says in page.replace("\u2019", "'").replace("’", "'")


def test_a_form_sent_again_with_other_words_is_a_new_request_not_the_first_ones_receipt(client):
    """The back button keeps the form's one-time token: a person who goes back and sends another request from it
    (other URLs, other words) has it filed, not answered with the first one's receipt; the same words again file
    nothing."""
    form = {**TAKEDOWN, "form_token": "one-form-token-of-this-test"}
    first = post(client, "content-takedown", form)
    again = post(client, "content-takedown", form)
    other = post(client, "content-takedown", {**form, "urls": "https://en.wikipedia.org/wiki/Another_page",
                                               "description": "It shows my phone number."})
    first_case, other_case = Case.objects.order_by("pk")
    assert first_case.reference in first.content.decode() and first_case.reference in again.content.decode()
    assert other_case.reference in other.content.decode() and other_case.description == "It shows my phone number."


@pytest.mark.parametrize("typed", [
    "RD-{year}-{body}",  # as shown
    "  rd-{year}-{body} ",  # lower case, spaces around it
])
@pytest.mark.parametrize("digits", ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"])  # Western, Arabic-Indic, Persian
def test_an_appeal_reference_typed_on_an_arabic_or_persian_keyboard_finds_the_decision(client, make_case, typed,
                                                                                         digits):
    original = make_case(kind=c.Kind.CONTENT_TAKEDOWN, state=c.State.DECIDED)
    _rd, year, body = original.reference.split("-")
    local = str.maketrans("0123456789", digits)
    reference = typed.format(year=year.translate(local), body=body.translate(local))
    post(client, "appeal", {"appeal_reference": reference, "description": "قرار خاطئ", "email": "a@example.org"},
         lang="ar")
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    assert appeal.appeal_of == original and not appeal.incomplete


def test_a_refused_file_sent_with_good_ones_says_at_the_field_that_every_file_must_be_chosen_again(client):
    """The browser keeps none of the files chosen: beside the refusal of one, the person is told to choose them all
    again, or the good ones are silently left out of the request sent next."""
    files = [SimpleUploadedFile("order.pdf", b"%PDF-1.4 the court order", content_type="application/pdf"),
             SimpleUploadedFile("letter.docx", b"PK\x03\x04 a word file", content_type="application/msword")]
    page = client.post("/en/request/content-takedown/", {**TAKEDOWN, "attachments": files}).content.decode()
    assert Case.objects.count() == 0
    error = re.search(r'<ul class="errorlist" id="id_attachments-error">(.*?)</ul>', page, re.S).group(1)
    assert "&#x27;letter.docx&#x27; is not a file type we accept" in error
    assert "Choose your files again" in error


@pytest.mark.parametrize("lang, says", [
    ("en", "You sent this report anonymously, so we keep no e-mail address and cannot send you a copy"),
    ("ar", "أرسلت هذا البلاغ دون الكشف عن هويتك"),
])
def test_an_anonymous_reporter_who_typed_an_address_is_told_it_was_not_kept_not_that_none_was_given(client, lang,
                                                                                                     says):
    page = post(client, "harm-report", {"harm_category": "harassment", "description": "They follow me on every page.",
                                        "email": "me@example.org", "anonymous": "on"}, lang=lang).content.decode()
    assert Case.objects.count() == 1 and says in page
    assert "did not give an e-mail address" not in page and "لم تذكر عنوان بريد إلكتروني" not in page
