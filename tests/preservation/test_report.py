"""The period report counts preservation requests like Wikimedia's transparency reports: requests received, accounts
named (a count, never a name), requests where records were preserved, renewals, releases; by the authority's country.
Checked against an independent count of the cases made here; the public report and its files never name an account."""

import json

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.preservation import services
from rightsdesk.reports import disclosure
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_csv, to_json

from .conftest import at, request_values

pytestmark = pytest.mark.django_db

#: (authority country, accounts named, steps, received): the independent record of what the test makes.
MADE = [
    ("US", ["Alpha-Canary-1", "Alpha-Canary-2"], [], at(2026, 1, 10, 9)),
    ("US", ["Bravo-Canary"], ["preserved"], at(2026, 2, 1, 9)),
    ("US", ["Charlie-Canary-1", "Charlie-Canary-2", "Charlie-Canary-3"], ["preserved", "renewed"], at(2026, 2, 20, 9)),
    ("US", ["Delta-Canary"], ["preserved", "renewed", "released"], at(2026, 3, 5, 9)),
    ("DE", ["Echo-Canary-1", "Echo-Canary-2"], ["preserved", "released"], at(2026, 4, 1, 9)),
    ("DE", ["Foxtrot-Canary"], ["refused"], at(2026, 5, 2, 9)),
    ("GB", ["Golf-Canary"], ["preserved"], at(2026, 6, 29, 9)),
    # Outside the period (the second half of 2026): not counted.
    ("US", ["Hotel-Canary"], ["preserved"], at(2026, 7, 1, 9)),
]
NAMES = [name for _country, names, _steps, _at in MADE for name in names]


@pytest.fixture
def made(preservation_case, legal):
    for country, names, steps, received in MADE:
        case = preservation_case(country=country, received_at=received)
        p = services.record_request(case, request_values(country=country, accounts="\n".join(names)), legal)
        for step in steps:
            if step == "preserved":
                p = services.record_preserved(p, "Legal-hold store", "Sign-in logs of the named accounts.", legal)
            elif step == "renewed":
                p = services.renew(p, "Renewed request", legal)
            elif step == "released":
                p = services.release(p, "The snapshot was deleted.", legal)
            elif step == "refused":
                p = services.refuse(p, "No such account.", legal)
    # A preservation request whose facts are not recorded yet counts as received, with the accounts intake counted.
    preservation_case(country="US", received_at=at(2026, 6, 1, 9), accounts_potentially_affected=4)


def expected():
    inside = [m for m in MADE if m[3] < at(2026, 7, 1)]
    rows = {"received": len(inside) + 1, "accounts": sum(len(m[1]) for m in inside) + 4,
            "preserved": sum("preserved" in m[2] for m in inside), "renewed": sum("renewed" in m[2] for m in inside),
            "released": sum("released" in m[2] for m in inside), "refused": sum("refused" in m[2] for m in inside)}
    countries = {}
    for country, names, steps, _received in inside:
        row = countries.setdefault(country, {"received": 0, "accounts": 0, "preserved": 0, "renewed": 0,
                                             "released": 0})
        row["received"] += 1
        row["accounts"] += len(names)
        for step in ("preserved", "renewed", "released"):
            row[step] += step in steps
    countries["US"]["received"] += 1
    countries["US"]["accounts"] += 4
    return rows, countries


def test_the_report_counts_requests_accounts_preservations_renewals_and_releases_by_country(made):
    report = build_report(parse_period("2026-H1"))
    section = report.section("preservation")
    rows, countries = expected()
    assert {r.key: r.values["count"] for r in section.table("summary").rows} == rows
    assert {r.key: r.values for r in section.table("by_country").rows} == countries
    assert rows == {"received": 8, "accounts": 15, "preserved": 5, "renewed": 2, "released": 2, "refused": 1}
    overview = {r.key: r.values for r in report.section("overview").table("by_kind").rows}
    assert overview[c.Kind.PRESERVATION_REQUEST.value]["received"] == rows["received"]


def test_the_public_report_and_its_files_count_accounts_and_never_name_them(made, client):
    report = disclosure.disclose(build_report(parse_period("2026-H1")))
    outputs = [to_json(report), to_csv(report)]
    for name in ("report", "report_csv", "report_json"):
        response = client.get(reverse(f"reports:{name}", args=["2026-H1"]))
        assert response.status_code == 200, name
        outputs.append(b"".join(response.streaming_content).decode() if response.streaming
                       else response.content.decode())
    text = "\n".join(outputs)
    assert "preservation" in text
    assert [name for name in NAMES if name in text] == []
    assert "FBI-26-0412" not in text


def test_small_counts_of_a_range_that_is_not_a_standard_period_are_withheld_by_country(made):
    """A month is not a standard period: the authorities' countries (sensitive, like the user-data requests')
    show "<5" for 1 to 4 requests."""
    report = disclosure.disclose(build_report(parse_period("2026-02-01..2026-02-28")))
    data = json.loads(to_json(report))
    section = next(s for s in data["sections"] if s["key"] == "preservation")
    by_country = next(t for t in section["tables"] if t["key"] == "by_country")
    assert by_country["rows"] and all(row["values"]["received"]["suppressed"] and row["values"]["received"]["value"] is None
                                   for row in by_country["rows"])
