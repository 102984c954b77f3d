"""The report names only the platform's own projects: any other site counts in the row `not_own_sites`.

An item's project is the host the requester typed (or the one of the URL they gave), never reviewed, for every case
received, decided or not; the host of a site the platform does not run can name a person (a personal homepage). So
a project table (content/project, copyright/notices_by_project) has a row for each of the platform's own projects
(core.sites.is_own_site, its host as core.sites.site_of reads it), and none for another site: a request naming only
such sites counts in `not_own_sites`, and a host is never a row label, in the report's pages, its files or the open
data (even where a small count is withheld, the label showed).
"""

from __future__ import annotations

import json

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.opendata import bulk
from rightsdesk.reports import queries as q
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_json

pytestmark = pytest.mark.django_db

HOST = "erika-mustermann-privat.example"
USER_PAGE = "de.wikipedia.org/wiki/Benutzer:Erika_Mustermann"  # a project typed with a path: its host is the row

#: the projects of each content request's items (received 2026-03-02, not decided yet)
CASES = [
    [HOST],                                     # only a personal site
    ["mirror.example.com", HOST],               # only sites the platform does not run
    ["DE.Wikipedia.org"],                       # de alone, as typed
    [USER_PAGE],                                # de alone
    ["de.wikipedia.org", "DE.Wikipedia.org"],   # de alone, typed two ways: one request
    ["de.wikipedia.org", HOST],                 # de and a site the platform does not run
    ["en.wikipedia.org", "de.wikipedia.org"],   # two own projects
]

#: row -> requests, naming it alone, of those granted, items named, items acted on: the whole table
EXPECTED = {
    "de.wikipedia.org": (5, 3, 0, 6, 0),
    "en.wikipedia.org": (1, 0, 0, 1, 0),
    "several_projects": (1, 1, 0, 2, 0),
    "not_own_sites": (2, 2, 0, 3, 0),
}


@pytest.fixture
def cases(make_case, settings):
    settings.RIGHTSDESK_OWN_SITES = ["wikipedia.org", "wikimedia.org"]
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_CACHE_SECONDS": 0}
    for projects in CASES:
        make_case(c.Kind.CONTENT_TAKEDOWN, items=[{"url": f"https://{p.split('/')[0].lower()}/wiki/Seite_{n}",
                                                   "project": p, "page_title": f"Seite {n}"}
                                                  for n, p in enumerate(projects)])


def test_the_project_table_has_a_row_for_each_own_project_and_counts_other_sites_in_not_own_sites(cases):
    with q.from_raw_tables():
        data = json.loads(to_json(build_report(parse_period("2026-H1"))))
    [section] = [s for s in data["sections"] if s["key"] == "content"]
    [table] = [t for t in section["tables"] if t["key"] == "project"]
    columns = ("requests", "sole_requests", "sole_granted", "items", "items_actioned")
    got = {row["key"]: tuple(row["values"][col] for col in columns) for row in table["rows"]}
    assert got == EXPECTED
    assert {row["key"]: row["label"] for row in table["rows"]}["de.wikipedia.org"] == "de.wikipedia.org"


PUBLIC = ["/en/transparency/2026-H1/", "/en/transparency/2026-H1/report.csv", "/en/transparency/2026-H1/report.json",
          "/en/transparency/2026-03-02..2026-03-02/"]


@pytest.mark.parametrize("path", PUBLIC)
def test_no_host_of_a_site_the_platform_does_not_run_is_in_the_public_report(cases, client, path):
    response = client.get(path)
    body = response.content.decode().lower()
    assert response.status_code == 200 and "de.wikipedia.org" in body
    assert {name: name in body for name in ("mustermann", "mirror.example.com")} == {"mustermann": False,
                                                                                    "mirror.example.com": False}


def test_no_host_of_a_site_the_platform_does_not_run_is_in_the_open_data_figures(cases):
    rows = {r["row"] for r in bulk.figure_rows(bulk.closed_half_years()) if r["table"] == "project"}
    assert "de.wikipedia.org" in rows and "not_own_sites" in rows
    assert [row for row in rows if "mustermann" in row.lower() or "mirror" in row] == []
