"""Part 7 of the EU template counts what staff record: out-of-court disputes (DSA Art. 21) with their outcome and
whether it was implemented, and the Art. 23 suspensions (manifestly illegal content: an account action;
manifestly unfounded notices or complaints: a suspension of processing)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from rightsdesk.accountactions import services as account_services
from rightsdesk.accountactions.choices import Status
from rightsdesk.accountactions.models import AccountAction
from rightsdesk.appeals.models import OutOfCourtDispute, ProcessingSuspension
from rightsdesk.core.errors import DomainError
from rightsdesk.reports import eu_workbook
from rightsdesk.reports.periods import parse_period

pytestmark = pytest.mark.django_db
PERIOD = "2025-H2"


def part7(period=PERIOD):
    sheet = next(s for s in eu_workbook.sheets(parse_period(period)) if s.key == "7_appeals")
    rows = [dict(zip(sheet.header, row)) for row in sheet.rows]
    return {(r["Mechanism"], r["Subject"]): r for r in rows}


def test_out_of_court_disputes_are_counted_by_outcome_with_the_share_implemented(make_case):
    case = make_case()
    d = OutOfCourtDispute.objects.create
    d(case=case, body="Appeals Centre Europe", received_on=date(2025, 7, 1), decided_on=date(2025, 7, 11),
      outcome="reversed", implemented=True)
    d(case=case, body="Appeals Centre Europe", received_on=date(2025, 8, 1), decided_on=date(2025, 8, 5),
      outcome="upheld", implemented=False)
    d(case=case, body="User Rights", received_on=date(2025, 9, 1), decided_on=date(2025, 9, 3),
      outcome="partly_reversed", implemented=True)
    d(case=case, body="User Rights", received_on=date(2025, 12, 30))  # not decided yet
    d(case=case, body="User Rights", received_on=date(2026, 1, 2))  # the next period
    row = part7()[("Out-of-court dispute settlement (Art. 21)", "Total")]
    assert row["Number received"] == 4
    assert (row["Number of decisions upheld"], row["Number of decisions reversed"],
            row["Number of decisions partially reversed"], row["Number of decisions omitted"]) == (1, 1, 1, 0)
    assert row["Median time to decide"] == 96.0  # 10, 4 and 2 days: the median is 4 days
    assert row["Percentage of outcomes implemented"] == 66.7


def test_article_23_suspensions_are_counted_from_account_actions_and_suspensions_of_processing(make_case, make_staff):
    case = make_case()
    user = make_staff("trust and safety")
    for flag, start in [(True, date(2025, 8, 1)), (True, date(2026, 2, 1)), (False, date(2025, 8, 2))]:
        AccountAction.objects.create(reference=f"AA-{start}-{flag}", action_type="lock", ground="terms_of_use",
                                     accounts="Someone", case=case, required_roles=[], proposed_by=user,
                                     status=Status.APPROVED, starts_on=start, ends_on=date(2026, 6, 1),
                                     manifestly_illegal_content=flag)
    s = ProcessingSuspension.objects.create
    s(reason="unfounded_notices", case=case, warned_on=date(2025, 7, 1), starts_on=date(2025, 7, 20),
      ends_on=date(2025, 10, 20))
    s(reason="unfounded_notices", case=case, warned_on=date(2025, 9, 1), starts_on=date(2025, 9, 20),
      ends_on=date(2025, 12, 20))
    s(reason="unfounded_complaints", case=case, warned_on=date(2025, 10, 1), starts_on=date(2025, 11, 1),
      ends_on=date(2026, 2, 1))
    AccountAction.objects.create(reference="AA-on-notice", action_type="global_ban", ground="terms_of_use",
                                 accounts="Someone", case=case, required_roles=[], proposed_by=user,
                                 status=Status.APPROVED, starts_on=date(2025, 9, 1), own_initiative=False)
    rows = part7()
    art23 = "Suspensions (Art. 23)"
    assert rows[(art23, "Suspensions for the provision of manifestly illegal content")]["Number received"] == 1
    assert rows[(art23, "Suspensions of the processing of manifestly unfounded notices")]["Number received"] == 2
    assert rows[(art23, "Suspensions of the processing of manifestly unfounded complaints")]["Number received"] == 1


def test_a_dispute_decided_before_it_was_received_or_without_its_outcome_is_refused(make_case):
    case = make_case()
    with pytest.raises(ValidationError) as raised:
        OutOfCourtDispute(case=case, body="X", received_on=date(2025, 7, 10), decided_on=date(2025, 7, 1),
                          outcome="upheld").full_clean()
    assert "decided_on" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        OutOfCourtDispute(case=case, body="X", received_on=date(2025, 7, 10), decided_on=date(2025, 7, 11)).full_clean()
    assert "outcome" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        ProcessingSuspension(reason="unfounded_notices", case=case, warned_on=date(2025, 8, 1),
                             starts_on=date(2025, 7, 1), ends_on=date(2025, 9, 1)).full_clean()
    assert "warned_on" in raised.value.message_dict


def test_only_a_suspension_can_be_recorded_as_one_for_manifestly_illegal_content(make_case, make_staff):
    user = make_staff("trust and safety")
    with pytest.raises(DomainError) as raised:
        account_services.propose(user, action_type="warning", ground="harassment", accounts="Someone",
                                 projects="en.wikipedia.org", case=make_case(), manifestly_illegal_content=True)
    assert raised.value.field == "manifestly_illegal_content"
    assert not AccountAction.objects.exists()


def test_own_initiative_account_actions_are_part_6_measures_and_actions_on_a_notice_are_not(make_case, make_staff):
    case, user = make_case(), make_staff("trust and safety")
    for ref, kind, ends, own in [("AA-1", "lock", date(2025, 9, 1), True), ("AA-2", "global_ban", None, True),
                                 ("AA-3", "warning", None, True), ("AA-4", "global_ban", None, False)]:
        AccountAction.objects.create(reference=ref, action_type=kind, ground="harassment", accounts="Someone",
                                     case=case, required_roles=[], proposed_by=user, status=Status.APPROVED,
                                     starts_on=date(2025, 8, 1), ends_on=ends, own_initiative=own)
    sheet = next(s for s in eu_workbook.sheets(parse_period(PERIOD)) if s.key == "6_own_initiative_terms")
    row = next(dict(zip(sheet.header, r)) for r in sheet.rows if r[4] == "TERMS_HARASSMENT")
    assert row["Number of measures"] == 3
    assert (row["Account restriction: suspension"], row["Account restriction: termination"]) == (1, 1)


def test_legal_approvers_record_disputes_and_suspensions_in_the_admin(client, make_staff, verified_login, make_case):
    from django.urls import reverse

    from rightsdesk.accounts.roles import sync_roles

    sync_roles()
    approver = make_staff("legal approver")
    verified_login(client, approver)
    case = make_case()
    url = reverse("admin:appeals_outofcourtdispute_add")
    assert client.get(url).status_code == 200
    response = client.post(url, {"case": case.pk, "body": "User Rights", "received_on": "2025-07-10",
                                 "decided_on": "2025-07-01", "outcome": "upheld", "implemented": "unknown"})
    assert response.status_code == 200 and not OutOfCourtDispute.objects.exists()  # refused: decided before received
    response = client.post(url, {"case": case.pk, "body": "User Rights", "received_on": "2025-07-10",
                                 "decided_on": "2025-07-20", "outcome": "upheld", "implemented": "true"})
    assert response.status_code == 302 and OutOfCourtDispute.objects.get().implemented is True
    assert client.get(reverse("admin:appeals_processingsuspension_add")).status_code == 200
    reviewer = make_staff("reviewer")
    verified_login(client, reviewer)
    assert client.get(url).status_code == 403
