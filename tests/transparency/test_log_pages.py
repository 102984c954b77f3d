"""The public log's pages, its JSON API, and the staff redaction editor."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.transparency import publishing
from rightsdesk.transparency.models import PublicRecord, RedactionReview

pytestmark = pytest.mark.django_db

PRIVATE = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Wendelin Quarz",
           "email": "wendelin@example.org"}


@pytest.fixture
def notice(decided_case, publish):
    case = decided_case(parties=[PRIVATE], subject="Remove the article about Wendelin Quarz",
                        description="Mr Quarz (wendelin@example.org) wants the Eisvogel paragraph removed.")
    return publish(case)


def test_the_log_page_lists_and_searches_notices(client, notice):
    response = client.get(reverse("transparency:log-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert notice.public_id in page and 'Remove the article about <bdi dir="ltr" class="ref">[NAME]</bdi>' in page
    found = client.get(reverse("transparency:log-list"), {"q": "eisvogel"}).content.decode()
    assert notice.public_id in found and "1 notice" in found
    none = client.get(reverse("transparency:log-list"), {"q": "kingfisher"}).content.decode()
    assert notice.public_id not in none


def test_a_bad_filter_on_the_log_page_says_what_to_fix(client, notice):
    response = client.get(reverse("transparency:log-list"), {"date_from": "01/07/2025"})
    assert response.status_code == 400 and "YYYY-\u2060MM-\u2060DD" in response.content.decode()  # core.dates.date_pattern


def test_a_search_with_several_bad_filters_names_every_one_beside_a_link_to_its_field(client, notice):
    """A country of three letters and a day that is no day: both are named at once (the page named the first alone,
    and the second came up only once the first was mended), each linking to its field, and what was typed stays."""
    response = client.get(reverse("transparency:log-list"),
                          {"q": "eisvogel", "kind": "gossip", "country": "XX", "date_from": "2026-02-30"})
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'href="#([^"]+)"', summary) == ["id_kind", "id_country", "id_date_from"]
    assert "Unknown kind" in summary and "ISO 3166" in summary and "2026-02-30" in summary
    assert re.search(r'<input[^>]*name="country"[^>]*value="XX"', page), "the country typed is kept"


@pytest.mark.parametrize("language", ["en", "ar", "fa", "ur", "zh-hans", "de"])
@pytest.mark.parametrize(("field", "typed", "offered"), [
    ("kind", "gossip", sorted(policy.PUBLISHABLE_KINDS)),
    ("outcome", "maybe", [o for o in c.Outcome.values if o]),
])
def test_a_refused_filter_offers_its_choices_by_the_labels_of_its_select_joined_the_readers_way(
        client, notice, language, field, typed, offered):
    """/ar/notices/?kind=gossip listed "content_takedown, copyright_counter_notice, …", the API's values, on the
    Arabic page: the choices are named as the filter's select names them, in the reader's language, joined by its
    "or" (core.lists), and the value typed is kept apart from the sentence (FSI … PDI) in a right-to-left page."""
    from django.utils import translation

    from rightsdesk.core import lists

    response = client.get(f"/{language}/notices/", {field: typed})
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    select = page.split(f'<select id="id_{field}"', 1)[1].split("</select>", 1)[0]
    labels = dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select))
    assert list(labels) == offered, "the select offers the filter's choices"
    with translation.override(language):
        choices = lists.or_list(labels[value] for value in offered)
    assert choices in summary
    for value in offered:  # "granted" is a word of the English labels: looked for outside them
        assert value not in summary.replace(choices, ""), f"the API's value {value!r} on the page"
    assert ("\u2068" + typed + "\u2069" in summary) == (language in ("ar", "fa", "ur"))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("params", [
    {"date_from": "2026-02-30"},
    {"date_to": "01/07/2025", "q": "eisvogel"},
    {"date_from": "2026-03-01", "date_to": "2026-02-01"},  # the start after the end: the start is marked
    {"kind": "gossip", "country": "XX", "outcome": "maybe", "date_to": "tomorrow"},
    {"q": "!!!", "project": "x" * 201},
])
def test_each_field_of_a_refused_search_is_marked_and_tied_to_its_message_and_keeps_what_was_typed(
        client, notice, language, params):
    """No field of the log's search said it was in error: each refused field carries aria-invalid="true" and
    aria-describedby naming its message, said at the field; the others carry neither; and each field holds what was
    typed (the days too: a date field could not show "2026-02-30", so they are text fields)."""
    from rightsdesk.transparency import log_search

    response = client.get(f"/{language}/notices/", params)
    page = response.content.decode()
    assert response.status_code == 400
    with pytest.raises(log_search.FiltersRefused) as refusal:
        log_search.parse_filters(params)
    refused = set(refusal.value.field_errors())
    assert refused and refused <= set(params)
    for name in log_search.FILTER_PARAMS:
        field = re.search(r'<(?:input|select)\b[^>]*\bid="id_%s"[^>]*>' % name, page).group(0)
        assert 'type="date"' not in field
        if name in refused:
            assert 'aria-invalid="true"' in field, name
            described = re.search(r'aria-describedby="([^"]+)"', field).group(1).split()
            assert f"id_{name}-error" in described, name
            said = re.search(r'id="id_%s-error"[^>]*>(.*?)</ul>' % name, page, re.S).group(1)
            assert re.sub(r"<[^>]+>", "", said).strip(), f"{name}: the message at the field is empty"
        else:
            assert "aria-invalid" not in field and "-error" not in field, name
        if name in params and name not in ("kind", "outcome"):
            assert html.unescape(re.search(r'value="([^"]*)"', field).group(1)) == params[name], name


@pytest.mark.parametrize("params, message", [
    ({"q": "eisvogel", "date_from": "01/07/2025"}, "YYYY-\u2060MM-\u2060DD"),  # core.dates.date_pattern
    ({"q": "eisvogel", "after": "older-than-this"}, "This page link is not valid any more"),
    ({"q": "eisvogel", "after": "7", "before": "3"}, "not both"),  # no link of the page sends both
])
def test_a_refused_search_links_only_to_fields_on_the_page_and_keeps_what_was_typed(client, notice, params, message):
    """The page links ("Older", "Newer") carry cursors that are not fields of the search form: a cursor altered by
    hand is refused without a link to a field that does not exist, and the words searched for stay in the form."""
    response = client.get(reverse("transparency:log-list"), params)
    page = response.content.decode()
    assert response.status_code == 400 and message in page
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in page, f"the summary links to #{target}, which is not on the page"
    assert re.search(r'<input[^>]*name="q"[^>]*value="eisvogel"', page), "the words searched for are kept"


@pytest.mark.parametrize(("q", "status", "found"), [
    ("!!! ??? ...", 400, None),  # SQLite answered every notice, PostgreSQL none
    ("___", 400, None),
    ("\u202e", 400, None),  # a right-to-left override alone
    ("\ufffd\ufffd", 400, None),  # what an invalid UTF-8 escape (%FF%FE) is read as
    ("😀 ✓ §", 400, None),
    ("Eisvogel!", 200, 1),
    ("C++", 200, 0),
    ("حذف", 200, 0),
])
def test_a_search_of_no_word_says_to_type_one_on_the_page_and_in_the_api(client, notice, q, status, found):
    """Both full-text engines index letters and digits only: a search of none is refused (400, naming the words
    field, what was typed kept), the same whichever database answers, never a page of every notice."""
    response = client.get(reverse("transparency:log-list"), {"q": q})
    page = response.content.decode()
    assert response.status_code == status
    api = client.get("/api/v1/notices", {"q": q})
    assert api.status_code == status
    if status == 400:
        assert "Type at least one word or number" in page and 'href="#id_q"' in page
        assert re.search(r'<input[^>]*name="q"[^>]*value="%s"' % re.escape(html.escape(q)), page)
        assert api.json()["detail"][0]["field"] == "q"
    else:
        assert api.json()["count"] == found


@pytest.mark.parametrize(("after", "words"), [("0", ""), ("0", "eisvogel"), ("1", ""), ("1", "eisvogel")])
def test_the_way_back_from_an_empty_page_is_a_cursor_the_log_reads(client, notice, after, words):
    """A page after a cursor below every notice is empty; its "Newer" link (the API's previous_cursor) leads back
    to them. After 0 it was "before -1", which the page and the API's schema (ge=0) refuse."""
    params = {"q": words, "after": after} if words else {"after": after}
    data = client.get("/api/v1/notices", params).json()
    assert data["results"] == [] and data["previous_cursor"] is not None
    back = client.get(data["previous"])
    assert back.status_code == 200 and [n["public_id"] for n in back.json()["results"]] == [notice.public_id]
    page = client.get(reverse("transparency:log-list"), params).content.decode()
    newer = html.unescape(re.search(r'rel="prev" href="([^"]+)"', page).group(1))
    back = client.get(reverse("transparency:log-list") + newer)
    assert back.status_code == 200 and notice.public_id in back.content.decode()


@pytest.mark.parametrize("params", [
    {"q": "eisvogel", "after": str(2**63)},  # the text search's index range could not bind it: 500
    {"q": "eisvogel", "before": "99999999999999999999999999"},
    {"after": str(2**63)},
    {"q": "eisvogel", "after": "-1"},
])
def test_a_cursor_no_sort_key_can_have_is_refused_as_an_altered_page_link(client, notice, params):
    """The sort key is a 64-bit integer: a cursor beyond it (or below 0) was never written by a page link, and is
    answered as any altered link is, a 400 that keeps the words and leads to the first page."""
    response = client.get(reverse("transparency:log-list"), params)
    page = response.content.decode()
    assert response.status_code == 400 and "This page link is not valid any more" in page
    assert re.search(r'<input[^>]*name="q"[^>]*value="%s"' % params.get("q", ""), page)


@pytest.mark.parametrize("params", [
    {"q": "eisvogel", "after": "older-than-this"},
    {"q": "eisvogel", "kind": "copyright_notice", "after": "7", "before": "3"},
])
def test_a_refused_page_link_leads_to_the_first_page_of_the_same_search(client, notice, params):
    """An "Older" or "Newer" link altered by hand has no field to mend: its refusal is a link to the first page of
    the search as typed, which finds what the search finds."""
    import html

    page = client.get(reverse("transparency:log-list"), params).content.decode()
    summary = page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'href="(\?[^"]*)"', summary)
    assert len(links) == 1, summary
    first = client.get(reverse("transparency:log-list") + html.unescape(links[0]))
    assert first.status_code == 200
    assert first.wsgi_request.GET.dict() == {name: value for name, value in params.items()
                                             if name not in ("after", "before")}


