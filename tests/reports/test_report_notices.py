"""Notices a legal hold keeps from being sent are counted as "not sent because the law forbade it"."""

from datetime import datetime, timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2021, 3, 1, tzinfo=timezone.utc)


def disclosed_case(make_case):
    return make_case(
        c.Kind.USER_DATA_REQUEST, received_at=RECEIVED, decided_at=RECEIVED.replace(day=20), state=c.State.DECIDED,
        outcome=c.Outcome.GRANTED, legal_process=c.LegalProcess.COURT_ORDER, requester_type=c.RequesterType.COURT,
        parties=[{"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.ORGANIZATION, "organisation": "District Court"},
                 {"role": c.PartyRole.AFFECTED_USER, "account_name": "Example1"}],
        items=[{"url": "https://en.wikipedia.org/wiki/User:Example1", "project": "en.wikipedia.org",
                "item_type": c.ItemType.ACCOUNT, "account_name": "Example1", "action": c.Action.DISCLOSE}],
    )


def test_notices_held_by_a_legal_hold_are_reported_as_legally_barred(make_case):
    from rightsdesk.notices import services as notices
    from rightsdesk.notices.models import Notice

    barred_case, free_case = disclosed_case(make_case), disclosed_case(make_case)
    for case in (barred_case, free_case):
        notices.draft_notices(case, "test")
    notices.place_hold(barred_case, "test", reason="Non-disclosure order of the court.")
    held = Notice.objects.filter(case=barred_case, status=Notice.Status.HELD).count()
    assert held >= 1
    assert not Notice.objects.filter(case=free_case, status=Notice.Status.HELD).exists()
    report = build_report(parse_period("2021-H1"))
    assert report.value("notices", "summary", "legally_barred", "count") == held
    assert build_report(parse_period("2021-H2")).value("notices", "summary", "legally_barred", "count") == 0
