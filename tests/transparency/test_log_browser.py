"""In Chromium: the public log's refused search gives back what was typed, to be corrected, and passes axe in English
and Arabic."""

from __future__ import annotations


import pytest
from playwright.sync_api import expect

from tests import screenshots
from tests.security.test_accessibility import AXE, Checker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_day_typed_wrongly_comes_back_in_its_field_to_be_corrected(page, live_server, language):
    """The log's date fields were date inputs, which cannot hold what is not a date: "2026-02-30" was refused and the
    field came back empty, the message quoting a day no longer anywhere to correct. The field holds it now, marked
    invalid and tied to its message, and the corrected search is answered."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/notices/?kind=gossip&date_from=2026-02-30&date_to=%D9%A2%D9%A0%D9%A2%D9%A6")
    day = page.locator("#id_date_from")
    expect(day).to_have_value("2026-02-30")
    expect(day).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_date_to")).to_have_value("٢٠٢٦")  # Arabic-Indic digits, as typed
    assert page.evaluate("id => document.getElementById(id).textContent",
                         day.get_attribute("aria-describedby").split()[-1]).find("2026-02-30") >= 0
    checker = Checker(page, live_server.url, AXE.read_text())
    checker.check_current("refused log search", language)
    assert not checker.problems, checker.problems
    if screenshots.folder():
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            screenshots.keep(page, f"log-refused-{language}-{width}.png", full_page=True)
    day.fill("2026-02-28")
    page.locator("#id_date_to").fill("٢٠٢٦-٠٣-٠١")
    page.locator("#id_kind").select_option("")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    expect(page.locator("#error-summary")).to_have_count(0)
    expect(page.locator("#id_date_from")).to_have_value("2026-02-28")


@pytest.mark.parametrize("language", ["ar", "fa", "ur"])
def test_an_arabic_text_that_begins_with_a_redaction_mark_reads_right_to_left(page, live_server, decided_case, publish,
                                                                              language):
    """"[NAME] تطلب حذف صورتها من المقالة": the mark's Latin letters were the first strong characters, so the title
    in the log (<bdi>) and on the notice page, the request and the reasons (dir="auto") were laid out left to right,
    the sentence at the wrong edge and its full stop at the wrong end. With each mark isolated, Chromium takes their
    direction from the Arabic, in every right-to-left language of the site."""
    from rightsdesk.cases import choices as c

    party = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Yasmin Haddad",
             "email": "yasmin@example.org"}
    notice = publish(decided_case(parties=[party], subject="Yasmin Haddad تطلب حذف صورتها من المقالة",
                                  description="Yasmin Haddad 2024. راسلوني على (yasmin@example.org) من فضلكم.",
                                  decision_summary="Yasmin Haddad: رُفض الطلب لأن الصورة منشورة برخصة حرة."))
    rtl = "element => element.matches(':dir(rtl)')"
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/{language}/notices/")
    title = page.locator(".log-results h2 bdi").first
    expect(title).to_contain_text("[NAME]")
    assert title.evaluate(rtl), "the log's title is laid out left to right"
    page.goto(f"{live_server.url}/{language}/notices/{notice.public_id}/")
    texts = {"title": page.locator("main h1[dir=auto]"), "request": page.locator(".notice-body").nth(0),
             "reasons": page.locator(".notice-body").nth(1)}
    for name, element in texts.items():
        expect(element).to_contain_text("[NAME]")
        assert element.evaluate(rtl), f"the notice's {name} is laid out left to right"
    if screenshots.folder():
        for width in (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            screenshots.keep(page, f"notice-marks-{language}-{width}.png", full_page=True)
