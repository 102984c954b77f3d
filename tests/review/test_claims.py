"""Claiming: two reviewers never work the same case without knowing it."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.review import services
from rightsdesk.review.models import Assignment

pytestmark = pytest.mark.django_db


def test_claiming_an_unclaimed_case_assigns_it_and_records_it(make_case, reviewer):
    case = services.claim(make_case(), reviewer)
    assert case.assigned_to == reviewer
    entry = case.history.filter(event=CaseHistory.Event.ASSIGNMENT).get()
    assert entry.actor == reviewer and entry.changes["assignment"] == "claim"


def test_claiming_a_case_someone_else_claimed_needs_an_explicit_takeover_with_a_reason(make_case, reviewer, make_staff):
    other = make_staff("reviewer", username="omar")
    case = services.claim(make_case(), reviewer)

    with pytest.raises(Conflict, match="already claimed by rita"):
        services.claim(case, other)
    assert Case.objects.get(pk=case.pk).assigned_to == reviewer

    services.claim(case, other, takeover_reason="Rita is on leave this week.")
    assert case.assigned_to == other
    takeover = Assignment.objects.get(case=case, kind=Assignment.Kind.TAKEOVER)
    assert (takeover.previous, takeover.assignee, takeover.reason) == (reviewer, other, "Rita is on leave this week.")
    entry = case.history.filter(event=CaseHistory.Event.ASSIGNMENT).last()
    assert entry.reason == "Rita is on leave this week." and entry.changes["assigned_to"] == {"old": "rita", "new": "omar"}


def test_working_on_a_case_someone_else_claimed_is_refused(make_case, reviewer, make_staff):
    case = services.claim(make_case(state=c.State.UNDER_REVIEW), reviewer)
    other = make_staff("reviewer")
    with pytest.raises(Conflict, match="claimed by rita"):
        services.decide_item(case.items.first(), other, action="no_action", ground="Policy", reason="Lawful.")
    with pytest.raises(Conflict, match="claimed by rita"):
        services.save_checklist(case, other, {"narrow_reading": ("yes", "")})
    assert case.items.first().action == ""


def test_working_on_an_unclaimed_case_claims_it(make_case, reviewer):
    case = make_case(state=c.State.UNDER_REVIEW)
    services.save_checklist(case, reviewer, {"narrow_reading": ("yes", "")})
    assert Case.objects.get(pk=case.pk).assigned_to == reviewer


def test_reassigning_needs_a_reason_and_someone_who_can_review(make_case, reviewer, make_staff):
    case = services.claim(make_case(), reviewer)
    colleague, auditor = make_staff("trust and safety"), make_staff("auditor")
    with pytest.raises(DomainError, match="why"):
        services.reassign(case, colleague, reviewer, "")
    with pytest.raises(DomainError, match="cannot work on cases"):
        services.reassign(case, auditor, reviewer, "Please look.")
    services.reassign(case, colleague, reviewer, "A harm report: trust and safety's call.")
    assert case.assigned_to == colleague
    assert list(services.assignable_users().values_list("username", flat=True)).count(colleague.username) == 1


def test_only_the_claimant_releases(make_case, reviewer, make_staff):
    case = services.claim(make_case(), reviewer)
    with pytest.raises(Conflict):
        services.release(case, make_staff("reviewer"))
    services.release(case, reviewer)
    assert case.assigned_to is None


def test_claims_lock_the_row(make_case, reviewer):
    """The claim reads the case with SELECT ... FOR UPDATE (a no-op on SQLite, a row lock on PostgreSQL)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = make_case()
    with CaptureQueriesContext(connection) as queries:
        services.claim(case, reviewer)
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in queries.captured_queries)
    else:
        assert Case.objects.get(pk=case.pk).assigned_to == reviewer
