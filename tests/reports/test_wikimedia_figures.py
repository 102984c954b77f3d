"""Wikimedia's published transparency figures come back out of rightsdesk's report, figure for figure (issue #18).

The Wikimedia Foundation publishes the data behind its transparency report (../shared/reference/
wikimedia-transparency-data/, README.md there; another copy with RIGHTSDESK_WIKIMEDIA_DATA). For every period in
those files this test writes the import lines Wikimedia's rows describe, one request per counted request, imports
them with ``rightsdesk import``'s bulk path, builds the report for the same period and reads back:

- content alteration and takedown requests by country (where_from.csv) and by project (targeted_takedown.csv);
- DMCA notices by country (dmca_requests.csv) and by project (targeted_dmca.csv);
- requests for user information by country and by legal process (sum.csv).

How a row becomes requests: a request counted as complied with is granted (its items removed or its data
disclosed), the others rejected; "complied (partial)" in sum.csv is partially granted. The country and project
tables count the same requests, so the n-th request of a period takes the n-th country slot and the n-th project
slot (complied ones first in both). Wikimedia gives no requester types and no decision dates: the lines say
requester type "unknown", give dates without times (noon UTC) and no decision date. A project row names a site
(``url``, or for rows without one the site its name has elsewhere in the files); "Multiple Projects" requests name
two of the platform's projects, "Not a WMF site" requests a site it does not run, "Unknown" and "No Project
Named" requests an item on no known project. Wikimedia counts a request naming one project in that project's row
only: the report's columns "requests naming only this one" and "of those, granted" are those figures.

Where Wikimedia's own rows cannot agree with any set of requests, KNOWN_DIFFERENCES says why, and the test checks
that the differences found are exactly those.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import pytest

from rightsdesk.cases.importer import import_lines
from rightsdesk.core.sites import site_of
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import NOT_OWN_SITES, SEVERAL_PROJECTS, build_report

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("RIGHTSDESK_WIKIMEDIA_DATA",
                           ROOT.parent / "shared" / "reference" / "wikimedia-transparency-data"))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (DATA / "where_from.csv").is_file(), reason=f"Wikimedia's data files are not at {DATA}"),
]

#: Wikimedia's English country names -> ISO 3166-1 codes ("Unknown": no country, the report's row "unknown").
COUNTRIES = {
    "Afghanistan": "AF", "Argentina": "AR", "Australia": "AU", "Austria": "AT", "Azerbaijan": "AZ",
    "Bangladesh": "BD", "Belgium": "BE", "Brazil": "BR", "Bulgaria": "BG", "Canada": "CA", "Chile": "CL",
    "China": "CN", "Colombia": "CO", "Costa Rica": "CR", "Croatia": "HR", "Cyprus": "CY", "Czech Republic": "CZ",
    "Denmark": "DK", "Dominican Republic": "DO", "Ecuador": "EC", "Egypt": "EG", "Estonia": "EE", "Finland": "FI",
    "France": "FR", "Georgia": "GE", "Germany": "DE", "Greece": "GR", "Guatemala": "GT", "Guyana": "GY",
    "Honduras": "HN", "Hong Kong": "HK", "Hungary": "HU", "India": "IN", "Indonesia": "ID", "Iran": "IR",
    "Ireland": "IE", "Israel": "IL", "Italy": "IT", "Japan": "JP", "Jordan": "JO", "Kazakhstan": "KZ",
    "Korea": "KR", "South Korea": "KR", "Kosovo": "XK", "Kuwait": "KW", "Latvia": "LV", "Lebanon": "LB",
    "Liechtenstein": "LI", "Lithuania": "LT", "Luxembourg": "LU", "Macedonia": "MK", "Malaysia": "MY",
    "Malta": "MT", "Mexico": "MX", "Morocco": "MA", "Nepal": "NP", "Netherlands": "NL", "New Zealand": "NZ",
    "Nigeria": "NG", "Norway": "NO", "Pakistan": "PK", "Peru": "PE", "Philippines": "PH", "Poland": "PL",
    "Portugal": "PT", "Romania": "RO", "Russia": "RU", "Saudi Arabia": "SA", "Senegal": "SN", "Serbia": "RS",
    "Singapore": "SG", "Slovakia": "SK", "Slovenia": "SI", "South Africa": "ZA", "Spain": "ES", "Sri Lanka": "LK",
    "Suriname": "SR", "Sweden": "SE", "Switzerland": "CH", "Taiwan": "TW", "Tanzania": "TZ", "Thailand": "TH",
    "Turkey": "TR", "USA": "US", "United States": "US", "Ukraine": "UA", "United Arab Emirates": "AE",
    "United Kingdom": "GB", "Unknown": "", "Uruguay": "UY", "Venezuela": "VE",
}
#: Sites of project rows that have no ``url`` in any row of the files.
SITES = {
    "Simple English Wikipedia": "simple.wikipedia.org", "Pashto Wikipedia": "ps.wikipedia.org",
    "Marathi Wikipedia": "mr.wikipedia.org", "Latin Wikisource": "la.wikisource.org",
    "Polish Wikibooks": "pl.wikibooks.org", "Farsi Wikipedia": "fa.wikipedia.org",
    "Farsi Wikibooks": "fa.wikibooks.org", "Esperanto Wikipedia": "eo.wikipedia.org",
    "English Wikivoyage": "en.wikivoyage.org", "Spanish Wikivoyage": "es.wikivoyage.org",
    "Romania Wikipedia": "ro.wikipedia.org", "Wikimedia Commons": "commons.wikimedia.org",
}
#: Mistyped sites in the files, read as the project the row's name says.
TYPOS = {"sr.wikpedia.org": "sr.wikipedia.org"}
#: What "Multiple Projects" requests name (two of the platform's projects no row of the files names).
MULTIPLE_SITES = ("test.wikipedia.org", "test2.wikipedia.org")
NOT_OURS = "not-a-wikimedia-site.example"
#: sum.csv's legal process types -> rightsdesk's (cases.choices.LegalProcess).
PROCESSES = {
    "Informal Request": "informal_non_government", "Government": "informal_government",
    "Civil Subpoena": "civil_subpoena", "Criminal Subpoena": "criminal_subpoena",
    "Administrative Subpoena": "administrative_subpoena", "Warrant": "search_warrant", "Court orders": "court_order",
}

#: Differences between Wikimedia's rows and any set of requests, with the reason; the test checks it finds exactly
#: these. Key: (duration, section/table, Wikimedia's row, figure).
KNOWN_DIFFERENCES: dict[tuple[str, str, str, str], str] = {
    ("juldec13", "copyright/notices_by_project", "Wikimedia Commons", "complied"):
        "Wikimedia's two DMCA tables for July-December 2013 disagree: by country 6 of the 16 notices were complied "
        "with (dmca_requests.csv), by project none (targeted_dmca.csv). The same 16 notices cannot be both; the "
        "imported ones follow the country table, and the 6 complied with fall on the first project slots "
        "(Wikimedia Commons, 7 notices).",
}


def rows(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(handle)]


def number(text: str) -> int:
    return int(text) if text else 0


def period_of(duration: str) -> str:
    """Wikimedia's period names: janjun16 = 2016-H1, juldec15 = 2015-H2, jul12jun13 = 2012-07-01..2013-06-30."""
    if half := re.fullmatch(r"(janjun|juldec)(\d\d)", duration):
        return f"20{half[2]}-H{1 if half[1] == 'janjun' else 2}"
    if year := re.fullmatch(r"jul(\d\d)jun(\d\d)", duration):
        return f"20{year[1]}-07-01..20{year[2]}-06-30"
    raise AssertionError(f"a period name this test does not know: {duration}")