def test_the_log_pages_through_with_working_links(client, decided_case):
    for n in range(30):
        publishing.publish_as_system(decided_case(subject=f"Notice {n:02d}"), "test")
    first = client.get(reverse("transparency:log-list")).content.decode()
    assert first.count('class="log-results"') == 1 and "Older" in first and "Newer" not in first
    import re

    link = re.search(r'href="\?([^"]*after=\d+)"', first).group(1).replace("&amp;", "&")
    second = client.get(reverse("transparency:log-list") + "?" + link).content.decode()
    assert "Newer" in second and "Older" not in second and second.count("<li>") == 5


def test_the_permanent_page_of_a_notice_shows_it_redacted(client, notice):
    response = client.get(reverse("transparency:notice-detail", args=[notice.public_id]))
    page = response.content.decode()
    assert response.status_code == 200 and "[NAME]" in page and "[EMAIL]" in page and "A private individual" in page
    assert "Wendelin" not in page and "Quarz" not in page


def test_a_withdrawn_notice_answers_410_with_its_reason_and_an_unknown_one_404(client, notice, approver):
    publishing.unpublish(notice, approver, "Withdrawn on a court's order.")
    response = client.get(reverse("transparency:notice-detail", args=[notice.public_id]))
    assert response.status_code == 410 and "court&#x27;s order" in response.content.decode()
    assert "Eisvogel" not in response.content.decode()
    assert client.get(reverse("transparency:notice-detail", args=["RD-NOPE"])).status_code == 404


