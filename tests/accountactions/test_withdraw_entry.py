"""Withdrawing a public office-actions log entry happens once: a second withdrawal (two publishers at once, or one
sent from a page opened before the first) is refused (409) and writes nothing, not a second withdrawal over the
first (a later date, a second entry in the audit trail). withdraw_entry locks the entry and looks at it again under
the lock, as the other services do."""

from __future__ import annotations

import pytest

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from rightsdesk.audit.models import AuditEntry
from rightsdesk.core.errors import Conflict
from rightsdesk.transparency.models import PublicOfficeAction

pytestmark = pytest.mark.django_db


def _withdrawals(entry) -> int:
    return AuditEntry.objects.filter(purpose__startswith="office-actions log entry withdrawn",
                                     object_id=str(entry.pk)).count()


#: (the second withdrawal is made by the first publisher or a colleague, with the entry as read before the first)
SECOND = [("the same publisher", False), ("a colleague", True)]


@pytest.mark.parametrize(("who", "colleague"), SECOND, ids=[s[0] for s in SECOND])
def test_a_second_withdrawal_of_one_entry_is_refused_and_writes_nothing(make_staff, propose, publish, who, colleague):
    action = propose(make_staff(REVIEWER), "lock")
    services.sign(action, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="approve")
    publisher = make_staff(LEGAL_APPROVER)
    entry = publish(action, "Locked for sustained harassment.")
    seen_by_second = PublicOfficeAction.objects.get(pk=entry.pk)  # the page the second withdrawal comes from

    services.withdraw_entry(entry, publisher, reason="Overturned on appeal.")
    first = PublicOfficeAction.objects.get(pk=entry.pk).withdrawn_at

    with pytest.raises(Conflict) as refused:
        services.withdraw_entry(seen_by_second, make_staff(LEGAL_APPROVER) if colleague else publisher,
                                reason="Overturned on appeal.")
    assert refused.value.http_status == 409 and "already withdrawn" in refused.value.message
    assert PublicOfficeAction.objects.get(pk=entry.pk).withdrawn_at == first  # unchanged
    assert _withdrawals(entry) == 1                                              # one audit entry, not two
