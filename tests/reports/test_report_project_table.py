"""The project tables: per project of the platform, the requests naming it (and naming it alone, and of those
granted), its items and those acted on; then two rows counting each request once, those naming several of the
platform's own sites and those naming only sites it does not run (which have no row of their own). The same from the raw tables and from the folded roll-ups, whose kept
half-year holds only these sums (``rollup.project_sums``), not one entry per case."""

from __future__ import annotations

import json
from contextlib import nullcontext
from datetime import timedelta

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.reports import queries as q
from rightsdesk.reports import rollup
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_json
from tests.reports import test_report_rollup as base

pytestmark = pytest.mark.django_db

REMOVE, NONE = c.Action.REMOVE, c.Action.NO_ACTION

#: (outcome, items as (project, action)): copyright notices received in 2026-H1.
CASES = [
    (c.Outcome.GRANTED, [("en.wikipedia.org", REMOVE), ("de.wikipedia.org", NONE)]),  # two own sites
    (c.Outcome.REJECTED, [("example.com", NONE), ("elsewhere.org", REMOVE), ("elsewhere.org", REMOVE)]),  # none own
    (c.Outcome.GRANTED, [("en.wikipedia.org", REMOVE)]),                               # en alone, granted
    (c.Outcome.REJECTED, [("en.wikipedia.org", NONE)]),                                # en alone, rejected
    (c.Outcome.PARTIALLY_GRANTED, [("en.wikipedia.org", REMOVE), ("example.com", REMOVE)]),  # one own site and another
]

#: row -> requests, naming it alone, of those granted, items named, items acted on (the whole table: example.com and
#: elsewhere.org, sites the platform does not run, have no row)
EXPECTED = {
    "en.wikipedia.org": (4, 2, 1, 4, 3),
    "de.wikipedia.org": (1, 0, 0, 1, 0),
    "several_projects": (1, 1, 1, 2, 1),
    "not_own_sites": (1, 1, 0, 3, 2),
}


@pytest.fixture(autouse=True)
def _settled(monkeypatch):
    monkeypatch.setattr(rollup, "SETTLE", timedelta(0))


def table(raw: bool) -> dict:
    with q.from_raw_tables() if raw else nullcontext():
        data = json.loads(to_json(build_report(parse_period("2026-H1"))))
    [section] = [s for s in data["sections"] if s["key"] == "copyright"]
    [found] = [t for t in section["tables"] if t["key"] == "notices_by_project"]
    columns = ("requests", "sole_requests", "sole_granted", "items", "items_actioned")
    return {row["key"]: tuple(row["values"][col] for col in columns) for row in found["rows"]}


@pytest.mark.parametrize("folded", [False, True], ids=["from the raw tables", "from the kept half-year"])
def test_each_project_counts_every_request_naming_it_and_the_two_last_rows_count_each_request_once(folded, settings):
    settings.RIGHTSDESK_OWN_SITES = ["wikipedia.org", "wikimedia.org"]
    for n, (outcome, items) in enumerate(CASES):
        base.store({"kind": c.Kind.COPYRIGHT_NOTICE, "outcome": outcome, "source": c.Source.WEB_FORM,
                    "offset": -(n + 10) * 86400, "decided_after": None, "acknowledged_after": None,
                    "potentially": 0, "items": [(project, action, False) for project, action in items]})
    if folded:
        rollup.fold()
        assert rollup.kept(parse_period("2026-H1")) is not None
    got = table(raw=not folded)
    assert got == EXPECTED
    assert got == table(raw=True)
