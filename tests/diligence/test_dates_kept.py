"""Editing an assessment in any language keeps its dates: a date field holds only YYYY-MM-DD, so the edit page writes
the stored day that way in every language (core.dates.DayInput). Before, German, French or Russian pages wrote
"01.03.2026" into the field, which Chromium shows empty: the dates looked unset, and saving the page erased them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from rightsdesk.diligence.models import Assessment

pytestmark = pytest.mark.django_db

#: Languages whose first input format for a day is not YYYY-MM-DD, and two that write it so.
LANGUAGES = ["de", "fr", "ru", "uk", "tr", "es", "en", "ar"]


def field_value(html: str, name: str) -> str:
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
    assert 'type="date"' in tag
    return re.search(r'value="([^"]*)"', tag).group(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_edit_page_shows_the_stored_days_in_the_only_form_a_date_field_holds(client, make_staff, language):
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    assessment = Assessment.objects.create(title="Harassment reporting form", subject="Harm reports",
                                           rights_at_stake=["privacy"], status="in_progress", owner=reviewer,
                                           assessed_on=date(2026, 3, 1), review_on=date(2026, 9, 1))
    html = client.get(f"/{language}/staff/diligence/{assessment.pk}/").content.decode()  # its edit form
    assert (field_value(html, "assessed_on"), field_value(html, "review_on")) == ("2026-03-01", "2026-09-01")
