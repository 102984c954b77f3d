"""Bar charts drawn on the server as SVG: no JavaScript, readable by screen readers, mirrored for RTL.

Each chart carries a <title> and a <desc> naming every value it shows
(``role="img"`` with ``aria-labelledby``), and the page puts the full data
table next to it, so nothing is only in the picture.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .structure import Table

WIDTH = 640
LABEL_WIDTH = 220
VALUE_WIDTH = 56
BAR_HEIGHT = 18
ROW_HEIGHT = 26
TOP = 8
MAX_BARS = 15
MAX_LABEL_CHARS = 32


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


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
    described = "; ".join(f"{label}: {_number(value)}" for label, value in shown) or _("No cases.")
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
            f'<g class="bar{" rest" if is_rest else ""}"><title>{escape(label)}: {_number(value)}</title>'
            f'<text x="{label_x}" y="{text_y}" text-anchor="end" direction="{direction}">{escape(_short(label))}</text>'
            f'<rect x="{bar_x}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="{"#57606a" if is_rest else "#0b5cad"}"/>'
            f'<text x="{value_x}" y="{text_y}" text-anchor="start" direction="{direction}" '
            f'class="value">{_number(value)}</text></g>'
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
