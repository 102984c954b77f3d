"""The public notice page is kept rendered, but always shows the public record as it is now, to each visitor.

transparency/notice_page.py keeps the rendered notice under a digest of the record's stored fields and the
language, and the site frame per language with marks for the per-request parts. These tests fail if either
kept rendering outlives what it shows: a new redaction, a direct update, a withdrawal, a republication, another
language, another visitor's CSRF token or path, a signed-in staff member's links, a pending message.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.core import shared_pages
from rightsdesk.privacy import redaction
from rightsdesk.transparency import notice_page, publishing
from rightsdesk.transparency.models import PublicRecord, RedactionReview

pytestmark = pytest.mark.django_db

PRIVATE = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Wendelin Quarz",
           "email": "wendelin@example.org"}


@pytest.fixture
def notice(decided_case, publish):
    case = decided_case(parties=[PRIVATE], subject="Remove the article about Wendelin Quarz",
                        description="Mr Quarz wants the Eisvogel paragraph removed from the Kingfisher article.")
    return publish(case)


def url(notice, language="en"):
    with translation.override(language):
        return reverse("transparency:notice-detail", args=[notice.public_id])


def page(client, notice, language="en", **extra):
    response = client.get(url(notice, language), **extra)
    return response.status_code, response.content.decode()


def csrf_of(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_new_redaction_is_shown_at_once(client, notice, approver):
    assert "Eisvogel" in page(client, notice)[1] and "Eisvogel" in page(client, notice)[1]  # rendered, then kept
    review = RedactionReview.objects.get(case=notice.case)
    review = publishing.add_phrase(review, approver, "*", "Eisvogel", redaction.OTHER)
    publishing.approve_redaction(review, approver)
    publishing.publish(notice.case, approver)
    status, html = page(client, notice)
    assert status == 200 and "Eisvogel" not in html and "Kingfisher" in html


def test_a_change_written_without_the_services_is_shown_too(client, notice):
    """No signal to miss: the key is what was just read, so even QuerySet.update() is seen at once."""
    page(client, notice)
    PublicRecord.objects.filter(pk=notice.pk).update(title="A corrected title", summary="Corrected reasons.")
    notice.items.update(page_title="A corrected item")
    html = page(client, notice)[1]
    assert "A corrected title" in html and "Corrected reasons." in html and "A corrected item" in html
    assert "Remove the article" not in html


def test_a_withdrawn_notice_is_never_served_from_the_kept_page_and_a_republished_one_is_current(
        client, notice, approver):
    assert page(client, notice)[0] == 200
    publishing.unpublish(notice, approver, "Published by mistake, withdrawn.")
    status, html = page(client, notice)
    assert status == 410 and "Published by mistake" in html and "Eisvogel" not in html
    assert page(client, notice, "ar")[0] == 410
    notice.refresh_from_db()
    publishing.publish(notice.case, approver)
    status, html = page(client, notice)
    assert status == 200 and "Eisvogel" in html and "withdrawn" not in html.lower()


def test_each_language_gets_its_own_page(client, notice):
    english = page(client, notice)[1]
    arabic = page(client, notice, "ar")[1]
    chinese = page(client, notice, "zh-hans")[1]
    assert '<html lang="en" dir="ltr"' in english and '<html lang="ar" dir="rtl"' in arabic
    assert '<html lang="zh-hans" dir="ltr"' in chinese
    assert "Public notice log" in english and "Public notice log" not in arabic and "Public notice log" not in chinese
    assert '<html lang="en" dir="ltr"' in page(client, notice)[1]  # and English again after them


def test_every_visitor_gets_their_own_csrf_token_and_the_language_form_works(notice, decided_case, publish):
    other = publish(decided_case(subject="Another notice"))
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = page(first, notice)[1], page(second, notice)[1]
    assert csrf_of(one) != csrf_of(two)  # the second came from the kept page
    for client, html, target in ((first, one, notice), (second, two, notice), (second, page(second, other)[1], other)):
        assert f'name="next" type="hidden" value="/notices/{target.public_id}/"' in html
        response = client.post(reverse("set_language"), {"csrfmiddlewaretoken": csrf_of(html), "language": "fr",
                                                          "next": f"/notices/{target.public_id}/"})
        assert response.status_code == 302 and response.cookies["django_language"].value == "fr"
    refused = Client(enforce_csrf_checks=True).post(reverse("set_language"), {
        "csrfmiddlewaretoken": csrf_of(one), "language": "fr", "next": "/"})
    assert refused.status_code == 403  # a token is only good with its own visitor's cookie


def test_signed_in_staff_get_their_links_and_anonymous_visitors_never_do(client, notice, make_staff, verified_login):
    staff = Client()
    verified_login(staff, make_staff("reviewer"))
    assert "Staff workspace" not in page(client, notice)[1]
    assert "Staff workspace" in page(staff, notice)[1]
    assert "Staff workspace" not in page(client, notice)[1]
    assert "Staff workspace" in page(staff, notice)[1]


def test_a_pending_message_is_shown_once_and_never_kept(client, notice):
    page(client, notice)
    storage = CookieStorage(None)
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Your language was changed.")])
    assert "Your language was changed." in page(client, notice)[1]
    assert "Your language was changed." not in page(client, notice)[1]
    assert "Your language was changed." not in page(Client(), notice)[1]


def test_the_query_string_reaches_the_language_form_and_is_escaped(client, notice):
    page(client, notice)
    html = page(client, notice, QUERY_STRING="from=log&x=<b>")[1]
    assert f'value="/notices/{notice.public_id}/?from=log&amp;x=%3Cb%3E"' in html
    assert 'value="/notices/' + notice.public_id + '/"' in page(client, notice)[1]


def test_text_in_a_notice_cannot_fill_the_frame_marks(client, notice):
    """The title and the notice are escaped as the template escapes them; a mark's name in them stays text."""
    marks = " ".join([notice_page._TITLE, notice_page._CONTENT, shared_pages.CSRF, shared_pages.PATH])
    PublicRecord.objects.filter(pk=notice.pk).update(title=f'<script>alert(1)</script> "{marks}"',
                                                     summary=f"{marks} <i>x</i>")
    for _ in range(2):
        html = page(client, notice)[1]
        assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert html.count(marks) == 3  # the <title>, the <h1> and the reasons, each once, as typed
        assert "<i>x</i>" not in html and html.count('name="csrfmiddlewaretoken"') == 1


