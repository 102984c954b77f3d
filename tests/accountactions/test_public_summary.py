"""The public office-actions log entry needs its summary: an entry published with none told the public what was
done but never why. A draft without one is refused at the field (400): nothing saved, what was typed kept, the
error in ul.errorlist beside the box, the box aria-invalid and described by it."""

from __future__ import annotations

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from rightsdesk.transparency.models import PublicOfficeAction

pytestmark = pytest.mark.django_db

SUMMARIES = [
    # summary sent,                                   status, drafted, what the field says
    ("",                                               400, False, "Write the public summary"),
    ("   \n  ",                                        400, False, "Write the public summary"),
    ("Locked for harassment. " * 50,                   400, False, "Use at most 1,000 characters (this has 1,149)."),
    ("Locked for sustained harassment of an editor.", 302, True, None),
]


@pytest.mark.parametrize("summary, status, drafted, says", SUMMARIES,
                         ids=["empty", "only spaces", "too long", "written"])
def test_a_public_entry_is_drafted_only_with_a_summary(client, verified_login, make_staff, propose,
                                                       summary, status, drafted, says):
    action = propose(make_staff(REVIEWER), "lock")
    services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    verified_login(client, make_staff(LEGAL_APPROVER))
    response = client.post(f"/en/staff/account-actions/{action.reference}/entry/draft/",
                           {"summary": summary, "version": services.entry_version(action)})
    assert response.status_code == status
    action.refresh_from_db()
    assert (action.public_drafted_at is not None) is drafted
    assert not PublicOfficeAction.objects.filter(action=action).exists()  # a draft is not public
    if drafted:
        return
    page = response.content.decode()
    assert 'id="f-summary-error"' in page, "the error is shown at the field"
    assert says in page.split('id="f-summary-error"')[1].split("</ul>")[0]
    box = page.split('<textarea id="f-summary"')[1].split(">")[0]
    assert 'aria-invalid="true"' in box and 'aria-describedby="f-summary-error"' in box
    assert f"{summary}</textarea>" in page  # what was typed, kept
