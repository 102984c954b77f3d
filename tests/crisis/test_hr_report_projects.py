"""The human-rights report names a crisis's projects by the platform's own sites only.

A crisis's projects are typed by staff when they declare or change it, and are not part of the public wording a
colleague reviews; the yearly report printed them as typed. A user page ("ar.wikipedia.org/wiki/User:…") or a
volunteer's own website named as a target of a campaign reached the public page and its JSON. The report now
names each project by its host when the platform runs it (core.sites.own_host, the rule the other public pages
use for a site someone typed), and leaves out the rest.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.crisis import services

pytestmark = pytest.mark.django_db

TYPED = ["ar.wikipedia.org/wiki/User:Volunteer-Canary", "volunteer-canary.example", "https://TR.wikipedia.org/"]
HIDDEN = ["Volunteer-Canary", "volunteer-canary"]


@pytest.fixture
def year(people):
    today = timezone.localdate()
    crisis = services.declare({"title": "Campaign", "kind": "targeted_campaign", "countries": "TR", "projects": TYPED,
                               "starts_on": today - timedelta(days=3), "coordinator": people["safety"]},
                              people["safety"])
    services.save_public_draft(crisis, people["approver2"], "A campaign against editors.")
    services.approve_public_wording(crisis, people["approver1"], text="A campaign against editors.")
    return today.year


@pytest.mark.parametrize("url", ["/en/transparency/human-rights/{year}/", "/ar/transparency/human-rights/{year}/",
                                 "/en/transparency/human-rights/{year}/report.json"])
def test_a_crisis_s_projects_are_public_only_as_the_platform_s_own_sites(client, year, url):
    response = client.get(url.format(year=year))
    assert response.status_code == 200
    text = response.content.decode()
    if url.endswith(".json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    for canary in HIDDEN:
        assert canary not in text
    assert "ar.wikipedia.org" in text and "tr.wikipedia.org" in text


def test_the_report_lists_each_own_site_once(client, year):
    data = client.get(f"/en/transparency/human-rights/{year}/report.json").json()
    assert data["crises"]["items"][0]["projects"] == ["ar.wikipedia.org", "tr.wikipedia.org"]


def test_the_period_report_names_a_crisis_by_the_platform_s_own_sites_only(people):
    from rightsdesk.reports.sections import crisis_label

    crisis = services.declare({"title": "Campaign", "kind": "targeted_campaign", "countries": "TR",
                               "projects": TYPED, "starts_on": timezone.localdate(), "coordinator": people["safety"]},
                              people["safety"])
    label = crisis_label(crisis)
    assert not [canary for canary in HIDDEN if canary in label]
    assert "ar.wikipedia.org" in label and "tr.wikipedia.org" in label


@pytest.mark.parametrize("language", ["ar", "fa", "ur"])
def test_the_period_report_keeps_a_crisis_s_days_and_sites_left_to_right_in_a_right_to_left_row(people, language):
    """The Arabic report's crisis row read "… من 2026-05-21 إلى 2026-06-20", the days and hosts bare among Arabic
    words: each is isolated left to right (LRI … PDI; the row's label is plain text, also in report.csv)."""
    import datetime

    from django.utils import translation

    from rightsdesk.core.bidi import LRI, PDI
    from rightsdesk.reports.sections import crisis_label

    first, last = datetime.date(2026, 5, 21), datetime.date(2026, 6, 20)
    crisis = services.declare({"title": "Campaign", "kind": "targeted_campaign", "countries": "TR",
                               "projects": TYPED, "starts_on": first, "ends_on": last,
                               "coordinator": people["safety"]}, people["safety"])
    with translation.override(language):
        label = crisis_label(crisis)
    for ltr in (first.isoformat(), last.isoformat(), "ar.wikipedia.org", "tr.wikipedia.org"):
        assert f"{LRI}{ltr}{PDI}" in label, label


@pytest.mark.parametrize(("language", "joined"), [
    ("ar", "{} و{}"),  # Arabic's own "and" (core.lists), where the heading had "ar.wikipedia.org, tr.wikipedia.org"
    ("en", "{} and {}"),
])
def test_a_crisis_s_projects_are_joined_in_the_readers_language_each_host_isolated_left_to_right(
        client, year, language, joined):
    hosts = [f'<bdi dir="ltr" class="whole">{host}</bdi>' for host in ("ar.wikipedia.org", "tr.wikipedia.org")]
    page = client.get(f"/{language}/transparency/human-rights/{year}/").content.decode()
    assert f" · {joined.format(*hosts)}</h3>" in page
