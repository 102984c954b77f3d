"""The statutory clocks of a case: which rules start, pauses, extensions, dates typed by staff, rule changes and
the escalation of an overdue clock, each change written to the clock's and the case's history."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.cases.models import CaseHistory
from rightsdesk.clocks import alerts, services
from rightsdesk.clocks.models import Clock, ClockEvent, ClockRule
from rightsdesk.core.errors import DomainError, NotPermitted

pytestmark = pytest.mark.django_db
UTC = dt_timezone.utc
NEW_YORK = ZoneInfo("America/New_York")


def at(y, m, d, h=12, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=UTC)


@pytest.fixture
def counter_notice(make_case):
    return make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=at(2026, 6, 26, 15))


@pytest.fixture
def approver(make_staff):
    return make_staff("legal approver")


@pytest.fixture
def reviewer(make_staff):
    return make_staff("reviewer")


def keys(clocks):
    return sorted(clock.rule.key for clock in clocks)


def test_a_us_counter_notice_starts_the_10_to_14_business_day_clock_with_its_source(counter_notice):
    [clock] = services.start_clocks(counter_notice)
    assert clock.rule.source == "17 U.S.C. § 512(g)(2)(C)"
    assert clock.earliest_at.astimezone(NEW_YORK).date() == date(2026, 7, 13)
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)
    assert clock.events.get().kind == ClockEvent.Kind.STARTED
    assert counter_notice.history.filter(event=CaseHistory.Event.NOTE, changes__statutory_clock=clock.rule.key,
                                         changes__what="started").exists()
    assert services.start_clocks(counter_notice) == []  # started once


WHICH_RULES = [
    pytest.param(dict(kind=c.Kind.CONTENT_TAKEDOWN, country="DE", content_ground=c.ContentGround.HATE_SPEECH),
                 ["de-netzdg-3-2-2", "de-netzdg-3-2-3"],
                 id="a German complaint of illegal speech starts NetzDG's 24 hours and 7 days"),
    pytest.param(dict(kind=c.Kind.CONTENT_TAKEDOWN, country="FR", content_ground=c.ContentGround.HATE_SPEECH), [],
                 id="the same complaint from France starts no NetzDG clock"),
    pytest.param(dict(kind=c.Kind.CONTENT_TAKEDOWN, country="FR", content_ground=c.ContentGround.RIGHT_TO_ERASURE),
                 ["eu-gdpr-art12-3"], id="an erasure request from an EU member state starts the GDPR month"),
    pytest.param(dict(kind=c.Kind.CONTENT_TAKEDOWN, country="BR", content_ground=c.ContentGround.RIGHT_TO_ERASURE),
                 [], id="an erasure request from Brazil starts no GDPR clock"),
    pytest.param(dict(kind=c.Kind.CONTENT_TAKEDOWN, country="FR", content_ground=c.ContentGround.GOVERNMENT_ORDER,
                      law_invoked="Regulation (EU) 2021/784, Art. 3"), ["eu-tco-art3-3"],
                 id="a removal order citing the TCO Regulation starts the one-hour clock"),
    pytest.param(dict(kind=c.Kind.PRESERVATION_REQUEST, country="US", law_invoked=""),
                 ["us-2703f-preservation"], id="a US preservation request starts the 90 days, whatever its wording"),
    pytest.param(dict(kind=c.Kind.PRESERVATION_REQUEST, country="DE", law_invoked="18 U.S.C. 2703(f)"), [],
                 id="a preservation request from a German authority starts no US clock"),
    pytest.param(dict(kind=c.Kind.USER_DATA_REQUEST, country="US", law_invoked="18 U.S.C. 2703(f) preservation"),
                 [], id="a request for user information citing 2703(f) is no longer a preservation (its kind says)"),
    pytest.param(dict(kind=c.Kind.USER_DATA_REQUEST, country="US", law_invoked="18 U.S.C. 2703(d)"), [],
                 id="a US court order for records starts no preservation clock"),
]


@pytest.mark.parametrize("fields, expected", WHICH_RULES)
def test_the_rules_that_apply_are_chosen_by_kind_jurisdiction_ground_and_law(make_case, fields, expected):
    fields = dict(fields)
    kind = fields.pop("kind")
    assert keys(services.start_clocks(make_case(kind, received_at=at(2026, 3, 2, 10), **fields))) == expected


def test_netzdg_counts_24_hours_and_7_days_from_receipt(make_case):
    case = make_case(country="DE", content_ground=c.ContentGround.HATE_SPEECH, received_at=at(2026, 12, 24, 10))
    due = {clock.rule.key: clock.due_at for clock in services.start_clocks(case)}
    assert due == {"de-netzdg-3-2-2": at(2026, 12, 25, 10), "de-netzdg-3-2-3": at(2026, 12, 31, 10)}


def test_the_gdpr_month_is_extended_once_by_two_months_with_the_reason_sent_to_the_requester(make_case, approver,
                                                                                            reviewer):
    case = make_case(country="FR", content_ground=c.ContentGround.RIGHT_TO_ERASURE, received_at=at(2026, 1, 31, 9))
    [clock] = services.start_clocks(case)
    assert clock.due_at.astimezone(ZoneInfo("Europe/Paris")).date() == date(2026, 2, 28)
    with pytest.raises(NotPermitted):
        services.extend(clock, "Many archives to search.", reviewer)
    with pytest.raises(DomainError) as no_reason:
        services.extend(clock, "  ", approver)
    assert no_reason.value.field == "reason"
    clock = services.extend(clock, "Your request covers ten years of archives.", approver)
    assert clock.due_at.astimezone(ZoneInfo("Europe/Paris")).date() == date(2026, 4, 30)
    assert clock.extension_reason == "Your request covers ten years of archives."
    event = clock.events.get(kind=ClockEvent.Kind.EXTENDED)
    assert (event.actor, event.due_before.date(), event.reason) == (approver, date(2026, 2, 28),
                                                                    "Your request covers ten years of archives.")
    with pytest.raises(DomainError, match="allows no further extension"):
        services.extend(clock, "More time.", approver)


def test_a_preservation_request_runs_90_days_and_is_renewed_once_for_90(make_case, approver):
    case = make_case(c.Kind.PRESERVATION_REQUEST, country="US", law_invoked="18 U.S.C. § 2703(f)",
                     received_at=at(2026, 1, 5, 12))
    [clock] = services.start_clocks(case)
    assert clock.due_at == at(2026, 4, 5, 12)
    clock = services.extend(clock, "The authority renewed its request on 1 April.", approver)
    assert clock.due_at == at(2026, 7, 4, 12)
    with pytest.raises(DomainError):
        services.extend(clock, "Renewed again.", approver)


def test_a_case_paused_for_5_days_gets_its_deadline_moved_by_the_business_days_of_the_pause(counter_notice):
    [clock] = services.start_clocks(counter_notice)
    clock = services.pause(clock, at(2026, 6, 29, 14))
    assert clock.status == Clock.Status.PAUSED
    clock = services.resume(clock, at(2026, 7, 4, 14))  # Mon..Fri, the Friday a federal holiday: 4 business days
    assert clock.status == Clock.Status.RUNNING
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 23)
    assert clock.earliest_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)
    assert [e.kind for e in clock.events.all()] == ["started", "paused", "resumed"]


def test_clocks_pause_while_the_case_awaits_information_and_resume_on_the_reply(make_case, reviewer):
    case = make_case(country="DE", content_ground=c.ContentGround.HATE_SPEECH,
                     received_at=datetime.now(UTC) - timedelta(hours=2))
    services.start_clocks(case)
    workflow.transition(case, "start_review", reviewer)
    workflow.transition(case, "request_information", reviewer)
    services.sync_pauses(case)
    assert set(case.clocks.values_list("status", flat=True)) == {Clock.Status.PAUSED}
    workflow.transition(case, "information_received", "requester")
    services.sync_pauses(case)
    assert set(case.clocks.values_list("status", flat=True)) == {Clock.Status.RUNNING}
    assert all(e.due_after >= e.due_before for e in ClockEvent.objects.filter(kind=ClockEvent.Kind.RESUMED))


def test_a_date_typed_by_staff_overrides_the_computed_deadline_with_a_reason(counter_notice, approver):
    [clock] = services.start_clocks(counter_notice)
    with pytest.raises(DomainError) as no_reason:
        services.override(clock, date(2026, 7, 30), "", approver)
    assert no_reason.value.field == "reason"
    with pytest.raises(DomainError) as too_early:
        services.override(clock, date(2026, 6, 1), "Court order.", approver)
    assert too_early.value.field == "due"
    clock = services.override(clock, date(2026, 7, 30), "The court set its return date.", approver)
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 30)
    assert clock.computed_due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)
    assert clock.override_reason == "The court set its return date."


def test_a_rule_change_never_rewrites_a_deadline_already_running_or_met_and_new_clocks_use_the_new_terms(
        make_case, make_staff):
    from rightsdesk.clocks import rules

    admin_user_staff = make_staff("administrator")
    rule = ClockRule.objects.get(key="us-512g-counter-notice")
    running = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=at(2026, 6, 26, 15))
    met = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=at(2026, 6, 26, 15))
    [clock] = services.start_clocks(running)
    [done] = services.start_clocks(met)
    services.mark_met(done, reason="restored on 15 July")
    rule.duration = 15
    rules.save_rule(rule, admin_user_staff, "Test: the amount changes.")
    clock.refresh_from_db()
    done.refresh_from_db()
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)  # 14 business days, as it started
    assert done.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 17)
    # A pause and resume later still counts the 14 days it started with.
    services.pause(clock, at(2026, 6, 29, 12))
    clock = services.resume(clock, at(2026, 6, 30, 12))
    assert clock.duration == 14
    assert clock.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 20)  # one business day paused
    later = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=at(2026, 6, 26, 15))
    [new] = services.start_clocks(later)
    assert new.duration == 15
    assert new.due_at.astimezone(NEW_YORK).date() == date(2026, 7, 20)


def test_an_overdue_counter_notice_clock_is_escalated_once_to_the_legal_approvers_with_the_step(counter_notice,
                                                                                              approver):
    [clock] = services.start_clocks(counter_notice)
    assert services.expire_due(now=at(2026, 7, 17, 12)) == []
    [escalated] = services.expire_due(now=at(2026, 7, 18, 12))
    assert escalated.status == Clock.Status.OVERDUE
    assert services.expire_due(now=at(2026, 7, 19, 12)) == []
    assert alerts.send_escalation.call(clock.pk) == 1
    [message] = mail.outbox
    assert message.to == [approver.email]
    assert "restore the items unless a lawsuit" in message.body
    assert "17 U.S.C. § 512(g)(2)(C)" in message.body
    assert counter_notice.history.filter(changes__what="escalated").exists()


def test_bad_input_stores_nothing(make_case):
    # Written past the admin's validation (e.g. by a script): a subdivision with no calendar of holidays.
    bad = ClockRule.objects.create(key="de-zz", name="Test", jurisdiction="DE", subdivision="ZZ", clock_type="hours",
                                   duration=1, start_event="received", on_expiry="alert", source="Test law, Art. 1")
    case = make_case(country="DE")
    with pytest.raises(DomainError) as unknown:
        services.start_clocks(case)
    assert unknown.value.code == "unknown_subdivision"
    assert "ZZ" in unknown.value.message
    assert not Clock.objects.exists()
    bad.delete()
    ClockRule.objects.create(key="order", name="Return date", jurisdiction="DE", clock_type="business_days",
                             duration=5, start_event="order_date", on_expiry="alert", source="ZPO § 1")
    german = make_case(country="DE", received_at=at(2026, 3, 2, 10))
    assert services.start_clocks(german) == []  # waits for the order's date
    with pytest.raises(DomainError) as early:
        services.start_clocks(german, order_date=datetime(2026, 3, 1, 9, tzinfo=UTC))
    assert early.value.code == "start_before_receipt"
    assert not Clock.objects.exists()


def test_a_rule_without_a_source_or_with_an_unknown_jurisdiction_is_refused_by_validation():
    from django.core.exceptions import ValidationError

    rule = ClockRule(key="x", name="X", jurisdiction="XX", clock_type="hours", duration=1, start_event="received",
                     on_expiry="alert", source="")
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "source" in error.value.message_dict
    rule.source = "Some law, Art. 1"
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "jurisdiction" in error.value.message_dict


def test_the_tick_starts_the_clocks_of_new_open_cases_and_escalates_overdue_ones(make_case, approver):
    from io import StringIO

    from django.core.management import call_command

    case = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=at(2026, 6, 26, 15))
    assert not case.clocks.exists()
    out = StringIO()
    call_command("clocks", "tick", stdout=out)  # today is long after 17 July 2026
    clock = case.clocks.get()
    assert clock.status == Clock.Status.OVERDUE
    assert f"{case.reference}: us-512g-counter-notice overdue" in out.getvalue()


def test_clocks_of_a_decided_case_are_met_unless_a_step_remains(make_case, reviewer, approver):
    from tests.flows import decide_as_staff

    gdpr = make_case(country="FR", content_ground=c.ContentGround.RIGHT_TO_ERASURE,
                     received_at=datetime.now(UTC) - timedelta(days=2))
    [clock] = services.start_clocks(gdpr)
    decide_as_staff(gdpr, reviewer, approver)
    services.expire_due()
    clock.refresh_from_db()
    assert clock.status == Clock.Status.MET
