"""A declared crisis: which cases it tags, the queue order, two legal approvers, the on-call e-mail, ending it and
its summary, and its section of the period report."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.crisis import rules, services
from rightsdesk.crisis.models import CrisisApproval, CrisisCase
from tests.crisis.conftest import days_ago

pytestmark = pytest.mark.django_db


def tagged(crisis, case) -> bool:
    return CrisisCase.objects.filter(crisis=crisis, case=case).exists()


def test_a_running_crisis_tags_a_new_data_request_from_its_country_on_arrival(declare, data_request):
    crisis = declare(["TR"])
    case = data_request("TR")
    assert tagged(crisis, case)
    assert CrisisCase.objects.get(crisis=crisis, case=case).via == CrisisCase.Via.ARRIVAL


def test_a_case_from_another_country_or_received_before_the_crisis_is_not_tagged(declare, data_request):
    crisis = declare(["TR"], starts_on=days_ago(5))
    elsewhere = data_request("DE", project="de.wikipedia.org")
    before = data_request("TR", received_at=timezone.now() - timedelta(days=20))
    services.sweep(crisis)
    assert not tagged(crisis, elsewhere)
    assert not tagged(crisis, before)


def test_declaring_a_crisis_sweeps_the_open_cases_it_covers_including_by_project(people, declare, data_request):
    by_country = data_request("TR")
    by_project = data_request("DE", project="tr.wikipedia.org")
    crisis = declare(["TR"], projects=["tr.wikipedia.org"])
    assert tagged(crisis, by_country) and tagged(crisis, by_project)
    assert CrisisCase.objects.get(crisis=crisis, case=by_country).via == CrisisCase.Via.SWEEP


def test_an_ended_crisis_tags_nothing_new_and_stores_its_summary(people, declare, data_request):
    crisis = declare(["TR"])
    data_request("TR")
    crisis = services.end(crisis, people["safety"])
    assert crisis.summary["cases"] == 1 and crisis.summary["data_requests"] == 1
    assert crisis.summary["by_kind"] == {c.Kind.USER_DATA_REQUEST.value: 1}
    later = data_request("TR")
    assert not tagged(crisis, later)


def test_only_trust_and_safety_or_legal_approvers_may_declare_and_bad_input_says_what_to_fix(people, make_staff):
    with pytest.raises(NotPermitted):
        services.declare({"title": "x"}, people["reviewer"])
    with pytest.raises(DomainError) as error:
        services.declare({"title": "Coup", "kind": "coup", "countries": "XX", "starts_on": "2026-12-01",
                          "coordinator": people["safety"]}, people["approver1"])
    assert error.value.field == "countries" and "XX" in error.value.message
    with pytest.raises(DomainError) as error:
        services.declare({"title": "Coup", "kind": "coup", "countries": "MM", "starts_on": "2026-12-01",
                          "ends_on": "2026-11-01", "coordinator": people["safety"]}, people["approver1"])
    assert error.value.field == "ends_on"


def test_crisis_cases_come_first_in_the_queue_after_emergencies(people, declare, data_request, make_case):
    from rightsdesk.review import queues

    declare(["TR"])
    ordinary = make_case(c.Kind.CONTENT_TAKEDOWN, country="DE", received_at=timezone.now() - timedelta(days=3))
    crisis_case = data_request("TR")
    emergency = make_case(c.Kind.EMERGENCY_DISCLOSURE, country="US", received_at=timezone.now())
    order = [case.pk for case in queues.cases_for(people["reviewer"], queues.QueueFilters())]
    assert order.index(emergency.pk) < order.index(crisis_case.pk) < order.index(ordinary.pk)


def _submit_disclosure(case, people):
    from rightsdesk.review import services as review
    from rightsdesk.review.vocab import DATA_FIELDS
    from tests.review.conftest import full_checklist

    reviewer = people["reviewer"]
    review.take_step(case, "start_review", reviewer)
    review.save_checklist(case, reviewer, full_checklist(case))
    for item in case.items.all():
        review.decide_item(item, reviewer, action=c.Action.DISCLOSE, ground="Court order", reason="Valid order.",
                           fields=list(DATA_FIELDS)[:1])
    assert review.conclude(case, reviewer, "Disclosed under a valid court order.") == "submit_for_approval"
    case.refresh_from_db()
    return case


def test_a_data_request_from_a_crisis_country_needs_two_distinct_legal_approvers(people, declare, data_request):
    from rightsdesk.review import services as review

    declare(["TR"])
    case = _submit_disclosure(data_request("TR"), people)
    assert rules.approvers_required(case) == 2
    # One approver alone is refused by the approval guard, whoever calls the workflow...
    with pytest.raises(NotPermitted) as refused:
        workflow.transition(case, "approve", people["approver1"])
    assert refused.value.code == "crisis_second_approver"
    # ...and through the service the first approval is recorded while the case waits for a second person.
    review.approve(case, people["approver1"])
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_APPROVAL
    assert CrisisApproval.objects.filter(case=case).count() == 1
    with pytest.raises(NotPermitted) as same:
        review.approve(case, people["approver1"])
    assert same.value.code == "crisis_same_approver"
    case.refresh_from_db()
    assert case.state == c.State.AWAITING_APPROVAL
    # A second, different legal approver: the decision takes effect.
    review.approve(case, people["approver2"])
    case.refresh_from_db()
    assert case.state == c.State.DECIDED
    assert CrisisApproval.objects.filter(case=case).count() == 2


def test_outside_a_crisis_one_approver_still_decides_a_data_request(people, data_request):
    from rightsdesk.review import services as review

    case = _submit_disclosure(data_request("TR"), people)
    assert rules.approvers_required(case) == 1
    review.approve(case, people["approver1"])
    case.refresh_from_db()
    assert case.state == c.State.DECIDED


def test_the_proposer_cannot_be_one_of_the_two_crisis_approvers(people, declare, data_request, make_staff):
    from rightsdesk.review import services as review

    declare(["TR"])
    people["reviewer"] = make_staff("legal approver", "reviewer", username="proposing-approver")
    case = _submit_disclosure(data_request("TR"), people)
    with pytest.raises(NotPermitted) as refused:
        review.approve(case, people["reviewer"])
    assert refused.value.code == "four_eyes"
    assert not CrisisApproval.objects.filter(case=case).exists()


def test_every_emergency_of_a_crisis_reaches_the_coordinator_and_all_on_call_staff(people, declare, make_case,
                                                                                    settings):
    from rightsdesk.review.oncall import oncall_emails

    settings.RIGHTSDESK_ONCALL_EMAILS = ["pager@example.org"]
    coordinator = people["approver1"]
    crisis = declare(["TR"])
    crisis.coordinator = coordinator
    crisis.save()
    emergency = make_case(c.Kind.EMERGENCY_DISCLOSURE, country="TR", received_at=timezone.now())
    ordinary = make_case(c.Kind.EMERGENCY_DISCLOSURE, country="DE", received_at=timezone.now())
    assert oncall_emails(ordinary) == ["pager@example.org"]
    assert set(oncall_emails(emergency)) == {"pager@example.org", coordinator.email, people["safety"].email}


def test_the_period_report_has_a_crisis_section_with_requests_during_the_crisis(people, declare, data_request):
    from rightsdesk.reports.disclosure import disclose
    from rightsdesk.reports.periods import parse_period
    from rightsdesk.reports.sections import build_report

    crisis = declare(["TR"], title="PRIVATE-CRISIS-TITLE")
    for _ in range(5):
        data_request("TR")
    data_request("DE", project="de.wikipedia.org")
    year = str(timezone.localdate().year)
    report = build_report(parse_period(year))
    table = report.section("crisis").table("by_crisis")
    row = {r.key: r for r in table.rows}[f"crisis_{crisis.pk}"]
    assert row.values["received"] == 5 and row.values["data_requests"] == 5
    assert "PRIVATE-CRISIS-TITLE" not in row.label and "Turkey" in row.label or "Türkiye" in row.label
    # Small numbers are withheld even in a standard period: a crisis is a short span in a few countries.
    services.end(crisis, people["safety"])
    single = declare(["MM"], kind="coup", title="Coup")
    data_request("MM", project="my.wikipedia.org")
    public = disclose(build_report(parse_period(year)))
    row = {r.key: r for r in public.section("crisis").table("by_crisis").rows}[f"crisis_{single.pk}"]
    assert getattr(row.values["received"], "shown", None) == "<5"
