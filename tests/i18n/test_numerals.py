"""Persian pages and notices write Persian digits; Arabic and Urdu keep Western digits (docs/translating.md).
References, addresses, form fields and isolated left-to-right text keep the digits as typed."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from rightsdesk.core.numerals import localize, localize_html


def test_persian_dates_and_figures_use_persian_digits_and_codes_keep_theirs():
    assert localize("3 دسامبر 2026، 14:05", "fa") == "۳ دسامبر ۲۰۲۶، ۱۴:۰۵"
    assert localize("RD-2026-7KQ2M4P https://fa.wikipedia.org/wiki/2020 a@b.org", "fa") == (
        "RD-2026-7KQ2M4P https://fa.wikipedia.org/wiki/2020 a@b.org")
    assert localize("2026", "ar") == "2026" and localize("2026", "ur") == "2026" and localize("2026", "en") == "2026"


def test_in_html_only_the_visible_text_changes():
    html = ('<p title="12">Page 2 <bdi dir="ltr" class="ref">RD-2026-AB12</bdi> <input value="12">'
            '<span dir="ltr">17 U.S.C. 512(c)(3)</span> <textarea>45</textarea> 2026</p><script>var x = 1;</script>')
    assert localize_html(html, "fa") == (
        '<p title="12">Page ۲ <bdi dir="ltr" class="ref">RD-2026-AB12</bdi> <input value="12">'
        '<span dir="ltr">17 U.S.C. 512(c)(3)</span> <textarea>45</textarea> ۲۰۲۶</p><script>var x = 1;</script>')


def test_a_notice_date_in_persian_has_persian_digits():
    from rightsdesk.core.moments import day_text

    with translation.override("fa"):
        assert day_text(datetime.date(2026, 12, 3)) == "۳ دسامبر ۲۰۲۶"
    with translation.override("ar"):
        assert "2026" in day_text(datetime.date(2026, 12, 3))


@pytest.mark.django_db
def test_a_persian_page_is_served_with_persian_digits(client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fa", "Persian")]
    html = client.get("/fa/transparency/2026-H1/").content.decode()
    assert "۲۰۲۶" in html and 'href="/fa/transparency/2026-H1/' in html.replace("H1/csv", "H1/")
    assert "۲۰۲۶" not in client.get("/ar/transparency/2026-H1/").content.decode()
