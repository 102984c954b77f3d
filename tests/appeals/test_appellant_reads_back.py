"""The person who appealed reads back what they sent on the appeal's page, the link only they hold: their grounds and
what they added, escaped, each in its own direction. Nobody else's link shows it, nor any public page."""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db

#: (what the appellant typed, what the page must hold for it)
GROUNDS = [
    ("The photo is my own work,\npublished under a free licence.",
     '<p class="sent-text" id="grounds" dir="auto">The photo is my own work,<br>published under a free licence.</p>'),
    ("الصورة من عملي الخاص، منشورة برخصة حرة.",
     '<p class="sent-text" id="grounds" dir="auto">الصورة من عملي الخاص، منشورة برخصة حرة.</p>'),
    ('My own <script>alert("x")</script> photo & licence',
     '<p class="sent-text" id="grounds" dir="auto">My own &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; photo '
     '&amp; licence</p>'),
]


@pytest.fixture
def links(takedown, decide, staff, smtp, immediate_tasks):
    """The appeal links of the decision's notices: {role: path}, each sent to its own reader."""
    decided = decide(takedown(), staff["reviewer"])
    paths = {}
    for notice in decided.notices.exclude(status=Notice.Status.CANCELLED).order_by("id"):
        before = len(smtp.bodies())
        notice_services.send_notice(notice, staff["reviewer"])
        found = [re.search(r"http://[^/]+/\w+(/appeal/\S+/)", b) for b in smtp.bodies()[before:]]
        if any(found):
            paths.setdefault(notice.recipient_role, next(m.group(1) for m in found if m))
    assert {c.PartyRole.REQUESTER, c.PartyRole.AFFECTED_USER} <= set(paths)
    return paths


def _token(client, path) -> str:
    return re.search(r'name="form_token" value="([^"]+)"', client.get(path).content.decode()).group(1)


@pytest.mark.parametrize("typed,shown", GROUNDS)
def test_the_appellant_reads_back_their_grounds_and_what_they_added_on_the_appeals_page(links, client, typed, shown):
    path = "/en" + links[c.PartyRole.AFFECTED_USER]
    assert client.post(path, {"text": typed, "form_token": _token(client, path)}).status_code == 302
    client.post(path, {"text": "Here is the <b>licence</b> page.", "form_token": _token(client, path)})
    for language in ("en", "ar"):
        page = client.get(f"/{language}" + links[c.PartyRole.AFFECTED_USER]).content.decode()
        assert shown in page
        assert "<bdi>Here is the &lt;b&gt;licence&lt;/b&gt; page.</bdi>" in page
        assert 'id="id_text"' in page and page.count(typed.split("\n")[0].split("<")[0]) == 1  # not in the form


def test_no_other_link_and_no_public_page_shows_the_grounds(links, client):
    mine = "/en" + links[c.PartyRole.AFFECTED_USER]
    typed = "Only I and the reviewers may read these grounds: 7K2Q."
    client.post(mine, {"text": typed, "form_token": _token(client, mine)})
    assert typed in client.get(mine).content.decode()
    others = ["/en" + links[c.PartyRole.REQUESTER], "/en/notices/", "/en/appeal/" + "x" * 30 + "/", "/en/"]
    for path in others:
        assert "7K2Q" not in client.get(path).content.decode(), path


def test_the_references_on_the_appeals_page_stay_left_to_right_in_arabic(links, client):
    """The heading's reference (the decision appealed) and the appeal's own, in an Arabic sentence, are isolated as
    references: at 390 px "RD-2026-…" broke at its hyphen and its parts took the sentence's direction."""
    path = links[c.PartyRole.AFFECTED_USER]
    client.post("/en" + path, {"text": "It was my own photo.", "form_token": _token(client, "/en" + path)})
    page = client.get("/ar" + path).content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert re.search(r'<bdi dir="ltr" class="ref">RD-[\w-]+</bdi>', heading), heading
    lead = re.search(r'<p class="lead">(.*?)</p>', page, re.S).group(1)
    assert re.search(r'<bdi dir="ltr" class="ref">[A-Z]+-[\w-]+</bdi>', lead), lead


@pytest.mark.parametrize("typed,shown", GROUNDS)
def test_an_appeal_sent_with_the_appeal_form_reads_back_its_grounds_on_its_tracking_page_as_on_a_link(
        links, client, typed, shown):
    """The tracking page sends a requester without their e-mail to the appeal form; the appeal's own tracking link
    then shows what they sent as an appeal's link does: the grounds in full (not folded away), escaped, their own
    direction, the decision appealed kept left to right, and what they added."""
    appealed = Notice.objects.filter(recipient_role=c.PartyRole.REQUESTER).first().case
    form = client.get("/en/request/appeal/").content.decode()
    once = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    sent = client.post("/en/request/appeal/", {"appeal_reference": appealed.reference, "description": typed,
                                               "email": "erika@example.org", "form_token": once})
    assert sent.status_code == 302, sent.content.decode()[:2000]
    receipt = client.get(sent["Location"]).content.decode()
    track = re.search(r'id="tracking-link" href="http://[^/]+/\w+(/track/[^/"]+/)"', receipt).group(1)
    page = client.get("/en" + track).content.decode()
    once = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    client.post(f"/en{track}add/", {"text": "Here is the <b>licence</b> page.", "form_token": once})
    for language in ("en", "ar"):
        page = client.get(f"/{language}" + track).content.decode()
        assert shown in page
        assert "<bdi>Here is the &lt;b&gt;licence&lt;/b&gt; page.</bdi>" in page
        assert f'<bdi dir="ltr" class="ref">{appealed.reference}</bdi>' in page.split('id="sent"')[1]
