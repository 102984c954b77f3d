"""The public log's search: full text, filters, keyset pagination that is never wrong, capped counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.transparency import log_search, publishing
from rightsdesk.transparency.log_search import Filters, parse_filters, search

from .conftest import utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def log(decided_case):
    """23 notices decided on different days, of different kinds, countries, projects and outcomes."""
    notices = []
    for n in range(23):
        kind = [c.Kind.CONTENT_TAKEDOWN, c.Kind.COPYRIGHT_NOTICE, c.Kind.TRADEMARK_NOTICE][n % 3]
        project = ["en.wikipedia.org", "commons.wikimedia.org"][n % 2]
        case = decided_case(
            kind, outcome=[c.Outcome.REJECTED, c.Outcome.GRANTED][n % 2], country=["DE", "FR", "BR", "IN"][n % 4],
            subject=f"Notice number {n} about {'photographs' if n % 5 == 0 else 'an article'}",
            description=f"Text {n}. Zebrafinch appears here." if n in (3, 11) else f"Text {n}.",
            items=[{"url": f"https://{project}/wiki/Page_{n}", "project": project, "page_title": f"Page {n}"}],
            decided_at=utc(2025, 7, 1, 12) + timedelta(days=n), received_at=utc(2025, 6, 1) + timedelta(days=n))
        notices.append(publishing.publish_as_system(case, "test"))
    return notices


def walk(filters, limit=5):
    """Every notice reached by following next cursors from the first page."""
    seen, after, pages = [], None, 0
    while True:
        page = search(filters, after=after, limit=limit)
        seen += page.results
        pages += 1
        if not page.next_cursor:
            return seen, pages
        after = page.next_cursor


def test_the_log_is_newest_decision_first_and_every_page_links_to_the_next_until_the_end(log):
    seen, pages = walk(Filters())
    assert [n.pk for n in seen] == [n.pk for n in sorted(log, key=lambda n: n.decided_on, reverse=True)]
    assert pages == 5 and len(set(n.pk for n in seen)) == 23


def test_walking_back_with_previous_cursors_returns_the_same_pages(log):
    forward = [search(Filters(), limit=5)]
    while forward[-1].next_cursor:
        forward.append(search(Filters(), after=forward[-1].next_cursor, limit=5))
    page = forward[-1]
    for expected in reversed(forward[:-1]):
        page = search(Filters(), before=page.previous_cursor, limit=5)
        assert [n.pk for n in page.results] == [n.pk for n in expected.results]
    assert page.previous_cursor is None and not forward[0].has_previous


def test_a_notice_published_while_someone_pages_neither_repeats_nor_shifts_results(log, decided_case):
    first = search(Filters(), limit=5)
    newest = decided_case(decided_at=utc(2026, 1, 1))
    publishing.publish_as_system(newest, "test")
    second = search(Filters(), after=first.next_cursor, limit=5)
    assert not {n.pk for n in first.results} & {n.pk for n in second.results}
    assert second.results[0].decided_on < first.results[-1].decided_on


def test_full_text_search_finds_words_in_the_redacted_text_and_items(log):
    page = search(Filters(q="zebrafinch"))
    assert sorted(n.subject if hasattr(n, "subject") else n.title for n in page.results) == [
        "Notice number 11 about an article", "Notice number 3 about an article"]
    assert page.count == 2 and page.count_exact
    assert search(Filters(q="photographs notice")).count == 5
    assert search(Filters(q="Page_7")).results[0].title == "Notice number 7 about an article"
    assert search(Filters(q="nothing-like-this-anywhere")).results == []


def test_every_word_typed_must_match_on_both_databases_however_many_there_are(log):
    """SQLite's query took the first 12 words and dropped the rest, so a 13th word that no notice holds still found
    notices there, and nothing on PostgreSQL (plainto_tsquery takes every word)."""
    twelve = "notice number 3 about an article text 3 zebrafinch appears here page"
    assert len(twelve.split()) == 12 and search(Filters(q=twelve)).count == 1
    assert search(Filters(q=twelve + " photographs")).count == 0


def test_search_syntax_cannot_break_the_query(log):
    for q in ['"', "zebra*", "NEAR(", "a OR", "-", "title:x", "()", "'; DROP TABLE x;--", "\x00"]:
        search(Filters(q=q))


def test_filters_combine_and_match_an_independent_count(log):
    filters = Filters(kind=c.Kind.COPYRIGHT_NOTICE, project="commons.wikimedia.org", outcome=c.Outcome.GRANTED)
    expected = [n for n in log if n.kind == c.Kind.COPYRIGHT_NOTICE and "commons.wikimedia.org" in n.projects
                and n.outcome == c.Outcome.GRANTED]
    page = search(filters)
    assert {n.pk for n in page.results} == {n.pk for n in expected} and page.count == len(expected) > 0
    assert search(Filters(country="BR")).count == len([n for n in log if n.country == "BR"])


def test_the_project_filter_works_for_rare_and_common_projects(log, monkeypatch):
    rare = search(Filters(project="commons.wikimedia.org"))
    monkeypatch.setattr(log_search, "RARE_PROJECT", 1)
    common, _pages = walk(Filters(project="commons.wikimedia.org"), limit=4)
    assert {n.pk for n in rare.results} == {n.pk for n in common} and len(common) == 11


def test_the_date_filter_includes_both_days(log):
    page = search(Filters(date_from=date(2025, 7, 3), date_to=date(2025, 7, 5)))
    assert sorted(n.decided_on.day for n in page.results) == [3, 4, 5]


def test_broad_counts_are_capped_and_say_so(log, monkeypatch):
    monkeypatch.setattr(log_search, "COUNT_CAP", 10)
    page = search(Filters())
    assert (page.count, page.count_exact) == (10, False)
    assert search(Filters(q="zebrafinch")).count_exact


def test_unpublished_notices_leave_the_log_and_its_index(log, approver):
    publishing.unpublish(log[3], approver, "Withdrawn after a court order.")
    assert search(Filters(q="zebrafinch")).count == 1
    assert log[3].pk not in {n.pk for n in walk(Filters())[0]}


@pytest.mark.parametrize("params,field", [
    ({"kind": "nonsense"}, "kind"), ({"outcome": "maybe"}, "outcome"), ({"country": "Germany"}, "country"),
    ({"date_from": "2025-13-01"}, "date_from"), ({"date_to": "yesterday"}, "date_to"),
    ({"date_from": "2025-02-01", "date_to": "2025-01-01"}, "date_from"),
    ({"country": "XX"}, "country"), ({"country": "zz"}, "country"),  # two letters, but no country: an empty log
])
def test_bad_filters_are_refused_naming_the_field(params, field):
    with pytest.raises(DomainError) as info:
        parse_filters(params)
    assert info.value.field == field


@pytest.mark.parametrize(("typed", "country"), [("de", "DE"), (" BR ", "BR"), ("xk", "XK")])
def test_a_country_is_read_by_the_one_country_rule(typed, country):
    """core.country_codes decides what a country is, here as in every form: Kosovo's XK is one."""
    assert parse_filters({"country": typed}).country == country


def test_a_broken_cursor_is_refused(log):
    with pytest.raises(DomainError):
        search(Filters(), after="not-a-cursor")
    with pytest.raises(DomainError):
        search(Filters(), after="5", before="7")


def test_the_index_can_be_rebuilt(log):
    assert log_search.rebuild_index() == 23
    assert search(Filters(q="zebrafinch")).count == 2