ARABIC_PARTY = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Yasmin Haddad",
                "email": "yasmin@example.org"}


@pytest.fixture
def arabic_notice(decided_case, publish):
    """A notice whose texts, in Arabic, begin with the requester's name and hold her e-mail beside digits and
    brackets: published as "[NAME] تطلب …", "([EMAIL])", "[NAME] 2024."."""
    case = decided_case(parties=[ARABIC_PARTY], subject="Yasmin Haddad تطلب حذف صورتها من المقالة",
                        description="Yasmin Haddad 2024. راسلوني على (yasmin@example.org) من فضلكم.",
                        decision_summary="Yasmin Haddad: رُفض الطلب لأن الصورة منشورة برخصة حرة.")
    return publish(case)


@pytest.mark.parametrize("language", ["ar", "fa", "ur", "en"])
def test_every_redaction_mark_on_the_log_and_a_notice_page_is_isolated_left_to_right(client, arabic_notice,
                                                                                     language):
    """A mark's Latin letters at the start of an Arabic text made the text's direction (dir="auto", <bdi>) left to
    right: each [NAME], [EMAIL]... the log, the notice page and the note that explains them show is a
    <bdi dir="ltr"> of its own (tests/transparency/test_log_browser.py shows what that changes in Chromium)."""
    isolated = re.compile(r'<bdi dir="ltr" class="ref">\[[A-Z]+\]</bdi>')
    for path in (f"/{language}/notices/", f"/{language}/notices/{arabic_notice.public_id}/"):
        page = client.get(path).content.decode()
        body = page.split("<main", 1)[1].split("</main>", 1)[0]
        marks = re.findall(r"\[(?:NAME|EMAIL|PHONE|ADDRESS|IP|ACCOUNT|ID|REDACTED)\]", body)
        assert len(marks) >= (1 if path.endswith("/notices/") else 6), (path, marks)
        assert len(isolated.findall(body)) == len(marks), path
        assert "Yasmin" not in page and "yasmin@" not in page


