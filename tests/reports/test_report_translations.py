"""Every string of the period report is translated into Arabic, Spanish, French and Simplified Chinese."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.utils import translation

import rightsdesk.reports
from rightsdesk.reports.periods import PeriodError, range_of_days

LOCALE = Path(rightsdesk.reports.__file__).parent / "locale"


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "zh_Hans"])
def test_the_report_catalogue_has_no_untranslated_or_fuzzy_entry(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    assert (LOCALE / lang / "LC_MESSAGES" / "django.mo").exists()
    assert len(po) > 150
    assert not po.untranslated_entries() and not po.fuzzy_entries()


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "zh-hans"])
def test_the_range_errors_and_the_withheld_figures_read_in_the_visitors_language(lang):
    from datetime import date

    from rightsdesk.reports import disclosure
    from rightsdesk.reports.structure import Withheld

    with translation.override(lang):
        with pytest.raises(PeriodError) as refused:
            range_of_days("2026-03-01", "2026-01-01", today=date(2026, 12, 2))
        assert "before the first day" not in refused.value.message and "2026-01-01" in refused.value.message
        assert disclosure.display(Withheld("<5")) != "fewer than 5"
