"""A staff member signed out while typing (the idle expiry) does not lose what they typed.

A form sent from a page whose session ended meanwhile is not saved (nobody is signed in to do it). It used to be
answered with the sign-in page pointing back at the address the form posts to, which answers nothing but a POST: after
signing in again, the browser's bare "HTTP ERROR 405", and the note or the message to the requester was gone. Now the
form's fields wait, sealed, in the session; after signing in again (two-factor sign-in included) the same person is
shown what they typed and sends it again with one button; anyone else who signs in on that browser is shown nothing.
"""

from __future__ import annotations

import html
import re
import time

import pytest
from django.conf import settings

from rightsdesk.accounts.middleware import IDLE_KEY
from rightsdesk.cases import choices as c
from rightsdesk.review import services
from rightsdesk.review.models import MessageToRequester, Note

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


def _form(page: str, action: str) -> str:
    form = re.search(rf'<form[^>]*action="[^"]*/{action}/"[^>]*>(.*?)</form>', page, re.S)
    assert form, f"no form posting to {action}"
    return form.group(1)


def _fields(form_html: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html) if name != "csrfmiddlewaretoken"}


def _typed_then_signed_out(client, make_staff, make_case, action, typed):
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    page_url = f"/en/staff/cases/{case.reference}/"
    page = client.get(page_url).content.decode()
    sent = {**_fields(_form(page, action)), "seen": services.history_mark(case), **typed}
    session = client.session
    session[IDLE_KEY] = time.time() - settings.RIGHTSDESK_STAFF_IDLE_SECONDS - 5
    session.save()
    answer = client.post(f"{page_url}{action}/", sent, HTTP_REFERER=f"http://testserver{page_url}")
    return reviewer, case, answer


def _sign_in(client, user, next_url):
    signed_in = client.post("/en/staff/login/", {"username": user.username, "password": PASSWORD, "next": next_url})
    assert signed_in.status_code == 302, "the sign-in failed"
    return signed_in["Location"]


@pytest.mark.parametrize("action, typed, stored", [
    ("notes", {"body": "Called the court's registry: the order was stayed on 3 December."},
     lambda case: Note.objects.filter(case=case).count()),
    ("messages", {"purpose": "clarify", "body": "Which paragraph of the article do you mean? أي فقرة؟"},
     lambda case: MessageToRequester.objects.filter(case=case).count()),
], ids=["a note", "a message to the requester"])
def test_a_form_sent_after_the_session_expired_is_given_back_after_signing_in_and_sent_with_one_button(
        client, make_staff, make_case, action, typed, stored):
    reviewer, case, answer = _typed_then_signed_out(client, make_staff, make_case, action, typed)
    assert answer.status_code == 302 and answer["Location"].startswith("/en/staff/login/")
    assert stored(case) == 0, "nothing is saved for a signed-out session"
    login_page = client.get(answer["Location"]).content.decode()
    assert "was not saved" in login_page and typed["body"] not in login_page
    next_url = re.search(r'name="next" value="([^"]*)"', login_page).group(1)

    landing = client.get(_sign_in(client, reviewer, next_url))
    assert landing.status_code == 200, "after signing in again the page must answer, not a bare 405"
    shown = landing.content.decode()
    assert html.escape(typed["body"]) in shown, "what was typed is shown again"
    form = re.search(rf'<form method="post" action="(/en/staff/cases/{case.reference}/{action}/)"[^>]*>(.*?)</form>',
                     shown, re.S)
    assert form, "the page holds a form sending the fields again where they were going"
    sent_again = client.post(form.group(1), _fields(form.group(2)))
    assert sent_again.status_code == 302 and sent_again["Location"].startswith(f"/en/staff/cases/{case.reference}/")
    assert stored(case) == 1
    assert client.get(next_url).status_code == 302, "the typed form is given back once"


def test_someone_else_signing_in_on_that_browser_is_not_shown_what_was_typed(client, make_staff, make_case):
    typed = {"body": "The requester's home address is 12 Rue Exemple."}
    _, case, answer = _typed_then_signed_out(client, make_staff, make_case, "notes", typed)
    next_url = re.search(r'name="next" value="([^"]*)"', client.get(answer["Location"]).content.decode()).group(1)
    colleague = make_staff("reviewer")
    landing = client.get(_sign_in(client, colleague, next_url), follow=True)
    assert landing.status_code == 200
    assert "12 Rue Exemple" not in landing.content.decode()
    assert Note.objects.filter(case=case).count() == 0


