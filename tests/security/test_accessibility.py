"""axe-core in Chromium over every public page, in English and Arabic: no serious or critical violation, no CSP report.

People who write to us include people at risk, on old phones, with screen
readers, in right-to-left scripts. Every page they can reach without an
account is loaded in Chromium (Playwright), checked by axe-core (from npm,
``node_modules/axe-core``) and watched for Content-Security-Policy violations:
a page that needs an inline script or style to work would break under our
policy, and a report means exactly that.

axe-core is injected with ``page.evaluate`` (DevTools evaluation is not
subject to the page's CSP), so the policy stays in force while we check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
LANGUAGES = ["en", "ar"]
BLOCKING = {"serious", "critical"}

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE} is missing). Install it at the repository root with "
                    f"`npm install --no-save --no-audit --no-fund axe-core@4` (./run test does this).")
    return AXE.read_text()


def public_pages(world) -> dict[str, str]:
    """Every page reachable without an account, by name; the language prefix is added per run."""
    from rightsdesk.intake.kinds import SPECS_BY_SLUG

    pages = {"home": "/"}
    for slug in SPECS_BY_SLUG:
        pages[f"form {slug}"] = f"/request/{slug}/"
    pages.update({
        "tracking page": f"/track/{world.tracking_token}/",
        "transparency landing": "/transparency/",
        "period report": f"/transparency/{world.period}/",
        "notice log": "/notices/",
        "notice log search": "/notices/?q=Beispiel&kind=content_takedown",
        "published notice": f"/notices/{world.published.public_id}/",
        "451 placeholder": f"/unavailable/{world.placeholder.public_id}/",
        "appeal page": f"/appeal/{world.appeal_token}/",
        "staff login": "/staff/login/",
    })
    return pages


REPEATED_IDS = """() => { const seen = {}; for (const e of document.querySelectorAll('[id]')) seen[e.id] = (seen[e.id] || 0) + 1;
    return Object.keys(seen).filter(id => seen[id] > 1); }"""


class Checker:
    def __init__(self, page, base_url: str, axe_source: str):
        self.page, self.base, self.axe = page, base_url, axe_source
        self.console_csp: list[str] = []
        self.checked: list[str] = []
        self.problems: list[str] = []
        page.add_init_script(WATCH_CSP)
        page.on("console", self._console)

    def _console(self, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console_csp.append(text)

    def check_current(self, name: str, lang: str) -> None:
        page = self.page
        page.wait_for_load_state("load")
        label = f"{name} [{lang}] {page.url.removeprefix(self.base)}"
        direction = page.evaluate("document.documentElement.dir")
        if lang == "ar" and direction != "rtl":
            self.problems.append(f"{label}: <html dir> is {direction!r}, not rtl")
        csp = page.evaluate("window.__cspViolations || []") + self.console_csp
        self.console_csp = []
        if csp:
            self.problems.append(f"{label}: Content-Security-Policy violations: {csp}")
        # Ids named twice: axe 4 no longer reports them (its duplicate-id rules are retired), but a label, an error
        # summary's link or aria-describedby that names a repeated id may lead to the wrong element.
        repeated = page.evaluate(REPEATED_IDS)
        if repeated:
            self.problems.append(f"{label}: ids used more than once: {repeated}")
        page.evaluate(self.axe)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in BLOCKING:
                targets = [", ".join(node["target"]) if isinstance(node["target"], list) else str(node["target"])
                           for node in violation["nodes"][:3]]
                self.problems.append(f"{label}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")
        self.checked.append(label)

    def visit(self, name: str, lang: str, path: str) -> None:
        self.page.goto(f"{self.base}/{lang}{path}")
        self.check_current(name, lang)


def test_every_public_page_in_english_and_arabic_passes_axe_with_no_csp_violation(page, live_server, world, settings,
                                                                                    axe_source):
    from django.core.cache import cache

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1000}
    cache.clear()
    checker = Checker(page, live_server.url, axe_source)
    pages = public_pages(world)
    for lang in LANGUAGES:
        for name, path in pages.items():
            checker.visit(name, lang, path)
        # A form sent back with errors (the error summary and the invalid fields), then a receipt.
        page.goto(f"{live_server.url}/{lang}/request/copyright/")
        with page.expect_navigation():  # read the answer, not the page being replaced
            page.click("form.intake-form button[type=submit]")
        checker.check_current("form with errors", lang)
        page.fill("textarea[name=description]", "My photograph is used on this page without my permission.")
        with page.expect_navigation():
            page.click("form.intake-form button[type=submit]")
        assert page.locator("#reference").count() == 1, f"no receipt after sending the form in {lang}"
        checker.check_current("receipt", lang)

    assert not checker.problems, "\n".join(checker.problems)
    expected = len(LANGUAGES) * (len(pages) + 2)
    assert len(checker.checked) == expected
    print(f"\naxe: {len(checker.checked)} page views ({len(pages) + 2} pages x {len(LANGUAGES)} languages), "
          f"0 serious or critical violations, 0 CSP violations")


def test_the_checker_catches_an_inaccessible_element_and_a_csp_violation(page, live_server, db, axe_source):
    """The negative control: the same checks on a page we break on purpose must report both problems."""
    checker = Checker(page, live_server.url, axe_source)
    page.goto(f"{live_server.url}/en/staff/login/")
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = '/static/rightsdesk/site.css';  // an image without a text alternative
        document.querySelector('main, body').appendChild(img);
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline style</p>');
        document.body.insertAdjacentHTML('beforeend', '<input type="hidden" id="twice"><input type="hidden" id="twice">');
    }""")
    page.wait_for_timeout(200)
    checker.check_current("broken on purpose", "en")
    problems = "\n".join(checker.problems)
    assert "image-alt" in problems, problems
    assert "style-src" in problems, problems
    assert "ids used more than once: ['twice']" in problems, problems


