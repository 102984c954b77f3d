"""The case title staff see is the neutral title in their own language, built when the page is shown."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import display_title
from rightsdesk.review import services
from rightsdesk.review.templatetags.review_tags import case_heading

pytestmark = pytest.mark.django_db


def test_the_neutral_title_is_shown_in_the_readers_language_and_follows_the_kind(make_case):
    case = make_case(c.Kind.USER_DATA_REQUEST, items=[{"url": "https://ar.wikipedia.org/wiki/X", "project": "ar.wikipedia.org"}])
    assert case.subject == "Request for user information · ar.wikipedia.org · 2026-03-02"  # stored once, in English
    for lang in ("ar", "es", "fr", "zh-hans"):
        with translation.override(lang):
            label = str(c.Kind.USER_DATA_REQUEST.label)
            assert label != "Request for user information"
            assert display_title(case) == f"{label} · ar.wikipedia.org · 2026-03-02"
    Case.objects.filter(pk=case.pk).update(kind=c.Kind.EMERGENCY_DISCLOSURE)  # re-classified later
    case.refresh_from_db()
    assert display_title(case) == "Emergency disclosure · ar.wikipedia.org · 2026-03-02"


def test_a_title_not_made_from_the_kind_is_shown_as_stored(make_case):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(subject="Imported: batch 7")
    case.refresh_from_db()
    with translation.override("ar"):
        assert display_title(case) == "Imported: batch 7"


def test_the_queue_shows_the_title_in_the_readers_language(client, make_case, make_staff):
    case = make_case(c.Kind.USER_DATA_REQUEST, items=[{"url": "https://ar.wikipedia.org/wiki/X", "project": "ar.wikipedia.org"}])
    client.force_login(make_staff("reviewer"))
    with translation.override("ar"):
        label = str(c.Kind.USER_DATA_REQUEST.label)
    page = client.get("/ar/staff/").content.decode()
    assert f'<bdi>{label}</bdi> · <bdi dir="ltr" class="whole">ar.wikipedia.org</bdi>' in page  # each part isolated
    assert case.subject not in page  # the stored English title is not what an Arabic reader sees


@pytest.mark.parametrize("stored, heading", [
    ("Request for user information · ar.wikipedia.org · 2026-03-02",
     '<bdi>{label}</bdi> · <bdi dir="ltr" class="whole">ar.wikipedia.org</bdi> · '
     '<bdi dir="ltr" class="whole">2026-03-02</bdi>'),
    ("Request for user information · 2026-03-02",  # no project: the kind and the day
     '<bdi>{label}</bdi> · <bdi dir="ltr" class="whole">2026-03-02</bdi>'),
    ("Imported: batch 7 · 2026-03-02",  # not a neutral title: one part, never taken for codes
     "<bdi>Imported: batch 7 · 2026-03-02</bdi>"),
    ("<b>x</b>", "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>"),
])
def test_the_heading_isolates_the_kind_and_keeps_the_site_and_the_day_whole_left_to_right(
        make_case, stored, heading):
    """In an Arabic heading "ar.wikipedia.org · 2026-03-02" side by side is one left-to-right run (the day read
    before the site) and the day broke at its hyphen: each part is isolated, the codes kept whole."""
    case = make_case(c.Kind.USER_DATA_REQUEST)
    Case.objects.filter(pk=case.pk).update(subject=stored)
    case.refresh_from_db()
    with translation.override("ar"):
        label = str(c.Kind.USER_DATA_REQUEST.label)
        assert case_heading(case) == heading.format(label=label)


def test_a_staff_members_name_in_a_sentence_of_the_arabic_case_page_is_isolated(
        client, make_staff, data_request, complete_checklist):
    """A user name is words of its own direction: "اقترحه j.doe-2 في …" put the name's dot and dash, and the date
    after it, where the Arabic sentence's direction said. Each name set in a sentence of the case page (who holds the
    case, who answered a question, who proposed the decision, the earlier proposals) is in its own <bdi>, and in the
    timeline's plain-text details between the Unicode isolates."""
    from rightsdesk.review.models import DecisionProposal

    person = make_staff("reviewer", "legal approver", username="j.doe-2")
    services.claim(data_request, person)
    complete_checklist(data_request, person)
    DecisionProposal.objects.create(case=data_request, proposed_by=person, summary="Refused.")
    DecisionProposal.objects.create(case=data_request, proposed_by=person, summary="Earlier.",
                                    status=DecisionProposal.Status.RETURNED, reviewed_by=person)
    client.force_login(make_staff("reviewer", "legal approver", username="colleague"))
    page = client.get(f"/ar/staff/cases/{data_request.reference}/").content.decode()
    named = re.findall(r"(<bdi>|\u2068)?j\.doe-2(</bdi>|\u2069)?", re.sub(r"<option[^>]*>[^<]*</option>", "", page))
    assert len(named) >= 5, "claimed by, answered by, proposed by, earlier proposals, the timeline"
    assert all(opened and closed for opened, closed in named), named
