"""The public appeal form at its edges: sent twice, sent back with an error, sent to an appeal decided meanwhile.

Nothing a person sends is done twice or dropped without a word: a double click files one appeal and adds words once;
a file chosen on a form sent back must be chosen again, and the page says so; words sent to an appeal decided while
they were typed are given back to copy.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.appeals.models import AppealMessage

from .test_attachments import PDF, appeal_path  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

WHY = "The photo is my own work, published under a free licence."


def _token(client, path) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(path).content.decode()).group(1)


def test_an_appeal_sent_twice_by_a_double_click_is_filed_once_and_said_once(appeal_path, client):
    path = "/en" + appeal_path
    sent = {"text": WHY, "form_token": _token(client, path)}
    assert client.post(path, sent).status_code == client.post(path, sent).status_code == 302
    assert Case.objects.filter(kind=c.Kind.APPEAL).count() == 1
    assert not AppealMessage.objects.exists()  # the second sending added nothing to the appeal
    assert client.get(path).content.decode().count("Your appeal was received. A person") == 1


def test_words_added_twice_by_a_double_click_are_added_once(appeal_path, client):
    path = "/en" + appeal_path
    client.post(path, {"text": WHY, "form_token": _token(client, path)})
    more = {"text": "Here is the licence page of the photograph.", "form_token": _token(client, path)}
    client.post(path, more), client.post(path, more)
    assert AppealMessage.objects.count() == 1


def test_a_file_chosen_on_an_appeal_sent_back_must_be_chosen_again_and_the_page_says_so(appeal_path, client):
    path = "/en" + appeal_path
    response = client.post(path, {"text": "short", "attachments": [SimpleUploadedFile("licence.pdf", PDF,
                                                                                        "application/pdf")]})
    page = response.content.decode()
    assert response.status_code == 400 and "Choose your files again" in page
    assert "Choose your files again" not in client.post(path, {"text": "short"}).content.decode()


def test_a_refused_file_sent_with_a_good_one_says_that_every_file_must_be_chosen_again(appeal_path, client):
    path = "/en" + appeal_path
    response = client.post(path, {"text": WHY, "attachments": [
        SimpleUploadedFile("licence.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("letter.docx", b"PK\x03\x04 a word file", "application/msword")]})
    page = response.content.decode()
    assert response.status_code == 400 and "letter.docx" in page
    from tests.field_ties import assert_tied_to

    assert_tied_to(page, "id_attachments", "letter.docx")  # the file refused, and all to choose again, at the field
    assert_tied_to(page, "id_attachments", "Choose your files again")


def _decided_meanwhile(path, client):
    from rightsdesk.cases import workflow

    client.post(path, {"text": WHY})
    workflow.transition(Case.objects.get(kind=c.Kind.APPEAL), "withdraw", "test")  # closed while they typed more


def _window_closed_meanwhile(path, client):
    from datetime import timedelta

    from django.utils import timezone

    from rightsdesk.notices.models import Notice

    # The form was opened in time; the six months ended before it was sent.
    Notice.objects.exclude(appeal_token_digest="").update(sent_at=timezone.now() - timedelta(days=400))


@pytest.mark.parametrize("meanwhile, status", [
    pytest.param(_decided_meanwhile, 409, id="words added to an appeal decided while they were typed: 409"),
    pytest.param(_window_closed_meanwhile, 400,
                 id="an appeal sent after the time to appeal ended while it was typed: 400"),
])
def test_words_whose_form_is_gone_when_they_are_sent_are_given_back_to_copy(appeal_path, client, meanwhile, status):
    path = "/en" + appeal_path
    meanwhile(path, client)
    typed = "One more thing I spent an hour writing."
    response = client.post(path, {"text": typed})
    page = response.content.decode()
    assert response.status_code == status and f"{typed}</textarea>" in page and 'id="unsent"' in page


@pytest.mark.parametrize("meanwhile", [
    pytest.param(_decided_meanwhile, id="words added to an appeal decided while they were typed"),
    pytest.param(_window_closed_meanwhile, id="an appeal sent after the time to appeal ended while it was typed"),
])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refusal_whose_form_is_gone_does_not_ask_to_correct_it_and_send_it_again(appeal_path, client, meanwhile,
                                                                                  language):
    """The summary of such a refusal said "Nothing was sent yet. Correct the following and send the form again; what
    you typed is kept." above a page with no form to send: the words are given back to copy instead."""
    from django.utils import translation

    path = f"/{language}" + appeal_path
    meanwhile(path, client)
    page = client.post(path, {"text": "One more thing I spent an hour writing."}).content.decode()
    with translation.override(language):
        send_again = translation.gettext("Nothing was sent yet. Correct the following and send the form again; "
                                         "what you typed is kept.")
    assert 'id="error-summary"' in page and 'id="unsent"' in page and 'name="text"' not in page
    assert send_again not in page


def test_a_decision_reopened_to_be_made_anew_shows_no_appeal_form_and_gives_words_sent_back(appeal_path, client):
    """An appeal reversed the decision, or staff correct it: until the new decision is sent, there is nothing to
    appeal. The page says so rather than offer a form every sending of which is refused."""
    from rightsdesk.cases import workflow

    path = "/en" + appeal_path
    original = Case.objects.exclude(kind=c.Kind.APPEAL).get(notices__appeal_token_digest__gt="")
    workflow.transition(original, "reopen", "test", "Corrected: decided anew.")

    page = client.get(path).content.decode()
    assert 'id="decided-anew"' in page and 'name="text"' not in page
    typed = "Words typed on a page opened before the decision was reopened."
    response = client.post(path, {"text": typed})
    page = response.content.decode()
    assert response.status_code == 400 and 'id="decided-anew"' in page and f"{typed}</textarea>" in page
    assert not Case.objects.filter(kind=c.Kind.APPEAL).exists()


