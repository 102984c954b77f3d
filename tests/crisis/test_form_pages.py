"""The safety review's and the public wording's form addresses, opened as a page (a refused form's page after a
language switch, a reload, a copied link), lead back to the page the form is on: the crisis panel of the notice's
case, the wording page of the year that shows the item, at the item. Both led to the list of crises, away from the
form (``core.form_address``: the nearest page above …/notices/7/safety/ and …/wording/crisis/3/)."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from tests.crisis.test_notice_safety import decided_takedown, statement  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _opened(client, url: str):
    """The address opened as a page, in Arabic: where it leads, and the page there."""
    opened = client.get(url)
    assert opened.status_code == 302
    page = client.get(opened["Location"].split("#")[0])
    assert page.status_code == 200
    return opened["Location"], page.content.decode()


def test_the_safety_review_address_leads_to_the_crisis_panel_of_the_notice_case(
        client, verified_login, people, declare, decided_takedown):  # noqa: F811
    declare(["TR"])
    case = decided_takedown()
    notice = statement(case)
    verified_login(client, people["safety"])
    address = f"/ar/staff/crises/notices/{notice.pk}/safety/"
    location, page = _opened(client, address)
    assert location.split("#")[0] == f"/ar/staff/cases/{case.reference}/"
    assert 'id="crisis"' in page and f'action="{address}"' in page, "the page holds the form, at the panel"
    assert '<a href="#crisis">' in page, "the words said lead to the panel"


#: (what the crisis is, its first and last day, the year whose wording page shows it)
CRISES = [
    ("running", date(2025, 6, 1), None, "this year"),
    ("ended in 2025", date(2025, 3, 1), date(2025, 4, 1), 2025),
]


@pytest.mark.parametrize(("starts_on", "ends_on", "year"), [c[1:] for c in CRISES], ids=[c[0] for c in CRISES])
def test_the_wording_address_leads_to_the_wording_page_that_shows_the_item(
        client, verified_login, people, declare, starts_on, ends_on, year):
    crisis = declare(starts_on=starts_on, ends_on=ends_on)
    year = timezone.localdate().year if year == "this year" else year
    verified_login(client, people["approver1"])
    location, page = _opened(client, f"/ar/staff/crises/wording/crisis/{crisis.pk}/")
    assert location.split("#")[0] == f"/ar/staff/crises/wording/{year}/"
    assert f'id="w-crisis-{crisis.pk}"' in page, "the page shows the item the form is for"
    assert f'<a href="#w-crisis-{crisis.pk}">' in page, "the words said lead to the item"
