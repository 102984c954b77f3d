"""The staff case page shows what the requester declared; the signature only to staff allowed to see private data."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.intake.models import Declaration
from rightsdesk.intake.panels import case_panels

pytestmark = pytest.mark.django_db


def panels_for(user, case):
    request = RequestFactory().get("/")
    request.user = user
    return case_panels(request, case)


def test_the_declaration_panel_lists_statements_and_masks_the_signature_without_permission(make_case, make_staff):
    case = make_case(kind=c.Kind.COPYRIGHT_NOTICE)
    Declaration.objects.create(case=case, statements=["good_faith"], signature="Pat Agent")
    html = panels_for(make_staff("intake"), case)[0]["html"]
    assert "good faith" in html and "Pat Agent" not in html
    assert not AuditEntry.objects.exists()


def test_staff_with_private_access_see_the_signature_and_the_look_is_audited(make_case, make_staff):
    case = make_case(kind=c.Kind.COPYRIGHT_NOTICE)
    Declaration.objects.create(case=case, statements=["good_faith"], signature="Pat Agent")
    reviewer = make_staff("reviewer")
    assert "Pat Agent" in panels_for(reviewer, case)[0]["html"]
    entry = AuditEntry.objects.get()
    assert entry.actor == reviewer and entry.case == case and entry.fields == ["signature"]


def test_no_panel_for_a_complete_case_without_declaration(make_case, make_staff):
    assert panels_for(make_staff("reviewer"), make_case()) == []


def test_staff_see_possible_duplicates_by_requester_email_or_by_url_within_the_window(make_case, make_staff, settings):
    from datetime import timedelta

    settings.RIGHTSDESK_INTAKE = {"DUPLICATE_DAYS": 7}
    first = make_case(parties=[{"role": c.PartyRole.REQUESTER, "name": "A", "email": "Same@Example.org"}],
                      items=[{"url": "https://en.wikipedia.org/wiki/A", "project": "en.wikipedia.org"}])
    same_sender = make_case(received_at=first.received_at + timedelta(days=3),
                            parties=[{"role": c.PartyRole.REQUESTER, "name": "B", "email": "same@example.org"}],
                            items=[{"url": "https://en.wikipedia.org/wiki/Other", "project": "en.wikipedia.org"}])
    same_url = make_case(received_at=first.received_at - timedelta(days=6),
                         parties=[{"role": c.PartyRole.REQUESTER, "name": "C", "email": "c@example.org"}],
                         items=[{"url": "https://en.wikipedia.org/wiki/A/", "project": "en.wikipedia.org"}])
    too_late = make_case(received_at=first.received_at + timedelta(days=8),
                         parties=[{"role": c.PartyRole.REQUESTER, "name": "D", "email": "same@example.org"}])
    unrelated = make_case(parties=[{"role": c.PartyRole.REQUESTER, "name": "E", "email": "e@example.org"}],
                          items=[{"url": "https://de.wikipedia.org/wiki/A", "project": "de.wikipedia.org"}])
    panels = panels_for(make_staff("intake"), first)
    duplicates = next(p for p in panels if str(p["title"]) == "Possible duplicate")
    html = duplicates["html"]
    assert same_sender.reference in html and "same requester e-mail address" in html
    assert same_url.reference in html and "same URLs" in html
    assert too_late.reference not in html and unrelated.reference not in html
    assert "Same@Example.org" not in html and "same@example.org" not in html  # the hint names no address
    assert panels_for(make_staff("intake"), unrelated) == [] or all(
        str(p["title"]) != "Possible duplicate" for p in panels_for(make_staff("intake"), unrelated))


def test_the_duplicate_hint_is_on_the_staff_case_page(client, make_case, make_staff, verified_login):
    first = make_case()
    second = make_case()  # the same requester e-mail and URL (the fixture's defaults)
    reviewer = make_staff("reviewer")
    verified_login(client, reviewer)
    html = client.get(f"/en/staff/cases/{second.reference}/").content.decode()
    assert "Possible duplicate" in html and first.reference in html


@pytest.mark.parametrize("lang, why", [
    ("en", "(same requester e-mail address and same URLs)"),
    ("ar", "(عنوان البريد الإلكتروني نفسه لمقدّم الطلب وعناوين URL نفسها)"),  # Arabic's own "and", not ", "
])
def test_a_duplicate_found_both_ways_says_both_in_the_pages_language(client, make_case, make_staff, verified_login,
                                                                      lang, why):
    make_case()
    second = make_case()  # the same requester e-mail and URL (the fixture's defaults)
    verified_login(client, make_staff("reviewer"))
    html = client.get(f"/{lang}/staff/cases/{second.reference}/").content.decode()
    assert why in html
