"""The read layer: Case.objects.open(), decided(), emergencies(), publishable(), restricting() answer with the
rules in cases.policy, so every list of cases agrees with them."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import update_item

pytestmark = pytest.mark.django_db

CASES = [
    # name, kind, state, outcome, extra fields
    ("open takedown", c.Kind.CONTENT_TAKEDOWN, c.State.UNDER_REVIEW, "", {}),
    ("decided takedown", c.Kind.CONTENT_TAKEDOWN, c.State.CLOSED, c.Outcome.GRANTED, {}),
    ("decided data request", c.Kind.USER_DATA_REQUEST, c.State.DECIDED, c.Outcome.REJECTED, {}),
    ("self-harm report", c.Kind.HARM_REPORT, c.State.RECEIVED, "", {"harm_category": c.HarmCategory.SELF_HARM}),
    ("harassment report", c.Kind.HARM_REPORT, c.State.NOTIFIED, c.Outcome.GRANTED,
     {"harm_category": c.HarmCategory.HARASSMENT}),
    ("emergency disclosure", c.Kind.EMERGENCY_DISCLOSURE, c.State.TRIAGE, "", {}),
]


@pytest.fixture
def cases(make_case):
    made = {}
    for name, kind, state, outcome, fields in CASES:
        case = make_case(kind, state=state, **fields)
        Case.objects.filter(pk=case.pk).update(outcome=outcome)
        made[name] = case
    update_item(made["harassment report"].items.get(), {"action": c.Action.REMOVE}, "test")
    return made


@pytest.mark.parametrize("selector, expected", [
    ("open", {"open takedown", "self-harm report", "emergency disclosure"}),
    ("decided", {"decided takedown", "decided data request", "harassment report"}),
    ("emergencies", {"self-harm report", "emergency disclosure"}),
    ("publishable", {"open takedown", "decided takedown"}),
    ("restricting", {"harassment report"}),
])
def test_each_selector_returns_the_cases_its_rule_names(cases, selector, expected):
    names = {name for name, case in cases.items() if getattr(Case.objects, selector)().filter(pk=case.pk).exists()}
    assert names == expected


def test_the_selectors_agree_with_the_one_case_rules(cases):
    for case in cases.values():
        assert Case.objects.open().filter(pk=case.pk).exists() == policy.is_open(case)
        assert Case.objects.emergencies().filter(pk=case.pk).exists() == policy.is_emergency(case)
