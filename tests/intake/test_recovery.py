"""A lost tracking link: new links through the mailbox of the requests, never a hint of whom we hold requests from.

The way back works like a password reset: an address in, the same answer whatever the address; an e-mail to the
address (only when requests list it) with a signed link that works for a day and once; the new links shown once, the
old ones stopped. Nothing changes for the requester until they open the e-mail and press the button.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.intake import recovery
from rightsdesk.review import history_reasons

pytestmark = pytest.mark.django_db

ERIKA = [{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "Erika@Example.org"}]


@pytest.fixture
def requests_from_erika(make_case):
    cases = [make_case(parties=ERIKA), make_case(kind=c.Kind.COPYRIGHT_NOTICE, parties=ERIKA)]
    return [(case, issue_tracking_token(case)) for case in cases]


def _ask(client, address, capture, lang="en"):
    with capture(execute=True):
        return client.post(f"/{lang}/track/lost/", {"email": address})


def _link(message) -> str:
    return re.search(r"https://\S+/track/recover/\S+/", message.body).group(0).replace("https://requests.example.org", "")


def test_the_answer_is_the_same_whether_or_not_we_hold_requests_from_the_address(
        client, requests_from_erika, django_capture_on_commit_callbacks):
    known = _ask(client, "erika@example.org", django_capture_on_commit_callbacks)
    unknown = _ask(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == "/en/track/lost/sent/"
    page = client.get("/en/track/lost/sent/").content.decode()
    assert "If requests were sent from the address you gave" in page and "24 hours" in page
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Erika@Example.org"]  # only the address that has requests


def test_the_email_names_the_requests_and_changes_nothing_until_the_link_is_used(
        client, requests_from_erika, django_capture_on_commit_callbacks):
    _ask(client, " ERIKA@example.org ", django_capture_on_commit_callbacks)  # case and spaces do not matter
    body = mail.outbox[0].body
    for case, token in requests_from_erika:
        assert case.reference in body
        assert client.get(f"/en/track/{token}/").status_code == 200  # the current links keep working
    assert "nothing changes, and your current links keep working" in body


def test_the_link_shows_the_requests_and_the_button_gives_new_links_and_stops_the_old(
        client, requests_from_erika, django_capture_on_commit_callbacks):
    _ask(client, "erika@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    shown = client.get(link)  # opening the link (a mail scanner does) changes nothing
    assert shown.status_code == 200 and shown["Cache-Control"].startswith("no-store")
    assert all(case.reference in shown.content.decode() for case, _token in requests_from_erika)
    assert all(client.get(f"/en/track/{token}/").status_code == 200 for _case, token in requests_from_erika)

    renewed = client.post(link)
    page = renewed.content.decode()
    assert renewed.status_code == 200 and renewed["Referrer-Policy"] == "same-origin"
    new_links = re.findall(r'href="(http://testserver/en/track/[^"/]+/)"', page)
    assert len(new_links) == 2
    for link_to_page in new_links:
        assert client.get(link_to_page.replace("http://testserver", "")).status_code == 200
    for case, token in requests_from_erika:
        assert client.get(f"/en/track/{token}/").status_code == 404
        assert case.history.last().reason == history_reasons.TRACKING_LINK_RENEWED


@pytest.mark.parametrize("spoil, status, says", [
    ("used", 410, "This link was already used"),
    ("expired", 410, "This link has expired"),
    ("cut", 404, "This link is not complete"),
    ("altered", 404, "This link is not complete"),
])
def test_a_link_that_was_used_expired_cut_or_altered_says_so_and_leads_to_a_new_one(
        client, requests_from_erika, django_capture_on_commit_callbacks, settings, spoil, status, says):
    _ask(client, "erika@example.org", django_capture_on_commit_callbacks)
    link = _link(mail.outbox[0])
    if spoil == "used":
        client.post(link)
    elif spoil == "expired":
        settings.RIGHTSDESK_INTAKE = {**settings.RIGHTSDESK_INTAKE, "RECOVERY_LINK_HOURS": 0}
    elif spoil == "cut":
        link = link[:-12] + "/"
    else:
        link = link[:-8] + ("A" if link[-8] != "A" else "B") + link[-7:]  # one character of the signature
    for response in (client.get(link), client.post(link)):
        page = response.content.decode()
        assert response.status_code == status and says in page
        assert 'href="/en/track/lost/"' in page  # the way to a new e-mail


def test_the_last_of_two_presses_is_refused_and_the_first_links_stay_good(
        client, requests_from_erika, django_capture_on_commit_callbacks):
    _ask(client, "erika@example.org", django_capture_on_commit_callbacks)
    code = _link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    first = recovery.renew(code)
    with pytest.raises(recovery.RecoveryRefused):
        recovery.renew(code)
    assert [r.request.pk for r in first] == [case.pk for case, _token in reversed(requests_from_erika)]  # newest first


def test_one_address_gets_a_few_such_emails_an_hour_from_however_many_networks(
        client, requests_from_erika, django_capture_on_commit_callbacks, settings):
    for n in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/en/track/lost/", {"email": "erika@example.org"}, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) == 3


def test_a_purged_request_or_one_where_the_address_is_not_the_requesters_gets_no_email(
        make_case, client, django_capture_on_commit_callbacks):
    make_case(parties=[{"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "u1@example.net"}])
    issue_tracking_token(make_case(parties=ERIKA))
    _ask(client, "u1@example.net", django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert recovery.requests_of("") == []


@pytest.mark.parametrize("typed, says", [
    ("", "Give the e-mail address you sent your request from."),
    ("erika.example.org", "Enter a valid e-mail address, like name@example.org."),
])
def test_a_missing_or_malformed_address_is_refused_with_what_to_do_and_kept(client, typed, says):
    response = client.post("/en/track/lost/", {"email": typed})
    page = response.content.decode()
    assert response.status_code == 200 and says in page
    assert 'aria-invalid="true"' in page and 'aria-describedby="id_email-help id_email-error"' in page
    if typed:
        assert f'value="{typed}"' in page


def test_the_email_and_the_pages_are_in_the_language_the_person_asked_in(
        client, requests_from_erika, django_capture_on_commit_callbacks):
    _ask(client, "erika@example.org", django_capture_on_commit_callbacks, lang="ar")
    message = mail.outbox[0]
    assert "/ar/track/recover/" in message.body
    assert message.subject != "New tracking links for your requests"
    page = client.get(_link(message)).content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page and "You can get new private tracking links" not in page


def test_a_tracking_link_that_finds_nothing_explains_why_and_gives_back_what_was_typed(client):
    page = client.get("/en/track/" + "x" * 43 + "/")
    assert page.status_code == 404 and "A link also stops working when a new one is issued" in page.content.decode()
    assert 'href="/en/track/lost/"' in page.content.decode()
    posted = client.post("/en/track/" + "x" * 43 + "/add/", {"text": "The URL is https://example.org/w/File:X"})
    html = posted.content.decode()
    assert posted.status_code == 404 and "The URL is https://example.org/w/File:X</textarea>" in html
    assert posted["Cache-Control"].startswith("no-store")


def test_the_home_page_leads_to_the_way_back():
    from django.test import Client

    assert 'href="/en/track/lost/"' in Client().get("/en/").content.decode()
