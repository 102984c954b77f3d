"""Every address in a plain-text e-mail in Arabic, Persian or Urdu is linked as written by a mail program, and still
reads left to right inside the right-to-left sentence.

A mail program makes a link of an address from its scheme up to the first space. The e-mails isolate each address
(LRI … PDI, core.bidi); with the PDI right after the address, the link it made carried "%E2%81%A9" and the site it
names (https://ar.wikipedia.org/wiki/..., not ours: core.middleware.StrayMarksMiddleware only mends our own) answered
"not found". Some linkifiers also only start a link after a space or at the start of a line. The rule
(core.bidi.url_text) keeps a space between the address and each mark of the isolate.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from rightsdesk.appeals import services as appeal_services
from rightsdesk.cases import choices as c
from rightsdesk.core.bidi import BIDI_MARKS, LRI, PDI
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db

ITEM_URLS = ["https://ar.wikipedia.org/wiki/Mithal", "https://commons.wikimedia.org/wiki/File:Cairo_2026.jpg",
             "https://ar.wikipedia.org/wiki/%D9%85%D8%AB%D8%A7%D9%84?oldid=123"]
#: Where a linkifier starts a link (at its scheme) and ends it (at the first space or line end).
AS_LINKED = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def outbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")


def sent_bodies(case) -> dict[str, str]:
    """Every notice of ``case`` sent, by purpose and recipient: the body as the mail program receives it."""
    mail.outbox.clear()
    for notice in case.notices.filter(status=Notice.Status.DRAFT).order_by("pk"):
        notice_services.send_notice(notice, None)
        notice_services.deliver_now(notice)
    return {f"{m.subject[:40]} to {m.to[0]}": m.body for m in mail.outbox}


@pytest.fixture(params=["ar", "fa", "ur"])
def rtl_mails(request, make_case, decide, staff, checked, immediate_tasks):
    """The e-mails of a decided case, then of its reversed appeal, to people who read ``language``."""
    language = request.param
    case = make_case(
        c.Kind.CONTENT_TAKEDOWN, language=language,
        parties=[{"role": c.PartyRole.REQUESTER, "name": "أحمد", "email": "ahmed@example.org", "language": language},
                 {"role": c.PartyRole.AFFECTED_USER, "account_name": "Katib", "email": "katib@users.example.net",
                  "language": language}],
        items=[{"url": url, "project": url.split("/")[2], "page_title": f"Page {n}", "account_name": "Katib"}
               for n, url in enumerate(ITEM_URLS)],
        content_ground=c.ContentGround.DEFAMATION, country="EG", decision_ground=c.DecisionGround.ILLEGAL_CONTENT)
    decided = decide(case, staff["reviewer"], actions={n: (c.Action.REMOVE, []) for n in range(len(ITEM_URLS))})
    bodies = sent_bodies(decided)
    appeal = appeal_services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "المقالة دقيقة.", language,
                                         "affected_user")
    checked(appeal, staff["other"])
    appeal_services.decide_appeal(appeal, c.Outcome.GRANTED, "The statements are sourced.", staff["other"])
    bodies |= sent_bodies(appeal)
    return language, bodies


def test_every_address_in_a_right_to_left_email_is_linked_as_written_and_kept_left_to_right(rtl_mails):
    language, bodies = rtl_mails
    assert len(bodies) >= 3, bodies.keys()  # the decision, the statement of reasons, the appeal's decision
    named = set()
    for which, body in bodies.items():
        native = body.split("[English]")[0]  # an unreviewed language has the English text below: no marks there
        assert LRI in native, f"{which}: the {language} e-mail isolates what reads left to right"
        for match in AS_LINKED.finditer(body):
            linked = match.group(0)
            assert not set(linked) & set(BIDI_MARKS), f"{which}: the link made of {linked!r} carries a mark"
            assert match.start() == 0 or body[match.start() - 1].isspace(), (
                f"{which}: a mark touches the start of {linked!r}: {body[match.start() - 3:match.end()]!r}")
            named.add(linked)
        for url in ITEM_URLS:
            if url in native:  # and where the sentence names it, it reads left to right: inside an isolate
                assert re.search(f"{LRI}\\s*{re.escape(url)}\\s*{PDI}", native), f"{which}: {url} is not isolated"
    assert set(ITEM_URLS) <= named
    assert any("/appeal/" in link for link in named), "the private appeal link is linked as written too"
