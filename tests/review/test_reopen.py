"""Reopening a decision says why: it cancels the notices not yet sent, marks the public notice reopened and puts the
case back under review, so the history must say what the reopening is for (an appeal, a correction)."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.notices.models import Notice
from rightsdesk.review import services
from tests.flows import decide_as_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(make_case, make_staff):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    return decide_as_staff(case, make_staff("reviewer"), make_staff("legal approver"))


@pytest.mark.parametrize("reason, reopened", [
    ("", False),
    ("    ", False),
    ("\n\t", False),
    ("Correction: the wrong item was removed.", True),
    ("تصحيح: أُزيل العنصر الخطأ.", True),
])
def test_a_decision_is_reopened_only_with_a_reason_and_a_refusal_changes_nothing(
        decided, make_staff, client, reason, reopened):
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    notices_before = sorted(decided.notices.values_list("pk", "status"))
    history_before = decided.history.count()
    response = client.post(f"/en/staff/cases/{decided.reference}/step/", {
        "transition": "reopen", "reason": reason, "seen": services.history_mark(decided)})
    decided.refresh_from_db()
    if reopened:
        assert response.status_code == 302
        assert decided.state == c.State.UNDER_REVIEW
        assert decided.history.get(changes__transition="reopen").reason == reason
        assert not decided.notices.exclude(status=Notice.Status.CANCELLED).exists()
        return
    page = response.content.decode()
    assert response.status_code == 400
    assert "Say why the decision is reopened" in page
    assert 'href="#reason-reopen"' in page  # the error summary leads to the reopening's reason
    assert (decided.state, decided.outcome) == (c.State.DECIDED, c.Outcome.GRANTED)
    assert sorted(decided.notices.values_list("pk", "status")) == notices_before
    assert decided.history.count() == history_before


def test_every_caller_of_the_reopening_needs_the_reason(decided, make_staff):
    from rightsdesk.appeals import services as appeals

    with pytest.raises(DomainError, match="Say why the decision is reopened") as refused:
        appeals.reopen(decided, make_staff("reviewer"), reason=" ")
    assert refused.value.field == "reason"
