"""The report page says only what is true: no report of zeros for a period to come, charts titled by what they
draw, an "other countries" bar that keeps the chart's total, and a custom range refused with what to fix."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import translation

from rightsdesk.reports.charts import MAX_BARS, bar_chart, rest_label
from rightsdesk.reports.periods import PeriodError, range_of_days

COUNTRIES = ["DE", "FR", "IT", "ES", "NL", "PL", "AT", "SE", "BE", "PT", "IE", "FI", "DK", "CZ", "GR", "HU", "RO", "BG"]


def svg_of(html: str, chart_id: str) -> str:
    start = html.index(f'id="{chart_id}"')
    return html[start:html.index("</svg>", start)]


@pytest.mark.django_db
def test_a_period_that_has_not_begun_has_no_report_but_a_page_saying_when_it_will(client):
    response = client.get("/en/transparency/2030-H1/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "has not begun" in text and "2030-01-01" in text
    assert "data-cell" not in text and "<svg" not in text  # no figures at all, not even zeros
    assert 'href="/en/transparency/"' in text  # and a way on
    for download in ("report.csv", "report.json", "dsa-template.csv"):
        assert client.get(f"/en/transparency/2030-H1/{download}").status_code == 404


@pytest.mark.django_db
def test_the_overview_chart_is_titled_by_what_it_draws_the_cases_received(client, make_case):
    make_case()
    html = client.get("/en/transparency/2026-H1/").content.decode()
    svg = svg_of(html, "chart-overview-by_kind")
    title = re.search(r'<title id="chart-overview-by_kind-title">([^<]*)</title>', svg)[1]
    assert title == "Cases received, by kind"
    assert "decide" not in title and "time" not in title.lower()
    caption = re.search(r'<figcaption class="report-chart-title">([^<]*)<', html)[1]
    assert caption == title


def test_past_the_largest_bars_one_bar_adds_up_the_other_countries_and_says_how_many():
    bars = [(f"Country {i}", 100 - i) for i in range(MAX_BARS + 5)]
    svg = bar_chart(chart_id="c", title="t", bars=bars, rest="countries")
    assert svg.count("<rect") == MAX_BARS
    rest = bars[MAX_BARS - 1:]
    assert f"<title>Other countries ({len(rest)}): {sum(v for _label, v in rest)}</title>" in svg
    assert f"Other countries ({len(rest)}): {sum(v for _label, v in rest)}" in re.search(r"<desc[^>]*>([^<]*)", svg)[1]
    # Up to the limit every row has its own bar, and no "other" bar.
    assert "Other countries" not in bar_chart(chart_id="c", title="t", bars=bars[:MAX_BARS], rest="countries")


def test_the_other_countries_label_is_translated():
    for language in ("ar", "es", "fr", "zh-hans"):
        with translation.override(language):
            label = rest_label("countries", 7)
            assert "Other countries" not in label and "7" in label, language


@pytest.mark.django_db
def test_the_country_chart_of_the_report_ends_with_the_other_countries(client, make_case):
    for code in COUNTRIES:
        make_case(country=code)
    html = client.get("/en/transparency/2026-H1/").content.decode()
    svg = svg_of(html, "chart-content-country")
    assert svg.count("<rect") == MAX_BARS
    others = len(COUNTRIES) - (MAX_BARS - 1)
    assert f"<title>Other countries ({others}): {others}</title>" in svg


@pytest.mark.parametrize("first, last, field, words", [
    ("2026-03-01", "2026-01-01", "to", "before the first day"),
    ("", "2026-01-01", "from", "Enter the first day"),
    ("2026-01-01", "", "to", "Enter the last day"),
    ("2026-02-30", "2026-03-01", "from", "not a real date"),
    ("2030-01-01", "2030-02-01", "from", "after today"),
])
def test_a_custom_range_is_refused_naming_the_field_to_correct_and_how(first, last, field, words):
    with pytest.raises(PeriodError) as refused:
        range_of_days(first, last, today=date(2026, 12, 2))
    assert refused.value.field == field and words in refused.value.message


#: Days typed into the range form as the staff forms and the public log read them (core.dates.iso_day): Arabic and
#: Persian keyboards' digits are the same days; a compact or a week date is not what the message asks for.
RANGE_DAYS = [
    ("٢٠٢٦-٠١-٠١", "٢٠٢٦-٠٣-٣١", "2026-01-01..2026-03-31"),
    ("۲۰۲۶-۰۱-۰۱", "۲۰۲۶-۰۳-۳۱", "2026-01-01..2026-03-31"),
    ("20260101", "2026-03-31", None),
    ("2026-W01-1", "2026-03-31", None),
]


@pytest.mark.parametrize("first, last, slug", RANGE_DAYS, ids=["arabic-indic", "persian", "compact", "week date"])
def test_a_custom_range_reads_its_days_by_the_one_rule_of_a_typed_day(first, last, slug):
    if slug is None:
        with pytest.raises(PeriodError) as refused:
            range_of_days(first, last, today=date(2026, 12, 2))
        assert refused.value.field == "from" and "not a real date" in refused.value.message
    else:
        assert range_of_days(first, last, today=date(2026, 12, 2)).slug == slug


@pytest.mark.django_db
def test_the_range_form_keeps_the_typed_dates_and_marks_the_field_to_correct(client):
    response = client.get("/en/transparency/", {"from": "2026-03-01", "to": "2026-01-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="2026-03-01"' in html and 'value="2026-01-01"' in html
    assert 'aria-invalid="true" aria-describedby="report-to-error"' in html
    assert '<a href="#report-to">' in html
    assert html.count("before the first day (2026-03-01)") == 2  # in the summary and next to the field


@pytest.mark.django_db
@pytest.mark.parametrize("period, first, last", [("2026-H1", "2026-01-01", "2026-06-30"),
                                                 ("2026-02-01..2026-02-28", "2026-02-01", "2026-02-28")])
def test_in_arabic_the_first_and_last_day_under_the_reports_title_are_isolated_and_kept_on_one_line(
        client, period, first, last):
    html = client.get(f"/ar/transparency/{period}/").content.decode()
    lead = html.split('<p class="lead">', 1)[1].split("</p>", 1)[0]
    # "2026-" ended a line of the Arabic lead at 390 px, and the days took the direction of the Arabic around them
    assert f'<bdi dir="ltr" class="whole">{first}</bdi>' in lead and f'<bdi dir="ltr" class="whole">{last}</bdi>' in lead


def test_in_arabic_the_dates_of_a_range_error_stay_whole_and_left_to_right():
    with translation.override("ar"):
        with pytest.raises(PeriodError) as refused:
            range_of_days("2026-03-01", "2026-01-01", today=date(2026, 12, 2))
    assert "\u20662026-01-01\u2069" in refused.value.message and "\u20662026-03-01\u2069" in refused.value.message


@pytest.mark.parametrize("language, value, unit, shown", [
    ("en", 18.58, "days", "18.6"),      # the CSV's 18.58 days: the page rounds it, it does not cut it to 18.5
    ("en", 1.96, "days", "2.0"),
    ("en", 14.86, "hours", "14.9"),
    ("en", 2.25, "days", "2.3"),        # a half goes up, as a reader rounds it
    ("en", 18.54, "days", "18.5"),
    ("ar", 18.58, "days", "18,6"),
    ("de", 99.96, "percent", "100,0 %"),
    ("en", 1234.56, "days", "1234.6"),
])
def test_a_figure_of_the_page_is_the_files_figure_rounded_to_one_decimal_not_cut(language, value, unit, shown):
    from rightsdesk.reports.presentation import display

    with translation.override(language):
        assert display(value, unit) == shown


@pytest.mark.django_db
@pytest.mark.parametrize("sent, field, words", [
    ({"from": "", "to": ""}, "from", "Enter the first day"),
    ({"from": "  ", "to": ""}, "from", "Enter the first day"),
    ({"from": "2026-01-01", "to": ""}, "to", "Enter the last day"),
    ({"from": "", "to": "2026-03-31"}, "from", "Enter the first day"),
    ({"to": "2026-03-31"}, "from", "Enter the first day"),
], ids=["both empty", "blanks", "no last day", "no first day", "first day left out"])
def test_the_range_form_sent_without_a_day_says_which_day_to_enter_at_its_field_and_keeps_the_other(
        client, sent, field, words):
    """Sent empty, the range form gave back the index with no word: the person could not tell the form was read."""
    response = client.get("/en/transparency/", sent)
    html = response.content.decode()
    summary = html.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert f'<a href="#report-{field}">' in summary and words in summary
    at_field = html.split(f'id="report-{field}-error"', 1)[1].split("</p>", 1)[0]
    assert words in at_field
    assert f'aria-invalid="true" aria-describedby="report-{field}-error"' in html
    for name, typed in sent.items():
        if typed.strip():
            assert f'name="{name}" value="{typed}"' in html