def _second_tab_read_before_the_first_filed(monkeypatch):
    """The page of the second tab read the notice before the first tab's appeal was filed (two tabs sent at once)."""
    from rightsdesk.appeals import selectors
    from rightsdesk.appeals import services as appeal_services
    from rightsdesk.notices.models import Notice

    read = selectors.notice_for_token

    def stale(token):
        notice = read(token)
        first_tab = Notice.objects.get(pk=notice.pk)
        appeal_services.file_appeal(notice.case, notice.recipient_role, "Filed from the first tab.", "fr",
                                    "affected_user", notice=first_tab)
        return notice

    monkeypatch.setattr(selectors, "notice_for_token", stale)


@pytest.mark.parametrize("typed", [
    pytest.param("The second tab's words: the licence is on the file page.", id="words in English"),
    pytest.param("الصورة من عملي الخاص ومنشورة بترخيص حر.", id="words in Arabic"),
])
def test_a_second_tab_refused_as_already_filed_shows_the_appeal_filed_with_its_words_given_back(
        appeal_path, client, monkeypatch, typed):
    from django.utils.html import escape

    path = "/en" + appeal_path
    form_token = _token(client, path)  # the second tab's page, opened before either tab sent its form
    _second_tab_read_before_the_first_filed(monkeypatch)
    response = client.post(path, {"text": typed, "form_token": form_token})
    monkeypatch.undo()
    page = response.content.decode()
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    assert response.status_code == 409 and appeal.reference in page
    assert "Add to my appeal" in page and "Send my appeal" not in page  # the appeal's own page, not a new appeal
    assert re.search(r'<textarea id="id_text"[^>]*>' + re.escape(escape(typed)) + "</textarea>", page), page
    assert not AppealMessage.objects.exists()  # nothing added without the person sending it again


def _field_shows_its_error(page: str, name: str, says: str) -> None:
    """The intake forms' pattern (intake/_field.html, AccessibleFormMixin): the message in a list at the field, the
    field marked invalid and described by it."""
    from django.utils.html import escape

    assert re.search(rf'<ul class="errorlist" id="id_{name}-error"><li>{re.escape(escape(says))}', page), page
    tag = re.search(rf'<[a-z]+ [^>]*\bid="id_{name}"[^>]*>', page).group(0)
    assert re.search(rf'aria-describedby="[^"]*\bid_{name}-error\b', tag), tag
    if tag.startswith("<fieldset"):  # a choice: each of its boxes is marked
        boxes = re.findall(r"<input [^>]*>", page[page.index(tag):page.index("</fieldset>", page.index(tag))])
        assert boxes and all('aria-invalid="true"' in box for box in boxes), boxes
    else:
        assert 'aria-invalid="true"' in tag, tag


def _new_appeal(client, path):
    return path


def _added_information(client, path):
    client.post(path, {"text": WHY})
    return path


@pytest.mark.parametrize("form, sent, says", [
    pytest.param(_new_appeal, {"text": "short"}, "Explain in a few words why the decision should change",
                 id="new appeal: too short"),
    pytest.param(_added_information, {"text": "   "}, "Write the information you want to add",
                 id="add information: nothing written"),
    pytest.param(_added_information, {"text": "x" * 20001}, "Keep it under 20000 characters",
                 id="add information: too long"),
])
def test_an_error_on_the_appeal_forms_is_shown_at_its_field_too(appeal_path, client, form, sent, says):
    path = form(client, "/en" + appeal_path)
    response = client.post(path, sent)
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in page  # the summary at the top stays
    _field_shows_its_error(page, "text", says)


@pytest.mark.parametrize("link", [
    pytest.param("/en/appeal/" + "x" * 40 + "/", id="a mistyped link"),
    pytest.param("/en/appeal/6b1695e0.cut-short/", id="a link cut short"),
    pytest.param("/ar/appeal/6b1695e0." + "A" * 43 + "/", id="a link of no notice, on the Arabic page"),
])
@pytest.mark.parametrize("typed", [
    pytest.param("My appeal: the photograph is my own work, under a free licence.", id="English"),
    pytest.param("استئنافي: الصورة من عملي الخاص ومنشورة بترخيص حر.", id="Arabic"),
])
def test_words_sent_through_a_link_not_recognised_are_given_back_to_copy(client, db, link, typed):
    from django.utils.html import escape

    response = client.post(link, {"text": typed})
    page = response.content.decode()
    assert response.status_code == 404 and 'id="unsent"' in page and f"{escape(typed)}</textarea>" in page
    # The words are private, at a private address: no cache keeps them, no other site is told the address.
    assert response["Cache-Control"] == "no-store, private" and response["Referrer-Policy"] == "same-origin"
    assert 'id="unsent"' not in client.get(link).content.decode()  # nothing to give back to a visit


@pytest.mark.parametrize("language, prefix", [("en", "Error: "), ("ar", "خطأ: "), ("fr", "Erreur\u00a0: ")])
def test_a_refused_appeal_says_error_first_in_the_pages_title_as_every_public_form_does(
        appeal_path, client, language, prefix):
    """The title is the first thing a screen reader reads and what a tab shows: a refused form's page says so there
    too (WCAG 3.3.1), as the request forms and the tracking page do; an appeal page shown unrefused does not."""
    path = _new_appeal(client, f"/{language}" + appeal_path)
    title = re.compile(r"<title>(.*?)</title>", re.S)
    assert not title.search(client.get(path).content.decode()).group(1).startswith(prefix)
    refused = client.post(path, {"text": "short"})
    assert refused.status_code == 400
    assert title.search(refused.content.decode()).group(1).startswith(prefix)
