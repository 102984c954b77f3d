"""A platform's earlier years, once imported, are reported on like any other period."""

from __future__ import annotations

import pytest

from rightsdesk.cases.importer import import_lines
from rightsdesk.reports.periods import parse_period
from rightsdesk.reports.sections import build_report
from tests.cases.test_importer import APPEAL, DATA_REQUEST, TAKEDOWN, jsonl

pytestmark = pytest.mark.django_db


def test_imported_cases_appear_in_the_report_of_the_half_year_they_were_received_in():
    summary = import_lines(jsonl(TAKEDOWN, DATA_REQUEST, APPEAL).splitlines(), source_name="history.jsonl")
    assert len(summary.imported) == 3 and not summary.errors
    report = build_report(parse_period("2019-H1"))
    assert report.value("overview", "by_kind", "all", "received") == 3
    assert report.value("content", "summary", "rejected", "count") == 1
    assert report.value("content", "country", "DE", "received") == 1
    assert report.value("content", "project", "de.wikipedia.org", "items") == 1
    assert report.value("content", "requester_type", "law_firm", "received") == 1
    assert report.value("user_data", "summary", "partially_granted", "count") == 1
    assert report.value("user_data", "legal_process", "civil_subpoena", "percent_granted") == 100.0
    assert report.value("user_data", "accounts", "potentially_affected", "accounts") == 2
    assert report.value("user_data", "accounts", "notified", "accounts") == 1
    assert report.value("user_data", "requester_group", "government", "received") == 1
    assert report.value("appeals", "summary", "upheld", "count") == 1
    assert report.value("appeals", "timing", "received_to_decided", "median_days") == 19.0
    assert report.value("overview", "by_kind", "content_takedown", "median_days") == 16.08  # 16 d 2 h
    assert build_report(parse_period("2019-H2")).value("overview", "by_kind", "all", "received") == 0


def test_a_dry_run_adds_nothing_to_the_report():
    import_lines(jsonl(TAKEDOWN).splitlines(), dry_run=True)
    assert build_report(parse_period("2019")).value("overview", "by_kind", "all", "received") == 0