def staff_pages(world) -> list[tuple[str, str, str]]:
    """Every staff page of the access table (name, a role that may open it, its path without the language).

    Taken from tests/security/access_table.py, so a new staff page is checked the day it gets its row.
    Django's own admin is not ours to fix and is left out.
    """
    from django.urls import reverse
    from django.utils import translation

    from tests.security.access_table import ANON, PATTERNS, ROLES

    pages = []
    with translation.override("en"):
        for name, row in PATTERNS.items():
            if not row.get or name.startswith("admin") or row.get.get(ANON) == 200:
                continue
            roles = [role for role in ROLES if row.get.get(role) == 200]
            if roles:
                path = reverse(name, kwargs=row.kwargs(world))
                pages.append((name, roles[0], path.removeprefix("/en")))
    return pages


def test_every_staff_page_in_english_and_arabic_passes_axe_with_no_csp_violation(page, live_server, world, axe_source,
                                                                                   sign_in_browser):
    checker = Checker(page, live_server.url, axe_source)
    pages, skipped, downloads = staff_pages(world), [], []
    page.on("download", lambda download: downloads.append(download))
    for lang in LANGUAGES:
        for name, role, path in pages:
            sign_in_browser(world.staff[role])
            try:
                response = page.goto(f"{live_server.url}/{lang}{path}")
            except PlaywrightError as error:
                if "Download is starting" not in str(error):
                    raise
                response = None
                # Let the download finish, so its response (and the session cookie it carries) is done before
                # the next page signs someone else in.
                page.wait_for_timeout(50)
                for download in downloads:
                    download.path()
                downloads.clear()
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                skipped.append(name)  # a download (CSV, attachment), not a page
                continue
            assert response.status == 200, f"{name} [{lang}] as {role}: {response.status}"
            checker.check_current(f"{name} as {role}", lang)
        # A confirmation (the site's messages) after an action: a researcher token issued, then revoked.
        sign_in_browser(world.staff["administrator"])
        page.goto(f"{live_server.url}/{lang}/staff/researcher-tokens/")
        page.fill("#id_organisation", "Example University")
        page.fill("#id_contact", "Dr Example <research@example.edu>")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        assert page.locator("#new-token").count() == 1, f"the new token is not shown after the redirect in {lang}"
        checker.check_current("researcher token issued", lang)
        with page.expect_navigation():
            page.locator("#researcher-tokens button").first.click()
        assert page.locator(".messages li").count() == 1, f"no confirmation of the revocation in {lang}"
        checker.check_current("a confirmation message", lang)

    assert not checker.problems, "\n".join(checker.problems)
    assert len(checker.checked) >= 2 * 10, checker.checked  # the queue, case, notices, redaction, register, ...
    print(f"\naxe: {len(checker.checked)} staff page views, 0 serious or critical violations, 0 CSP violations "
          f"(downloads not checked: {sorted(set(skipped))})")
