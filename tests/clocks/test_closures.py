"""Office closures: administrators keep the calendar on a staff page; a closure moves deadlines computed after it
was added, never one already set; bad input is sent back with what to fix and nothing is stored."""

from __future__ import annotations

from datetime import date, datetime, timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import ADDITION, DELETION, LogEntry

from rightsdesk.cases import choices as c
from rightsdesk.clocks import closures, services
from rightsdesk.clocks.models import Closure
from rightsdesk.core.errors import DomainError, NotPermitted

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
PAGE = "/en/staff/clocks/closures/"


def counter_notice(make_case):
    return make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US",
                     received_at=datetime(2026, 6, 26, 15, tzinfo=dt_timezone.utc))


def test_a_closure_moves_the_deadlines_computed_after_it_and_keeps_the_ones_already_set(make_case, admin):
    [before] = services.start_clocks(counter_notice(make_case))
    assert before.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)  # 14 US business days (4 July skipped)
    closures.add_closure(admin, day=date(2026, 7, 8), jurisdiction="US", reason="Office move")
    [after] = services.start_clocks(counter_notice(make_case))
    assert after.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 20)  # one business day fewer: the Monday after
    before.refresh_from_db()
    assert before.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)


def test_a_closure_of_another_jurisdiction_moves_nothing(make_case, admin):
    closures.add_closure(admin, day=date(2026, 7, 8), jurisdiction="DE", reason="Betriebsausflug")
    [clock] = services.start_clocks(counter_notice(make_case))
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)


REFUSED = [
    pytest.param(dict(jurisdiction="XX", reason="Retreat"), "jurisdiction", id="an unknown jurisdiction"),
    pytest.param(dict(jurisdiction="US", reason="  "), "reason", id="no reason"),
    pytest.param(dict(jurisdiction="", reason="x" * 201), "reason", id="a reason over 200 characters"),
]


@pytest.mark.parametrize("typed, field", REFUSED)
def test_a_closure_is_refused_naming_the_field_to_fix(admin, typed, field):
    with pytest.raises(DomainError) as refused:
        closures.add_closure(admin, day=date(2026, 12, 24), **typed)
    assert refused.value.field == field
    assert not Closure.objects.exists()


def test_the_same_closure_twice_is_refused(admin):
    closures.add_closure(admin, day=date(2026, 12, 24), jurisdiction="", reason="Eve")
    with pytest.raises(DomainError) as refused:
        closures.add_closure(admin, day=date(2026, 12, 24), jurisdiction="", reason="Eve again")
    assert refused.value.code == "duplicate" and Closure.objects.count() == 1


def test_only_administrators_keep_the_calendar_and_each_change_is_logged_with_who_and_why(make_staff, admin):
    with pytest.raises(NotPermitted):
        closures.add_closure(make_staff("legal approver"), day=date(2026, 12, 24), jurisdiction="", reason="Eve")
    closure = closures.add_closure(admin, day=date(2026, 12, 24), jurisdiction="us", reason="Eve")
    assert closure.jurisdiction == "US"
    closures.remove_closure(admin, closure)
    logged = LogEntry.objects.filter(user=admin).order_by("pk")
    assert [(e.action_flag, e.change_message) for e in logged] == [(ADDITION, "Eve"), (DELETION, "2026-12-24 US: Eve")]


def test_the_page_adds_a_closure_and_a_mistake_comes_back_with_what_was_typed(client, verified_login, admin):
    verified_login(client, admin)
    refused = client.post(PAGE, {"date": "24.12.2026", "jurisdiction": "US", "reason": "Eve"})
    assert refused.status_code == 400 and not Closure.objects.exists()
    html = refused.content.decode()
    assert "Type the date as year-month-day" in html and 'value="24.12.2026"' in html and 'value="Eve"' in html
    assert client.post(PAGE, {"date": "", "reason": "Eve"}).status_code == 400
    added = client.post(PAGE, {"date": "۲۰۲۶-۱۲-۲۴", "jurisdiction": "", "reason": "Eve"})  # Persian digits
    assert added.status_code == 302 and Closure.objects.get().date == date(2026, 12, 24)
    page = client.get(PAGE).content.decode()
    assert "2026-12-24" in page and "every jurisdiction" in page


def test_the_page_removes_a_closure(client, verified_login, admin):
    closure = Closure.objects.create(date=date(2026, 12, 24), reason="Eve")
    verified_login(client, admin)
    assert client.post(f"{PAGE}{closure.pk}/remove/").status_code == 302
    assert not Closure.objects.exists()


def test_removing_a_closure_a_colleague_removed_first_says_so_in_words_and_logs_one_removal(
        client, verified_login, admin, make_staff):
    """Two administrators on the page (or one clicking twice): the second removal found no closure and answered a
    bare 404 page. It is told, on the closures page, that the closure is no longer in the calendar (409)."""
    closure = Closure.objects.create(date=date(2026, 12, 24), reason="Eve")
    colleague = make_staff("administrator")
    closures.remove_closure(colleague, closure)
    verified_login(client, admin)
    response = client.post(f"{PAGE}{closure.pk}/remove/")
    assert response.status_code == 409
    page = response.content.decode()
    assert "This closure is no longer in the calendar" in page and "Office closures" in page
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 1
