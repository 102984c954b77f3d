"""The staff queue and header fit the screen, and every input and button wears the site's styles (issue #14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from tests.review.conftest import sign_in_with_password as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_queue_column_is_visible_at_1280_px_and_each_case_is_a_card_on_a_phone(page, live_server, make_staff,
                                                                                       make_case):
    make_staff("reviewer", username="rita")
    soon = make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW, language="de",
                     subject="A long subject that names the page, the revision and the paragraph the requester wants removed")
    late = make_case(c.Kind.USER_DATA_REQUEST, state=c.State.TRIAGE, language="ar")
    Case.objects.filter(pk=soon.pk).update(due_at=timezone.now() + timedelta(hours=3, minutes=30))
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=2, hours=1))

    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "rita")
    headers = page.locator("table.queue thead th")
    expect(headers.first).to_be_visible()
    for name in ("Reference", "Subject", "Kind", "State", "Language", "Received", "Due", "Claimed by"):
        right = page.locator("table.queue thead th", has_text=name).first.evaluate("th => th.getBoundingClientRect().right")
        assert right <= 1280, f"the column {name!r} ends at {right} px, outside the 1280 px screen"
    assert page.evaluate("document.querySelector('.table-wrap').scrollWidth <= document.querySelector('.table-wrap').clientWidth")
    for width in (1440, 1920):  # the wider screens of the report hid the same columns
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.querySelector('.table-wrap').scrollWidth"
                             " <= document.querySelector('.table-wrap').clientWidth"), f"the queue scrolls sideways at {width} px"
        right = page.locator("table.queue thead th").last.evaluate("th => th.getBoundingClientRect().right")
        assert right <= width, f"the last column ends at {right} px, outside the {width} px screen"
    page.set_viewport_size({"width": 1280, "height": 900})
    # The deadline is counted down in words, with the exact time kept for machines and tooltips.
    expect(page.locator("td.due .countdown", has_text="due in 3 hours")).to_be_visible()
    expect(page.locator("td.due .countdown", has_text="overdue by 2 days")).to_be_visible()
    assert page.locator("td.due time[datetime]").count() == 2

    # Keyboard shortcuts (a static script; every one is also a button or a link): j moves, x selects, ? explains.
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator("table.queue tbody tr").first.locator("input[name=cases]").is_checked()
    page.keyboard.press("?")
    expect(page.locator("#shortcut-help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#shortcut-help")).to_be_hidden()
    page.keyboard.press("c")  # claims the selected case through the bulk form
    expect(page.get_by_text("1 claimed.")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    first = page.locator("table.queue tbody tr").first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    assert first.bounding_box()["width"] <= 390
    expect(first.locator("td[data-label='Due']")).to_be_visible()

    # Chinese (defect 16): no header ("语言", "领取人"...) breaks one character per line, at 1280 px or on a phone.
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/zh-hans/staff/")
        expect(page.locator("table.queue")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        broken = page.evaluate("""() => [...document.querySelectorAll('table.queue thead th:not(.select-cell), .site-header button')]
            .filter(el => el.getClientRects().length && el.textContent.trim().length > 1)
            .filter(el => { const r = document.createRange(); r.selectNodeContents(el);
                            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size
                                   >= el.textContent.trim().length; })
            .map(el => el.textContent.trim())""")
        assert broken == [], f"one character per line at {width} px: {broken}"


def test_the_staff_header_keeps_one_line_with_a_long_name_and_inputs_without_a_type_look_like_the_others(
        page, live_server, make_staff, django_user_model):
    user = make_staff("reviewer", username="maximiliane")
    django_user_model.objects.filter(pk=user.pk).update(first_name="Maximiliane-Alexandra",
                                                        last_name="Rodríguez de la Fuente y Wittelsbach")
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, live_server, "maximiliane")
    nav = page.locator(".site-nav")
    tops = nav.evaluate("nav => [...nav.children].map(el => Math.round(el.getBoundingClientRect().top))")
    heights = nav.evaluate("nav => [...nav.children].map(el => Math.round(el.getBoundingClientRect().height))")
    assert max(tops) - min(tops) <= 8, f"the header's items sit on several lines: tops {tops}"
    assert max(heights) <= 48, f"an item of the header wraps onto several lines: heights {heights}"

    # The public log's filters "Country" and "Project" (they had no type attribute) get the site's field style.
    page.goto(f"{live_server.url}/en/notices/")
    styled = page.locator("main form select").first  # styled by the site's field rule
    for selector in ("#id_country", "#id_project"):
        field = page.locator(selector)
        expect(field).to_be_visible()
        for prop in ("border-top-color", "border-top-left-radius", "padding-top"):
            assert field.evaluate(f"el => getComputedStyle(el)['{prop}']") == \
                styled.evaluate(f"el => getComputedStyle(el)['{prop}']"), f"{selector} {prop}"
    # A disabled button does not look like one that works.
    page.evaluate("""() => { const b = document.createElement('button'); b.id = 'probe'; b.className = 'button';
                             b.disabled = true; b.textContent = 'Publish'; document.querySelector('main').append(b); }""")
    probe = page.locator("#probe")
    assert float(probe.evaluate("b => getComputedStyle(b).opacity")) < 1 or \
        probe.evaluate("b => getComputedStyle(b).cursor") == "not-allowed"
    assert probe.evaluate("b => getComputedStyle(b).backgroundColor") != \
        page.locator("button.button, .button").first.evaluate("b => getComputedStyle(b).backgroundColor") or \
        float(probe.evaluate("b => getComputedStyle(b).opacity")) < 1


def test_a_saved_filter_named_in_one_long_word_does_not_push_the_queue_sideways_on_a_phone(page, live_server, make_staff):
    """A saved filter's name is what its owner typed, up to 80 characters: one long word (a code, a name in a script
    without spaces) made the Arabic queue 594 px wide on a 390 px phone, every case scrolled half off the screen."""
    from rightsdesk.review.filters import save_filter

    rita = make_staff("reviewer", username="rita")
    save_filter(rita, "ف" * 80, "kind=content_takedown")
    page.set_viewport_size({"width": 390, "height": 900})
    sign_in(page, live_server, "rita", lang="ar")
    expect(page.locator(".saved-filter a")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


#: Where the browser drew each number of the day in the queue's title cell of the case linked at ``href``: left edges.
DAY_DRAWN = """([href, day]) => {
  const cell = document.querySelector(`a[href="${href}"]`).closest('tr').querySelector('td.subject');
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const at = node.data.indexOf(day);
    if (at < 0) continue;
    return day.split('-').map((part, i) => {
      const start = at + day.split('-').slice(0, i).join('-').length + (i ? 1 : 0);
      const range = document.createRange(); range.setStart(node, start); range.setEnd(node, start + part.length);
      return range.getBoundingClientRect().left;
    });
  }
  return null;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_the_day_in_an_arabic_title_in_the_queue_reads_year_month_day_left_to_right(page, live_server, make_staff,
                                                                                   make_case, width):
    """An appeal's title in Arabic is "طعن في <reference> · <day>": after the Arabic words, the day's numbers were laid
    out right to left, so 2026-03-02 read 02-03-2026. The queue now isolates each part as the case page does."""
    from django.urls import reverse

    make_staff("reviewer", username="rita")
    decided = make_case(c.Kind.CONTENT_TAKEDOWN, items=[])
    appeal = make_case(c.Kind.APPEAL, appeal_of=decided, items=[])
    day = appeal.received_at.date().isoformat()
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/ar/staff/?view=all")
    href = reverse("review:case", kwargs={"reference": appeal.reference}).replace("/en/", "/ar/")
    year, month, day_of_month = page.evaluate(DAY_DRAWN, [href, day])
    assert year < month < day_of_month, (day, year, month, day_of_month)
