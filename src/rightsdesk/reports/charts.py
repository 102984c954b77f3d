"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers, mirrored for RTL.

Each chart carries a <title> and a <desc> naming every value it shows
(``role="img"`` with ``aria-labelledby``), and the page puts the full data
table next to it, so nothing is only in the picture.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from rightsdesk.core.lists import comma_list, semicolon_list

from .numbers import figure  # every value as the table beside the chart writes it, in the page's language
from .structure import Table

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 56
BAR_HEIGHT = 18
ROW_HEIGHT = 26
TOP = 8
MAX_BARS = 15
MAX_LABEL_CHARS = 32
#: A legend line of a share chart runs from the axis across the bars and their values.
MAX_LEGEND_CHARS = 64
LEGEND_LINE = 18


def _short(label: str, limit: int = MAX_LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def rest_label(rest: str, count: int) -> str:
    """The label of the bar that stands for the ``count`` rows past the largest: "Other countries (12)"."""
    if rest == "countries":
        return _("Other countries (%(count)s)") % {"count": count}
    if rest == "projects":
        return _("Other projects or sites (%(count)s)") % {"count": count}
    return _("Other rows (%(count)s)") % {"count": count}


def bar_chart(*, chart_id: str, title: str, bars: list[tuple[str, float]], rtl: bool = False,
              note: str = "", rest: str = "") -> SafeString:
    """A horizontal bar chart of ``bars`` (label, value); the largest ``MAX_BARS`` are drawn.

    With ``rest`` (what the rows are, e.g. "countries"), a chart with more rows
    than that draws the largest ``MAX_BARS - 1`` and one last bar with the sum
    of all the others, labelled with their number ("Other countries (12)"), so
    the chart still adds up to the table's total.
    """
    values = [(label, value) for label, value in bars if value is not None]
    shown = values[:MAX_BARS]
    others = None
    if rest and len(values) > MAX_BARS:
        shown, remaining = values[:MAX_BARS - 1], values[MAX_BARS - 1:]
        others = (rest_label(rest, len(remaining)), sum(value for _label, value in remaining))
        shown = shown + [others]
    described = semicolon_list(f"{label}: {figure(value)}" for label, value in shown) or _("No cases.")
    if others:
        described += " " + _("The last bar adds up the rows not drawn on their own; the table lists them all.")
    elif len(values) > len(shown):
        described += " " + _("Only the first %(n)s rows are drawn; the table lists them all.") % {"n": len(shown)}
    if note:
        described = f"{note} {described}"
    height = TOP * 2 + ROW_HEIGHT * max(1, len(shown))
    largest = max([value for _label, value in shown] + [0])
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    direction = "rtl" if rtl else "ltr"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" direction="{direction}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(described)}</desc>',
    ]
    # The axis sits between labels and bars; in RTL everything is mirrored.
    axis = WIDTH - LABEL_WIDTH if rtl else LABEL_WIDTH
    parts.append(f'<line class="axis" x1="{axis}" y1="{TOP}" x2="{axis}" y2="{height - TOP}" stroke="#57606a"/>')
    for index, (label, value) in enumerate(shown):
        y = TOP + index * ROW_HEIGHT
        length = 0 if not largest else round(span * value / largest, 1)
        if value and length < 2:
            length = 2  # a non-zero value stays visible
        bar_x = axis - length if rtl else axis
        label_x = axis + 8 if rtl else axis - 8
        value_x = axis - length - 4 if rtl else axis + length + 4
        text_y = y + BAR_HEIGHT / 2 + 4
        is_rest = others is not None and index == len(shown) - 1
        parts.append(
            f'<g class="bar{" rest" if is_rest else ""}"><title>{escape(label)}: {figure(value)}</title>'
            f'<text x="{label_x}" y="{text_y}" text-anchor="end" direction="{direction}">{escape(_short(label))}</text>'
            f'<rect x="{bar_x}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{"#57606a" if is_rest else "#0b5cad"}"/>'
            f'<text x="{value_x}" y="{text_y}" text-anchor="start" direction="{direction}" '
            f'class="value">{figure(value)}</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def chart_title(table: Table) -> str:
    """What the chart of a table shows: its own title if it has one, else the table's and the column's."""
    if table.chart_title:
        return table.chart_title
    column = next(col for col in table.columns if col.key == table.chart)
    return f"{table.title}: {column.label}"


def table_chart(section_key: str, table: Table, *, rtl: bool = False, leave_out=lambda value: False,
                note: str = "") -> SafeString | None:
    """The chart of a report table (its ``chart`` column by row, largest first), or None if it has none.

    Rows whose value ``leave_out`` says not to draw are left out (and out of the "others" bar).
    """
    if not table.chart:
        return None
    bars = [(row.label, row.values.get(table.chart) or 0) for row in table.rows
            if row.key != "all" and not leave_out(row.values.get(table.chart))]
    bars.sort(key=lambda bar: -bar[1])
    return bar_chart(chart_id=f"chart-{section_key}-{table.key}", title=chart_title(table), bars=bars, rtl=rtl,
                     note=note, rest=table.chart_rest)


# Shares ---------------------------------------------------------------------

def _percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1)


