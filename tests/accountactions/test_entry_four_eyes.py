"""The public office-actions log entry is written by one person and approved by another, as every public text is.

A legal approver drafts the entry (summary, whether to withhold the name, which account); the draft is not public.
Another publisher approves exactly that draft, which publishes it; whoever saved the draft last cannot approve it
(accounts.access.refuse_own_work: 403, the four-eyes reason, in the reader's language). An approval sent from a page
that showed an older draft publishes nothing (409) and the page shows the draft as it is now (core.versions).
Each form does its work once however often it is sent (core.form_once). Drafts and approvals are in the audit trail,
without the wording's private parts.
"""

from __future__ import annotations

import pytest
from django.db import connection

from rightsdesk.accountactions import services
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER
from rightsdesk.audit.models import AuditEntry
from rightsdesk.core.errors import NotPermitted
from rightsdesk.transparency.models import PublicOfficeAction

pytestmark = pytest.mark.django_db

SUMMARY = "Globally banned for sustained harassment of contributors."


@pytest.fixture
def ban(make_staff, propose):
    """An approved global ban of two accounts, not yet drafted."""
    action = propose(make_staff(REVIEWER), "global_ban", accounts="Public Name\nSecond Canarinelli")
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    return action


def _page(client, action, lang="en"):
    return client.get(f"/{lang}/staff/account-actions/{action.reference}/").content.decode()


def _hidden(page: str, form_action: str, name: str) -> str:
    form = page.split(f'action="{form_action}"')[1].split("</form>")[0]
    return form.split(f'name="{name}" value="')[1].split('"')[0]


def test_the_drafter_cannot_approve_their_own_draft(ban, make_staff):
    drafter = make_staff(LEGAL_APPROVER)
    services.draft_entry(ban, drafter, summary=SUMMARY)
    with pytest.raises(NotPermitted) as refused:
        services.approve_entry(ban, drafter)
    assert refused.value.code == "four_eyes" and refused.value.http_status == 403
    assert not PublicOfficeAction.objects.filter(action=ban).exists()


@pytest.mark.parametrize("lang, says", [("en", "Four-eyes rule"), ("ar", "قاعدة العينين الأربع")])
def test_the_drafter_approving_on_the_page_is_refused_with_the_reason_in_their_language(
        client, verified_login, ban, make_staff, lang, says):
    drafter = make_staff(LEGAL_APPROVER)
    services.draft_entry(ban, drafter, summary=SUMMARY)
    verified_login(client, drafter)
    response = client.post(f"/{lang}/staff/account-actions/{ban.reference}/publish/",
                           {"version": services.entry_version(ban)})
    assert response.status_code == 403
    page = response.content.decode()
    assert says in page.split('id="error-summary"')[1].split("</div>")[0]
    assert not PublicOfficeAction.objects.filter(action=ban).exists()


def test_whoever_changes_the_draft_last_is_its_drafter(ban, make_staff):
    first, second = make_staff(LEGAL_APPROVER), make_staff(LEGAL_APPROVER)
    services.draft_entry(ban, first, summary="A first wording.")
    services.draft_entry(ban, second, summary=SUMMARY)  # a colleague changes it: now theirs
    with pytest.raises(NotPermitted):
        services.approve_entry(ban, second)
    assert services.approve_entry(ban, first).summary == SUMMARY


def test_the_approver_publishes_exactly_the_draft(client, verified_login, ban, make_staff):
    drafter, approver = make_staff(LEGAL_APPROVER), make_staff(LEGAL_APPROVER)
    verified_login(client, drafter)
    page = _page(client, ban)
    response = client.post(f"/en/staff/account-actions/{ban.reference}/entry/draft/", {
        "summary": SUMMARY, "account_name": "Second Canarinelli",
        "version": _hidden(page, f"/en/staff/account-actions/{ban.reference}/entry/draft/", "version"),
        "form_token": _hidden(page, f"/en/staff/account-actions/{ban.reference}/entry/draft/", "form_token")})
    assert response.status_code == 302
    assert not PublicOfficeAction.objects.filter(action=ban).exists(), "a draft is not public"
    assert SUMMARY not in client.get("/en/office-actions/").content.decode()
    assert SUMMARY in _page(client, ban), "the draft is shown on the action's staff page"

    verified_login(client, approver)
    page = _page(client, ban)
    url = f"/en/staff/account-actions/{ban.reference}/publish/"
    response = client.post(url, {"version": _hidden(page, url, "version"),
                                 "form_token": _hidden(page, url, "form_token")})
    assert response.status_code == 302
    entry = PublicOfficeAction.objects.get(action=ban)
    assert (entry.summary, entry.account_name, entry.published_by) == (SUMMARY, "Second Canarinelli", approver)
    ban.refresh_from_db()
    assert ban.public_drafted_by == drafter

    # Both steps are in the audit trail: who, which object; never the wording's private part (the account name).
    drafted = AuditEntry.objects.get(actor=drafter, purpose__startswith="office-actions log entry drafted")
    published = AuditEntry.objects.get(actor=approver, action="publish", object_id=str(entry.pk))
    assert drafted.object_id == str(ban.pk)
    for audit in (drafted, published):
        assert "Canarinelli" not in f"{audit.purpose} {audit.fields}"


