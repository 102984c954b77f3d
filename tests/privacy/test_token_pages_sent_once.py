"""The two pages that issue a secret token (API tokens, researcher tokens) issue one token per form, however often
the form is sent (core.form_once with privacy.shown_once).

| the issue form is …                                              | issued | the page after it shows            |
| ---------------------------------------------------------------- | ------ | ---------------------------------- |
| sent twice before any page is read (a double click)              | 1      | that token, once                   |
| sent a second time while the first sending is still being filed  | 1      | that token, once (it waits)        |
| sent again after the page showed its token (the back button)     | 1      | no token: it cannot be shown again |
| refused, corrected and sent again (the same form)                | 1      | the token                          |
| opened anew                                                      | -      | a new form token each time         |
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass

import pytest
from django.utils import translation

from rightsdesk.accounts.models import ApiToken
from rightsdesk.core import form_once
from rightsdesk.core.digests import token_digest
from rightsdesk.intake import staff_views as api_token_page
from rightsdesk.intake import tokens as api_tokens
from rightsdesk.opendata import staff_views as researcher_token_page
from rightsdesk.opendata import tokens as researcher_tokens
from rightsdesk.opendata.models import ResearcherToken
from rightsdesk.privacy import secret_pages, shown_once

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Page:
    url: str
    slot: str
    good: dict
    bad: dict  # refused: by the form or by the service
    rows: type

    def issue(self, actor):
        """A token made by the page's own service, as the first sending would."""
        if self.rows is ApiToken:
            return api_tokens.issue(api_tokens.organisation_named("Photo Agency"), label="batch", actor=actor)
        return researcher_tokens.issue(organisation="Institute for Platform Studies", contact="Ada <ada@ips.example>",
                                       actor=actor)


PAGES = {
    "API tokens": Page("/en/staff/tokens/", api_token_page.SHOWN_ONCE_SLOT,
                       good={"organisation": "Photo Agency", "label": "batch"},
                       bad={"organisation": "", "label": "batch"}, rows=ApiToken),
    "researcher tokens": Page("/en/staff/researcher-tokens/", researcher_token_page.SHOWN_ONCE_SLOT,
                              good={"organisation": "Institute for Platform Studies",
                                    "contact": "Ada <ada@ips.example>", "purpose": "Takedown trends", "days": "90",
                                    "per_minute": "1200"},
                              bad={"organisation": "Institute for Platform Studies",
                                   "contact": "Ada <ada@ips.example>", "days": "0", "per_minute": "1200"},
                              rows=ResearcherToken),
}
pages = pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))


def shown_token(content: bytes) -> str:
    found = re.search(r'<code id="new-token" dir="ltr">([^<]*)</code>', content.decode())
    return found.group(1) if found else ""


def form_token_in(content: bytes) -> str:
    found = re.search(r'<input type="hidden" name="form_token" value="([^"]+)"', content.decode())
    return found.group(1) if found else ""


def text_of(content: bytes) -> str:
    return html.unescape(re.sub(r"\s+", " ", content.decode()))


@pages
def test_a_double_click_issues_one_token_and_the_page_after_it_shows_that_token(as_admin, page):
    form = {**page.good, "form_token": form_token_in(as_admin.get(page.url).content)}
    first = as_admin.post(page.url, form)
    second = as_admin.post(page.url, form)  # the browser follows this one's answer
    assert first.status_code == second.status_code == 302 and second["Location"] == page.url
    assert page.rows.objects.count() == 1
    raw = shown_token(as_admin.get(page.url).content)
    assert raw and page.rows.objects.get().digest == token_digest(raw)
    assert shown_token(as_admin.get(page.url).content) == ""  # shown once
    assert page.rows.objects.count() == 1


@pages
def test_a_second_sending_waits_for_the_first_and_shows_its_token(as_admin, admin, page):
    once = form_token_in(as_admin.get(page.url).content)
    assert form_once.claim(once)  # the first sending has begun and is being filed
    row, raw = page.issue(admin)
    first = threading.Timer(0.3, shown_once.keep_for, args=({}, page.slot, raw, row), kwargs={"form_token": once})
    first.start()
    try:
        second = as_admin.post(page.url, {**page.good, "form_token": once})
    finally:
        first.join()
    assert second.status_code == 302
    assert shown_token(as_admin.get(page.url).content) == raw
    assert page.rows.objects.count() == 1


@pages
def test_a_form_sent_again_after_its_token_was_shown_issues_nothing_and_says_so(as_admin, page):
    form = {**page.good, "form_token": form_token_in(as_admin.get(page.url).content)}
    as_admin.post(page.url, form)
    assert shown_token(as_admin.get(page.url).content)
    again = as_admin.post(page.url, form, follow=True)  # the back button, and "send" again
    assert again.redirect_chain == [(page.url, 302)]
    assert shown_token(again.content) == ""
    assert str(secret_pages.SHOWN_ALREADY) in text_of(again.content)
    assert page.rows.objects.count() == 1


@pages
def test_a_refused_form_corrected_and_sent_again_issues_one_token(as_admin, page):
    once = form_token_in(as_admin.get(page.url).content)
    refused = as_admin.post(page.url, {**page.bad, "form_token": once})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    assert form_token_in(refused.content) == once  # the same form, corrected, is the same sending
    assert page.rows.objects.count() == 0
    issued = as_admin.post(page.url, {**page.good, "form_token": once}, follow=True)
    assert shown_token(issued.content) and page.rows.objects.count() == 1


@pages
def test_each_opening_of_the_page_gets_a_form_token_of_its_own_outside_the_visible_fields(as_admin, page):
    first, second = as_admin.get(page.url).content, as_admin.get(page.url).content
    assert form_token_in(first) and form_token_in(first) != form_token_in(second)
    fields = re.findall(r'<div class="field[^"]*">.*?</div>', first.decode(), re.S)
    assert fields and not any('name="form_token"' in block for block in fields)


@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_note_that_a_token_was_shown_already_is_in_the_staff_members_language(as_admin, language):
    url = PAGES["API tokens"].url.replace("/en/", f"/{language}/")
    form = {**PAGES["API tokens"].good, "form_token": form_token_in(as_admin.get(url).content)}
    as_admin.post(url, form)
    as_admin.get(url)
    again = as_admin.post(url, form, follow=True)
    with translation.override(language):
        note = str(secret_pages.SHOWN_ALREADY)
    with translation.override("en"):
        assert note != str(secret_pages.SHOWN_ALREADY)
    assert note in text_of(again.content)
