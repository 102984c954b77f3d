"""A crisis's name longer than its 200 characters is refused at the field, not silently cut to 200.

Declaring or changing a crisis with a longer name saved its first 200 characters without a word. It is refused
(400): the error at the name's field says the limit, nothing is saved, and the form keeps the whole name typed.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.crisis.models import Crisis

pytestmark = pytest.mark.django_db

NAME_200 = ("2026 general election in Türkiye: campaign against editors " * 4)[:200]

#: (the name typed, whether it is saved (whole))
NAMES = [
    (NAME_200, True),
    (NAME_200 + "!", False),
    ("Election " * 60, False),
]


@pytest.fixture
def coordinator(two_browsers, people):
    browser, _other = two_browsers("trust and safety")
    return browser


def _sent(people, title: str) -> dict:
    return {"title": title, "kind": "election", "countries": "TR", "projects": "", "description": "Notes.",
            "starts_on": timezone.localdate().isoformat(), "ends_on": "", "coordinator": str(people["safety"].pk)}


def _refused_at_the_field(response, title: str) -> None:
    page = response.content.decode()
    assert response.status_code == 400
    error = page.split('id="c-title-error"')[1].split("</ul>")[0]
    assert "200 characters" in error                                     # the limit, at the field
    box = page.split('id="c-title"')[1].split(">")[0]
    assert 'aria-invalid="true"' in box and "c-title-error" in box
    assert f'value="{html.escape(title)}"' in page                       # the whole name typed, kept


@pytest.mark.parametrize(("title", "saved"), NAMES, ids=["200 characters", "201 characters", "540 characters"])
def test_a_crisis_is_declared_only_with_a_name_that_fits(coordinator, people, title, saved):
    response = coordinator.post(reverse("crisis:declare"), _sent(people, title))
    if saved:
        assert response.status_code == 302 and Crisis.objects.get().title == title
        return
    assert not Crisis.objects.exists()
    _refused_at_the_field(response, title)


@pytest.mark.parametrize(("title", "saved"), NAMES, ids=["200 characters", "201 characters", "540 characters"])
def test_a_crisis_is_renamed_only_to_a_name_that_fits(coordinator, people, title, saved):
    crisis = Crisis.objects.create(title="Election", kind="election", countries=["TR"],
                                   starts_on=timezone.localdate(), coordinator=people["safety"])
    form = coordinator.get(reverse("crisis:edit", args=[crisis.pk])).content.decode()
    version = form.split('name="version" value="')[1].split('"')[0]
    response = coordinator.post(reverse("crisis:edit", args=[crisis.pk]), {**_sent(people, title), "version": version})
    crisis.refresh_from_db()
    if saved:
        assert response.status_code == 302 and crisis.title == title
        return
    assert crisis.title == "Election"
    _refused_at_the_field(response, title)
