"""A crisis's counts are said with the language's plural: "1 open case it covers is tagged", "1 case, 1 decided"
(English read "1 open cases … are tagged" and "1 cases"; French "1 dossiers ouverts … sont étiquetés")."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone, translation


@pytest.mark.parametrize(("language", "one", "two"), [
    ("en", "Crisis declared. 1 open case it covers is tagged.", "Crisis declared. 2 open cases it covers are tagged."),
    ("fr", "Crise déclarée. 1 dossier ouvert qu’elle couvre est étiqueté.",
     "Crise déclarée. 2 dossiers ouverts qu’elle couvre sont étiquetés."),
    ("de", "1 offener Fall, den sie umfasst, ist zugeordnet.", "2 offene Fälle, die sie umfasst, sind zugeordnet."),
])
def test_declaring_says_how_many_open_cases_were_tagged(language, one, two, people, data_request, client):
    client.force_login(people["safety"])
    said = []
    for count, country in ((1, "TR"), (2, "BY")):
        for _ in range(count):
            data_request(country=country)
        with translation.override(language):
            response = client.post(reverse("crisis:declare"), {
                "title": f"Crisis {country}", "kind": "election", "countries": country,
                "starts_on": (timezone.localdate()).isoformat(), "coordinator": str(people["safety"].pk)})
        assert response.status_code == 302, response.content.decode()[:500]
        said.append(str(list(get_messages(response.wsgi_request))[-1]))
    assert one in said[0]
    assert two in said[1]


@pytest.mark.parametrize(("language", "count", "words"), [
    ("en", 1, "1 case, 1 decided."),
    ("en", 3, "3 cases, 1 decided."),
    ("fr", 1, "1 dossier, 1 tranché."),
    ("fr", 3, "3 dossiers ; tranchés : 1."),  # the decided count has no plural of its own: a label
])
def test_the_post_crisis_summary_counts_cases_with_the_plural(language, count, words, people, declare, client):
    crisis = declare()
    crisis.summary = {"cases": count, "decided": 1, "median_hours_to_acknowledge": None,
                      "median_hours_to_decide": None, "items_restricted": 0}
    crisis.save(update_fields=["summary"])
    client.force_login(people["safety"])
    with translation.override(language):
        page = client.get(reverse("crisis:detail", args=[crisis.pk])).content.decode()
    assert words in page