@pytest.mark.parametrize("language", ["ar", "fa", "ur", "en"])
def test_the_log_and_a_notice_page_keep_the_notices_identifier_the_api_path_and_the_projects_left_to_right(
        client, notice, language):
    """In an Arabic sentence the API's path (<code>/api/v1/notices</code>) and, in each row of the log, the notice's
    identifier stood bare: their slashes and dashes took the direction of the Arabic around them. Each is isolated left
    to right, as are the identifier and each item's project (a host) on the notice's own page."""
    ident = f'<bdi dir="ltr" class="ref">{notice.public_id}</bdi>'
    log = client.get(f"/{language}/notices/").content.decode()
    assert ident in log
    assert '<code dir="ltr">/api/v1/notices</code>' in log
    page = client.get(f"/{language}/notices/{notice.public_id}/").content.decode()
    assert ident in page
    projects = re.findall(r"<td>([^<]*(?:<bdi[^>]*>)?[a-z]+\.wiki[a-z]+\.org)", page)
    assert projects and all(p.startswith('<bdi dir="ltr" class="whole">') for p in projects), projects


def test_the_pages_render_in_arabic_right_to_left(client, notice):
    response = client.get("/ar/notices/")
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()


# --------------------------------------------------------------------------- API


def test_the_api_lists_searches_and_pages_without_a_token(client, decided_case):
    for n in range(7):
        publishing.publish_as_system(decided_case(subject=f"Seven {n}"), "test")
    data = client.get("/api/v1/notices", {"limit": 3}).json()
    assert len(data["results"]) == 3 and data["count"] == 7 and data["count_exact"] and data["previous"] is None
    ids = [r["public_id"] for r in data["results"]]
    while data["next"]:
        data = client.get(data["next"]).json()
        ids += [r["public_id"] for r in data["results"]]
    assert len(ids) == len(set(ids)) == 7
    back = client.get(data["previous"]).json()
    assert [r["public_id"] for r in back["results"]] == ids[3:6]