def site_names(*files: str) -> dict[str, str]:
    """A project's site from the rows that give one (the first seen), for rows of the same name without it."""
    known = dict(SITES)
    for name in files:
        for row in rows(name):
            if row["url"] and row["key"] not in known:
                known[row["key"]] = TYPOS.get(site_of(row["url"]), site_of(row["url"]))
    return known


def project_of(row: dict, names: dict[str, str]) -> str:
    """The project a Wikimedia project row names: a site, MULTIPLE, NOT_OURS or "" (none known)."""
    key = row["key"].lower()
    if key.startswith("multiple"):
        return "MULTIPLE"
    if key.startswith("not a wmf site"):
        return NOT_OURS
    if key in ("unknown", "no project named"):
        return ""
    site = site_of(row["url"]) if row["url"] else names[row["key"]]
    return TYPOS.get(site, site)


def report_row(project: str) -> str:
    return {"MULTIPLE": SEVERAL_PROJECTS, NOT_OURS: NOT_OWN_SITES, "": "unknown"}.get(project, project)


def slots(table: list[dict], value) -> list[tuple]:
    """One (value, complied) per counted request, complied ones first."""
    out = []
    for row in table:
        requests, complied = number(row["requests"]), number(row["complied"])
        out += [(value(row), True)] * complied + [(value(row), False)] * (requests - complied)
    return sorted(out, key=lambda slot: not slot[1])


