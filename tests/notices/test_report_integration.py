"""What this app produces is what the transparency report counts: reversed appeals, legally barred notices."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.appeals import services as appeals
from rightsdesk.notices import services
from rightsdesk.reports import sections as reporting

pytestmark = pytest.mark.django_db


def test_a_reversed_appeal_and_a_held_notice_show_in_the_report(takedown, decide, staff, checked):
    from rightsdesk.reports.periods import half_year

    case = decide(takedown(), staff["reviewer"])
    services.place_hold(case, staff["approver"], reason="Gag order.")
    appeal = appeals.file_appeal(case, c.PartyRole.AFFECTED_USER, "My article is accurate.", "en", "affected_user",
                                 now=datetime(2026, 4, 1, tzinfo=dt_timezone.utc))
    checked(appeal, staff["other"])
    appeals.decide_appeal(appeal, c.Outcome.GRANTED, "The judgment changes the assessment.", staff["other"])

    report = reporting.build_report(half_year(2026, 1))
    summary = report.section("appeals").table("summary")
    assert summary.value("filed", "count") == 1
    assert summary.value("reversed", "count") == 1
    notices = report.section("notices")
    # Both notices to the affected user are held by the gag order: the statement of reasons, and the decision on the
    # appeal they filed (cases.policy.speaks_to_affected_user).
    assert any(row.key == "legally_barred" and row.values["count"] == 2 for t in notices.tables for row in t.rows)
