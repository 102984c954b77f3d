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
