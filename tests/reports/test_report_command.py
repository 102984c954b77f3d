"""``rightsdesk report`` writes the files of a period."""

from __future__ import annotations

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from rightsdesk.reports.structure import to_csv
from datetime import datetime, timedelta, timezone

from rightsdesk.cases import choices as c

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def some_cases(make_case):
    """A few decided cases in each half-year the tests write (the demo's figures are tested elsewhere)."""
    for year, month in [(2025, 8), (2026, 2)]:
        start = datetime(year, month, 3, 12, tzinfo=timezone.utc)
        make_case(c.Kind.CONTENT_TAKEDOWN, received_at=start, decided_at=start + timedelta(days=4),
                  outcome=c.Outcome.REJECTED, state=c.State.DECIDED, country="FR")
        make_case(c.Kind.USER_DATA_REQUEST, received_at=start, decided_at=start + timedelta(days=9),
                  outcome=c.Outcome.GRANTED, state=c.State.DECIDED, requester_type=c.RequesterType.LAW_ENFORCEMENT,
                  legal_process=c.LegalProcess.COURT_ORDER, country="DE", accounts_potentially_affected=2)


def test_the_command_writes_html_csv_json_and_the_dsa_template(tmp_path):
    call_command("report", period="2025-H2", out=str(tmp_path / "out"), formats=None)
    out = tmp_path / "out"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["dsa-transparency-template-2025-H2.csv", "eu-transparency-templates-2025-H2-csv.zip",
                     "eu-transparency-templates-2025-H2.xlsx", "transparency-report-2025-H2.csv",
                     "transparency-report-2025-H2.html", "transparency-report-2025-H2.json"]
    csv_bytes = (out / "transparency-report-2025-H2.csv").read_bytes()
    assert csv_bytes.decode("utf-8") == to_csv(build_report(parse_period("2025-H2")))
    assert b"\r\n" in csv_bytes
    data = json.loads((out / "transparency-report-2025-H2.json").read_text(encoding="utf-8"))
    assert data["period"]["slug"] == "2025-H2"
    assert data["sections"][0]["tables"][0]["rows"][-1]["values"]["received"] == 2
    html = (out / "transparency-report-2025-H2.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html and "<style>" in html
    assert "csrfmiddlewaretoken" not in html
    with (out / "dsa-transparency-template-2025-H2.csv").open(newline="", encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == ["section", "member_state", "type", "metric", "value"]


def test_the_command_writes_only_the_formats_asked_for_in_the_language_asked(tmp_path):
    call_command("report", period="2026-H1", out=str(tmp_path), formats=["html"], language="ar")
    assert [p.name for p in tmp_path.iterdir()] == ["transparency-report-2026-H1.html"]
    html = (tmp_path / "transparency-report-2026-H1.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in html


def test_the_command_explains_a_bad_period(tmp_path):
    with pytest.raises(CommandError, match="2025-H1 or 2025-H2"):
        call_command("report", period="2025-Q1", out=str(tmp_path), formats=["csv"])
