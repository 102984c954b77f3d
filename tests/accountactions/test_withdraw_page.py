"""A publisher withdraws a published entry from the action's staff page, saying why: who withdrew it and why are
stored (the reason is staff-only, encrypted), the form does its work once however often it is sent, and a second
withdrawal is refused (409) with the first one's reason shown. As with a notice staff withdrew from the notice log
(transparency.publishing.unpublish), a withdrawn entry leaves the public log page and its JSON and its row keeps
none of the words the public saw: they are on no public page, in English or Arabic, and in no JSON."""

from __future__ import annotations

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import EXECUTIVE, LEGAL_APPROVER, REVIEWER
from rightsdesk.audit.models import AuditEntry
from rightsdesk.transparency.models import PublicOfficeAction

pytestmark = pytest.mark.django_db

SUMMARY = "Globally banned for sustained harassment of Canaryville editors."
NAME = "Withdrawn Canarinelli"
REASON = "Overturned on appeal: the evidence concerned another person."


@pytest.fixture
def entry(make_staff, propose, publish):
    action = propose(make_staff(REVIEWER), "global_ban", accounts=NAME)
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    return publish(action, SUMMARY)


def _withdraw_url(entry, lang="en"):
    return f"/{lang}/staff/account-actions/{entry.action.reference}/entry/withdraw/"


def test_withdrawing_on_the_page_stores_who_and_why(client, verified_login, make_staff, entry):
    me = make_staff(LEGAL_APPROVER)
    verified_login(client, me)
    page = client.get(f"/en/staff/account-actions/{entry.action.reference}/").content.decode()
    assert f'action="{_withdraw_url(entry)}"' in page, "the page offers the withdrawal form"
    response = client.post(_withdraw_url(entry), {"reason": REASON, "form_token": "t-1"})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.withdrawn_at is not None and entry.withdrawn_by == me
    assert entry.action.public_withdrawal_reason == REASON
    audit = AuditEntry.objects.get(purpose=f"office-actions log entry withdrawn: {entry.public_id}")
    assert audit.actor == me and REASON not in audit.purpose
    page = client.get(f"/en/staff/account-actions/{entry.action.reference}/").content.decode()
    assert REASON in page and SUMMARY in page  # staff still read why, and what was published


def test_the_withdrawal_reason_is_required_and_refused_at_its_field(client, verified_login, make_staff, entry):
    verified_login(client, make_staff(LEGAL_APPROVER))
    response = client.post(_withdraw_url(entry), {"reason": "  "})
    assert response.status_code == 400 and 'id="f-reason-error"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.withdrawn_at is None


def test_only_a_publisher_withdraws(client, verified_login, make_staff, entry):
    verified_login(client, make_staff(EXECUTIVE))
    assert client.post(_withdraw_url(entry), {"reason": REASON}).status_code == 403
    entry.refresh_from_db()
    assert entry.withdrawn_at is None


def test_a_withdrawal_of_an_entry_already_withdrawn_is_refused_with_the_first_reason_shown(
        client, verified_login, make_staff, entry):
    services.withdraw_entry(entry, make_staff(LEGAL_APPROVER), reason=REASON)
    first = PublicOfficeAction.objects.get(pk=entry.pk).withdrawn_at
    verified_login(client, make_staff(LEGAL_APPROVER))
    mine = "A second reason typed on a page opened before."
    response = client.post(_withdraw_url(entry), {"reason": mine})
    page = response.content.decode()
    assert response.status_code == 409 and "already withdrawn" in page
    assert REASON in page, "the reason it was withdrawn for is shown"
    assert f"{mine}</textarea>" in page, "what was typed is given back"
    assert PublicOfficeAction.objects.get(pk=entry.pk).withdrawn_at == first


def test_the_withdrawal_form_sent_twice_withdraws_once(client, verified_login, make_staff, entry):
    verified_login(client, make_staff(LEGAL_APPROVER))
    sent = {"reason": REASON, "form_token": "one-withdrawal-form"}
    answers = [client.post(_withdraw_url(entry), sent) for _ in range(2)]
    assert [a.status_code for a in answers] == [302, 302]  # the second does nothing, and is no 409
    assert AuditEntry.objects.filter(purpose__startswith="office-actions log entry withdrawn").count() == 1


def test_a_withdrawn_entrys_words_are_on_no_public_page_and_in_no_json(client, make_staff, entry):
    surfaces = ("/en/office-actions/", "/ar/office-actions/", "/en/office-actions.json", "/ar/office-actions.json",
                "/en/office-actions/?type=global_ban", "/ar/office-actions/?type=global_ban")
    before = {url: client.get(url).content.decode() for url in surfaces}
    assert all(entry.public_id in text for text in before.values())  # the check can see the entry
    assert SUMMARY in before["/ar/office-actions/"] and NAME in before["/en/office-actions.json"]

    services.withdraw_entry(entry, make_staff(LEGAL_APPROVER), reason=REASON)
    for url in surfaces:
        text = client.get(url).content.decode()
        for words in (SUMMARY, NAME, REASON, entry.public_id):
            assert words not in text, f"{words!r} still on {url}"
    # Like a withdrawn notice, the public row keeps none of the words the public saw (staff read the approved draft).
    entry.refresh_from_db()
    assert (entry.summary, entry.account_name) == ("", "")
    assert (entry.action.public_summary, entry.action.public_account_name) == (SUMMARY, NAME)


def test_the_withdrawn_entry_sentence_isolates_the_withdrawers_username_in_arabic(
        client, verified_login, make_staff, entry, django_user_model):
    """A Latin username (or one ending in figures or punctuation) in an Arabic sentence is reordered with the words
    around it unless isolated: it is wrapped in <bdi>, as every username on the staff pages."""
    import html
    import re

    publisher = make_staff(LEGAL_APPROVER)
    django_user_model.objects.filter(pk=publisher.pk).update(username="j.doe-2")
    publisher.refresh_from_db()
    services.withdraw_entry(entry, publisher, reason=REASON)
    verified_login(client, make_staff(LEGAL_APPROVER))
    page = html.unescape(client.get(f"/ar/staff/account-actions/{entry.action.reference}/").content.decode())
    sentence = re.search(r'data-entry="withdrawn"><p>(.*?)</p>', page, re.S).group(1)
    assert "سُحب" in sentence, "the sentence is read in Arabic"
    assert "<bdi>j.doe-2</bdi>" in sentence
