"""A lost legal-support tracking link: the one way back of every request (intake.recovery), legal support included.

A volunteer who lost the link of their request for legal support asks on the same "Lost your tracking link?" page
as anyone who sent a request, and need not know which form they used: one e-mail names every request sent from the
address, of every kind, and one button renews all their links. The rule is intake's (tests/intake/test_recovery.py):
the same answer whatever the address, a signed link that works for a day and once, three e-mails an address an hour;
these tests hold it for legal-support requests, and show that a person who types someone else's address learns
nothing about their request and changes nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.urls import reverse

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.intake import recovery
from rightsdesk.legalsupport import services
from rightsdesk.legalsupport.models import LegalSupportEvent, LegalSupportRequest

from .conftest import CANARY_NAME, CANARY_TEXT

pytestmark = pytest.mark.django_db

ADDRESS = "zebulon@example.org"  # the address the `filed` request was sent from


@pytest.fixture(autouse=True)
def _mail_sent_at_once(settings):
    """As in tests/intake: generous limits per network, tasks run at once, mail kept in memory."""
    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1000}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PUBLIC_BASE_URL": "https://requests.example.org"}


def _ask(client, address, capture, lang="en", **extra):
    with capture(execute=True):
        return client.post(f"/{lang}/track/lost/", {"email": address}, **extra)


def _link(message) -> str:
    return re.search(r"https://\S+/track/recover/\S+/", message.body).group(0).replace("https://requests.example.org", "")


def _new_links(page: str) -> list[str]:
    return [link.replace("http://testserver", "")
            for link in re.findall(r'href="(http://testserver/en/[a-z-/]*track/[^"/]+/)"', page)]


def test_a_volunteer_gets_a_new_link_end_to_end(client, filed, django_capture_on_commit_callbacks, legal_staff,
                                               verified_login):
    """Ask → the e-mail → open (nothing changes) → renew (a new link, shown once) → the old link is dead, with the
    way back on its page → the e-mailed link worked once → the history and the audit trail say so, never the link."""
    r, old_token = filed
    old_page = reverse("legalsupport:track", args=[old_token])
    asked = _ask(client, ADDRESS.upper(), django_capture_on_commit_callbacks)  # case does not matter
    assert asked.status_code == 302 and asked["Location"] == "/en/track/lost/sent/"

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [ADDRESS]
    body = mail.outbox[0].body
    assert r.reference in body and old_token not in body
    assert CANARY_NAME not in body and CANARY_TEXT not in body and "ministry" not in body.lower()

    link = _link(mail.outbox[0])
    shown = client.get(link)  # a mail scanner opens links: that changes nothing
    page = shown.content.decode()
    assert shown.status_code == 200 and shown["Cache-Control"].startswith("no-store")
    assert r.reference in page and "Legal support for contributors" in page and CANARY_TEXT not in page
    assert client.get(old_page).status_code == 200

    renewed = client.post(link)
    assert renewed.status_code == 200 and renewed["Referrer-Policy"] == "same-origin"
    new_links = _new_links(renewed.content.decode())
    assert len(new_links) == 1 and new_links[0].startswith("/en/legal-support/track/")
    new_page = client.get(new_links[0])
    assert new_page.status_code == 200 and r.reference in new_page.content.decode()

    dead = client.get(old_page)
    assert dead.status_code == 404 and 'href="/en/track/lost/"' in dead.content.decode()  # the way back

    for again in (client.get(link), client.post(link)):  # the e-mailed link works once
        assert again.status_code == 410 and "This link was already used" in again.content.decode()
    assert client.get(new_links[0]).status_code == 200  # and a second press takes nothing away

    event = LegalSupportEvent.objects.filter(request=r).last()
    assert (event.action, event.actor_label) == ("tracking_link_renewed", "requester")
    entry = AuditEntry.objects.filter(object_type="legalsupport.legalsupportrequest", object_id=str(r.pk)).last()
    assert entry.purpose == "legal support: new tracking link" and entry.actor_label == "requester"
    verified_login(client, legal_staff)
    staff_page = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    assert "New tracking link, asked for through the request&#x27;s e-mail address" in staff_page
    assert new_links[0].rsplit("/", 2)[1] not in staff_page


def test_the_emailed_link_expires(client, filed, django_capture_on_commit_callbacks, settings):
    _r, old_token = filed
    _ask(client, ADDRESS, django_capture_on_commit_callbacks)
    settings.RIGHTSDESK_INTAKE = {**settings.RIGHTSDESK_INTAKE, "RECOVERY_LINK_HOURS": 0}
    link = _link(mail.outbox[0])
    for response in (client.get(link), client.post(link)):
        page = response.content.decode()
        assert response.status_code == 410 and "This link has expired" in page and 'href="/en/track/lost/"' in page
    assert client.get(reverse("legalsupport:track", args=[old_token])).status_code == 200  # nothing changed


def test_one_form_one_email_and_one_button_cover_every_kind_of_request(
        client, filed, make_case, django_capture_on_commit_callbacks):
    """The volunteer also sent a takedown request from the same address: one e-mail names both, one press renews
    both, and both old links stop."""
    r, legal_token = filed
    case = make_case(parties=[{"role": c.PartyRole.REQUESTER, "name": "Zebulon", "email": "Zebulon@Example.org"}])
    case_token = issue_tracking_token(case)
    _ask(client, ADDRESS, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    assert r.reference in mail.outbox[0].body and case.reference in mail.outbox[0].body

    link = _link(mail.outbox[0])
    shown = client.get(link).content.decode()
    assert r.reference in shown and case.reference in shown
    new_links = _new_links(client.post(link).content.decode())
    assert sorted(link.split("/")[2] for link in new_links) == ["legal-support", "track"]
    assert all(client.get(link).status_code == 200 for link in new_links)
    assert client.get(reverse("legalsupport:track", args=[legal_token])).status_code == 404
    assert client.get(f"/en/track/{case_token}/").status_code == 404


@pytest.mark.parametrize("address", ["nobody@example.org", ADDRESS])
def test_the_answer_is_the_same_whoever_asks_and_whatever_the_address(
        client, filed, django_capture_on_commit_callbacks, address):
    """The page, its status, where it leads and what that page says do not depend on whether we hold a request."""
    asked = _ask(client, address, django_capture_on_commit_callbacks)
    assert asked.status_code == 302 and asked["Location"] == "/en/track/lost/sent/"
    sent = client.get(asked["Location"]).content.decode()
    assert "If requests were sent from the address you gave" in sent
    known = address == ADDRESS
    assert len(mail.outbox) == (1 if known else 0)


def test_someone_who_types_another_persons_address_learns_nothing_and_changes_nothing(
        client, filed, django_capture_on_commit_callbacks, monkeypatch):
    """An adversary who knows the volunteer's address: the pages they see hold nothing of the request, the e-mail
    goes to the volunteer's mailbox only, the task is given a keyed digest (never the address), and the volunteer's
    link keeps working."""
    r, token = filed
    queued = []
    real = recovery.send_recovery_link
    monkeypatch.setattr(recovery, "send_recovery_link",
                        type("Spy", (), {"enqueue": staticmethod(lambda *a: queued.append(a) or real.enqueue(*a))}))
    asked = _ask(client, ADDRESS, django_capture_on_commit_callbacks, REMOTE_ADDR="198.51.100.7")
    pages = [asked.content.decode(), client.get(asked["Location"]).content.decode(),
             client.get("/en/track/lost/").content.decode()]
    for page in pages:
        for secret in (r.reference, CANARY_NAME, CANARY_TEXT, "Legal support for contributors", "Zebulon"):
            assert secret not in page
    assert [message.to for message in mail.outbox] == [[ADDRESS]]
    assert queued and all(ADDRESS not in repr(args).lower() for args in queued)
    assert queued[0][0] == LegalSupportRequest.objects.get(pk=r.pk).requester_email_index
    assert client.get(reverse("legalsupport:track", args=[token])).status_code == 200
    assert not LegalSupportEvent.objects.filter(request=r, action="tracking_link_renewed").exists()


def test_one_address_gets_three_such_emails_an_hour_from_however_many_networks(
        client, filed, make_case, django_capture_on_commit_callbacks):
    """However many kinds of request the address sent: the limit counts e-mails to the address, one per asking,
    each naming every request."""
    r, _token = filed
    case = make_case(parties=[{"role": c.PartyRole.REQUESTER, "name": "Z", "email": ADDRESS}])
    issue_tracking_token(case)
    for n in range(5):
        _ask(client, ADDRESS, django_capture_on_commit_callbacks, REMOTE_ADDR=f"192.0.2.{n}")
    assert len(mail.outbox) == 3
    assert all(r.reference in m.body and case.reference in m.body for m in mail.outbox)


def test_a_request_without_an_address_or_purged_gets_no_email(client, filed, django_capture_on_commit_callbacks):
    from rightsdesk.legalsupport.privacy_hooks import purge_unattached

    services.submit({"threat_kind": "lawsuit", "description": "Sued."}, language="en")  # no address given
    r, _token = filed
    LegalSupportRequest.objects.filter(pk=r.pk).update(state="closed", closed_at=datetime(2000, 1, 1, tzinfo=UTC))
    assert purge_unattached() == 1
    assert LegalSupportRequest.objects.get(pk=r.pk).requester_email_index == ""  # the digest goes with the address
    _ask(client, ADDRESS, django_capture_on_commit_callbacks)
    assert mail.outbox == [] and recovery.requests_of("") == []


def test_the_receipt_tells_where_to_get_a_new_link_when_an_address_was_given(client):
    url = reverse("legalsupport:request")
    form = client.get(url).content.decode()
    once = form.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    sent = client.post(url, {"form_token": once, "threat_kind": "lawsuit", "description": "Sued over my edits.",
                             "requester_email": ADDRESS})
    receipt = client.get(sent["Location"]).content.decode()
    assert 'id="lost-link"' in receipt and 'href="/en/track/lost/"' in receipt


def test_requests_filed_before_the_index_get_it_from_the_migration(filed):
    """The migration that added ``requester_email_index`` fills it for the requests already there."""
    from importlib import import_module

    from django.apps import apps

    from rightsdesk.privacy.crypto import blind_index

    r, _token = filed
    LegalSupportRequest.objects.filter(pk=r.pk).update(requester_email_index="")
    assert recovery.requests_of(blind_index(ADDRESS)) == []
    import_module("rightsdesk.legalsupport.migrations.0002_requester_email_index").index_existing(apps, None)
    assert [t.reference for t in recovery.requests_of(blind_index(ADDRESS))] == [r.reference]


def test_the_pages_and_the_email_are_in_the_language_the_volunteer_asked_in(
        client, filed, django_capture_on_commit_callbacks):
    r, _token = filed
    _ask(client, ADDRESS, django_capture_on_commit_callbacks, lang="ar")
    message = mail.outbox[0]
    assert "/ar/track/recover/" in message.body and r.reference in message.body
    page = client.get(_link(message)).content.decode()
    assert 'lang="ar"' in page and "Legal support for contributors" not in page and r.reference in page
