"""Deadlines per kind and state, configurable; overdue and soon-due cases stand out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.review import deadlines

pytestmark = pytest.mark.django_db


def test_an_emergency_is_due_within_the_hour_of_its_receipt(make_case):
    received = timezone.now()
    case = make_case(c.Kind.EMERGENCY_DISCLOSURE, received_at=received)
    assert case.due_at == received + timedelta(hours=1)


def test_a_threat_report_is_treated_as_an_emergency(make_case):
    received = timezone.now()
    threat = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.THREAT, received_at=received)
    harassment = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.HARASSMENT, received_at=received)
    assert threat.due_at == received + timedelta(hours=1)
    assert harassment.due_at == received + timedelta(hours=12)


def test_a_copyright_notice_is_decided_within_days_of_starting_review(make_case, reviewer):
    case = make_case(c.Kind.COPYRIGHT_NOTICE)
    before = timezone.now()
    workflow.transition(case, "start_review", reviewer, after=[deadlines.restart_clock])
    assert before + timedelta(days=3) <= case.due_at <= timezone.now() + timedelta(days=3)


def test_settings_override_the_table(make_case, settings):
    settings.RIGHTSDESK_DEADLINES = {"copyright_notice": {"received": 6}, "*": {"received": 100}}
    received = timezone.now()
    assert make_case(c.Kind.COPYRIGHT_NOTICE, received_at=received).due_at == received + timedelta(hours=6)
    assert make_case(c.Kind.GRIEVANCE, received_at=received).due_at == received + timedelta(hours=100)


def test_waiting_for_the_requester_pauses_the_deadline_and_the_answer_restarts_it(make_case, reviewer):
    case = make_case(state=c.State.UNDER_REVIEW)
    workflow.transition(case, "request_information", reviewer, after=[deadlines.restart_clock])
    assert case.due_at is None
    workflow.transition(case, "information_received", "requester", after=[deadlines.restart_clock])
    assert case.due_at is not None and case.due_at > timezone.now() + timedelta(days=13)


def test_closed_cases_have_no_deadline(make_case, reviewer):
    case = make_case(state=c.State.NOTIFIED)
    workflow.transition(case, "close", reviewer, after=[deadlines.restart_clock])
    assert case.due_at is None


def test_urgency_marks_overdue_and_soon_due_cases(make_case):
    now = timezone.now()
    case = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW)
    case.due_at = now - timedelta(minutes=1)
    assert deadlines.urgency(case, now) == "overdue"
    case.due_at = now + timedelta(hours=5)
    assert deadlines.urgency(case, now) == "soon"
    case.due_at = now + timedelta(days=5)
    assert deadlines.urgency(case, now) == ""
    emergency = make_case(c.Kind.EMERGENCY_DISCLOSURE, received_at=now)
    emergency.due_at = now + timedelta(minutes=10)
    assert deadlines.urgency(emergency, now) == "soon"


def test_changed_deadlines_are_applied_to_open_cases_by_the_command(make_case, settings, reviewer):
    import io

    from django.core.management import call_command

    received = timezone.now() - timedelta(hours=2)
    waiting = make_case(c.Kind.COPYRIGHT_NOTICE, received_at=received)
    reviewed = make_case(c.Kind.COPYRIGHT_NOTICE)
    workflow.transition(reviewed, "start_review", reviewer, after=[deadlines.restart_clock])
    started = reviewed.history.filter(changes__transition="start_review").get().at
    settings.RIGHTSDESK_DEADLINES = {"copyright_notice": {"received": 6, "under_review": 10}}
    out = io.StringIO()
    call_command("recompute_deadlines", stdout=out)
    waiting.refresh_from_db()
    reviewed.refresh_from_db()
    assert waiting.due_at == received + timedelta(hours=6)
    assert reviewed.due_at == started + timedelta(hours=10)
    assert "2 open case" in out.getvalue()


def test_rules_stored_in_the_admin_win_over_the_settings_from_the_next_case_on(make_case, settings, client,
                                                                               django_user_model):
    """A rule added, changed or deleted in the admin times the next case at once: the admin clears the deadline
    table this process keeps (``deadlines.TABLE_CACHE_SECONDS``). (Who may edit the rules: docs/security.md.)"""
    from rightsdesk.review.models import DeadlineRule

    as_admin = client
    as_admin.force_login(django_user_model.objects.create_superuser("root", "root@staff.invalid", "x" * 20))

    settings.RIGHTSDESK_DEADLINES = {"trademark_notice": {"received": 6}}
    received = timezone.now()

    def allowed() -> timedelta:
        return make_case(c.Kind.TRADEMARK_NOTICE, received_at=received).due_at - received

    assert allowed() == timedelta(hours=6)  # the table is read, and kept
    for kind, state, hours in [("trademark_notice", "received", "2"), ("", "triage", "")]:
        response = as_admin.post("/admin/review/deadlinerule/add/", {"kind": kind, "state": state, "hours": hours})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert allowed() == timedelta(hours=2)
    assert deadlines.allowance(c.Kind.GRIEVANCE, c.State.TRIAGE) is None
    rule = DeadlineRule.objects.get(kind="trademark_notice")
    as_admin.post(f"/admin/review/deadlinerule/{rule.pk}/change/", {"kind": rule.kind, "state": rule.state,
                                                                     "hours": "3"})
    assert allowed() == timedelta(hours=3)
    as_admin.post(f"/admin/review/deadlinerule/{rule.pk}/delete/", {"post": "yes"})
    assert allowed() == timedelta(hours=6)
    as_admin.post("/admin/review/deadlinerule/add/", {"kind": "trademark_notice", "state": "received", "hours": "4"})
    assert allowed() == timedelta(hours=4)
    as_admin.post("/admin/review/deadlinerule/", {"action": "delete_selected", "post": "yes",
                                                  "_selected_action": list(DeadlineRule.objects.values_list("pk", flat=True))})
    assert not DeadlineRule.objects.exists()
    assert allowed() == timedelta(hours=6)
    assert deadlines.allowance(c.Kind.GRIEVANCE, c.State.TRIAGE) is not None
