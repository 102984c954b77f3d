"""The clocks panel's forms: only legal approvers change a deadline; a refusal keeps what was typed."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.clocks import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def gdpr_clock(make_case):
    case = make_case(country="FR", content_ground=c.ContentGround.RIGHT_TO_ERASURE,
                     received_at=datetime(2026, 11, 30, 9, tzinfo=dt_timezone.utc))
    return services.start_clocks(case)[0]


def test_a_reviewer_may_not_extend_a_statutory_deadline(client, make_staff, verified_login, gdpr_clock):
    verified_login(client, make_staff("reviewer"))
    response = client.post(f"/en/staff/cases/{gdpr_clock.case.reference}/clocks/{gdpr_clock.pk}/extend/",
                           {"reason": "More time."})
    assert response.status_code == 403
    gdpr_clock.refresh_from_db()
    assert gdpr_clock.extensions == 0


def test_a_refused_typed_deadline_is_shown_with_what_was_typed_and_a_good_one_is_recorded(
        client, make_staff, verified_login, gdpr_clock):
    verified_login(client, make_staff("legal approver"))
    url = f"/en/staff/cases/{gdpr_clock.case.reference}/clocks/{gdpr_clock.pk}/override/"
    response = client.post(url, {"due": "30/07/2026", "reason": "Court order of 1 December."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Type the date as year-month-day, e.g. 2026-07-30." in page
    assert 'value="Court order of 1 December."' in page
    client.post(url, {"due": "2027-01-15", "reason": "Court order of 1 December."})
    gdpr_clock.refresh_from_db()
    assert gdpr_clock.override_reason == "Court order of 1 December."
    assert "2027-01-15 23:59</time> (Europe/Paris)" in client.get(f"/en/staff/cases/{gdpr_clock.case.reference}/").content.decode()


def test_the_panel_speaks_the_staff_members_language(client, make_staff, verified_login, gdpr_clock):
    verified_login(client, make_staff("legal approver"))
    page = client.get(f"/fr/staff/cases/{gdpr_clock.case.reference}/").content.decode()
    assert "Délais légaux" in page
    assert "Demande de la personne concernée : répondre dans un délai d’un mois" in page


def test_staff_start_a_clock_counted_from_an_orders_date_from_the_panel(client, make_staff, verified_login,
                                                                       make_case):
    from rightsdesk.clocks.models import ClockRule

    ClockRule.objects.create(key="de-return-date", name="Court's return date", jurisdiction="DE",
                             clock_type="business_days", duration=10, start_event="order_date",
                             on_expiry="escalate", source="ZPO § 142")
    case = make_case(country="DE", received_at=datetime(2026, 3, 2, 10, tzinfo=dt_timezone.utc))
    verified_login(client, make_staff("intake"))
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "Start statutory clocks" in page and 'name="order_date"' in page
    url = f"/en/staff/cases/{case.reference}/clocks/start/"
    client.post(url, {"order_date": "2026-03-01"})
    page = client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    assert "before the request was received" in page and 'value="2026-03-01"' in page
    assert not case.clocks.exists()
    client.post(url, {"order_date": "2026-03-03"})
    assert case.clocks.get().due_at.date().isoformat() == "2026-03-17"


def test_a_legal_approver_marks_a_counter_notice_clock_met_once_the_items_are_restored(
        client, make_staff, verified_login, make_case):
    case = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US",
                     received_at=datetime(2026, 6, 26, 15, tzinfo=dt_timezone.utc))
    [clock] = services.start_clocks(case)
    verified_login(client, make_staff("legal approver"))
    url = f"/en/staff/cases/{case.reference}/clocks/{clock.pk}/complete/"
    client.post(url, {"reason": ""})
    assert "Give the reason." in client.get(f"/en/staff/cases/{case.reference}/").content.decode()
    client.post(url, {"reason": "Items restored on 14 July; no lawsuit was filed."})
    clock.refresh_from_db()
    assert clock.status == clock.Status.MET
    assert clock.events.last().reason == "Items restored on 14 July; no lawsuit was filed."
    assert clock.pk not in [escalated.pk for escalated in services.expire_due()]


def test_a_refused_override_s_reason_waits_in_the_session_sealed_never_as_typed(
        client, make_staff, verified_login, gdpr_clock):
    import json

    from django.contrib.sessions.models import Session

    reason = "Court order naming Ingeborg Kallstrommen, Storgatan 71."  # canaries of tests/security/test_canaries.py
    verified_login(client, make_staff("legal approver"))
    response = client.post(f"/en/staff/cases/{gdpr_clock.case.reference}/clocks/{gdpr_clock.pk}/override/",
                           {"due": "30/07/2026", "reason": reason})
    stored = " ".join(json.dumps(row.get_decoded()) for row in Session.objects.all())
    assert "Kallstrommen" not in stored and "Storgatan 71" not in stored
    assert f'value="{reason}"' in client.get(response["Location"]).content.decode()  # given back all the same
