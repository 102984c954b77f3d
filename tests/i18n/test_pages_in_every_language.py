"""Every public page in every shipped language and in the pseudo-locale, in one browser.

- each shipped language: the page is in that language (``<html lang>``), right to left where it should be, nothing
  scrolls sideways on a 390 px phone, and axe-core finds no serious or critical violation;
- the pseudo-locale ``en-xa`` (generated from the English messages: accented, a third longer, placeholders kept):
  no visible word without accents (a string not marked for translation: data the test created, the platform's
  name, codes and addresses aside) and no sideways scrolling with the longer text;
- Persian and Urdu (right to left, not shipped until their catalogues are complete): right to left and no
  sideways scrolling. ``RIGHTSDESK_SCREENSHOTS=DIR`` keeps a screenshot of each page of fa, ur and en-xa there.
"""

from __future__ import annotations

import re

import pytest

from rightsdesk.core import languages, pseudo
from tests import screenshots
from tests.security.conftest import world  # noqa: F401  (the fixture: one real object behind every URL)
from tests.security.test_accessibility import BLOCKING, Checker, axe_source, public_pages  # noqa: F401

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}

#: Visible text nodes with an ASCII word of three letters or more, outside what is not a message (the language
#: switcher's own names, codes, references, addresses). Words with digits, dots, slashes or @ are codes or addresses.
UNMARKED = r"""(allowed) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || el.closest('script, style, #lang-select, [translate=no], code, kbd, .ref, .visually-hidden')) continue;
    if (!el.getClientRects().length) continue;
    let text = node.textContent;
    for (const phrase of allowed) text = text.split(phrase).join(' ');
    for (const raw of text.split(/\s+/)) {
      const word = raw.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
      if (/[a-z]{3,}/.test(word) && !/[0-9./@_=:\\]/.test(word)) { found.push(node.textContent.trim().slice(0, 90)); break; }
    }
  }
  return [...new Set(found)];
}"""
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def pseudo_locale(settings, tmp_path):
    """en-xa generated into a temporary locale directory and offered, as RIGHTSDESK_PSEUDO_LOCALE=1 does."""
    pseudo.build(tmp_path / "locale")
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, tmp_path / "locale"]
    settings.LANGUAGES = [*settings.LANGUAGES, (pseudo.CODE, "Pseudo")]
    return pseudo.CODE


def data_phrases() -> list[str]:
    """What the test's own data put on the pages (titles, reasons, names, projects): not messages to translate."""
    from django.apps import apps
    from django.conf import settings

    phrases = {settings.RIGHTSDESK["PLATFORM_NAME"], settings.RIGHTSDESK["SITE_NAME"]}
    for label in ("transparency.PublicRecord", "transparency.PublicRecordItem", "notices.Placeholder",
                  "cases.Case", "cases.TargetItem", "appeals.AppealFiling"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        fields = [f.attname for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")]
        for row in model.objects.values_list(*fields):
            phrases.update(str(value) for value in row if value and len(str(value)) > 2)
    # Longest first, so a title is taken out before a word inside it.
    return sorted(phrases, key=len, reverse=True)


def test_every_public_page_in_every_shipped_language_and_the_pseudo_locale(page, live_server, world, settings,  # noqa: F811
                                                                          axe_source, pseudo_locale):  # noqa: F811
    from django.core.cache import cache

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1000}
    cache.clear()
    page.set_viewport_size(PHONE)
    checker = Checker(page, live_server.url, axe_source)
    pages = {name: path for name, path in public_pages(world).items() if name not in ("notice log search", "staff login")}
    pages["error page (404)"] = "/no-such-page/"
    allowed = data_phrases()
    shots = screenshots.folder()
    problems: list[str] = []
    codes = [language.code for language in languages.shipped()] + [pseudo_locale]

    def check(name: str, lang: str) -> None:
        label = f"{name} [{lang}]"
        html_lang = page.evaluate("document.documentElement.lang")
        if html_lang != lang:
            problems.append(f"{label}: <html lang> is {html_lang!r}")
        rtl = languages.BY_CODE[lang].rtl
        if page.evaluate("document.documentElement.dir") != ("rtl" if rtl else "ltr"):
            problems.append(f"{label}: wrong direction")
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            problems.append(f"{label}: scrolls sideways by {overflow} px at 390 px")
        if lang == pseudo_locale:
            unmarked = page.evaluate(UNMARKED, allowed)
            if unmarked:
                problems.append(f"{label}: text not marked for translation: {unmarked}")
        else:
            checker.check_current(name, lang)
        if shots and (lang == pseudo_locale or rtl):
            screenshots.keep(page, f"{lang}-{re.sub(r'[^a-z0-9]+', '-', name)}.png", full_page=True)

    for lang in codes:
        for name, path in pages.items():
            page.goto(f"{live_server.url}/{lang}{path}")
            check(name, lang)
        page.goto(f"{live_server.url}/{lang}/request/copyright/")
        # Wait for the answer to the POST: reading the page while it is being replaced finds no document.
        with page.expect_navigation():
            page.click("form.intake-form button[type=submit]")
        check("form with errors", lang)
        page.fill("textarea[name=description]", "My photograph is used on this page without my permission.")
        with page.expect_navigation():
            page.click("form.intake-form button[type=submit]")
        assert page.locator("#reference").count() == 1, f"no receipt after sending the form in {lang}"
        check("receipt", lang)

    problems += checker.problems
    assert not problems, "\n".join(problems)
    print(f"\n{len(codes)} languages x {len(pages) + 2} pages: no overflow at 390 px, no unmarked text in "
          f"{pseudo_locale}, axe: no serious or critical violation")


@pytest.mark.parametrize("lang", [language.code for language in languages.LANGUAGES if language.rtl
                                  and not language.shipped])
def test_persian_and_urdu_pages_are_right_to_left_and_fit_a_phone(page, live_server, world, settings, lang):  # noqa: F811
    """Before they ship: the right-to-left languages still being translated already lay out right to left."""
    settings.LANGUAGES = [*settings.LANGUAGES, (lang, lang)]
    page.set_viewport_size(PHONE)
    problems = []
    for name, path in {"home": "/", "form": "/request/copyright/",
                       "report": f"/transparency/{world.period}/", "notice": f"/notices/{world.published.public_id}/",
                       "tracking": f"/track/{world.tracking_token}/"}.items():
        page.goto(f"{live_server.url}/{lang}{path}")
        if page.evaluate("document.documentElement.dir") != "rtl":
            problems.append(f"{name} [{lang}]: not right to left")
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            problems.append(f"{name} [{lang}]: scrolls sideways by {overflow} px")
        screenshots.keep(page, f"{lang}-{name}.png", full_page=True)
    assert not problems, "\n".join(problems)
