"""The Santa Clara Principles' numbers: each row from what is recorded, copies equal to their sources, and what
rightsdesk does not record left empty ("not recorded"), never 0. The demo's every row is checked against an
independent count in test_report_figures.py (report_expectations.Expected.santa_clara)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.reports.disclosure import disclose
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_csv

NOON = datetime(2026, 3, 2, 12, tzinfo=timezone.utc)


def figures(slug="2026-H1"):
    report = build_report(parse_period(slug))
    return report, {cell[:4]: cell[4] for cell in report.cells() if cell[0] == "santa_clara"}


def action(case, user, action_type, *, lifts=None, starts_on=date(2026, 3, 5)):
    from rightsdesk.accountactions.models import AccountAction

    return AccountAction.objects.create(
        reference=f"AA-T-{AccountAction.objects.count() + 1}", action_type=action_type, ground="harassment",
        accounts="Example", starts_on=starts_on, case=case, status="approved", proposed_by=user, lifts=lifts)


@pytest.mark.django_db
def test_each_flag_counts_once_by_its_source_and_the_rows_add_up_to_the_content_flags(make_case):
    make_case(requester_type=c.RequesterType.COURT, trusted_flagger=True, outcome="granted")  # government first
    make_case(requester_type=c.RequesterType.NGO, trusted_flagger=True)
    make_case(requester_type=c.RequesterType.TRUSTED_FLAGGER)
    make_case(requester_type=c.RequesterType.INDIVIDUAL, automated_detection=True, source=c.Source.OWN_INITIATIVE)
    make_case(requester_type=c.RequesterType.INDIVIDUAL, source=c.Source.OWN_INITIATIVE)
    make_case(c.Kind.COPYRIGHT_NOTICE, requester_type=c.RequesterType.COMPANY, outcome="partially_granted")
    make_case(c.Kind.USER_DATA_REQUEST, requester_type=c.RequesterType.COURT)  # not a flag on content
    report, cells = figures()
    flags = {row: cells[("santa_clara", "flags_by_source", row, "received")]
             for row in ("government", "trusted_flagger", "automated", "own_staff", "user")}
    assert flags == {"government": 1, "trusted_flagger": 2, "automated": 1, "own_staff": 1, "user": 1}
    assert cells[("santa_clara", "flags_by_source", "government", "granted")] == 1
    assert cells[("santa_clara", "flags_by_source", "user", "granted")] == 1
    content = sum(report.value("overview", "by_kind", kind, "received")
                  for kind in ("content_takedown", "copyright_notice", "trademark_notice"))
    assert sum(flags.values()) == content == 6
    # Government demands include the data request (content and data kinds), split court / other.
    assert cells[("santa_clara", "government", "court", "received")] == 2


@pytest.mark.django_db
def test_appeals_are_copied_from_the_appeals_section_and_appeals_of_automated_decisions_counted(make_case):
    automated = make_case(automated_decision=c.AutomatedDecision.FULLY)
    human = make_case(automated_decision=c.AutomatedDecision.NOT_AUTOMATED)
    make_case(c.Kind.APPEAL, appeal_of=automated, outcome="granted")
    make_case(c.Kind.APPEAL, appeal_of=human, outcome="rejected")
    report, cells = figures()
    for mine, theirs in (("filed", "filed"), ("won", "reversed_or_partly_reversed"), ("lost", "upheld")):
        assert cells[("santa_clara", "appeals", mine, "count")] == report.value("appeals", "summary", theirs, "count")
    assert [cells[("santa_clara", "appeals", row, "count")] for row in ("filed", "won", "lost")] == [2, 1, 1]
    assert cells[("santa_clara", "appeals", "of_automated_decisions", "count")] == 1


@pytest.mark.django_db
def test_an_account_measure_lifted_without_an_appeal_counts_and_one_lifted_after_an_appeal_does_not(
        make_case, make_staff):
    user = make_staff("reviewer")
    evidence, appealed = make_case(), make_case()
    make_case(c.Kind.APPEAL, appeal_of=appealed, received_at=datetime(2026, 3, 1, 12, tzinfo=timezone.utc))
    lift_alone = action(evidence, user, "lift", lifts=action(evidence, user, "global_ban"))
    action(appealed, user, "lift", lifts=action(appealed, user, "lock"))
    _report, cells = figures()
    assert lift_alone.pk and cells[("santa_clara", "reinstated", "accounts_without_appeal", "count")] == 1
    assert cells[("santa_clara", "accounts_by_rule", "harassment", "accounts")] == 2  # the two measures, not the lifts


@pytest.mark.django_db
def test_what_rightsdesk_does_not_record_is_empty_and_says_so_never_zero(client, make_case):
    make_case()
    report, cells = figures()
    assert cells[("santa_clara", "reinstated", "content_without_appeal", "count")] is None
    assert cells[("santa_clara", "not_recorded", "accounts_by_country", "count")] is None
    csv = to_csv(disclose(report))
    assert "santa_clara,reinstated,content_without_appeal,count,\r\n" in csv
    html = client.get("/en/transparency/2026-H1/").content.decode()
    assert "Items restored without an appeal: not recorded" in html
    assert 'data-cell="santa_clara/not_recorded/accounts_by_country/count" data-value=""' in html
