"""The case history and the audit trail are hash-chained: tampering behind the app's back is detected."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from rightsdesk.audit.chain import verify
from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access
from rightsdesk.cases import services
from rightsdesk.cases.models import CaseHistory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(make_case):
    case = make_case()
    for country in ["FR", "IT", "ES", "PT"]:
        services.update_case(case, {"country": country}, "test", reason=f"moved to {country}")
    return list(CaseHistory.objects.order_by("id"))


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_untouched_chain_verifies(history):
    assert verify(CaseHistory.objects.all(), "case_history") is None
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "ok case_history: 5 entries, chain intact" in out.getvalue()


def test_each_entry_links_to_the_one_before(history):
    assert history[0].prev_hash == "0" * 64
    for before, after in zip(history, history[1:]):
        assert after.prev_hash == before.entry_hash


def test_an_edited_row_is_detected_at_that_row(history):
    raw("UPDATE cases_casehistory SET reason = %s WHERE id = %s", ["nothing happened", history[2].pk])
    problem = verify(CaseHistory.objects.all(), "case_history")
    assert problem.entry_id == history[2].pk and "changed" in problem.problem
    with pytest.raises(CommandError, match="broken"):
        call_command("audit", "verify", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_deleted_row_is_detected_at_the_row_after_it(history):
    raw("DELETE FROM cases_casehistory WHERE id = %s", [history[1].pk])
    problem = verify(CaseHistory.objects.all(), "case_history")
    assert problem.entry_id == history[2].pk and "does not follow" in problem.problem


def test_deleting_the_newest_rows_is_detected(history):
    raw("DELETE FROM cases_casehistory WHERE id = %s", [history[-1].pk])
    problem = verify(CaseHistory.objects.all(), "case_history")
    assert problem is not None and "newest were deleted" in problem.problem


def test_a_recomputed_forgery_still_breaks_the_next_link(history):
    # Someone who edits a row and fixes up its own hash still breaks the link to the next row.
    from rightsdesk.audit.chain import link_hash

    target = CaseHistory.objects.get(pk=history[1].pk)
    target.reason = "forged"
    forged_hash = link_hash(target.prev_hash, target.chain_content())
    raw("UPDATE cases_casehistory SET reason = %s, entry_hash = %s WHERE id = %s", ["forged", forged_hash, target.pk])
    problem = verify(CaseHistory.objects.all(), "case_history")
    assert problem.entry_id == history[2].pk


def test_the_audit_trail_is_chained_too(make_case, make_staff):
    user = make_staff("reviewer")
    case = make_case()
    for _ in range(3):
        record_access(user, AuditEntry.Action.VIEW_PRIVATE, case=case, fields=["email", "name"])
    assert verify(AuditEntry.objects.all(), "audit") is None
    first = AuditEntry.objects.order_by("id").first()
    raw("UPDATE audit_auditentry SET fields = %s WHERE id = %s", ['["name"]', first.pk])
    assert verify(AuditEntry.objects.all(), "audit").entry_id == first.pk


def test_the_bytes_an_entry_is_hashed_from_are_frozen():
    """Every stored hash was made from these bytes: keys sorted, no spaces, UTF-8 as it is, times in UTC to the
    microsecond, anything else as its str. A change here would make every stored chain fail to verify."""
    from datetime import datetime, timedelta, timezone
    from decimal import Decimal

    from rightsdesk.audit.chain import canonical

    at = datetime(2026, 12, 5, 7, 30, tzinfo=timezone(timedelta(hours=2)))
    assert canonical({"to_state": "received", "at": at, "changes": {"kind": "نقد", "n": [1, None, True]},
                      "amount": Decimal("2.50")}) == (
        '{"amount":"2.50","at":"2026-12-05T05:30:00.000000+00:00","changes":{"kind":"نقد","n":[1,null,true]},'
        '"to_state":"received"}').encode()
