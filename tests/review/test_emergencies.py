"""The emergency fast track: first in every queue, on-call staff alerted at once, the facts recorded."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.review import queues, services
from rightsdesk.review.models import EmergencyRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def oncall(make_staff):
    first = make_staff("trust and safety", username="nadia")
    second = make_staff("trust and safety", username="tomas")
    return [first, second]


def make_emergency(make_case, capture, **fields):
    with capture(execute=True):
        return make_case(c.Kind.EMERGENCY_DISCLOSURE, description="User:Alpha wrote they will hurt themselves tonight.",
                         parties=[{"role": c.PartyRole.REQUESTER, "name": "Officer Jane Roe", "email": "jane@police.example"}],
                         items=[{"url": "https://en.wikipedia.org/wiki/User:Alpha", "account_name": "Alpha",
                                 "item_type": c.ItemType.ACCOUNT}],
                         threat_type=c.ThreatType.SUICIDE_SELF_HARM, **fields)


def test_an_emergency_alerts_every_on_call_person_at_once(make_case, oncall, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    case = make_emergency(make_case, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["nadia@staff.invalid", "tomas@staff.invalid"]
    assert case.reference in mail.subject and case.reference in mail.body
    assert f"/en/staff/cases/{case.reference}/" in mail.body
    record = EmergencyRecord.objects.get(case=case)
    assert record.alerted_at is not None and record.alerted_count == 2


def test_the_alert_carries_no_private_data(make_case, oncall, mailoutbox, django_capture_on_commit_callbacks):
    make_emergency(make_case, django_capture_on_commit_callbacks)
    text = mailoutbox[0].subject + mailoutbox[0].body
    for private in ("Alpha", "Jane Roe", "jane@police.example", "hurt themselves"):
        assert private not in text


def test_configured_on_call_addresses_replace_the_group(make_case, oncall, mailoutbox, settings,
                                                        django_capture_on_commit_callbacks):
    settings.RIGHTSDESK_ONCALL_EMAILS = ["oncall@pager.example"]
    make_emergency(make_case, django_capture_on_commit_callbacks)
    assert mailoutbox[0].to == ["oncall@pager.example"]


def test_the_alert_is_sent_once(make_case, oncall, mailoutbox, reviewer, django_capture_on_commit_callbacks):
    from rightsdesk.cases import workflow

    case = make_emergency(make_case, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.transition(case, "start_review", reviewer)
    assert len(mailoutbox) == 1


def test_ordinary_cases_alert_nobody(make_case, oncall, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_case(c.Kind.CONTENT_TAKEDOWN)
        make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.HARASSMENT)
    assert mailoutbox == []


def test_a_threat_report_alerts_like_an_emergency(make_case, oncall, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.THREAT)
    assert len(mailoutbox) == 1


def test_emergencies_jump_every_queue(make_case, reviewer):
    now = timezone.now()
    old = make_case(c.Kind.CONTENT_TAKEDOWN, received_at=now - timezone.timedelta(days=30))
    emergency = make_case(c.Kind.EMERGENCY_DISCLOSURE, received_at=now)
    self_harm = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.SELF_HARM, received_at=now)
    for view in ("open", "unassigned"):
        order = list(queues.cases_for(reviewer, queues.QueueFilters(view=view)))
        assert set(order[:2]) == {emergency, self_harm} and order[2] == old
    assert set(queues.cases_for(reviewer, queues.QueueFilters(view="emergency"))) == {emergency, self_harm}


def test_the_threat_type_and_a_voluntary_disclosure_are_recorded(make_case, make_staff):
    safety = make_staff("trust and safety")
    case = make_case(c.Kind.EMERGENCY_DISCLOSURE, state=c.State.UNDER_REVIEW)
    with pytest.raises(DomainError, match="authority that received"):
        services.record_emergency(case, safety, threat_type=c.ThreatType.TERRORIST, origin=c.EmergencyOrigin.VOLUNTARY,
                                  voluntary_disclosure=True)
    services.record_emergency(case, safety, threat_type=c.ThreatType.TERRORIST, origin=c.EmergencyOrigin.VOLUNTARY,
                              voluntary_disclosure=True, disclosed_to="Metropolitan Police Service",
                              note="IP address of the last edit, to locate the person.")
    case.refresh_from_db()
    assert (case.threat_type, case.emergency_origin) == (c.ThreatType.TERRORIST, c.EmergencyOrigin.VOLUNTARY)
    record = case.emergency_record
    assert record.voluntary_disclosure and record.disclosed_at and record.disclosed_to == "Metropolitan Police Service"
    with pytest.raises(DomainError, match="type of threat"):
        services.record_emergency(case, safety, threat_type="bad", origin=c.EmergencyOrigin.REQUESTED)


def test_a_report_recategorised_as_a_threat_alerts_then(make_case, oncall, mailoutbox, reviewer,
                                                        django_capture_on_commit_callbacks):
    from rightsdesk.cases.services import update_case

    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.HARASSMENT)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        update_case(case, {"harm_category": c.HarmCategory.THREAT}, reviewer, reason="Re-read: a threat to kill.")
    assert len(mailoutbox) == 1


def test_with_nobody_on_call_the_alert_is_retried_at_the_next_step(make_case, make_staff, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    from rightsdesk.review import services

    case = make_emergency(make_case, django_capture_on_commit_callbacks)
    assert mailoutbox == [] and EmergencyRecord.objects.get(case=case).alerted_at is None
    make_staff("trust and safety", username="late")
    with django_capture_on_commit_callbacks(execute=True):
        services.take_step(case, "triage", make_staff("reviewer"))
    assert mailoutbox[0].to == ["late@staff.invalid"]


LONGEST_AUTHORITY = EmergencyRecord._meta.get_field("disclosed_to").max_length


@pytest.mark.parametrize("disclosed_to, recorded", [
    ("P" * LONGEST_AUTHORITY, True),                          # the longest name of the authority
    ("P" * (LONGEST_AUTHORITY + 1), False),                   # one over: PostgreSQL refused it with a server error
    ("شرطة " * 60 + "ش", False),                              # an Arabic name one over (301 characters)
    ("  " + "P" * LONGEST_AUTHORITY + "  ", True),            # the spaces around it are not counted
])
def test_the_authority_of_a_voluntary_disclosure_is_refused_when_too_long_and_nothing_typed_is_lost(
        make_case, make_staff, client, disclosed_to, recorded):
    """The case page's emergency form: a name too long for the record is said on its field (400), with what was
    typed given back and nothing written (the case's threat type, the record, the history)."""
    safety = make_staff("trust and safety")
    case = make_case(c.Kind.EMERGENCY_DISCLOSURE, state=c.State.UNDER_REVIEW)
    history_before = case.history.count()
    record_before = list(EmergencyRecord.objects.filter(case=case).values())  # the alert's bookkeeping, if any
    client.force_login(safety)
    response = client.post(f"/en/staff/cases/{case.reference}/emergency/", {
        "seen": services.history_mark(case), "threat_type": c.ThreatType.TERRORIST,
        "origin": c.EmergencyOrigin.VOLUNTARY, "voluntary_disclosure": "on", "disclosed_to": disclosed_to,
        "note": "IP address of the last edit."})
    case.refresh_from_db()
    if recorded:
        assert response.status_code == 302
        assert case.emergency_record.disclosed_to == disclosed_to.strip()
        return
    page = response.content.decode()
    assert response.status_code == 400
    assert f"Use at most {LONGEST_AUTHORITY:,} characters (this has {len(disclosed_to.strip()):,})" in page
    assert 'href="#disclosed_to"' in page and disclosed_to in page and "IP address of the last edit." in page
    assert list(EmergencyRecord.objects.filter(case=case).values()) == record_before
    assert case.threat_type != c.ThreatType.TERRORIST and case.emergency_origin != c.EmergencyOrigin.VOLUNTARY
    assert case.history.count() == history_before
