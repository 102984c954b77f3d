"""Server-side SVG bar charts: described for screen readers, escaped, mirrored for right-to-left."""

import re

from rightsdesk.reports.charts import MAX_BARS, bar_chart


def bars_x(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<rect x="([0-9.]+)"', svg)]


def test_a_chart_names_every_value_it_draws_in_its_title_and_description():
    svg = bar_chart(chart_id="c1", title="By country", bars=[("Germany", 5), ("France", 3)])
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">By country</title>' in svg
    assert '<desc id="c1-desc">Germany: 5; France: 3</desc>' in svg
    assert "<script" not in svg


def test_the_description_is_punctuated_in_the_pages_language():
    from django.utils import translation

    with translation.override("ar"):
        svg = bar_chart(chart_id="c1", title="حسب البلد", bars=[("ألمانيا", 5), ("فرنسا", 3)], rtl=True)
    assert '<desc id="c1-desc">ألمانيا: 5؛ فرنسا: 3</desc>' in svg


def test_labels_are_escaped():
    svg = bar_chart(chart_id="c2", title="<b>x</b>", bars=[('<script>alert(1)</script>', 1)])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_bars_are_proportional_and_a_small_value_stays_visible():
    svg = bar_chart(chart_id="c3", title="t", bars=[("a", 1000), ("b", 1), ("c", 0)])
    widths = [float(w) for w in re.findall(r'width="([0-9.]+)" height="18"', svg)]
    assert widths[0] > 300 and widths[1] == 2 and widths[2] == 0


def test_right_to_left_charts_grow_from_the_right():
    ltr = bar_chart(chart_id="c4", title="t", bars=[("a", 10), ("b", 5)])
    rtl = bar_chart(chart_id="c4", title="t", bars=[("a", 10), ("b", 5)], rtl=True)
    assert 'direction="rtl"' in rtl and 'direction="rtl"' not in ltr
    assert bars_x(ltr) == [220.0, 220.0]  # every bar starts at the axis after the labels
    assert bars_x(rtl)[0] < bars_x(rtl)[1] < 640 - 220  # and ends at the axis before them in RTL


def test_only_the_largest_bars_are_drawn_and_the_description_says_so():
    svg = bar_chart(chart_id="c5", title="t", bars=[(f"row {i}", 100 - i) for i in range(40)])
    assert svg.count("<rect") == MAX_BARS
    assert "the table lists them all" in svg


def test_a_chart_writes_each_figure_as_the_table_beside_it_does_in_the_pages_language():
    """An Arabic or German page writes 8,3 where an English one writes 8.3: the chart's labels and description too,
    or a reader sees two spellings of one figure (reports.numbers is the one rule for both)."""
    from django.utils import translation

    from rightsdesk.reports.presentation import display
    from rightsdesk.reports.structure import COUNT, PERCENT

    for language, share, many in [("en", "8.3", "12,345"), ("de", "8,3", "12.345"), ("ar", "8,3", None)]:
        with translation.override(language):
            many = many or display(12345, COUNT)  # Arabic as the table writes it
            svg = bar_chart(chart_id="c9", title="t", bars=[("a", 12345), ("b", 8.3)])
            separator = "؛ " if language == "ar" else "; "  # the Arabic semicolon (core.lists.semicolon_list)
            assert f"a: {many}{separator}b: {share}</desc>" in svg, (language, svg)
            assert f'class="value">{share}</text>' in svg and display(8.3, PERCENT) == f"{share} %"


def test_a_share_charts_legend_gives_each_part_a_line_of_its_own_so_long_names_do_not_run_together():
    from rightsdesk.reports.charts import share_chart

    part, rest = "Complied with in full or in part", "Not granted (refused, invalid, withdrawn or pending)"
    for rtl in (False, True):
        svg = share_chart(chart_id="s1", title="t", bars=[("a", 1, 4), ("b", 2, 3)], part_label=part,
                          rest_label=rest, rtl=rtl)
        legend = re.findall(r'<g class="legend"><rect x="([0-9.]+)" y="([0-9.]+)"[^>]*/><text[^>]*>([^<]*)</text>', svg)
        assert [name for _x, _y, name in legend] == [part, rest], "both names whole"
        assert legend[0][0] == legend[1][0] and float(legend[1][1]) > float(legend[0][1]), "one under the other"
        first_bar = min(float(y) for y in re.findall(r'<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="18"', svg))
        assert first_bar >= float(legend[1][1]) + 12, "the bars start below the legend"