def test_the_api_returns_one_notice_and_404_for_unknown_or_withdrawn(client, notice, approver):
    data = client.get(f"/api/v1/notices/{notice.public_id}").json()
    assert data["title"] == "Remove the article about [NAME]" and data["sender"] == {"name": "", "kind": "individual"}
    assert data["items"][0]["url"] == "https://de.wikipedia.org/wiki/Beispiel"
    publishing.unpublish(notice, approver, "Withdrawn on request.")
    assert client.get(f"/api/v1/notices/{notice.public_id}").status_code == 404
    assert client.get("/api/v1/notices/RD-NOPE").status_code == 404


@pytest.mark.parametrize("params, status, field", [
    ({"kind": "gossip"}, 422, "kind"),            # not one of the kinds the schema lists
    ({"outcome": "maybe"}, 422, "outcome"),
    ({"country": "Germany"}, 422, "country"),     # two letters
    ({"limit": 1000}, 422, "limit"),              # 1 to 100
    ({"limit": 0}, 422, "limit"),
    ({"after": -1}, 422, "after"),                # a cursor is a position, never negative
    ({"after": "page2"}, 422, "after"),
    ({"date_from": "2026-02-31"}, 422, "date_from"),
    ({"date_from": "2026-03-01", "date_to": "2026-02-01"}, 400, "date_from"),  # the one rule across two fields
])
def test_bad_api_filters_get_a_json_error_naming_the_field(client, notice, params, status, field):
    response = client.get("/api/v1/notices", params)
    assert response.status_code == status, response.json()
    assert response.json()["detail"][0]["field"] == field


def test_no_api_field_can_carry_an_original_text():
    """Lumen's API leaked redacted text through an "original" field; ours has no such field at all."""
    from rightsdesk.api import api

    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    fields = {name for key in ("NoticeOut", "ItemOut", "SenderOut", "NoticePage") for name in components[key]["properties"]}
    forbidden = {"original", "original_text", "description", "unredacted", "email", "phone", "postal_address",
                 "account_name", "name_of_requester", "spans", "proposed_spans"}
    assert not fields & forbidden
    assert "/api/v1/notices" in schema["paths"] and "/api/v1/notices/{public_id}" in schema["paths"]


# --------------------------------------------------------------------------- staff editor


@pytest.mark.parametrize(("language", "names"), [
    ("en", ["Item 1: URL", "Item 1: page", "Item 1: legal or policy ground"]),
    ("ar", ["الرابط", "الصفحة", "الأساس القانوني أو أساس السياسة"]),
])
def test_the_redaction_editor_names_an_items_texts_in_the_readers_language(client, decided_case, reviewer,
                                                                           language, names):
    """The editor's field choices named an item's texts by their code ("Item 1: page title", "Item 1: url")
    in every language (found in the pseudo-locale): they are the case item's own field names now."""
    from django.utils import translation

    case = decided_case(description="A request.")
    client.force_login(reviewer)
    with translation.override(language):
        page = client.get(reverse("transparency:redaction-edit", args=[case.reference])).content.decode()
    for name in names:
        assert name in page
    assert "page title" not in page and ": url<" not in page


@pytest.mark.parametrize(("language", "proposal"), [
    ("en", "hide “<bdi>wendelin@example.org</bdi>”"),
    ("ar", "إخفاء «<bdi>wendelin@example.org</bdi>»"),
    ("fr", "masquer «\u00a0<bdi>wendelin@example.org</bdi>\u00a0»"),
    ("de", "„<bdi>wendelin@example.org</bdi>“ verbergen"),
])
def test_each_proposal_quotes_the_words_to_hide_the_way_the_readers_language_quotes(client, decided_case, reviewer,
                                                                                   language, proposal):
    """The quotation marks were English ones written beside the translated verb: in Arabic they read
    "إخفاء “ Olga Hassan ”", the marks turned away from the words. The whole phrase is one message now, so each
    language puts its own marks (Arabic «», French « », German „“) and its own word order; the words keep their own
    direction (<bdi>)."""
    from django.utils import translation

    case = decided_case(parties=[PRIVATE], description="Mr Quarz wrote from wendelin@example.org about Eisvogel.")
    client.force_login(reviewer)
    with translation.override(language):
        page = client.get(reverse("transparency:redaction-edit", args=[case.reference])).content.decode()
    assert proposal in page