def items_on(project, action: str) -> list[dict]:
    if project is None:
        return []
    if project == "MULTIPLE":
        return [{"project": site, "action": action} for site in MULTIPLE_SITES]
    return [{"project": project, "action": action}]


def requests_lines(duration: str, kind: str, countries: list[dict], projects: list[dict], names) -> list[dict]:
    """The requests of one kind (content or DMCA) of one period: the n-th takes the n-th country and project slot."""
    by_country = slots(countries, lambda row: COUNTRIES[row["key"]])
    by_project = slots(projects, lambda row: project_of(row, names))
    first = parse_period(period_of(duration)).first_day
    lines = []
    for n, (country, complied) in enumerate(by_country):
        project = by_project[n][0] if n < len(by_project) else None
        action = "remove" if complied else "no_action"
        lines.append({"id": f"wmf-{duration}-{kind}-{n}", "kind": kind, "subject": "Wikimedia transparency report",
                      "received_at": (first + timedelta(days=n % 180)).isoformat(), "country": country,
                      "requester": {"type": "unknown"}, "items": items_on(project, action),
                      "decision": {"outcome": "granted" if complied else "rejected"}})
    return lines


def process_columns(row: dict, process: str) -> tuple[int, int, int]:
    """(requests, complied in part, complied in full) of one legal process in a sum.csv row."""
    lower = {k.lower(): v for k, v in row.items()}
    return (number(lower[process.lower()]), number(lower[f"{process} complied (partial)".lower()]),
            number(lower[f"{process} complied (all)".lower()]))


def data_lines(duration: str, table: list[dict]) -> list[dict]:
    first = parse_period(period_of(duration)).first_day
    lines = []
    for row in table:
        for process, legal_process in PROCESSES.items():
            requests, partial, full = process_columns(row, process)
            outcomes = ["granted"] * full + ["partially_granted"] * partial + ["rejected"] * (requests - full - partial)
            for outcome in outcomes:
                n = len(lines)
                items = {"granted": [{"item_type": "account", "action": "disclose"}],
                         "partially_granted": [{"item_type": "account", "action": "disclose"},
                                               {"item_type": "account", "action": "no_action"}],
                         "rejected": []}[outcome]
                lines.append({"id": f"wmf-{duration}-data-{n}", "kind": "user_data_request",
                              "subject": "Wikimedia transparency report", "legal_process": legal_process,
                              "received_at": (first + timedelta(days=n % 180)).isoformat(),
                              "country": COUNTRIES[row["Country"]], "requester": {"type": "unknown"},
                              "items": items, "decision": {"outcome": outcome}})
    return lines


def value(report, section: str, table: str, row: str, column: str):
    try:
        return report.value(section, table, row, column)
    except KeyError:
        return None


