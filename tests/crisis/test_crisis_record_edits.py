"""Two staff changing one crisis's record (name, situation, countries, dates, coordinator): the later save does not
silently undo the other's. The form carries the version of the record it showed (crisis.services.record_version,
core.versions); a save from an older page is refused (409) with the record as it is now above the form and the
editor's changes still in it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.crisis.models import Crisis

from .page_forms import forms_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def crisis(people):
    return Crisis.objects.create(title="Election", kind="election", countries=["TR"], starts_on=timezone.localdate(),
                                 coordinator=people["safety"], description="Journalists are targeted.")


@pytest.fixture
def two_coordinators(two_browsers):
    return two_browsers("trust and safety")


def _edit_form(browser, crisis) -> dict:
    """The edit form as a browser would send it (the selects as they were chosen)."""
    [fields] = [f for f in forms_to(browser.get(reverse("crisis:edit", args=[crisis.pk])).content.decode(), "")
                if "title" in f]
    return {**fields, "kind": crisis.kind, "coordinator": str(crisis.coordinator_id)}


def test_the_later_of_two_saves_of_a_crisis_record_is_refused_with_both_versions_on_the_page(crisis,
                                                                                              two_coordinators):
    amal, bilal = two_coordinators
    hers, his = _edit_form(amal, crisis), _edit_form(bilal, crisis)
    assert hers["version"]
    assert amal.post(reverse("crisis:edit", args=[crisis.pk]), {**hers, "countries": "TR, AZ"}).status_code == 302

    refused = bilal.post(reverse("crisis:edit", args=[crisis.pk]), {**his, "description": "Also lawyers."})
    assert refused.status_code == 409
    crisis.refresh_from_db()
    assert crisis.countries == ["AZ", "TR"] and crisis.description == "Journalists are targeted."  # hers kept
    page = refused.content.decode()
    assert "The crisis as it is saved now" in page and "AZ, TR" in page  # the colleague's change, shown
    assert "Also lawyers." in page  # his words, still in the form
    again = forms_to(page, "")
    [form] = [f for f in again if "title" in f]
    # Sent again from this page, the form is a change of the record as it is now: it is saved.
    resent = {**form, "kind": crisis.kind, "coordinator": str(crisis.coordinator_id), "countries": "TR, AZ"}
    assert bilal.post(reverse("crisis:edit", args=[crisis.pk]), resent).status_code == 302
    crisis.refresh_from_db()
    assert crisis.description == "Also lawyers." and crisis.countries == ["AZ", "TR"]


def test_a_save_from_a_page_that_shows_the_record_as_it_is_is_made(crisis, two_coordinators):
    amal, _bilal = two_coordinators
    assert amal.post(reverse("crisis:edit", args=[crisis.pk]),
                     {**_edit_form(amal, crisis), "title": "Election 2026"}).status_code == 302
    crisis.refresh_from_db()
    assert crisis.title == "Election 2026"


@pytest.mark.parametrize("typed, says", [
    ("2000-01-01", "The last day is before the first day."),   # before the crisis began
    ("not-a-day", "Last day"),                                 # not a date: the field is named
])
def test_a_refused_end_comes_back_with_the_day_typed_and_the_reason_at_the_field(crisis, two_coordinators, typed,
                                                                                 says):
    amal, _bilal = two_coordinators
    response = amal.post(reverse("crisis:end", args=[crisis.pk]), {"ends_on": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="error-summary"' in page and says in page and 'href="#end-ends_on"' in page
    assert f'name="ends_on" dir="ltr" value="{typed}"' in page
    crisis.refresh_from_db()
    assert crisis.ended_at is None