def test_the_redaction_editor_shows_proposals_and_applies_corrections(client, decided_case, reviewer):
    case = decided_case(parties=[PRIVATE], description="Mr Quarz wrote from wendelin@example.org about Eisvogel.")
    client.force_login(reviewer)
    url = reverse("transparency:redaction-edit", args=[case.reference])
    page = client.get(url).content.decode()
    assert "<mark>wendelin@example.org<sup>EMAIL</sup></mark>" in page
    assert AuditEntry.objects.filter(case=case, action="view_redaction", actor=reviewer).exists()
    review = RedactionReview.objects.get(case=case)
    keep_all = {f"keep-{key}-{i}": "1" for key, spans in review.spans.items() for i in range(len(spans))}
    keep_all.pop("keep-body-0")  # un-redact "Quarz"
    client.post(url, {"action": "save", **keep_all})
    client.post(url, {"action": "add", "phrase": "Eisvogel", "field": "body", "type": "REDACTED"})
    client.post(url, {"action": "approve"})
    review.refresh_from_db()
    assert review.status == RedactionReview.Status.APPROVED
    assert publishing.redacted_texts(review)["body"] == "Mr Quarz wrote from [EMAIL] about [REDACTED]."


def test_only_the_publish_permission_can_publish_from_the_editor(client, decided_case, reviewer, approver):
    case = decided_case()
    publishing.approve_redaction(publishing.propose_redaction(case, reviewer), reviewer)
    client.force_login(reviewer)
    assert client.post(reverse("transparency:redaction-publish", args=[case.reference])).status_code == 403
    client.force_login(approver)
    response = client.post(reverse("transparency:redaction-publish", args=[case.reference]))
    assert response.status_code == 302 and PublicRecord.objects.filter(case=case, is_public=True).exists()


