"""The proposal form sent back with an error keeps what was sent: the boxes as they were, and it asks for the files.

An unticked box sends nothing. The form once ticked "own initiative" again whenever it came back, so an action that
followed an outside notice was recorded, if nobody looked, as the platform's own (a fact the DSA's statements of
reasons and the public log report).
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db


def _box(page: str) -> str:
    return re.search(r'<input type="checkbox" name="own_initiative"[^>]*>', page).group(0)


def _refused(client, evidence_case, **sent):
    post = {"action_type": "lock", "ground": "harassment", "accounts": "Example", "projects": "en.wikipedia.org",
            "case": evidence_case.reference, "notes": "Evidence.", "starts_on": "2026-01-02",
            "ends_on": "2020-01-01", **sent}  # ends before it starts: refused
    response = client.post("/en/staff/account-actions/new/", post)
    assert response.status_code == 400
    return response.content.decode()


@pytest.mark.parametrize("sent, ticked", [({"own_initiative": "1"}, True), ({}, False)],
                         ids=["ticked when sent", "unticked when sent"])
def test_a_proposal_sent_back_shows_own_initiative_as_it_was_sent(
        client, verified_login, make_staff, evidence_case, sent, ticked):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    assert ("checked" in _box(_refused(client, evidence_case, **sent))) is ticked


def test_a_new_proposal_starts_as_the_platforms_own_initiative(client, verified_login, make_staff):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    assert "checked" in _box(client.get("/en/staff/account-actions/new/").content.decode())


def test_a_proposal_sent_back_asks_for_its_files_again(client, verified_login, make_staff, evidence_case):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    page = _refused(client, evidence_case, files=[SimpleUploadedFile("evidence.pdf", b"%PDF-1.4\n%%EOF\n",
                                                                      "application/pdf")])
    assert "Choose your files again" in page and 'aria-describedby="f-files-error"' in page
    assert "Choose your files again" not in _refused(client, evidence_case)


def test_a_refused_sign_off_keeps_its_reasons_and_its_role(client, verified_login, make_staff, propose):
    from rightsdesk.accountactions import services
    from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER

    action = propose(make_staff(REVIEWER), "global_ban")
    verified_login(client, make_staff(LEGAL_APPROVER, TRUST_AND_SAFETY))
    services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")  # a colleague
    reasons = "The evidence shows two different people; the overlap is a shared university proxy."
    response = client.post(f"/en/staff/account-actions/{action.reference}/sign/",
                           {"role": TRUST_AND_SAFETY, "decision": "refuse", "reason": reasons})
    assert response.status_code >= 400 and f"{reasons}</textarea>" in response.content.decode()


def test_a_refused_draft_of_the_public_entry_keeps_its_summary_and_its_choices(client, verified_login, make_staff, propose):
    from rightsdesk.accountactions import services
    from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER

    action = propose(make_staff(REVIEWER), "lock")
    services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    verified_login(client, make_staff(LEGAL_APPROVER))
    summary = "Locked for sustained harassment of an editor. " * 25  # over the 1000 characters
    response = client.post(f"/en/staff/account-actions/{action.reference}/entry/draft/",
                           {"summary": summary, "withhold_name": "1", "version": services.entry_version(action)})
    page = response.content.decode()
    assert response.status_code == 400 and f"{summary}</textarea>" in page


#: What a colleague did first, and the form then sent with words typed into it (its url, its fields).
DONE_FIRST = [
    ("signed", "sign", {"role": TRUST_AND_SAFETY, "decision": "refuse",
                        "reason": "He was threatening the editor by name in three channels, not this account."}),
    ("published", "entry/draft", {"summary": "Banned from the events for repeated harassment of participants."}),
]


@pytest.mark.parametrize(("first", "url", "sent"), DONE_FIRST)
def test_a_refused_sign_off_or_publication_a_colleague_made_first_comes_back_with_what_was_typed(
        client, verified_login, make_staff, propose, publish, first, url, sent):
    from rightsdesk.accountactions import services

    action = propose(make_staff(REVIEWER), "event_ban")
    if first == "signed":
        me = make_staff(TRUST_AND_SAFETY)
        services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    else:
        for role in action.required_roles:
            services.sign(action, make_staff(role), role=role, decision="approve")
        me = make_staff(LEGAL_APPROVER)
        publish(action, "Banned from the events.")
    verified_login(client, me)
    response = client.post(f"/en/staff/account-actions/{action.reference}/{url}/", sent)
    page = response.content.decode()
    typed = sent.get("reason") or sent["summary"]
    assert response.status_code == 409 and 'id="error-summary"' in page and 'href="#unsent"' in page
    assert f"{typed}</textarea>" in page
