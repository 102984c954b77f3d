"""A notice withdrawn from the public log: withdrawal is the remedy when something private was published, so once
withdrawn nothing public shows or finds what the notice said, its title included."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.opendata import bulk_notices
from rightsdesk.transparency import log_search, publishing
from rightsdesk.transparency.exports import dsa, lumen
from rightsdesk.transparency.models import PublicRecord

pytestmark = pytest.mark.django_db

#: What slipped through the redaction (staff missed it): in the published title and request.
SLIPPED = "Schleiereule"
WITHDRAWN_HEADING = "This notice was withdrawn from the log"


@pytest.fixture
def withdrawn(decided_case, publish, approver):
    """A notice whose title and request carried a word that must go, published, seen in the log, then withdrawn."""
    case = decided_case(subject=f"Remove the {SLIPPED} paragraph",
                        description=f"The {SLIPPED} paragraph names me; please remove it.",
                        outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE])
    notice = publish(case)
    assert SLIPPED in notice.title and SLIPPED in notice.search_text  # what the public could see and search
    assert log_search.search(log_search.Filters(q=SLIPPED.lower())).count == 1
    assert any(i.notice_id == notice.pk for i in dsa.restricting_items())
    return publishing.unpublish(notice, approver, "Withdrawn on a court's order.")


def _title(html: str) -> str:
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_withdrawn_page_is_named_as_withdrawn_and_shows_nothing_of_the_notice(client, withdrawn, make_staff):
    for visitor in (client, None):  # the kept frame (anonymous) and the frame rendered per request (signed in)
        if visitor is None:
            from django.test import Client

            visitor = Client()
            visitor.force_login(make_staff("reviewer"))
        response = visitor.get(reverse("transparency:notice-detail", args=[withdrawn.public_id]))
        html = response.content.decode()
        assert response.status_code == 410
        assert WITHDRAWN_HEADING in _title(html), _title(html)
        assert SLIPPED not in html


def test_the_withdrawn_page_title_is_translated(client, withdrawn):
    response = client.get(f"/de/notices/{withdrawn.public_id}/")
    html = response.content.decode()
    assert response.status_code == 410 and SLIPPED not in html
    assert WITHDRAWN_HEADING not in _title(html) and _title(html).strip()  # the German heading, not the English


def test_a_withdrawn_record_keeps_no_text_the_public_saw_and_publishing_again_writes_it_anew(withdrawn, approver):
    row = PublicRecord.objects.get(pk=withdrawn.pk)
    assert {name: getattr(row, name) for name in publishing.WITHDRAWN_TEXTS} == dict.fromkeys(
        publishing.WITHDRAWN_TEXTS, "")
    assert not row.items.exists() and row.unpublish_reason == "Withdrawn on a court's order."
    again = publishing.publish(row.case, approver)
    assert again.is_public and SLIPPED in again.title and SLIPPED in again.body and SLIPPED in again.search_text


def test_a_withdrawn_notice_is_found_nowhere_public(client, withdrawn):
    public_id = withdrawn.public_id
    log = client.get(reverse("transparency:log-list"), {"q": SLIPPED.lower()}).content.decode()
    assert public_id not in log and SLIPPED not in log
    assert log_search.search(log_search.Filters(q=SLIPPED.lower())).count == 0
    assert client.get("/api/v1/notices", {"q": SLIPPED.lower()}).json()["results"] == []
    assert public_id not in client.get("/api/v1/notices").content.decode()
    assert client.get(f"/api/v1/notices/{public_id}").status_code == 404
    assert list(lumen.notices()) == []  # the only notice there is
    for rows in (bulk_notices.notice_rows(), bulk_notices.item_rows(), bulk_notices.instrument_rows()):
        assert list(rows) == []
    assert not any(i.notice_id == withdrawn.pk for i in dsa.restricting_items())
    # and the row the index is rebuilt from holds nothing to find (a rebuild, or a reader that forgot is_public)
    assert SLIPPED not in PublicRecord.objects.get(pk=withdrawn.pk).search_text
