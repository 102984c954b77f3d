"""The staff queue shows each case's next statutory clock (what, by when, the time left or past, the rule and its
source), read with one query for the page; the "Overdue" view and its count include a case whose statutory clock
is past its deadline; the queue sorts by statutory deadline."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.clocks import selectors, services
from rightsdesk.clocks.models import Clock

pytestmark = pytest.mark.django_db

UTC = dt_timezone.utc


def _counter_notice(make_case, received):
    case = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=received)
    [clock] = services.start_clocks(case)
    return case, clock


COUNTDOWNS = [
    # (status, deadline relative to now, the words shown)
    ("running", timedelta(days=2, hours=3), "2 days left"),
    ("running", timedelta(minutes=-190), "overdue by 3 hours"),
    ("overdue", timedelta(days=-1, hours=-2), "overdue by 1 day"),
    ("paused", timedelta(days=5), "paused while awaiting information"),
]


@pytest.mark.parametrize(("status", "due_in", "words"), COUNTDOWNS)
def test_the_queue_cell_says_the_time_left_or_past_in_words(make_case, status, due_in, words):
    now = datetime(2026, 7, 10, 12, tzinfo=UTC)
    _case, clock = _counter_notice(make_case, datetime(2026, 6, 26, 15, tzinfo=UTC))
    clock.status, clock.due_at = status, now + due_in
    cell = selectors.queue_cell(clock, now)
    assert cell["left"].replace("\xa0", " ") == words
    assert cell["overdue"] == ("overdue by" in words)
    assert cell["source"] == "17 U.S.C. § 512(g)(2)(C)"
    assert selectors.queue_cell(None, now) is None


def test_the_next_clock_of_every_case_on_a_page_is_read_with_one_query(make_case):
    received = datetime(2026, 6, 26, 15, tzinfo=UTC)
    cases = [_counter_notice(make_case, received)[0] for _ in range(5)]
    met_case, met = _counter_notice(make_case, received)
    services.mark_met(met, reason="restored")
    with CaptureQueriesContext(connection) as queries:
        found = selectors.next_clocks([case.pk for case in cases] + [met_case.pk])
        names = [clock.rule.name for clock in found.values()]
    assert len(queries) == 1
    assert set(found) == {case.pk for case in cases}  # a met clock is not shown
    assert len(names) == 5


def test_the_queue_shows_an_overdue_statutory_clock_in_the_overdue_view_and_sorts_by_it(
        client, make_staff, verified_login, make_case):
    now = timezone.now()
    late_case, late = _counter_notice(make_case, now - timedelta(days=30))
    soon_case, soon = _counter_notice(make_case, now - timedelta(days=1))
    Clock.objects.filter(pk=late.pk).update(due_at=now - timedelta(hours=3, minutes=10))
    Clock.objects.filter(pk=soon.pk).update(due_at=now + timedelta(days=2, hours=1))
    plain = make_case(c.Kind.CONTENT_TAKEDOWN, country="US", received_at=now)
    # No service deadline past: only the statutory clock makes the first case overdue.
    Case.objects.filter(pk__in=[late_case.pk, soon_case.pk, plain.pk]).update(due_at=now + timedelta(days=9))
    verified_login(client, make_staff("reviewer"))
    page = client.get("/en/staff/?view=overdue").content.decode().replace("\xa0", " ")
    assert late_case.reference in page and soon_case.reference not in page and plain.reference not in page
    assert "overdue by 3 hours" in page
    assert '<span class="tab-label">Overdue</span> <span class="tab-count">1</span>' in page
    assert 'title="Copyright counter-notice: restore the material — 17 U.S.C. § 512(g)(2)(C)"' in page
    everything = client.get("/en/staff/?view=open&sort=statutory").content.decode().replace("\xa0", " ")
    assert "2 days left" in everything
    assert everything.index(late_case.reference) < everything.index(soon_case.reference) < everything.index(
        plain.reference)
