"""A private link followed from an e-mail in Arabic, Persian or Urdu opens its page, even when the mail program took
the invisible mark that closed the link's isolate (PDI, U+2069) into the link it made (core.middleware.StrayMarksMiddleware).

The e-mails isolate every address inside a right-to-left sentence, and a mail program that makes links of addresses
ends the link at the first space: the PDI right after the address was in it. Such a link ended in "%E2%81%A9" and
answered "not found": the person's appeal link seemed dead. The e-mails now keep a space between the address and the
mark (core.bidi.url_text, tests/notices/test_links_in_rtl_mail.py); links made from e-mails sent before still lead
to their page.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db

#: Every mark a link copied out of a right-to-left sentence may end with: (its name, the character).
MARKS = [("PDI", "\u2069"), ("LRM", "\u200e"), ("RLM", "\u200f"), ("ALM", "\u061c"), ("PDF", "\u202c"),
         ("LRI", "\u2066"), ("PDI and RLM", "\u2069\u200f")]


@pytest.fixture
def arabic_appeal_mail(make_case, decide, staff, smtp, immediate_tasks):
    """The body of the decision's e-mail to an affected user who reads Arabic."""
    case = make_case(
        c.Kind.CONTENT_TAKEDOWN,
        parties=[{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org",
                  "language": "de"},
                 {"role": c.PartyRole.AFFECTED_USER, "account_name": "Katib", "email": "katib@users.example.net",
                  "language": "ar"}],
        items=[{"url": "https://ar.wikipedia.org/wiki/Mithal", "project": "ar.wikipedia.org", "page_title": "Mithal",
                "account_name": "Katib"}],
        content_ground=c.ContentGround.DEFAMATION, country="EG", decision_ground=c.DecisionGround.ILLEGAL_CONTENT)
    decided = decide(case, staff["reviewer"])
    notice = decided.notices.get(recipient_role=c.PartyRole.AFFECTED_USER, status=Notice.Status.DRAFT)
    notice_services.send_notice(notice, staff["reviewer"])
    return smtp.bodies()[-1]


def test_the_appeal_link_of_an_arabic_email_opens_the_appeal_page_as_a_mail_program_links_it(client, arabic_appeal_mail):
    linked = re.search(r"https?://\S+/appeal/\S+", arabic_appeal_mail).group(0)  # up to the first space, as linkified
    assert "\u2069" not in linked, "the isolate's mark is kept apart from the link (core.bidi.url_text)"
    path = quote(re.sub(r"^https?://[^/]+", "", linked))
    assert client.get(path).status_code == 200
    # A link made from an e-mail sent before, whose PDI touched the address, still leads there.
    response = client.get(path + "%E2%81%A9", follow=True)
    assert response.status_code == 200 and response.redirect_chain
    assert response.redirect_chain[0][0] == path
    assert response.redirect_chain[0][1] == 302


@pytest.mark.parametrize("name, marks", MARKS, ids=[name for name, _ in MARKS])
def test_a_path_ending_in_invisible_marks_of_direction_is_sent_to_the_path_without_them(client, name, marks):
    response = client.get("/ar/track/some-private-link/" + marks, {"lang": "x"})
    assert response.status_code == 302 and response["Location"] == "/ar/track/some-private-link/?lang=x"
    assert response["Cache-Control"] == "no-store, private" and response["Referrer-Policy"] == "same-origin"


def test_a_path_without_such_marks_and_a_post_are_left_alone(client):
    assert client.get("/ar/track/some-private-link/").status_code == 404  # no such link: said, not redirected
    assert client.post("/ar/track/some-private-link/\u2069").status_code == 404  # a form is never sent elsewhere
