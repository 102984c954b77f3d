"""Advocacy analytics: the figures against counts made here from the cases the test creates; the public view from the
public record only, through the report's no-singling-out rule, never showing a private field; CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import datetime, timezone as dt_timezone

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.laws import services

pytestmark = pytest.mark.django_db

H2_2025 = datetime(2025, 9, 15, 12, tzinfo=dt_timezone.utc)
H1_2026 = datetime(2026, 2, 10, 12, tzinfo=dt_timezone.utc)
CANARY = "CANARY-PRIVATE-7Q"
G, R, CH = c.Outcome.GRANTED, c.Outcome.REJECTED, c.Outcome.CHALLENGED
TAKEDOWN, DATA = c.Kind.CONTENT_TAKEDOWN, c.Kind.USER_DATA_REQUEST

#: (received, kind, outcome, country, instruments, authority, requester type, published)
SCENARIO = [
    (H2_2025, TAKEDOWN, R, "TR", ["tr-5651"], "tr-btk", c.RequesterType.GOVERNMENT, True),
    (H2_2025, TAKEDOWN, R, "TR", ["tr-5651"], "tr-btk", c.RequesterType.GOVERNMENT, True),
    (H2_2025, TAKEDOWN, G, "DE", ["de-netzdg"], "", c.RequesterType.INDIVIDUAL, True),
    (H2_2025, DATA, R, "IN", ["in-it-act-69a"], "in-meity", c.RequesterType.GOVERNMENT, False),
    (H1_2026, TAKEDOWN, R, "TR", ["tr-5651"], "tr-courts", c.RequesterType.COURT, True),
    (H1_2026, TAKEDOWN, CH, "RU", ["ru-149-fz"], "ru-roskomnadzor", c.RequesterType.GOVERNMENT, True),
    (H1_2026, TAKEDOWN, G, "DE", ["de-netzdg", "eu-gdpr-17"], "", c.RequesterType.INDIVIDUAL, True),
    (H1_2026, DATA, R, "IN", ["in-it-act-69a"], "in-meity", c.RequesterType.GOVERNMENT, False),
    (H1_2026, DATA, G, "IN", ["in-it-act-69a"], "in-courts", c.RequesterType.COURT, False),
    (H1_2026, TAKEDOWN, R, "FR", [], "", c.RequesterType.INDIVIDUAL, True),  # no link: not counted
]


@pytest.fixture
def world(decided_case, reviewer, law, authority):
    from rightsdesk.transparency import publishing

    for received, kind, outcome, country, keys, auth, rtype, published in SCENARIO:
        case = decided_case(kind, outcome=outcome, received=received, country=country, requester_type=rtype,
                            law_invoked=f"{CANARY} free text", requester_organisation=f"{CANARY} organisation",
                            description=f"{CANARY} request as received")
        if keys or auth:
            services.set_case_links(case, reviewer, [law(k).pk for k in keys], authority(auth).pk if auth else None)
        if published:
            publishing.publish_as_system(case, "test")
    return SCENARIO


def expected(rows, period=None):
    """Counts made here, from the scenario, independently of laws.figures."""
    rows = [r for r in rows if (r[4] or r[5]) and (period is None or period[0] <= r[0] < period[1])]
    by_instrument, by_authority, by_country, contributors = Counter(), Counter(), Counter(), Counter()
    outcomes = {}
    for received, kind, outcome, country, keys, auth, rtype, _published in rows:
        for key in keys:
            by_instrument[key] += 1
            outcomes.setdefault(key, Counter())[outcome] += 1
        if auth:
            by_authority[auth] += 1
        by_country[country] += 1
        if kind in c.DATA_KINDS:
            contributors[country] += 1
    return by_instrument, by_authority, by_country, contributors, outcomes


def figures(body, section, table, column="cases"):
    for s in body["sections"]:
        if s["key"] == section:
            for t in s["tables"]:
                if t["key"] == table:
                    return {r["key"]: r["values"][column] for r in t["rows"]}
    raise KeyError((section, table))


def test_staff_figures_equal_counts_made_from_the_cases(world, staff_client):
    body = json.loads(staff_client.get(reverse("laws:analytics_json"), {"period": "all"}).content)
    assert body["view"] == "staff-exact"
    by_instrument, by_authority, by_country, contributors, outcomes = expected(world)
    assert figures(body, "instruments", "by_instrument") == dict(by_instrument)
    assert figures(body, "instruments", "by_instrument", "refused")["tr-5651"] == outcomes["tr-5651"][R]
    assert figures(body, "instruments", "by_instrument", "challenged")["ru-149-fz"] == 1
    assert figures(body, "authorities", "by_authority") == dict(by_authority)
    assert figures(body, "authorities", "by_branch") == {"regulator": 3, "ministry": 2, "court": 2}
    assert figures(body, "countries", "by_country") == dict(by_country)
    assert figures(body, "user_data", "country") == dict(contributors)
    assert figures(body, "instruments", "by_type") == {"platform_regulation": 6, "national_security": 3, "privacy": 1}
    # The trend: every half-year, with the laws seen for the first time in each.
    trend = figures(body, "trend", "by_half_year")
    assert {k: v for k, v in trend.items() if v} == {"2025-H2": 4, "2026-H1": 5}
    assert list(trend)[:2] == ["2025-H2", "2026-H1"], "every half-year from the first case's to now, oldest first"
    new = figures(body, "trend", "by_half_year", "new_instruments")
    assert {k: v for k, v in new.items() if v} == {"2025-H2": 3, "2026-H1": 2}
    h1 = json.loads(staff_client.get(reverse("laws:analytics_json"), {"period": "2026-H1"}).content)
    assert set(figures(h1, "new_laws", "new_in_period")) == {"ru-149-fz", "eu-gdpr-17"}
    assert figures(h1, "instruments", "by_instrument") == dict(expected(world, (H1_2026.replace(month=1, day=1),
                                                                                 H1_2026.replace(month=7, day=1)))[0])


def test_the_public_view_counts_only_the_public_record_and_never_shows_a_private_field(world, client):
    published = [r for r in world if r[7]]
    by_instrument, by_authority, by_country, contributors, _outcomes = expected(published)
    response = client.get(reverse("laws:public_json"), {"period": "2025"})  # a year: exact by the report's rule
    body = json.loads(response.content)
    assert body["view"] == "public" and body["disclosure"]["public"] is True
    assert figures(body, "instruments", "by_instrument") == dict(expected(published, (
        datetime(2025, 1, 1, tzinfo=dt_timezone.utc), datetime(2026, 1, 1, tzinfo=dt_timezone.utc)))[0])
    everything = json.loads(client.get(reverse("laws:public_json")).content)
    assert {k: v for k, v in figures(everything, "instruments", "by_instrument").items()} == dict(by_instrument)
    assert "in-it-act-69a" not in figures(everything, "instruments", "by_instrument"), "unpublished cases stay out"
    # A private person's case names no authority in public; organisations do.
    assert figures(everything, "authorities", "by_authority") == dict(by_authority)
    for url in (reverse("laws:public"), reverse("laws:public_csv"), reverse("laws:public_json")):
        for period in ("", "2026-H1", "2026-01-01..2026-03-31"):
            text = client.get(url, {"period": period}).content.decode()
            assert CANARY not in text, url


def test_small_counts_of_a_short_range_are_withheld_in_public_and_exact_for_staff(world, client, staff_client):
    short = {"period": "2026-01-01..2026-03-31"}
    body = json.loads(client.get(reverse("laws:public_json"), short).content)
    tr = figures(body, "instruments", "by_instrument")["tr-5651"]
    assert tr == {"value": None, "suppressed": True, "shown": "<5"}
    rows = list(csv.reader(io.StringIO(client.get(reverse("laws:public_csv"), short).content.decode())))
    assert ["instruments", "by_instrument", "tr-5651", "cases", "<5"] in rows
    page = client.get(reverse("laws:public"), short).content.decode()
    assert "fewer than 5" in page and 'id="no-singling-out"' in page
    staff = json.loads(staff_client.get(reverse("laws:analytics_json"), short).content)
    assert figures(staff, "instruments", "by_instrument")["tr-5651"] == 1


def test_exports_are_csv_and_json_with_a_citable_url_and_a_bad_period_says_how_to_write_it(world, client):
    response = client.get(reverse("laws:public_csv"), {"period": "2026-H1"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="laws-2026-H1.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["section", "table", "row", "column", "value"]
    assert ["instruments", "by_instrument", "tr-5651", "cases", "1"] in rows
    response = client.get(reverse("laws:public_json"), {"period": "2026-H1"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["period"]["slug"] == "2026-H1"
    page = client.get(reverse("laws:public"), {"period": "2026-H1"}).content.decode()
    assert "data.csv?period=2026-H1" in page and "data.json?period=2026-H1" in page
    bad = client.get(reverse("laws:public"), {"period": "last spring"})
    assert bad.status_code == 400
    assert "is not a period" in bad.content.decode()


@pytest.mark.parametrize("lang", ["ar", "fa", "ur"])
def test_in_a_right_to_left_language_the_examples_of_a_period_keep_their_order(world, client, lang):
    """"(2025-H1)" came out as "(H1-2025)" and the range broke at its hyphen: the examples are isolated left to
    right in the translations of the right-to-left languages."""
    from django.utils import translation

    with translation.override(lang):
        html = client.get(reverse("laws:public")).content.decode()
    assert '<code dir="ltr">2025-H1</code>' in html and '<code dir="ltr">2025-01-01..2025-03-31</code>' in html


#: Where the items of a content demand are -> the row of "Content demands by project or site" it counts in.
SITES = [
    (["https://de.wikipedia.org/wiki/A"], "de.wikipedia.org"),
    (["https://jane-doe.example.net/about"], "--"),                              # a personal site: never a row
    (["https://jane-doe.example.net/about", "https://de.wikipedia.org/wiki/B"], "de.wikipedia.org"),
]


def test_a_site_the_platform_does_not_run_is_never_a_row_for_staff_or_public_and_both_count_alike(
        decided_case, reviewer, law, client, staff_client):
    from rightsdesk.transparency import publishing

    for urls, _row in SITES:
        case = decided_case(TAKEDOWN, received=H1_2026, country="DE", items=[
            {"url": url, "project": url.split("/")[2], "page_title": "X"} for url in urls])
        services.set_case_links(case, reviewer, [law("de-netzdg").pk], None)
        publishing.publish_as_system(case, "test")
    expected_rows = Counter(row for _urls, row in SITES)
    staff = json.loads(staff_client.get(reverse("laws:analytics_json"), {"period": "all"}).content)
    public = json.loads(client.get(reverse("laws:public_json"), {"period": "all"}).content)
    for body in (staff, public):  # "all": no range short enough for the public view to withhold small counts
        assert "jane-doe.example.net" not in json.dumps(body)
        assert {k: v for k, v in figures(body, "content", "project").items() if v} == dict(expected_rows)
