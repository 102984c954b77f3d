"""The public report page is rendered once and shared by every anonymous visitor (reports.views, core.shared_pages).

It is kept under the period, the language, the sections shown and the fingerprint of every case received up to the
period's end (its comparison with the half-year before and its trend reach back to the first case). So a change to a
counted case shows in the next request, a case received after the period leaves the kept page in use, and each
visitor still gets their own CSRF token and their own path in the language form.
"""

import re
from datetime import datetime, timezone

import pytest
from django.test import Client

from rightsdesk.cases import choices as c
from rightsdesk.cases.services import update_case
from rightsdesk.core import shared_pages
from rightsdesk.reports import views

pytestmark = pytest.mark.django_db
RECEIVED = datetime(2022, 2, 1, tzinfo=timezone.utc)
URL = "/en/transparency/2022-H1/"


@pytest.fixture
def renders(monkeypatch):
    """Each rendering of the page (a request served from the kept page adds none)."""
    calls = []
    real = views._render_report_page

    def counting(*args, **kwargs):
        calls.append(args[1].slug)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "_render_report_page", counting)
    return calls


def received(html: str, kind: str = "content_takedown") -> str:
    return html.split(f'data-cell="overview/by_kind/{kind}/received" data-value="', 1)[1].split('"', 1)[0]


def token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)[1]


def without_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_every_anonymous_visitor_gets_the_kept_page_with_a_csrf_token_of_their_own(make_case, renders):
    make_case(received_at=RECEIVED)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    one, two = first.get(URL).content.decode(), second.get(URL).content.decode()
    assert renders == ["2022-H1"]
    assert without_token(one) == without_token(two) and token(one) != token(two)
    # Each token works with its own visitor's cookie: the language form posts (a 302 back, not a 403).
    answer = second.post("/i18n/setlang/", {"language": "fr", "next": "/transparency/2022-H1/",
                                            "csrfmiddlewaretoken": token(two)})
    assert answer.status_code == 302


def test_the_kept_page_is_what_a_fresh_rendering_gives_body_and_headers(make_case, monkeypatch):
    make_case(received_at=RECEIVED)
    client = Client()
    rendered, kept = client.get(URL), client.get(URL)
    monkeypatch.setattr(shared_pages, "same_for_everyone", lambda request: False)
    fresh = client.get(URL)  # rendered for this request, as for signed-in staff
    assert without_token(rendered.content.decode()) == without_token(kept.content.decode()) \
        == without_token(fresh.content.decode())
    for header in ("Content-Type", "Content-Language", "Vary", "Content-Security-Policy", "X-Frame-Options"):
        assert rendered.get(header) == kept.get(header) == fresh.get(header), header


@pytest.mark.parametrize("when, rendered_again, counted", [
    # a case received ...                               page rendered again?  received in 2022-H1
    (datetime(2022, 3, 15, tzinfo=timezone.utc), True, "2"),   # in the period: counted
    (datetime(2021, 9, 1, tzinfo=timezone.utc), True, "1"),    # the half-year before: the comparison and the trend
    (datetime(2023, 1, 5, tzinfo=timezone.utc), False, "1"),   # after the period: the kept page stays in use
])
def test_a_case_received_up_to_the_periods_end_shows_at_once_a_later_one_leaves_the_page_kept(
        make_case, renders, client, when, rendered_again, counted):
    make_case(received_at=RECEIVED)
    assert received(client.get(URL).content.decode()) == "1"
    make_case(received_at=when)
    assert received(client.get(URL).content.decode()) == counted
    assert len(renders) == (2 if rendered_again else 1)


def test_a_decision_on_a_counted_case_shows_in_the_next_request(make_case, client):
    case = make_case(received_at=RECEIVED)
    assert 'data-cell="overview/by_kind/content_takedown/decided" data-value="0"' in client.get(URL).content.decode()
    update_case(case, {"outcome": c.Outcome.GRANTED, "decided_at": datetime(2022, 2, 3, tzinfo=timezone.utc)}, "test")
    assert 'data-cell="overview/by_kind/content_takedown/decided" data-value="1"' in client.get(URL).content.decode()


@pytest.mark.parametrize("query, next_value", [
    ("", "/transparency/2022-H1/"),
    ("?sections=all", "/transparency/2022-H1/?sections=all"),
    ('?from="><script>x</script>', "/transparency/2022-H1/?from=%22%3E%3Cscript%3Ex%3C/script%3E"),
    ("?a=1&b='x'", "/transparency/2022-H1/?a=1&amp;b=&#x27;x&#x27;"),  # escaped as the template escapes it
])
def test_the_language_form_returns_each_visitor_to_the_address_they_asked_for(make_case, client, query, next_value):
    make_case(received_at=RECEIVED)
    client.get(URL + "?other=1")  # another address of the same page is kept first
    html = client.get(URL + query).content.decode()
    assert f'name="next" type="hidden" value="{next_value}"' in html
    assert "<script>x" not in html


def test_all_sections_open_is_kept_apart_from_the_page_with_them_closed(make_case, client, renders):
    make_case(received_at=RECEIVED)
    closed, opened = client.get(URL).content.decode(), client.get(URL + "?sections=all").content.decode()
    assert closed != opened and renders == ["2022-H1", "2022-H1"]
    assert client.get(URL).content.decode().count("<details") == closed.count("<details")
    assert len(renders) == 2


def test_signed_in_staff_get_the_page_rendered_for_them_with_their_links(make_case, make_staff, renders):
    make_case(received_at=RECEIVED)
    staff = Client()
    staff.force_login(make_staff("reviewer"))
    Client().get(URL)
    html = staff.get(URL).content.decode()
    assert len(renders) == 2 and "Staff workspace" in html
    assert "Staff workspace" not in Client().get(URL).content.decode() and len(renders) == 2


def test_nothing_is_kept_when_the_report_cache_is_off(make_case, client, renders, settings):
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_CACHE_SECONDS": 0}
    make_case(received_at=RECEIVED)
    client.get(URL)
    client.get(URL)
    assert len(renders) == 2


def test_a_kept_page_is_served_for_report_cache_seconds_at_most(make_case, client, renders, settings, monkeypatch):
    """What no fingerprint can see (a notice put on hold) is stale for at most REPORT_CACHE_SECONDS, as the kept
    report is (reports.cache)."""
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REPORT_CACHE_SECONDS": 60}
    make_case(received_at=RECEIVED)
    now = [1000.0]
    monkeypatch.setattr(shared_pages.time, "monotonic", lambda: now[0])
    client.get(URL)
    now[0] += 59
    client.get(URL)
    assert len(renders) == 1
    now[0] += 2
    client.get(URL)
    assert len(renders) == 2