def share_chart(*, chart_id: str, title: str, bars: list[tuple[str, float, float]], part_label: str,
                rest_label: str, rtl: bool = False, note: str = "") -> SafeString:
    """Horizontal bars of equal length, each split into ``part`` and the rest of ``whole``: (label, part, whole).

    Rows with nothing in them are not drawn (a share of nothing is no share); the largest ``MAX_BARS`` by
    ``whole`` are. Each bar carries its percentage, and the description names every share and both figures.
    """
    values = sorted([(label, part, whole) for label, part, whole in bars if whole], key=lambda bar: -bar[2])
    shown = values[:MAX_BARS]
    described = semicolon_list(
        f"{label}: {figure(_percent(part, whole))} % {part_label} ({figure(part)} / {figure(whole)})"
        for label, part, whole in shown) or _("No cases.")
    if len(values) > len(shown):
        described += " " + _("Only the first %(n)s rows are drawn; the table lists them all.") % {"n": len(shown)}
    if note:
        described = f"{note} {described}"
    legend = 2 * LEGEND_LINE + 6
    height = TOP * 2 + legend + ROW_HEIGHT * max(1, len(shown))
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    direction = "rtl" if rtl else "ltr"
    axis = WIDTH - LABEL_WIDTH if rtl else LABEL_WIDTH
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart share-chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" direction="{direction}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(described)}</desc>',
    ]
    # The legend: a swatch and the name of each part, one line each from the axis on (mirrored in RTL); side by side,
    # a long name ran into the next one.
    for index, (name, colour) in enumerate(((part_label, "#0b5cad"), (rest_label, "#c9d1d9"))):
        swatch_x = axis - 12 if rtl else axis
        text_x = axis - 16 if rtl else axis + 16
        y = TOP + 2 + index * LEGEND_LINE
        parts.append(f'<g class="legend"><rect x="{swatch_x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{text_x}" y="{y + 10}" text-anchor="start" direction="{direction}">'
                     f'{escape(_short(name, MAX_LEGEND_CHARS))}</text></g>')
    for index, (label, part, whole) in enumerate(shown):
        y = TOP + legend + index * ROW_HEIGHT
        share = _percent(part, whole)
        filled = round(span * part / whole, 1)
        text_y = y + BAR_HEIGHT / 2 + 4
        part_x = axis - filled if rtl else axis
        rest_x = axis - span if rtl else axis + filled
        label_x = axis + 8 if rtl else axis - 8
        value_x = axis - span - 4 if rtl else axis + span + 4
        parts.append(
            f'<g class="bar share" data-share="{share}"><title>{escape(label)}: {figure(share)} % ({figure(part)} / '
            f'{figure(whole)})</title>'
            f'<text x="{label_x}" y="{text_y}" text-anchor="end" direction="{direction}">{escape(_short(label))}</text>'
            f'<rect x="{part_x}" y="{y}" width="{filled}" height="{BAR_HEIGHT}" fill="#0b5cad"/>'
            f'<rect x="{rest_x}" y="{y}" width="{round(span - filled, 1)}" height="{BAR_HEIGHT}" fill="#c9d1d9"/>'
            f'<text x="{value_x}" y="{text_y}" text-anchor="start" direction="{direction}" class="value">'
            f'{figure(share)} %</text></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


# Trends ---------------------------------------------------------------------

#: Colours (Okabe-Ito, told apart by most colour-blind readers) and dash patterns, so lines differ in two ways.
LINE_STYLES = [("#0072b2", ""), ("#d55e00", "6 3"), ("#009e73", "2 3"), ("#cc79a7", "8 3 2 3"), ("#e69f00", ""),
               ("#56b4e9", "6 3"), ("#000000", "2 3"), ("#999933", "8 3 2 3"), ("#882255", "")]
TREND_HEIGHT = 240


def line_style(index: int) -> tuple[str, str]:
    return LINE_STYLES[index % len(LINE_STYLES)]


def trend_chart(*, chart_id: str, title: str, periods: list[str], lines: list[tuple[str, list[int]]],
                rtl: bool = False) -> SafeString:
    """One line per series over ``periods`` (oldest first; in RTL the time axis runs from right to left).

    The legend and the full figures are in the page's table next to it; the description names the last
    figure of each line.
    """
    left, right, top, bottom = 48, 40, 12, 40  # room for the first and last period's label either way
    plot_w, plot_h = WIDTH - left - right, TREND_HEIGHT - top - bottom
    largest = max([max(values) for _label, values in lines] + [1])
    step = plot_w / max(1, len(periods) - 1)
    direction = "rtl" if rtl else "ltr"

    def x_of(index: int) -> float:
        x = left + (step * index if len(periods) > 1 else plot_w / 2)
        return round(WIDTH - x if rtl else x, 1)

    def y_of(value: float) -> float:
        return round(top + plot_h - plot_h * value / largest, 1)

    described = semicolon_list(f"{label}: {comma_list(figure(v) for v in values)}" for label, values in lines)
    described = (f"{periods[0]} – {periods[-1]}. " if periods else "") + (described or _("No cases."))
    axis_x = WIDTH - left if rtl else left
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart trend-chart" id="{escape(chart_id)}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" viewBox="0 0 {WIDTH} {TREND_HEIGHT}" '
        f'width="{WIDTH}" height="{TREND_HEIGHT}" direction="{direction}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(described)}</desc>',
        f'<line class="axis" x1="{axis_x}" y1="{top}" x2="{axis_x}" y2="{top + plot_h}" stroke="#57606a"/>',
        f'<line class="axis" x1="{left if not rtl else right}" y1="{top + plot_h}" '
        f'x2="{WIDTH - right if not rtl else WIDTH - left}" y2="{top + plot_h}" stroke="#57606a"/>',
    ]
    label_x = axis_x + 6 if rtl else axis_x - 6
    for value in (0, largest):
        parts.append(f'<text x="{label_x}" y="{y_of(value) + 4}" text-anchor="end" direction="{direction}" '
                     f'class="tick">{figure(value)}</text>')
    every = max(1, -(-len(periods) // 8))  # at most about eight period labels under the axis
    for index, slug in enumerate(periods):
        if index % every == 0 or index == len(periods) - 1:
            parts.append(f'<text x="{x_of(index)}" y="{top + plot_h + 16}" text-anchor="middle" class="tick" '
                         f'direction="ltr">{escape(slug)}</text>')
    for number, (label, values) in enumerate(lines):
        colour, dash = line_style(number)
        points = " ".join(f"{x_of(i)},{y_of(v)}" for i, v in enumerate(values))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="line" data-series="{escape(label)}"><title>{escape(label)}</title>'
                     f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dashes}/>'
                     + "".join(f'<circle cx="{x_of(i)}" cy="{y_of(v)}" r="3" fill="{colour}"/>'
                               for i, v in enumerate(values)) + "</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))
