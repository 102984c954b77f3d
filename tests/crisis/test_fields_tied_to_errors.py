"""Every field a crisis's forms refuse is aria-invalid and described by its message (and by its help, where it has
one): the crisis form and the end of a crisis on its page, through core's ``field_errors`` tags
(``tests/field_ties.py`` is the check). The end form's day was marked invalid but tied to no message."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.field_ties import assert_tied_to, description_of

pytestmark = pytest.mark.django_db


def _sent(people, **changes) -> dict:
    return {"title": "Election", "kind": "election", "countries": "TR", "projects": "", "description": "Notes.",
            "starts_on": timezone.localdate().isoformat(), "ends_on": "", "coordinator": str(people["safety"].pk),
            **changes}


#: (what is wrong, what is sent, the field, words of its message, its help's id or "")
REFUSED = [
    ("no name", {"title": ""}, "title", "", ""),
    ("no kind", {"kind": ""}, "kind", "", ""),
    ("a situation too long", {"description": "S" * 20_001}, "description", "20,001", "c-description-help"),
    ("an unknown country", {"countries": "TR, XX"}, "countries", "XX", "c-countries-help"),
    ("no first day", {"starts_on": ""}, "starts_on", "", ""),
    ("days the wrong way round", {"starts_on": "2026-12-10", "ends_on": "2026-12-01"}, "ends_on", "", ""),
    ("no coordinator", {"coordinator": ""}, "coordinator", "", ""),
]


@pytest.mark.parametrize(("changes", "field", "says", "help_id"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_each_refused_field_of_the_crisis_form_is_tied_to_its_message(
        client, verified_login, people, changes, field, says, help_id):
    verified_login(client, people["safety"])
    response = client.post("/en/staff/crises/new/", _sent(people, **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert_tied_to(page, f"c-{field}", says)
    if help_id:
        assert description_of(page, f"c-{field}")[0], "the field's help is read first"
        assert f'aria-describedby="{help_id} c-{field}-error"' in page


def test_a_refused_end_of_a_crisis_ties_the_day_to_its_message(client, verified_login, people, declare):
    crisis = declare(starts_on=timezone.localdate())
    verified_login(client, people["safety"])
    response = client.post(f"/en/staff/crises/{crisis.pk}/end/", {"ends_on": "2020-01-01"})
    assert response.status_code == 400
    assert_tied_to(response.content.decode(), "end-ends_on", "before the first day")
