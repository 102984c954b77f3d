"""The role "executive" (not a column of the access table in docs/security.md): it reads the account actions and
signs them, proposes and publishes nothing, and gains no access to cases' private data."""

from __future__ import annotations

import pytest

from rightsdesk.accounts.roles import EXECUTIVE, REVIEWER

pytestmark = pytest.mark.django_db


def test_an_executive_reads_and_signs_account_actions_and_nothing_more(client, verified_login, make_staff, propose):
    action = propose(make_staff(REVIEWER), "global_ban", accounts="Seen By The Executive")
    executive = make_staff(EXECUTIVE)
    verified_login(client, executive)
    assert client.get("/en/staff/account-actions/").status_code == 200
    page = client.get(f"/en/staff/account-actions/{action.reference}/")
    assert page.status_code == 200 and "Seen By The Executive" in page.content.decode()
    assert client.get("/en/staff/account-actions/new/").status_code == 403
    assert client.post(f"/en/staff/account-actions/{action.reference}/publish/").status_code == 403
    response = client.post(f"/en/staff/account-actions/{action.reference}/sign/",
                           {"role": EXECUTIVE, "decision": "approve"})
    assert response.status_code == 302
    assert action.signoffs.get().signer == executive
    assert not executive.has_perm("cases.access_private_data")


def test_an_auditor_reads_the_list_but_not_the_accounts(client, verified_login, make_staff, propose):
    action = propose(make_staff(REVIEWER), "lock", accounts="Hidden From The Auditor")
    verified_login(client, make_staff("auditor"))
    page = client.get(f"/en/staff/account-actions/{action.reference}/").content.decode()
    assert "Hidden From The Auditor" not in page
    assert client.post(f"/en/staff/account-actions/{action.reference}/sign/",
                       {"role": "trust and safety", "decision": "approve"}).status_code == 403