def test_the_account_name_of_a_draft_is_encrypted_at_rest(ban, make_staff):
    services.draft_entry(ban, make_staff(LEGAL_APPROVER), summary=SUMMARY, account_name="Second Canarinelli")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT public_account_name FROM {AccountAction._meta.db_table} WHERE id = %s", [ban.pk])
        stored = cursor.fetchone()[0]
    assert stored and "Canarinelli" not in stored
    assert AccountAction.objects.get(pk=ban.pk).public_account_name == "Second Canarinelli"


@pytest.mark.parametrize("field, value, says", [
    ("summary", "", "Write the public summary"),
    ("account_name", "Not An Account Of The Action", "must be one of the action"),
])
def test_a_draft_is_checked_as_the_entry_is_and_refused_at_its_field(client, verified_login, ban, make_staff,
                                                                      field, value, says):
    verified_login(client, make_staff(LEGAL_APPROVER))
    sent = {"summary": SUMMARY, "account_name": "Public Name", "version": services.entry_version(ban), field: value}
    response = client.post(f"/en/staff/account-actions/{ban.reference}/entry/draft/", sent)
    assert response.status_code == 400
    page = response.content.decode()
    assert says in page.split(f'id="f-{field}-error"')[1].split("</ul>")[0]
    assert f"{sent['summary']}</textarea>" in page  # what was typed, kept
    ban.refresh_from_db()
    assert ban.public_drafted_at is None


def test_an_approval_from_a_page_showing_an_older_draft_is_refused_and_shows_the_draft_as_it_is_now(
        client, verified_login, ban, make_staff):
    drafter, approver = make_staff(LEGAL_APPROVER), make_staff(LEGAL_APPROVER)
    services.draft_entry(ban, drafter, summary="Banned for harassment.")
    verified_login(client, approver)
    page = _page(client, ban)  # the approver reads the draft ...
    url = f"/en/staff/account-actions/{ban.reference}/publish/"
    seen = {"version": _hidden(page, url, "version"), "form_token": _hidden(page, url, "form_token")}
    changed = "Banned for harassment, and the account name published after all."
    services.draft_entry(ban, drafter, summary=changed)  # ... the drafter changes it meanwhile
    response = client.post(url, seen)
    assert response.status_code == 409
    assert not PublicOfficeAction.objects.filter(action=ban).exists()  # nothing published
    answer = response.content.decode()
    assert 'id="error-summary"' in answer and "The draft changed after you opened the page" in answer
    assert changed in answer.split('id="entry-draft"')[1].split("</section>")[0]  # the current draft, to read
    assert _hidden(answer, url, "version") == services.entry_version(AccountAction.objects.get(pk=ban.pk))


def test_a_draft_saved_from_a_page_older_than_a_colleagues_draft_replaces_nothing(client, verified_login, ban,
                                                                                  make_staff):
    me, colleague = make_staff(LEGAL_APPROVER), make_staff(LEGAL_APPROVER)
    verified_login(client, me)
    seen = services.entry_version(ban)
    services.draft_entry(ban, colleague, summary="The colleague's wording.")
    response = client.post(f"/en/staff/account-actions/{ban.reference}/entry/draft/",
                           {"summary": SUMMARY, "version": seen})
    assert response.status_code == 409
    assert f"{SUMMARY}</textarea>" in response.content.decode()  # my words, kept
    ban.refresh_from_db()
    assert (ban.public_summary, ban.public_drafted_by) == ("The colleague's wording.", colleague)


def _post_twice(client, url, data):
    """The same form (one token) sent twice, as a double click does."""
    data = {**data, "form_token": f"one-sending-of-{url}"}
    return [client.post(url, data) for _ in range(2)]


def test_the_draft_and_approve_forms_sent_twice_act_once(client, verified_login, ban, make_staff):
    drafter, approver = make_staff(LEGAL_APPROVER), make_staff(LEGAL_APPROVER)
    verified_login(client, drafter)
    answers = _post_twice(client, f"/en/staff/account-actions/{ban.reference}/entry/draft/",
                          {"summary": SUMMARY, "version": services.entry_version(ban)})
    assert [a.status_code for a in answers] == [302, 302]  # the second does nothing, and is no 409
    assert AuditEntry.objects.filter(purpose__startswith="office-actions log entry drafted").count() == 1

    verified_login(client, approver)
    ban.refresh_from_db()
    answers = _post_twice(client, f"/en/staff/account-actions/{ban.reference}/publish/",
                          {"version": services.entry_version(ban)})
    assert [a.status_code for a in answers] == [302, 302]
    assert PublicOfficeAction.objects.filter(action=ban).count() == 1
    assert AuditEntry.objects.filter(action="publish", actor=approver).count() == 1