def test_words_to_hide_that_do_not_occur_are_refused_and_stay_typed_in_the_form(client, decided_case, reviewer):
    """A typo in the words to hide redirected to the editor with an error, and the words typed were gone."""
    case = decided_case(description="Mr Quarz wrote about Eisvogel.")
    client.force_login(reviewer)
    url = reverse("transparency:redaction-edit", args=[case.reference])
    client.get(url)
    response = client.post(url, {"action": "add", "phrase": "Eisfogel", "field": "body", "type": "REDACTED"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "The words to hide do not occur in the text." in page and '<a href="#id_phrase">' in page
    assert 'value="Eisfogel"' in page and '<option value="body" selected>' in page
    assert '<option value="REDACTED" selected>' in page
    assert not RedactionReview.objects.get(case=case).corrections


def test_a_refused_save_of_the_editor_changes_nothing(client, decided_case, reviewer):
    """The editor saves every correction of its form or none: a refusal part-way (an unknown type on the first
    proposal, after the second was taken out) left the second taken out."""
    case = decided_case(parties=[PRIVATE], description="Mr Quarz wrote from wendelin@example.org about Eisvogel.")
    client.force_login(reviewer)
    url = reverse("transparency:redaction-edit", args=[case.reference])
    client.get(url)
    review = RedactionReview.objects.get(case=case)
    before = review.spans
    assert len(before["body"]) >= 2
    client.post(url, {"action": "save", "keep-body-0": "1", "type-body-0": "NOT-A-TYPE"})
    review.refresh_from_db()
    assert review.spans == before and not review.corrections


def test_a_withdrawal_without_a_reason_is_refused_and_what_was_typed_stays(client, decided_case, reviewer, approver):
    case = decided_case()
    publishing.approve_redaction(publishing.propose_redaction(case, reviewer), reviewer)
    notice = publishing.publish(case, approver)
    approver.groups.add(*reviewer.groups.all())  # publishes, reviews and sees private data: the editor's reader
    client.force_login(approver)
    response = client.post(reverse("transparency:notice-unpublish", args=[notice.public_id]), {"reason": "Oops"})
    page = response.content.decode()
    assert response.status_code == 400 and "Say why the notice is withdrawn" in page
    assert '<a href="#id_reason">' in page and ">Oops</textarea>" in page
    notice.refresh_from_db()
    assert notice.is_public


def test_the_queue_needs_staff_with_the_review_permission(client, decided_case, make_staff):
    decided_case()
    url = reverse("transparency:redaction-queue")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(make_staff("auditor"))
    assert client.get(url).status_code == 403
    client.force_login(make_staff("reviewer"))
    assert client.get(url).status_code == 200


def test_in_arabic_the_redaction_queue_keeps_each_reference_whole_and_left_to_right(client, decided_case, make_staff,
                                                                                  approver, reviewer):
    waiting = decided_case()
    published = decided_case()
    publishing.approve_redaction(publishing.propose_redaction(published, reviewer), reviewer)
    publishing.publish(published, approver)
    client.force_login(make_staff("reviewer"))
    html = client.get("/ar/staff/redaction/").content.decode()
    # "RD-2025-GHCTAG8" broke at its hyphen in the queue's first column at 390 px ("RD-2025-" / "GHCTAG8")
    assert f'<bdi dir="ltr" class="ref">{waiting.reference}</bdi>' in html
    assert f'<bdi dir="ltr" class="ref">{published.reference}</bdi>' in html  # the recently published list


@pytest.mark.parametrize("value", ["-2.1994224230153476e-256", "1700000000", "03/01/2026", "2026-3-1"])
def test_the_api_takes_dates_only_as_yyyy_mm_dd(client, value):
    """A number would be read as a Unix time (1970-01-01) and answered as if it were a date; the schema says
    YYYY-MM-DD, so anything else is refused and the answer says how to write it."""
    response = client.get("/api/v1/notices", {"date_from": value})
    assert response.status_code == 422
    assert "YYYY-MM-DD" in response.content.decode()
    assert client.get("/api/v1/notices", {"date_from": "2026-03-01"}).status_code == 200


def test_a_refused_search_shows_control_characters_typed_as_spaces(client, notice):
    response = client.get(reverse("transparency:log-list"), {"q": "eis\x00vogel", "date_from": "soon"})
    assert response.status_code == 400
    assert 'value="eis vogel"' in response.content.decode() and "\x00" not in response.content.decode()


@pytest.mark.parametrize(("typed", "a_day"), [
    ("2025-07-01", True),
    ("٢٠٢٥-٠٧-٠١", True),   # Arabic-Indic digits
    ("۲۰۲۵-۰۷-۰۱", True),   # Persian digits, as the Persian page writes its example
    ("2025-7-1", False),    # the page took it, the API refused it
    ("٢٠٢٥-٧-١", False),
    ("20250701", False),
    ("2025-W27-2", False),
    ("2025-02-31", False),
    ("01/07/2025", False),
    ("1700000000", False),
])
def test_the_page_and_the_api_read_the_same_days(client, notice, typed, a_day):
    """One date rule (core.dates.iso_day) for the log's page and its API: a day either both take, finding the same
    notices, or both refuse, naming the field and saying back what was typed (the page's date field cannot show it)."""
    page = client.get(reverse("transparency:log-list"), {"date_to": typed})
    api = client.get("/api/v1/notices", {"date_to": typed})
    if a_day:  # the notice was decided after that day: the filter was read, not dropped
        assert (page.status_code, api.status_code) == (200, 200) and notice.decided_on > date(2025, 7, 1)
        assert api.json()["count"] == 0 and notice.public_id not in page.content.decode()
    else:
        assert (page.status_code, api.status_code) == (400, 422)
        summary = page.content.decode().split('id="error-summary"', 1)[1].split("</div>", 1)[0]
        assert 'href="#id_date_to"' in summary and html.escape(typed) in summary and "YYYY-\u2060MM-\u2060DD" in summary
        assert re.search(r'<input[^>]*name="date_to"[^>]*value="%s"' % re.escape(html.escape(typed)),
                         page.content.decode())
        error = api.json()["detail"][0]
        assert error["field"] == "date_to" and typed in error["message"] and "YYYY-MM-DD" in error["message"]


@pytest.mark.parametrize(("name", "typed", "taken"), [
    ("q", "eisvogel " * 55, True),                 # 495 characters
    ("q", "e" * 500, True),
    ("q", "eisvogel " * 56 + "x" * 20, False),     # the page searched for the first 500, the API answered 422
    ("q", "ك" * 501, False),
    ("project", "de.wikipedia.org", True),
    ("project", "p" * 201, False),
])
def test_the_page_refuses_words_longer_than_the_api_takes_and_gives_them_back(client, notice, name, typed, taken):
    """One limit (log_search.MAX_QUERY_LENGTH, MAX_PROJECT_LENGTH) for the page and the API: words longer are
    refused by both, the page naming the field, saying the limit, and giving back all that was typed."""
    page = client.get(reverse("transparency:log-list"), {name: typed})
    api = client.get("/api/v1/notices", {name: typed})
    if taken:
        assert (page.status_code, api.status_code) == (200, 200)
    else:
        assert (page.status_code, api.status_code) == (400, 422)
        body = page.content.decode()
        summary = body.split('id="error-summary"', 1)[1].split("</div>", 1)[0]
        assert f'href="#id_{name}"' in summary and "Use at most" in summary and f"this has {len(typed.strip()):,}" in summary
        assert re.search(r'<input[^>]*name="%s"[^>]*value="%s"' % (name, re.escape(html.escape(typed.strip()))), body)
        assert api.json()["detail"][0]["field"] == name


@pytest.mark.parametrize(("path", "status"), [
    ("/api/v1/notices", 200),
    ("/api/v1/notices?q=eisvogel&limit=5", 200),
    ("/api/v1/notices/{public_id}", 200),
    ("/api/v1/notices/RD-NOPE", 404),
    ("/api/v1/notices?kind=gossip", 422),
    ("/api/v1/notices?limt=5", 422),
    ("/api/v1/notices?date_from=2026-03-01&date_to=2026-02-01", 400),
])
def test_the_api_answers_head_as_the_get_would_be_without_the_body(client, notice, path, status):
    """Link checkers and ``curl -I`` ask HEAD first: the log's API answers with the GET's status and headers, not 405;
    the OpenAPI schema still lists GET alone (a HEAD there would repeat the GET's operationId)."""
    path = path.format(public_id=notice.public_id)
    get, head = client.get(path), client.head(path)
    assert (get.status_code, head.status_code) == (status, status) and head.content == b""
    assert head["Content-Type"] == get["Content-Type"] and head["Content-Length"] == get["Content-Length"]
    assert client.post(path).status_code == 405
    from rightsdesk.api import api

    paths = api.get_openapi_schema()["paths"]
    assert list(paths["/api/v1/notices"]) == ["get"] and list(paths["/api/v1/notices/{public_id}"]) == ["get"]


@pytest.mark.parametrize(("language", "joined"), [
    ("ar", "{} و{}"),  # Arabic's own "and" (core.lists), where the log had "commons.wikimedia.org, de.wikipedia.org"
    ("zh-hans", "{}和{}"),
    ("en", "{} and {}"),
])
def test_the_log_joins_a_notices_projects_in_the_readers_language_each_host_isolated_left_to_right(
        client, decided_case, publish, language, joined):
    case = decided_case(items=[
        {"url": "https://de.wikipedia.org/wiki/Eisvogel", "project": "de.wikipedia.org", "page_title": "Eisvogel"},
        {"url": "https://commons.wikimedia.org/wiki/File:Eisvogel.jpg", "project": "commons.wikimedia.org",
         "page_title": "File:Eisvogel.jpg"}])
    notice = publish(case)
    hosts = [f'<bdi dir="ltr" class="whole">{host}</bdi>' for host in notice.projects]
    assert len(hosts) == 2
    with translation.override(language):
        page = client.get(reverse("transparency:log-list")).content.decode()
    assert f"<span>{joined.format(*hosts)}</span>" in page