def compare(found: dict, matched: list, key: tuple, wikimedia: int, rightsdesk) -> None:
    if wikimedia == (rightsdesk or 0):
        matched.append(key)
    else:
        found[key] = f"Wikimedia {wikimedia}, rightsdesk {rightsdesk}"


def test_wikimedias_published_figures_come_back_out_of_the_report_for_every_period():
    files = {name: rows(name) for name in ("where_from.csv", "targeted_takedown.csv", "dmca_requests.csv",
                                           "targeted_dmca.csv", "sum.csv")}
    by_period: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for name, table in files.items():
        for row in table:
            by_period[row["duration"]][name].append(row)
    names = site_names("targeted_takedown.csv", "targeted_dmca.csv")

    lines = []
    for duration, tables in by_period.items():
        lines += requests_lines(duration, "content_takedown", tables["where_from.csv"],
                                tables["targeted_takedown.csv"], names)
        lines += requests_lines(duration, "copyright_notice", tables["dmca_requests.csv"], tables["targeted_dmca.csv"],
                                names)
        lines += data_lines(duration, tables["sum.csv"])
    summary = import_lines([json.dumps(line) for line in lines], source_name="wikimedia", bulk=True)
    assert not summary.errors, summary.errors[:5]
    assert len(summary.imported) == len(lines)

    found: dict[tuple, str] = {}
    matched: list[tuple] = []
    for duration, tables in sorted(by_period.items()):
        report = build_report(parse_period(period_of(duration)))
        for name, section, table in [("where_from.csv", "content", "country"),
                                     ("dmca_requests.csv", "copyright", "notices_by_country")]:
            for row in tables[name]:
                code = COUNTRIES[row["key"]] or "unknown"
                for figure, column in [("requests", "received"), ("complied", "granted")]:
                    compare(found, matched, (duration, f"{section}/{table}", row["key"], figure),
                            number(row[figure]), value(report, section, table, code, column))
        for name, section, table in [("targeted_takedown.csv", "content", "project"),
                                     ("targeted_dmca.csv", "copyright", "notices_by_project")]:
            for row in tables[name]:
                key = report_row(project_of(row, names))
                for figure, column in [("requests", "sole_requests"), ("complied", "sole_granted")]:
                    compare(found, matched, (duration, f"{section}/{table}", row["key"], figure),
                            number(row[figure]), value(report, section, table, key, column))
        processes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for row in tables["sum.csv"]:
            code = COUNTRIES[row["Country"]] or "unknown"
            parts = [process_columns(row, process) for process in PROCESSES]
            for figure, column, wikimedia in [
                    ("Total", "received", number(row["Total"])),
                    ("complied (all)", "fully_complied", sum(p[2] for p in parts)),
                    ("complied (partial)", "partially_complied", sum(p[1] for p in parts))]:
                compare(found, matched, (duration, "user_data/country", row["Country"], figure), wikimedia,
                        value(report, "user_data", "country", code, column))
            for process, (requests, partial, full) in zip(PROCESSES, parts):
                processes[process][0] += requests
                processes[process][1] += partial + full
        for process, (requests, complied) in processes.items():
            for figure, column, wikimedia in [("requests", "received", requests), ("complied", "granted", complied)]:
                compare(found, matched, (duration, "user_data/legal_process", process, figure), wikimedia,
                        value(report, "user_data", "legal_process", PROCESSES[process], column))

    wrong_rows = {key[:3] for key in found}
    all_rows = wrong_rows | {key[:3] for key in matched}
    print(f"\n{len(matched)} of {len(matched) + len(found)} Wikimedia figures came back exactly; "
          f"{len(all_rows) - len(wrong_rows)} of {len(all_rows)} rows in full, over {len(by_period)} periods")
    unexplained = {k: v for k, v in found.items() if k not in KNOWN_DIFFERENCES}
    no_longer = sorted(set(KNOWN_DIFFERENCES) - set(found))
    assert not unexplained, "\n".join(f"{k}: {v}" for k, v in sorted(unexplained.items()))
    assert not no_longer, f"known differences that no longer occur (remove them): {no_longer}"
