"""A form of the case page sent twice (a double click, a browser sending it again) does its work once.

The page's forms carry a one-time token (core.form_once). The second sending does nothing and leads back to the
case page, where the first sending's confirmation waits: a question to the requester went out twice (two messages,
two e-mails), a note was written twice, and a double-clicked step or approval answered the second click with a 409
saying the step was impossible, although the first had done it.
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.review import services
from rightsdesk.review.models import MessageToRequester, Note

pytestmark = pytest.mark.django_db


def _token(page: str, action: str) -> str:
    """The one-time token of the form posting to ``action`` on a rendered case page (a page without one: what a
    browser sending the form twice sends twice, the same)."""
    form = re.search(rf'<form[^>]*action="[^"]*/{action}/"[^>]*>(.*?)</form>', page, re.S)
    assert form, f"no form posting to {action}"
    token = re.search(r'name="form_token" value="([^"]+)"', form.group(1))
    return token.group(1) if token else "no token on the page"


def _count(case, what):
    return {
        "messages": lambda: MessageToRequester.objects.filter(case=case).count(),
        "notes": lambda: Note.objects.filter(case=case).count(),
        "triage": lambda: case.history.filter(changes__transition="triage").count(),
        "checklist": lambda: case.history.filter(event="checklist").count(),
    }[what]()


@pytest.mark.parametrize("state, action, data, what", [
    (c.State.UNDER_REVIEW, "messages", {"purpose": "clarify", "body": "Which paragraph? أي فقرة؟"}, "messages"),
    (c.State.UNDER_REVIEW, "notes", {"body": "Called the court's registry."}, "notes"),
    (c.State.RECEIVED, "step", {"transition": "triage", "reason": ""}, "triage"),
], ids=["a question to the requester", "a note", "a step"])
def test_a_case_page_form_sent_twice_does_its_work_once_and_both_sendings_lead_to_the_page(
        client, make_case, make_staff, mailoutbox, django_capture_on_commit_callbacks, state, action, data, what):
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=state)
    client.force_login(reviewer)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    sent = {"seen": services.history_mark(case), "form_token": _token(page, action), **data}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(f"/en/staff/cases/{case.reference}/{action}/", sent)
        second = client.post(f"/en/staff/cases/{case.reference}/{action}/", sent)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert _count(case, what) == 1
    if what == "messages":
        assert len(mailoutbox) == 1
    shown = client.get(second["Location"]).content.decode()
    assert shown.count("Message sent to the requester." if what == "messages" else
                       "Note added." if what == "notes" else "Done: ") == 1


def test_a_refused_sending_frees_its_token_so_the_corrected_form_is_done_once(client, make_case, make_staff):
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    token, url = _token(page, "notes"), f"/en/staff/cases/{case.reference}/notes/"
    assert client.post(url, {"body": "   ", "form_token": token}).status_code == 400
    assert client.post(url, {"body": "Called them.", "form_token": token}).status_code == 302
    assert client.post(url, {"body": "Called them.", "form_token": token}).status_code == 302
    assert _count(case, "notes") == 1


def test_each_form_of_one_page_is_done_once_not_the_first_form_sent_only(client, make_case, make_staff):
    """Every form of a page carries the page's token; each form's sending is its own (a note, then a message)."""
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    client.post(f"/en/staff/cases/{case.reference}/notes/", {"body": "Called.", "form_token": _token(page, "notes")})
    client.post(f"/en/staff/cases/{case.reference}/messages/", {
        "purpose": "clarify", "body": "Which page?", "form_token": _token(page, "messages"),
        "seen": services.history_mark(case)})
    assert (_count(case, "notes"), _count(case, "messages")) == (1, 1)


@pytest.mark.parametrize("action, anchor", [("notes", "notes"), ("checklist", "checklist"), ("step", "work")])
def test_the_address_a_case_form_posts_to_opened_as_a_page_leads_to_the_case_page_not_a_bare_405(
        client, make_case, make_staff, action, anchor):
    """A refused form's page stands at the address the form posts to; changing the language there (the switcher
    sends the browser to that address under the new prefix), or opening the address bar's link, asked that address
    for a page: Chromium showed "HTTP ERROR 405" and nothing else. It leads to the case page, in the language asked."""
    reviewer = make_staff("reviewer")
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    refused = client.post(f"/en/staff/cases/{case.reference}/notes/", {"body": "   ", "form_token": _token(page, "notes")})
    assert refused.status_code == 400
    opened = client.get(f"/ar/staff/cases/{case.reference}/{action}/")
    assert opened.status_code == 302
    # It lands where the page says why (core.form_address.SAID_AT); the words lead on to the form's place.
    assert opened["Location"] == f"/ar/staff/cases/{case.reference}/#main"
    assert f'<a href="#{anchor}">' in client.get(opened["Location"]).content.decode()
    assert _count(case, "notes") == 0