def test_the_kept_page_has_the_same_headers_and_body_as_a_fresh_rendering(client, notice, monkeypatch):
    first = client.get(url(notice))
    kept = client.get(url(notice))
    monkeypatch.setattr(shared_pages, "same_for_everyone", lambda request: False)
    fresh = client.get(url(notice))  # the whole page rendered for this request, as for signed-in staff
    strip = lambda r: re.sub(r'csrfmiddlewaretoken" value="[^"]*"', "", r.content.decode())  # noqa: E731
    assert strip(first) == strip(kept) == strip(fresh)
    for header in ("Content-Type", "Content-Language", "Vary", "Content-Security-Policy", "X-Frame-Options"):
        assert first.get(header) == kept.get(header) == fresh.get(header), header
    assert "Cookie" in kept["Vary"] and "csrftoken" in kept.cookies


def test_the_dates_follow_the_time_zone_they_are_shown_in(client, notice):
    from datetime import datetime, timezone as dt_timezone

    from django.utils import timezone

    PublicRecord.objects.filter(pk=notice.pk).update(published_at=datetime(2026, 3, 2, 23, 30, tzinfo=dt_timezone.utc))
    with timezone.override("UTC"):
        assert "March 2, 2026" in page(client, notice)[1]
    with timezone.override("Asia/Tokyo"):
        assert "March 3, 2026" in page(client, notice)[1]


@pytest.mark.parametrize("language, links_to_english", [("fr", False), ("de", True)])
def test_in_a_language_still_under_review_the_kept_page_links_to_the_english_original_of_the_visitors_address(
        client, notice, monkeypatch, language, links_to_english):
    """Where the translation is unreviewed the frame shows the path twice (the language form, and the link to the
    English page); both carry this visitor's address, escaped, and the kept page equals a fresh rendering."""
    address = url(notice, language) + "?from=a&b='c'"
    kept = [client.get(address).content.decode() for _ in range(2)][1]
    assert language in notice_page.frames.entries, "the frame is kept in this language too"
    monkeypatch.setattr(shared_pages, "same_for_everyone", lambda request: False)
    fresh = client.get(address).content.decode()
    strip = lambda html: re.sub(r'csrfmiddlewaretoken" value="[^"]*"', "", html)  # noqa: E731
    assert strip(kept) == strip(fresh)
    english = f'href="/en/notices/{notice.public_id}/?from=a&amp;b=&#x27;c&#x27;" lang="en"'
    assert (english in kept) is links_to_english
