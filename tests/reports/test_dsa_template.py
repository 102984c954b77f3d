"""The EU DSA harmonised template figures, checked against counts of the demo cases."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from rightsdesk.cases.models import Case, TargetItem
from rightsdesk.reports import dsa_template
from rightsdesk.reports.periods import parse_period
from tests.reports.report_expectations import hand_median, hours, seconds
from tests.reports.report_fixtures import demo_data  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]
PERIOD = "2025-H2"
EU = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
GOVERNMENT = {"government", "court", "law_enforcement"}


@pytest.fixture
def figures():
    text = dsa_template.to_csv(parse_period(PERIOD))
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["section", "member_state", "type", "metric", "value"]
    out = {tuple(row[:4]): row[4] for row in rows[1:]}
    assert len(out) == len(rows) - 1, "each figure appears once"
    return out


@pytest.fixture
def cases():
    period = parse_period(PERIOD)
    return list(Case.objects.filter(received_at__gte=period.start, received_at__lt=period.end))


def state_of(case):
    return str(case.authority_country or case.country)


def is_order(case):
    return case.requester_type in GOVERNMENT and state_of(case) in EU


def median_hours(spans):
    value = hours(hand_median(spans))
    return "" if value is None else repr(value)


def test_the_file_is_rfc_4180_csv():
    text = dsa_template.to_csv(parse_period(PERIOD))
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")


def test_orders_to_act_are_counted_by_member_state_and_type_with_median_times(figures, cases):
    orders = [x for x in cases if x.kind in {"content_takedown", "copyright_notice", "trademark_notice",
                                             "copyright_counter_notice"} and is_order(x)]
    assert orders, "the demo has EU government orders"
    assert figures[("orders_to_act", "ALL", "ALL", "orders")] == str(len(orders))
    for state in {state_of(x) for x in orders}:
        mine = [x for x in orders if state_of(x) == state]
        assert figures[("orders_to_act", state, "ALL", "orders")] == str(len(mine))
        assert figures[("orders_to_act", state, "ALL", "given_effect")] == str(
            sum(1 for x in mine if x.outcome in {"granted", "partially_granted"}))
        assert figures[("orders_to_act", state, "ALL", "median_hours_to_acknowledge")] == median_hours(
            [seconds(x.acknowledged_at, x.received_at) for x in mine if x.acknowledged_at])
        assert figures[("orders_to_act", state, "ALL", "median_hours_to_decision")] == median_hours(
            [seconds(x.decided_at, x.received_at) for x in mine if x.decided_at])
        for category in {x.dsa_category or "NOT_SPECIFIED_NOTICE" for x in mine}:
            assert figures[("orders_to_act", state, category, "orders")] == str(
                sum(1 for x in mine if (x.dsa_category or "NOT_SPECIFIED_NOTICE") == category))
    non_eu_orders = [x for x in cases if x.requester_type in GOVERNMENT and state_of(x) not in EU]
    assert non_eu_orders and not any(key[1] == state_of(non_eu_orders[0]) for key in figures)


def test_orders_to_provide_information_are_counted_by_member_state_and_legal_process(figures, cases):
    orders = [x for x in cases if is_order(x) and (x.kind == "user_data_request" or (
        x.kind == "emergency_disclosure" and x.emergency_origin != "voluntary"))]
    assert figures[("orders_to_provide_information", "ALL", "ALL", "orders")] == str(len(orders))
    for (state, process), n in Counter((state_of(x), x.legal_process) for x in orders).items():
        assert figures[("orders_to_provide_information", state, process, "orders")] == str(n)


def test_notices_are_counted_by_category_trusted_flagger_action_and_automation(figures, cases):
    notices = [x for x in cases if x.kind in {"content_takedown", "copyright_notice", "trademark_notice",
                                              "harm_report"} and not is_order(x)]
    assert figures[("notices", "", "ALL", "notices")] == str(len(notices))
    assert figures[("notices", "", "ALL", "trusted_flagger_notices")] == str(sum(1 for x in notices if x.trusted_flagger))
    assert int(figures[("notices", "", "ALL", "trusted_flagger_notices")]) > 0
    for category in {x.dsa_category or "NOT_SPECIFIED_NOTICE" for x in notices}:
        mine = [x for x in notices if (x.dsa_category or "NOT_SPECIFIED_NOTICE") == category]
        actioned = sum(1 for x in mine if x.outcome in {"granted", "partially_granted"})
        decided = sum(1 for x in mine if x.outcome)
        assert figures[("notices", "", category, "notices")] == str(len(mine))
        assert figures[("notices", "", category, "actioned")] == str(actioned)
        assert figures[("notices", "", category, "not_actioned")] == str(decided - actioned)
        assert figures[("notices", "", category, "automated_processing")] == str(
            sum(1 for x in mine if x.automated_decision != "not_automated"))
        assert figures[("notices", "", category, "median_hours_to_decision")] == median_hours(
            [seconds(x.decided_at, x.received_at) for x in mine if x.decided_at])
    ids = {x.pk for x in notices}
    removed = sum(1 for item in TargetItem.objects.filter(action="remove") if item.case_id in ids)
    assert figures[("notices", "", "ALL", "items_remove")] == str(removed)


def test_complaints_are_counted_by_outcome_with_reversals_and_median_time(figures, cases):
    appeals = [x for x in cases if x.kind == "appeal"]
    assert figures[("complaints", "", "ALL", "complaints")] == str(len(appeals))
    reversed_ = [x for x in appeals if x.outcome in {"granted", "partially_granted"}]
    assert figures[("complaints", "", "ALL", "decisions_reversed")] == str(len(reversed_))
    assert figures[("complaints", "", "outcome:upheld", "complaints")] == str(sum(1 for x in appeals if x.outcome == "rejected"))
    assert figures[("complaints", "", "outcome:reversed", "complaints")] == str(sum(1 for x in appeals if x.outcome == "granted"))
    assert figures[("complaints", "", "ALL", "median_hours_to_decision")] == median_hours(
        [seconds(x.decided_at, x.received_at) for x in appeals if x.decided_at])


def test_the_template_is_downloadable_from_the_report_page(client):
    response = client.get(f"/en/transparency/{PERIOD}/dsa-template.csv")
    assert response.status_code == 200
    assert response.content.decode("utf-8") == dsa_template.to_csv(parse_period(PERIOD))
