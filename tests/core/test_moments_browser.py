"""In Chromium: a moment on a staff page is written in UTC and says so; a reader whose clock is not UTC at that moment
also sees it in their own time, in the page's language and digits (core/static/rightsdesk/local-times.js). A reader
on UTC sees the UTC time alone, and so does a browser without JavaScript."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: A winter deadline: 17:00 UTC is 09:00 in San Francisco (PST, UTC-8) and 20:30 in Tehran (UTC+3:30).
DUE = datetime(2027, 1, 15, 17, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def due_case(make_case):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, subject="Paragraph about a living person")
    Case.objects.filter(pk=case.pk).update(due_at=DUE)
    return case


def _due(page, live_server, lang):
    page.goto(f"{live_server.url}/{lang}/staff/?view=open")
    moment = page.locator("td.due time[data-moment]").first
    expect(moment).to_have_text("2027-01-15 17:00 UTC")
    return moment


@pytest.mark.reader_time_zone("America/Los_Angeles")
def test_a_reader_in_san_francisco_sees_the_deadline_in_utc_and_in_their_own_time_in_each_language(
        page, live_server, due_case, make_staff, sign_in_browser):
    sign_in_browser(make_staff("reviewer"))
    # (language, what the reader's own time says: the page's language, its digits (Western but in Persian), and the
    # Gregorian calendar of the rest of the site (Persian's own default would write the solar month, Dey))
    for lang, own in [("en", ["(Jan 15, 09:00 PST)"]), ("ar", ["15 يناير", "09:00"]), ("fa", ["۱۵ ژانویه", "۰۹:۰۰"])]:
        moment = _due(page, live_server, lang)
        reader = moment.locator("xpath=following-sibling::bdi[1]")
        expect(reader).to_have_class("reader-time")
        for words in own:
            expect(reader).to_contain_text(words)
        assert reader.inner_text().count("(") == 1, "one pair of parentheses, also where the zone has its own"
        assert moment.evaluate("t => t.nextSibling.textContent") == " "
        assert page.locator("bdi.reader-time").count() == page.locator("time[data-moment]").count()


@pytest.mark.reader_time_zone("Etc/UTC")
def test_a_reader_on_utc_sees_the_utc_time_alone(page, live_server, due_case, make_staff, sign_in_browser):
    sign_in_browser(make_staff("reviewer"))
    _due(page, live_server, "en")
    assert page.locator("bdi.reader-time").count() == 0


@pytest.mark.reader_time_zone("Etc/UTC")
def test_a_moment_is_never_broken_across_lines_in_an_arabic_sentence(
        page, live_server, due_case, make_staff, sign_in_browser):
    """A moment broken at a line's end (at 390 px "…اقترحه approver في 2026-12-" then "07 15:06 UTC.") reads as
    another date, its pieces drawn in the wrong order: like a reference (``bdi.ref``), a moment is one word. Here the
    block around each moment of the Arabic case page is squeezed as narrow as it goes; each stays on one line."""
    sign_in_browser(make_staff("reviewer"))
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/ar/staff/cases/{due_case.reference}/")
    broken = page.evaluate("""() => Array.from(document.querySelectorAll("time[data-moment]")).filter(t => {
        const block = t.closest("p, li, dd, td, div");
        block.style.width = "1ch";
        const lines = t.getClientRects().length;
        block.style.width = "";
        return lines > 1;
    }).map(t => t.textContent)""")
    assert page.locator("time[data-moment]").count() > 0
    assert broken == []
