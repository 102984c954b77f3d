"""A legal-support request is invisible to every role but legal support, on its own pages and on every page, API,
export and report it could leak into; every staff look at it is in the audit trail."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from rightsdesk.accounts.roles import LEGAL_SUPPORT, ROLE_PERMISSIONS
from rightsdesk.audit.models import AuditEntry
from rightsdesk.legalsupport.models import Counsel, LegalSupportRequest

from .conftest import CANARY_NAME, CANARY_TEXT

pytestmark = pytest.mark.django_db

OTHER_ROLES = sorted(role for role in ROLE_PERMISSIONS if role != LEGAL_SUPPORT)


def staff_pages(r) -> list[str]:
    counsel = Counsel.objects.create(name="Counsel Canary", country="FR", contact="secret@counsel.example")
    return [
        reverse("legalsupport:staff_list"),
        reverse("legalsupport:staff_detail", args=[r.reference]),
        reverse("legalsupport:attachment", args=[r.reference, r.attachments.first().pk]),
        reverse("legalsupport:counsel"),
        reverse("legalsupport:counsel_edit", args=[counsel.pk]),
    ]


def staff_actions(r) -> list[str]:
    return [reverse(f"legalsupport:{name}", args=[r.reference])
            for name in ("start", "eligibility", "decide", "refer", "budget", "message", "close")]


def client_for(user, verified_login) -> Client:
    client = Client()
    verified_login(client, user)
    return client


@pytest.mark.parametrize("role", OTHER_ROLES)
def test_no_role_but_legal_support_opens_a_legal_support_page_or_action(role, filed, make_staff, verified_login):
    r, _token = filed
    client = client_for(make_staff(role), verified_login)
    for url in staff_pages(r):
        response = client.get(url)
        assert response.status_code == 403, (role, url, response.status_code)
        body = response.content.decode()  # (the reference is in the page's own URL, e.g. the language switcher)
        assert CANARY_NAME not in body and CANARY_TEXT not in body and "Counsel Canary" not in body
    for url in staff_actions(r):
        assert client.post(url, {"reasons": "x", "decision": "support"}).status_code == 403, (role, url)
    r.refresh_from_db()
    assert r.state == "received" and not r.decision_reasons
    # The 403 is the same for a reference that does not exist: it tells nothing.
    assert client.get(reverse("legalsupport:staff_detail", args=["LS-2026-NOPE00"])).status_code == 403


def test_a_superuser_is_the_one_exception_and_is_documented(filed, django_user_model):
    """Django superusers hold every permission; docs/legal-support.md says not to create any in production."""
    r, _token = filed
    boss = django_user_model.objects.create_superuser("root", "root@example.org", "pw-pw-pw-pw")
    assert boss.has_perm("legalsupport.view_legalsupportrequest")


def test_legal_support_opens_every_page(filed, legal_staff, verified_login):
    r, _token = filed
    client = client_for(legal_staff, verified_login)
    for url in staff_pages(r):
        assert client.get(url).status_code == 200, url
    detail = client.get(reverse("legalsupport:staff_detail", args=[r.reference])).content.decode()
    assert CANARY_NAME in detail and CANARY_TEXT in detail


def test_every_staff_look_at_a_request_writes_an_audit_entry(filed, legal_staff, verified_login):
    r, _token = filed
    client = client_for(legal_staff, verified_login)
    for url in staff_pages(r):
        before = AuditEntry.objects.count()
        assert client.get(url).status_code == 200
        entries = AuditEntry.objects.order_by("-pk")[:AuditEntry.objects.count() - before]
        assert entries, f"no audit entry for {url}"
        assert all(e.actor_id == legal_staff.pk and e.purpose.startswith("legal support") for e in entries)
    detail = AuditEntry.objects.filter(object_type="legalsupport.legalsupportrequest", object_id=str(r.pk),
                                       action="view_private")
    assert detail.exists() and "description" in detail.first().fields
    # No audit entry holds a personal value (only field names) nor the reference.
    for e in AuditEntry.objects.all():
        assert CANARY_NAME not in repr((e.fields, e.purpose)) and r.reference not in e.purpose


LEAK_SURFACES = [
    ("review:home", {}), ("review:home", {"q": "canary"}), ("review:home", {"q": "Zebulon"}),
    ("mail:inbox", {}), ("transparency:log-list", {}), ("transparency:log-list", {"q": "Zebulon"}),
    ("core:home", {}),
]


@pytest.mark.parametrize("role", OTHER_ROLES + [LEGAL_SUPPORT])
def test_no_queue_search_public_log_api_or_admin_page_lists_a_request(role, filed, make_staff, verified_login):
    r, _token = filed
    client = client_for(make_staff(role), verified_login)
    bodies = []
    for name, query in LEAK_SURFACES:
        response = client.get(reverse(name), query)
        bodies.append((name, response.status_code, response.content.decode(errors="replace")))
    for path in ("/api/v1/notices", "/api/v1/placeholders", "/admin/", "/admin/legalsupport/",
                 "/admin/legalsupport/legalsupportrequest/", "/admin/legalsupport/counsel/"):
        response = client.get(path)
        bodies.append((path, response.status_code, response.content.decode(errors="replace")))
    for name, status, body in bodies:
        for secret in (r.reference, CANARY_NAME, CANARY_TEXT, "ZebEdits"):
            assert secret not in body, (role, name, status, secret)
    # Nothing of it is registered in the admin, for any role.
    assert client.get("/admin/legalsupport/legalsupportrequest/").status_code in (403, 404, 302)


def test_the_requests_are_not_cases_so_no_case_query_can_count_them(filed):
    from rightsdesk.cases.models import Case

    r, _token = filed
    assert not Case.objects.exists()
    assert LegalSupportRequest.objects.filter(pk=r.pk).exists()


def test_the_personal_fields_are_encrypted_in_the_database(filed):
    from django.db import connection

    from rightsdesk.cases.policy import LEGAL_SUPPORT_PERSONAL_FIELDS

    r, _token = filed
    with connection.cursor() as cursor:
        cursor.execute("SELECT requester_name, description, contributor_account FROM "
                       "legalsupport_legalsupportrequest WHERE id = %s", [r.pk])
        raw = cursor.fetchone()
    assert CANARY_NAME not in repr(raw) and CANARY_TEXT not in repr(raw) and "ZebEdits" not in repr(raw)
    encrypted = {f.name for f in LegalSupportRequest._meta.fields if f.__class__.__name__.startswith("Encrypted")}
    assert LEGAL_SUPPORT_PERSONAL_FIELDS == encrypted


def test_the_period_report_counts_them_only_in_aggregate_with_small_numbers_withheld(filed, client):
    from rightsdesk.reports.disclosure import disclose
    from rightsdesk.reports.periods import parse_period
    from rightsdesk.reports.sections import build_report

    r, _token = filed
    period = parse_period(str(r.received_at.year))
    exact = build_report(period).section("legal_support")
    assert {t.key for t in exact.tables} == {"summary", "by_region"}
    rows = {(t.key, row.key): row.values for t in exact.tables for row in t.rows}
    assert rows[("summary", "received")] == {"count": 1} and rows[("by_region", "asia")] == {"received": 1}
    public = disclose(build_report(period)).section("legal_support")
    shown = {(t.key, row.key): row.values for t in public.tables for row in t.rows}
    assert getattr(shown[("summary", "received")]["count"], "shown", None) == "<5"  # a standard year, still withheld
    assert getattr(shown[("by_region", "asia")]["received"], "shown", None) == "<5"
    page = client.get(reverse("reports:report", args=[period.slug])).content.decode()
    assert "Legal support for contributors" in page
    for secret in (r.reference, CANARY_NAME, "Turkey", "tr.wikipedia.org"):
        assert secret not in page.split("Legal support for contributors", 1)[1][:4000]
    data = client.get(reverse("reports:report_json", args=[period.slug])).content.decode()
    assert r.reference not in data and CANARY_NAME not in data


def test_the_requester_follows_it_through_the_tracking_link(filed, legal_staff, client):
    from rightsdesk.legalsupport import services

    r, token = filed
    url = reverse("legalsupport:track", args=[token])
    page = client.get(url).content.decode()
    assert r.reference in page and "Received" in page and CANARY_TEXT not in page
    counsel = Counsel.objects.create(name="Maître Canary", country="TR", contact="avocat@example.org")
    services.record_eligibility(r, legal_staff, good_faith=True, threat_related=True, country_risk="high")
    services.decide(r, legal_staff, support=True, reasons="Good-faith edits, threat over them.")
    services.refer(r, legal_staff, counsel=counsel, shared=False)
    services.tell_requester(r, legal_staff, message="We will support you.")
    page = client.get(url).content.decode()
    assert "We decided to support you." in page and "We will support you." in page
    assert "Maître Canary" not in page and "avocat@example.org" not in page  # not shared
    assert "Good-faith edits" not in page  # the reasons are staff's
    services.refer(r, legal_staff, counsel=counsel, shared=True)
    page = client.get(url).content.decode()
    assert "Maître Canary" in page and "avocat@example.org" in page
    assert client.get(reverse("legalsupport:track", args=["not-a-token"])).status_code == 404
    assert "no-store" in client.get(url)["Cache-Control"]
