"""The appeals panel on the case page: the appeals of a decided case; on an appeal, how to decide it and who may not."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation

from rightsdesk.appeals import panels, services
from rightsdesk.cases import choices as c

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"])


def test_the_panel_lists_a_cases_appeals_and_offers_the_decision_on_an_appeal(decided, staff):
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "It was my own photo.", "en", "affected_user")
    request = RequestFactory().get("/en/staff/cases/x/")
    request.user = staff["other"]
    [panel] = panels.case_panels(request, decided)
    assert appeal.reference in panel["html"]
    [appeal_panel] = panels.case_panels(request, appeal)
    assert "Decide the appeal" in appeal_panel["html"]
    request.user = staff["reviewer"]
    [appeal_panel] = panels.case_panels(request, appeal)
    assert "another reviewer must handle this appeal" in appeal_panel["html"]
    assert "Decide the appeal" not in appeal_panel["html"]


def test_a_case_never_appealed_has_no_appeals_panel(decided, staff):
    request = RequestFactory().get("/en/staff/cases/x/")
    request.user = staff["other"]
    assert panels.case_panels(request, decided) == []


def test_the_panel_is_hidden_from_staff_without_the_view_permission(decided, make_staff):
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "It was my own photo.", "en", "affected_user")
    request = RequestFactory().get("/")
    request.user = make_staff(username="nobody")
    assert panels.case_panels(request, appeal) == []


def test_what_the_appellant_added_keeps_its_own_direction_on_the_case_page(decided, staff):
    """An Arabic appellant's words on an English page (or the reverse) are their own paragraph direction: without it
    the full stop of "المقال دقيق." sat at the wrong end."""
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "It was my own photo.", "en", "affected_user")
    services.add_information(appeal, "المقال دقيق.", "affected_user")
    request = RequestFactory().get("/en/staff/cases/x/")
    request.user = staff["other"]
    [appeal_panel] = panels.case_panels(request, appeal)
    assert '<span dir="auto">المقال دقيق.</span>' in appeal_panel["html"]


def test_the_reference_appealed_stays_left_to_right_in_an_arabic_panel(decided, staff):
    """"Appeal against RD-2026-…" in Arabic: the reference's dashes and digits took the sentence's direction and the
    reference was broken at a hyphen, unless it is isolated as a reference (``|ltr``)."""
    appeal = services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "It was my own photo.", "en", "affected_user")
    request = RequestFactory().get("/ar/staff/cases/x/")
    request.user = staff["other"]
    with translation.override("ar"):
        [appeal_panel] = panels.case_panels(request, appeal)
    assert f'<bdi dir="ltr" class="ref">{decided.reference}</bdi>' in appeal_panel["html"]
