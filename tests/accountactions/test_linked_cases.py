"""The other linked cases of a proposal are the cases typed, or the proposal is refused saying which reference is
wrong; a mistyped reference was dropped without a word and the action recorded without that link to its evidence.
"""

from __future__ import annotations

import pytest

from rightsdesk.accountactions.models import AccountAction
from rightsdesk.accounts.roles import TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db

URL = "/en/staff/account-actions/new/"

#: (the other linked cases typed, by name: "evidence" and "other" are cases, anything else is typed as it is;
#: the answer; the references named in the refusal; the linked cases recorded)
LINKED = [
    ("other", 302, [], ["other"]),
    ("other evidence", 302, [], ["other"]),  # the evidence case itself is not linked twice
    ("", 302, [], []),
    ("AA-NO-SUCH", 400, ["AA-NO-SUCH"], None),
    ("other AA-NO-SUCH", 400, ["AA-NO-SUCH"], None),
    ("AA-NO-SUCH other  ZZ-TYPO", 400, ["AA-NO-SUCH", "ZZ-TYPO"], None),
]


@pytest.mark.parametrize(("typed", "status", "named", "linked"), LINKED, ids=[row[0] or "none" for row in LINKED])
def test_the_other_linked_cases_are_the_cases_typed_or_the_proposal_is_refused(
        client, verified_login, make_staff, make_case, evidence_case, typed, status, named, linked):
    other = make_case(subject="An earlier report")
    cases = {"evidence": evidence_case.reference, "other": other.reference}
    sent = " ".join(cases.get(word, word) for word in typed.split(" "))
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    response = client.post(URL, {"action_type": "lock", "ground": "harassment", "accounts": "Example Account",
                                 "projects": "en.wikipedia.org", "case": evidence_case.reference,
                                 "notes": "Private evidence.", "related_cases": sent})
    assert response.status_code == status
    if status == 400:
        page = response.content.decode()
        assert AccountAction.objects.count() == 0  # nothing recorded
        assert 'href="#f-related_cases"' in page and all(ref in page.split('id="error-summary"')[1] for ref in named)
        assert f'name="related_cases" value="{sent}"' in page  # what was typed is given back
    else:
        action = AccountAction.objects.get()
        assert sorted(c.reference for c in action.related_cases.all()) == sorted(cases[n] for n in linked)
