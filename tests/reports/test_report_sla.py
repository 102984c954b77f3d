"""The report's response times (issue #16): the median time to the first message to the requester and to the
decision, per kind and per channel, exact on a small fixed set of cases; small counts withheld in short ranges."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.clocks.models import CaseTimes
from rightsdesk.reports.disclosure import disclose
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import Withheld

pytestmark = pytest.mark.django_db
START = datetime(2023, 2, 1, 9, 0, tzinfo=timezone.utc)

#: (kind, channel, hours to the first message or None, days to the decision or None)
CASES = [
    (c.Kind.CONTENT_TAKEDOWN, c.Source.WEB_FORM, 2, 1),
    (c.Kind.CONTENT_TAKEDOWN, c.Source.WEB_FORM, 10, 3),
    (c.Kind.CONTENT_TAKEDOWN, c.Source.EMAIL, 4, None),
    (c.Kind.COPYRIGHT_NOTICE, c.Source.EMAIL, 1, 2),
    (c.Kind.COPYRIGHT_NOTICE, c.Source.EMAIL, 6, 5),
    (c.Kind.COPYRIGHT_NOTICE, c.Source.POST, None, 8),
]

#: (table, row) -> (answered, median hours to first response, decided, median days to decision)
EXPECTED = {
    ("by_kind", "content_takedown"): (3, 4.0, 2, 2.0),
    ("by_kind", "copyright_notice"): (2, 3.5, 3, 5.0),
    ("by_kind", "user_data_request"): (0, None, 0, None),
    ("by_kind", "all"): (5, 4.0, 5, 3.0),
    ("by_channel", "web_form"): (2, 6.0, 2, 2.0),
    ("by_channel", "email"): (3, 4.0, 2, 3.5),
    ("by_channel", "post"): (0, None, 1, 8.0),
}


@pytest.fixture
def fixed_cases(make_case):
    for kind, source, hours, days in CASES:
        fields = dict(received_at=START, source=source)
        if days is not None:
            fields.update(decided_at=START + timedelta(days=days), outcome=c.Outcome.REJECTED, state=c.State.DECIDED)
        case = make_case(kind, **fields)
        if hours is not None:
            CaseTimes.objects.create(case=case, first_response_at=START + timedelta(hours=hours))


@pytest.mark.parametrize(("where", "figures"), EXPECTED.items(), ids=[f"{t}-{r}" for t, r in EXPECTED])
def test_the_median_times_to_first_response_and_to_decision_are_exact(fixed_cases, where, figures):
    section = build_report(parse_period("2023-H1")).section("sla")
    row = {r.key: r for r in section.table(where[0]).rows}[where[1]]
    columns = ("answered", "first_response_hours", "decided", "decision_days")
    assert tuple(row.values[col] for col in columns) == figures


def test_in_a_short_range_small_counts_are_withheld_and_their_medians_hidden(fixed_cases):
    public = disclose(build_report(parse_period("2023-02-01..2023-02-28")))
    row = {r.key: r for r in public.section("sla").table("by_kind").rows}["content_takedown"]
    assert isinstance(row.values["answered"], Withheld) and row.values["answered"].shown == "<5"
    assert isinstance(row.values["first_response_hours"], Withheld)