def test_the_carried_form_waits_sealed_never_as_typed_in_the_session_row(client, make_staff, make_case):
    from django.contrib.sessions.models import Session

    typed = {"body": "Private: the editor's phone is +44 20 7946 0958."}
    _typed_then_signed_out(client, make_staff, make_case, "notes", typed)
    rows = "".join(str(s.get_decoded()) for s in Session.objects.all())
    assert "7946 0958" not in rows


def test_a_form_sent_with_no_session_at_all_leads_after_signing_in_to_the_page_it_was_on_not_a_bare_405(
        client, make_staff, make_case):
    """The session gone altogether (signed out in another tab, its cookie expired): nobody is known to give the form
    back to, so it is not kept; the sign-in says it was not saved and leads to the page, not to the form's address."""
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    page_url = f"/en/staff/cases/{case.reference}/"
    answer = client.post(f"{page_url}notes/", {"body": "Called the registry."},
                         HTTP_REFERER=f"http://testserver{page_url}")
    assert answer.status_code == 302
    login_page = client.get(answer["Location"]).content.decode()
    assert "was not saved" in login_page
    next_url = re.search(r'name="next" value="([^"]*)"', login_page).group(1)
    assert client.get(_sign_in(client, reviewer, next_url)).status_code == 200
    assert next_url == page_url and Note.objects.filter(case=case).count() == 0


def _form_not_sent_after(client, make_staff, sent: dict, url: str, page_url: str) -> str:
    """``sent`` posted to ``url`` after the idle expiry, then signed in again: the "form not sent" page."""
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    session = client.session
    session[IDLE_KEY] = time.time() - settings.RIGHTSDESK_STAFF_IDLE_SECONDS - 5
    session.save()
    answer = client.post(url, sent, HTTP_REFERER=f"http://testserver{page_url}")
    next_url = re.search(r'name="next" value="([^"]*)"', client.get(answer["Location"]).content.decode()).group(1)
    landing = client.get(_sign_in(client, reviewer, next_url))
    assert landing.status_code == 200
    return landing.content.decode()


CHOICES_SAID = "The choices you made in it (in lists, with buttons, boxes ticked) are sent again as they were."
FILES_SAID = "The files you attached were not kept: choose them again here before sending it."


def test_the_form_not_sent_page_says_choices_go_again_as_they_were_and_asks_for_the_files_again(
        client, make_staff, make_case):
    """It showed only what looked typed: the account action's type and ground chosen in lists went again unseen, and
    the evidence files attached were silently gone. It says the choices are sent as they were and, at a file field of
    its own, asks for the files again by their names; the form sends as a form with files does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    sent = {"action_type": "global_ban", "ground": "harassment", "accounts": "Typed Account Name",
            "projects": "en.wikipedia.org", "case": case.reference,
            "files": SimpleUploadedFile("threat-screenshot.png", b"\x89PNG not really")}
    page = _form_not_sent_after(client, make_staff, sent, "/en/staff/account-actions/new/",
                                "/en/staff/account-actions/new/")
    assert "Typed Account Name" in page
    assert html.escape(CHOICES_SAID, quote=False) in page
    assert html.escape(FILES_SAID, quote=False) in page
    form = re.search(r'<form method="post" action="/en/staff/account-actions/new/"([^>]*)>(.*?)</form>', page, re.S)
    assert 'enctype="multipart/form-data"' in form.group(1)
    assert re.search(r'<input type="file" id="[^"]+" name="files" multiple', form.group(2))
    assert "<bdi>threat-screenshot.png</bdi>" in form.group(2)
    from rightsdesk.accountactions.models import AccountAction

    chosen_again = SimpleUploadedFile("threat-letter.txt", b"The letter, chosen again.")
    sent_again = client.post("/en/staff/account-actions/new/", {**_fields(form.group(2)), "files": chosen_again})
    assert sent_again.status_code == 302, "sent again, with the file chosen again, as a form with files"
    action = AccountAction.objects.get()
    assert (action.action_type, action.ground, action.attachments.count()) == ("global_ban", "harassment", 1)


def test_a_form_without_files_is_not_asked_for_files(client, make_staff, make_case):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    page_url = f"/en/staff/cases/{case.reference}/"
    page = _form_not_sent_after(client, make_staff, {"purpose": "clarify", "body": "Which paragraph?"},
                                f"{page_url}messages/", page_url)
    assert "Which paragraph?" in page and html.escape(CHOICES_SAID, quote=False) in page
    assert html.escape(FILES_SAID, quote=False) not in page and 'type="file"' not in page
