"""Reports people read: each figure beside the previous period's with the change, the trend over every half-year
with data, share charts, compression; the files stay one period each (docs/report-format.md)."""

from __future__ import annotations

import gzip
import re
from datetime import datetime, timezone

import pytest

from rightsdesk.reports.periods import parse_period, previous_period
from rightsdesk.reports.presentation import change, change_display
from rightsdesk.reports.structure import COUNT, DAYS, PERCENT, Withheld


def when(year, month, day=10):
    return datetime(year, month, day, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("slug, previous", [
    ("2025-H2", "2025-H1"), ("2025-H1", "2024-H2"), ("2025", "2024"),
    ("2025-03-01..2025-03-31", "2025-01-29..2025-02-28"),  # 31 days ending the day before
    ("2024-03-01..2024-03-01", "2024-02-29..2024-02-29"),
    ("1990-H1", None), ("1990-01-01..1990-01-31", None),  # nothing before the first reportable year
])
def test_the_previous_period_is_the_one_of_the_same_length_just_before(slug, previous):
    before = previous_period(parse_period(slug))
    assert (before.slug if before else None) == previous
    if before:
        assert before.end == parse_period(slug).start


@pytest.mark.parametrize("current, previous, unit, absolute, relative, shown", [
    (12, 9, COUNT, 3, 33.3, "+3 (+33.3 %)"),
    (9, 12, COUNT, -3, -25.0, "−3 (−25.0 %)"),
    (5, 5, COUNT, 0, 0.0, "±0 (±0.0 %)"),
    (7, 0, COUNT, 7, None, "+7"),  # no percent of nothing
    (40.0, 37.5, PERCENT, 2.5, None, "+2.5 points"),  # a share changes by points
    (3.25, 4.75, DAYS, -1.5, None, "−1.5"),
    (None, 4, COUNT, None, None, ""),  # nothing to compare
    (7, Withheld("<5"), COUNT, None, None, ""),  # a withheld figure is not undone by a difference
    (Withheld("<5"), 7, COUNT, None, None, ""),
])
def test_the_change_is_absolute_and_in_percent_where_meaningful(current, previous, unit, absolute, relative, shown):
    assert change(current, previous, unit) == (absolute, relative)
    assert change_display(absolute, relative, unit) == shown


def cell(html: str, cell_id: str) -> dict:
    match = re.search(rf'<td [^>]*data-cell="{re.escape(cell_id)}"[^>]*>', html)
    assert match, cell_id
    return dict(re.findall(r'(data-[a-z-]+)="([^"]*)"', match[0]))


@pytest.mark.django_db
def test_the_page_shows_each_figure_beside_the_previous_periods_and_the_change(client, make_case):
    for _ in range(4):
        make_case(received_at=when(2025, 3))
    for _ in range(6):
        make_case(received_at=when(2025, 9))
    html = client.get("/en/transparency/2025-H2/").content.decode()
    received = cell(html, "overview/by_kind/content_takedown/received")
    assert (received["data-value"], received["data-previous"], received["data-change"],
            received["data-change-percent"]) == ("6", "4", "2", "50.0")
    assert 'href="/en/transparency/2025-H1/"' in html and 'id="compared-with"' in html
    assert "previous: 4 · <span class=\"report-change\">+2 (+50.0 %)</span>" in html
    # The earliest period with data has nothing before it to compare with.
    first = client.get("/en/transparency/2025-H1/").content.decode()
    assert "data-previous" not in first and 'id="compared-with"' not in first
    # The files keep one period each: the same five columns, no previous figures.
    assert client.get("/en/transparency/2025-H2/report.csv").content.decode().startswith(
        "section,table,row,column,value\r\n")
    assert "previous" not in client.get("/en/transparency/2025-H2/report.json").content.decode()


@pytest.mark.django_db
def test_the_trend_shows_every_half_year_from_the_first_with_data_in_a_chart_and_a_table(client, make_case):
    from rightsdesk.cases import choices as c

    make_case(received_at=when(2024, 2))
    for _ in range(3):
        make_case(received_at=when(2025, 8))
    make_case(c.Kind.COPYRIGHT_NOTICE, received_at=when(2025, 8))
    html = client.get("/en/transparency/2025-H2/").content.decode()
    head = re.search(r'<div class="report-table report-trend" id="overview-trend">.*?</thead>', html, re.S)[0]
    assert re.findall(r">(\d{4}-H[12])</bdi></a>", head) == ["2024-H1", "2024-H2", "2025-H1", "2025-H2"]  # empty ones too
    assert [m for m in re.findall(r'data-trend="content_takedown/\d+">(\d+)<', html)] == ["1", "0", "0", "3"]
    assert re.findall(r'data-trend="copyright_notice/\d+">(\d+)<', html) == ["0", "0", "0", "1"]
    assert 'data-trend="appeal/' not in html  # a kind never received has no line
    svg = html[html.index('id="chart-overview-trend"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count("<polyline") == 2 and 'role="img"' in html
    # A period's trend stops at that period.
    earlier = client.get("/en/transparency/2025-H1/").content.decode()
    assert ">2025-H2</bdi>" not in earlier and ">2025-H1</bdi>" in earlier
    # In Arabic the time axis runs from right to left: the oldest point is drawn on the right.
    ltr_x = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg)[:4]]
    ar = client.get("/ar/transparency/2025-H2/").content.decode()
    ar_svg = ar[ar.index('id="chart-overview-trend"'):]
    rtl_x = [float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', ar_svg)[:4]]
    assert ltr_x == sorted(ltr_x) and rtl_x == sorted(rtl_x, reverse=True)


@pytest.mark.django_db
def test_the_share_chart_draws_the_share_granted_of_each_requester_type(client, make_case):
    from rightsdesk.cases import choices as c

    for outcome in ("granted", "granted", "rejected", "partially_granted"):
        make_case(requester_type=c.RequesterType.COURT, outcome=outcome)
    for outcome in ("rejected", "rejected", "rejected", "rejected", "granted"):
        make_case(requester_type=c.RequesterType.INDIVIDUAL, outcome=outcome)
    html = client.get("/en/transparency/2026-H1/").content.decode()
    svg = html[html.index('id="share-content-requester_type"'):]
    svg = svg[:svg.index("</svg>")]
    assert re.findall(r'data-share="([0-9.]+)"><title>([^:]+):', svg) == [("20.0", "Individual"), ("75.0", "Court")]
    assert "Court: 75 % Granted in full or in part (3 / 4)" in svg  # the description names both figures
    ar = client.get("/ar/transparency/2026-H1/").content.decode()
    ar_svg = ar[ar.index('id="share-content-requester_type"'):]
    assert 'direction="rtl"' in ar_svg[:ar_svg.index("</svg>")]


@pytest.mark.django_db
def test_the_report_page_and_its_files_are_served_compressed_and_the_pages_token_never_repeats(client, make_case):
    make_case()
    for url in ("/en/transparency/2026-H1/", "/en/transparency/2026-H1/report.csv",
                "/en/transparency/2026-H1/report.json"):
        plain = client.get(url)
        packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"], url
        assert len(packed.content) * 3 < len(plain.content)
        unpacked = gzip.decompress(packed.content)
        if url.endswith("/"):
            # The page's one secret, the language form's CSRF token, is masked anew in every response, so BREACH has
            # no repeated secret to guess through the compressed length (views.py explains the rest).
            token = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
            assert token.search(unpacked)[1] != token.search(plain.content)[1]
            unpacked, expected = token.sub(b"", unpacked), token.sub(b"", plain.content)
        else:
            expected = plain.content
        assert unpacked == expected
