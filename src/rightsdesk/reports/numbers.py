"""How a report page writes a figure: the one rule for its tables, the changes under them and its charts.

In the page's language (``use_l10n``): an Arabic page writes 8,3 where an English one writes 8.3, and groups
thousands as the language does. A chart beside a table must write a figure as the table does, or a reader sees two
spellings of the same number.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format


def count(value) -> str:
    """A count: a whole number, thousands grouped."""
    return number_format(value, use_l10n=True, force_grouping=True)


def one_decimal(value) -> str:
    """A percentage, a number of days or hours: one decimal, rounded (half up) from the files' figure.

    Django's ``number_format`` cuts the digits it does not show (18.58 would read 18.5 beside the CSV's 18.58), so
    the value is rounded first.
    """
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, 1, use_l10n=True)


def figure(value) -> str:
    """A figure whose unit is not known (a chart's bar): a count when it is whole, else one decimal."""
    return count(int(value)) if float(value).is_integer() else one_decimal(value)
