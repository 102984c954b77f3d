"""A crisis's form refused says every problem at once, each at its field; the situation has a length; unknown
country codes are each isolated in the sentence that names them.

Declaring a crisis showed one error at a time: a form with no name, no kind and no coordinator was sent back three
times, each time naming the next field. Every problem is now named together (``crisis.services.CrisisRefused``),
each at its field and in the summary. The situation had no limit (63,000 characters were accepted and encrypted
whole); it is refused beyond ``crisis.models.longest("description")`` with the limit and its length, the text
given back whole. The refusal of unknown country codes listed what was typed (codes and Arabic names) in one run
that the bidirectional algorithm reordered; each is now between the isolates FSI … PDI (core.bidi).
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.core.bidi import FSI, PDI
from rightsdesk.crisis.models import Crisis

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(two_browsers, people):
    browser, _other = two_browsers("trust and safety")
    return browser


def _sent(people, **changes) -> dict:
    return {"title": "Election", "kind": "election", "countries": "TR", "projects": "", "description": "Notes.",
            "starts_on": timezone.localdate().isoformat(), "ends_on": "", "coordinator": str(people["safety"].pk),
            **changes}


def _refused_fields(response) -> list[str]:
    """The fields the page says are wrong: each with its message at it and a link to it in the summary."""
    page = response.content.decode()
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    fields = ["title", "kind", "description", "countries", "projects", "starts_on", "ends_on", "coordinator"]
    at_field = [name for name in fields if f'id="c-{name}-error"' in page]
    assert at_field == [name for name in fields if f'href="#c-{name}"' in summary]
    return at_field


#: (what is wrong, what is sent, the fields named)
FORMS = [
    ("nothing but a country", dict(title="", kind="", starts_on="", coordinator=""),
     ["title", "kind", "starts_on", "coordinator"]),
    ("a long name, a long situation, days the wrong way round",
     dict(title="E" * 201, description="S" * 20_001, starts_on="2026-12-10", ends_on="2026-12-01"),
     ["title", "description", "ends_on"]),
    ("an unknown code and a day that is not one", dict(countries="TR, XX", starts_on="2026-02-30"),
     ["countries", "starts_on"]),
    ("one problem", dict(kind="picnic"), ["kind"]),
]


@pytest.mark.parametrize(("sent", "named"), [row[1:] for row in FORMS], ids=[row[0] for row in FORMS])
def test_a_refused_crisis_names_every_problem_at_once(coordinator, people, sent, named):
    response = coordinator.post(reverse("crisis:declare"), _sent(people, **sent))
    assert response.status_code == 400 and not Crisis.objects.exists()
    assert _refused_fields(response) == named


SITUATIONS = [
    ("20,000 characters", "ع" * 20_000, True),
    ("20,001 characters", "ع" * 20_001, False),
    ("63,000 characters", "Journalists are targeted. " * 2_423, False),
]


@pytest.mark.parametrize(("situation", "saved"), [row[1:] for row in SITUATIONS], ids=[row[0] for row in SITUATIONS])
@pytest.mark.parametrize("how", ["declared", "changed"])
def test_a_situation_longer_than_its_limit_is_refused_at_its_field_and_given_back_whole(coordinator, people, how,
                                                                                       situation, saved):
    if how == "declared":
        url = reverse("crisis:declare")
        extra = {}
    else:
        crisis = Crisis.objects.create(title="Election", kind="election", countries=["TR"],
                                       starts_on=timezone.localdate(), coordinator=people["safety"])
        url = reverse("crisis:edit", args=[crisis.pk])
        extra = {"version": coordinator.get(url).content.decode().split('name="version" value="')[1].split('"')[0]}
    response = coordinator.post(url, {**_sent(people, description=situation), **extra})
    if saved:
        assert response.status_code == 302 and Crisis.objects.get().description == situation
        return
    assert response.status_code == 400
    assert Crisis.objects.filter(description=situation).count() == 0
    page = response.content.decode()
    error = page.split('id="c-description-error"')[1].split("</ul>")[0]
    assert "Use at most 20,000 characters" in error                       # the limit, at the field
    box = page.split('id="c-description"')[1].split("</textarea>")[0]
    assert html.escape(situation) in box                                  # the whole situation typed, kept


@pytest.mark.parametrize("language", ["ar", "en"])
def test_each_unknown_country_code_is_isolated_in_the_refusal(coordinator, people, language):
    url = f"/{language}{reverse('crisis:declare')[3:]}"
    response = coordinator.post(url, _sent(people, countries="TR, تركيا, XX, سوريا"))
    assert response.status_code == 400
    page = response.content.decode()
    error = page.split('id="c-countries-error"')[1].split("</ul>")[0]
    for unknown in ("تركيا", "XX", "سوريا"):
        assert f"{FSI}{unknown}{PDI}" in error
    assert f"{FSI}TR{PDI}" not in error and ", TR" not in error            # a known code is not named


def test_a_crisis_declared_by_a_double_click_is_declared_once(coordinator, people):
    """The form sent twice with its one token (a double click, the back button) declares one crisis; the second
    sending leads to the crisis the first declared, and a refused form's new token may be sent again."""
    url = reverse("crisis:declare")
    token = html.unescape(coordinator.get(url).content.decode()).split('name="form_token" value="')[1].split('"')[0]
    first = coordinator.post(url, {**_sent(people), "form_token": token})
    second = coordinator.post(url, {**_sent(people), "form_token": token})
    [crisis] = Crisis.objects.all()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("crisis:detail", args=[crisis.pk])
    refused = coordinator.post(url, {**_sent(people, title=""), "form_token": "another"})
    assert refused.status_code == 400 and Crisis.objects.count() == 1
    again = html.unescape(refused.content.decode()).split('name="form_token" value="')[1].split('"')[0]
    assert coordinator.post(url, {**_sent(people, title="Floods"), "form_token": again}).status_code == 302
    assert Crisis.objects.count() == 2
