"""During a crisis, a notice to an affected user waits for a recorded review of the recipient's safety."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.crisis import services as crisis_services
from rightsdesk.notices import services as notices
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided_takedown(make_case, people):
    """A decided takedown from Turkey whose affected user is owed a statement of reasons."""
    from tests.flows import decide_as_staff

    def make():
        case = make_case(
            c.Kind.CONTENT_TAKEDOWN, country="TR", received_at=timezone.now(),
            parties=[{"role": c.PartyRole.REQUESTER, "name": "Ayse Yilmaz", "email": "ayse@example.org"},
                     {"role": c.PartyRole.AFFECTED_USER, "account_name": "Editor7", "email": "editor7@example.net",
                      "language": "tr"}],
            items=[{"url": "https://tr.wikipedia.org/wiki/Secim", "project": "tr.wikipedia.org", "page_title": "Secim",
                    "account_name": "Editor7"}],
            content_ground=c.ContentGround.DEFAMATION, law_invoked="TCK 125", decision_ground=c.DecisionGround.ILLEGAL_CONTENT,
        )
        return decide_as_staff(case, people["reviewer"], people["approver1"])

    return make


def statement(case) -> Notice:
    return case.notices.get(recipient_role=c.PartyRole.AFFECTED_USER)


def test_a_notice_to_an_affected_user_in_a_crisis_case_waits_for_the_safety_review(people, declare, decided_takedown):
    declare(["TR"])
    case = decided_takedown()
    notice = statement(case)
    with pytest.raises(DomainError) as held:
        notices.send_notice(notice, people["reviewer"])
    assert held.value.code == "crisis_safety_review"
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT
    # A reviewer records that this wording is safe for the recipient; then it can be sent.
    crisis_services.record_safety_review(notice, people["safety"], version=notices.text_version(notice),
                                         note="The editor lives abroad; the notice names no one.")
    notices.send_notice(notice, people["reviewer"])
    notice.refresh_from_db()
    assert notice.status in (Notice.Status.QUEUED, Notice.Status.SENT, Notice.Status.SENDING)


def test_a_safety_review_covers_only_the_wording_that_was_reviewed(people, declare, decided_takedown):
    declare(["TR"])
    notice = statement(decided_takedown())
    crisis_services.record_safety_review(notice, people["safety"], version=notices.text_version(notice))
    notices.edit_notice(notice, people["reviewer"], subject=notice.subject, body=notice.body + "\nOne more sentence.")
    notice.refresh_from_db()
    with pytest.raises(DomainError) as held:
        notices.send_notice(notice, people["reviewer"])
    assert held.value.code == "crisis_safety_review"


def test_outside_a_crisis_and_for_the_requester_no_safety_review_is_needed(people, declare, decided_takedown):
    case = decided_takedown()
    notices.send_notice(statement(case), people["reviewer"])  # no crisis: sent as before
    declare(["TR"])
    decision = case.notices.filter(recipient_role=c.PartyRole.REQUESTER).first()
    if decision is not None:
        notices.send_notice(decision, people["reviewer"])


def test_only_staff_with_the_safety_permission_record_the_review(people, declare, decided_takedown, make_staff):
    declare(["TR"])
    notice = statement(decided_takedown())
    with pytest.raises(NotPermitted):
        crisis_services.record_safety_review(notice, make_staff("intake"), version=notices.text_version(notice))
