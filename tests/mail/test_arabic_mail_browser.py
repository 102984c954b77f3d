"""An Arabic e-mail read in the Arabic staff inbox, in Chromium: the sender's name and address each keep their own
direction. "أحمد المصري <ahmed@example.org>" was one isolate that took the name's direction, so the address's angle
brackets were laid out right to left around a left-to-right address and both read "<" ("<ahmed@example.org <أحمد").
The name and the address are now isolated apart, the address left to right, at phone and desktop width."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage

import pytest
from django.utils import translation

from rightsdesk.mail import services

from .corpus import make_inboxes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def arabic_mail(n: int, forwarded: bool = False) -> bytes:
    """An Arabic mail as a mail client writes it: the name in an RFC 2047 word, the text in base64."""
    message = EmailMessage()
    message["From"] = Address("أحمد المصري", addr_spec=f"ahmed{n}@example.org")
    message["To"] = "legal@demo.invalid"
    message["Subject"] = "طلب حذف صورة منشورة دون إذن"
    message["Message-ID"] = f"<arabic-{n}@example.org>"
    text = "السلام عليكم،\nنطلب حذف الصورة المنشورة في مقالة «القاهرة» لأنها تنتهك حقوق النشر."
    if forwarded:
        text = ("---------- Forwarded message ---------\nFrom: مكتب المحاماة <office@law.example>\n"
                "Date: Mon, 7 Dec 2026 10:00\nSubject: طلب\n\n" + text)
    message.set_content(text, cte="base64")
    return bytes(message)


#: For each "<" and ">" of the element (in the order written), where the browser drew it: its left edge.
BRACKETS_DRAWN = """([label, address]) => {
  const dd = [...document.querySelectorAll('dt')].find(dt => dt.textContent.trim() === label).nextElementSibling;
  const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
  const drawn = {};
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      const ch = node.data[i];
      if (ch !== '<' && ch !== '>' && !(node.data.startsWith(address, i))) continue;
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + (ch === '<' || ch === '>' ? 1 : address.length));
      const box = range.getBoundingClientRect();
      drawn[ch === '<' || ch === '>' ? ch : 'address'] = [box.left, box.right];
    }
  }
  return drawn;
}"""


def test_the_senders_address_keeps_its_brackets_around_it_in_the_arabic_inbox(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    message = services.receive_message("legal", arabic_mail(1, forwarded=True)).message
    assert message.sender_name == "أحمد المصري" and message.original_sender_email == "office@law.example"
    sign_in_browser(make_staff("reviewer"))
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/ar/staff/inbox/{message.pk}/")
        for label, address in (("From", "ahmed1@example.org"), ("Original sender", "office@law.example")):
            with translation.override("ar"):
                label = translation.gettext(label)
            drawn = page.evaluate(BRACKETS_DRAWN, [label, address])
            assert set(drawn) == {"<", ">", "address"}, (label, drawn)
            # As read left to right: "<", the address, ">".
            assert drawn["<"][1] <= drawn["address"][0] + 1 and drawn["address"][1] <= drawn[">"][0] + 1, (
                width, label, drawn)


#: How the browser drew the link to the case a message was filed into: its lines, and whether it stays in its cell.
REFERENCE_DRAWN = """(href) => {
  const link = document.querySelector(`a[href="${href}"]`);
  const range = document.createRange(); range.selectNodeContents(link);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  const cell = link.closest('td, p').getBoundingClientRect(), box = range.getBoundingClientRect();
  return {text: link.textContent, lines: lines.size, inside: box.left >= cell.left - 1 && box.right <= cell.right + 1};
}"""


def test_the_case_a_reply_joined_is_named_by_its_whole_reference_in_the_arabic_inbox(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path, make_case):
    """An Arabic reply to a case's message joins the case; the inbox and the message page name it by its reference,
    one word left to right: it broke at its hyphens ("RD-2026-" above "G6MAHHM") and ran out of its cell."""
    from django.urls import reverse

    from rightsdesk.core.mailrefs import message_id_for

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    case = make_case()
    reply = EmailMessage()
    reply["From"] = Address("إريكا", addr_spec="erika@example.org")  # the case's requester
    reply["To"] = "legal@demo.invalid"
    reply["Subject"] = f"رد: [{case.reference}]"
    reply["Message-ID"] = "<arabic-reply@example.org>"
    reply["In-Reply-To"] = reply["References"] = message_id_for(case.reference, "message")
    reply.set_content("شكرا، هذه معلومات إضافية عن الطلب.", cte="base64")
    received = services.receive_message("legal", bytes(reply))
    assert received.outcome == "filed" and received.message.case_id == case.pk
    sign_in_browser(make_staff("reviewer"))
    href = reverse("review:case", kwargs={"reference": case.reference}).replace("/en/", "/ar/")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for address in ("/ar/staff/inbox/", f"/ar/staff/inbox/{received.message.pk}/"):
            page.goto(live_server.url + address)
            drawn = page.evaluate(REFERENCE_DRAWN, href)
            assert drawn == {"text": case.reference, "lines": 1, "inside": True}, (width, address, drawn)


#: How the browser drew the first case reference written in each element matched by the selector: on how many lines,
#: and whether its characters run left to right.
REFERENCE_IN_TEXT_DRAWN = """([selector, reference]) => [...document.querySelectorAll(selector)].map(element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let text = '', nodes = [];
  for (let node; (node = walker.nextNode());) { nodes.push([node, text.length]); text += node.data; }
  const at = text.indexOf(reference);
  if (at < 0) return null;
  const boxes = [];
  for (let i = at; i < at + reference.length; i++) {
    const [node, start] = nodes.filter(([, s]) => s <= i).pop();
    const range = document.createRange(); range.setStart(node, i - start); range.setEnd(node, i - start + 1);
    boxes.push(range.getBoundingClientRect());
  }
  return {lines: new Set(boxes.map(b => Math.round(b.top))).size,
          leftToRight: boxes.every((b, i) => i === 0 || b.left >= boxes[i - 1].left - 1)};
})"""


def test_a_reply_subject_names_its_case_by_its_whole_reference_in_the_arabic_inbox(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path, make_case):
    """"رد: [RD-2026-…] …" as an Arabic mail program writes a reply's subject: in the inbox's subject column, the
    message page's heading and its Subject header, the reference broke at its hyphens ("RD-2026-" above the rest).
    Each reference in a subject is now one word kept left to right, at phone and desktop width."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    case = make_case()
    reply = EmailMessage()
    reply["From"] = Address("إريكا", addr_spec="someone.else@example.org")
    reply["To"] = "legal@demo.invalid"
    reply["Subject"] = f"رد: [{case.reference}] قرارنا بشأن طلبك والمعلومات الإضافية المطلوبة"
    reply["Message-ID"] = "<arabic-reply-subject@example.org>"
    reply.set_content("شكرا، هذه معلومات إضافية عن الطلب.", cte="base64")
    message = services.receive_message("legal", bytes(reply)).message
    sign_in_browser(make_staff("reviewer"))
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for address, selector in (("/ar/staff/inbox/", "td[dir=auto]"),
                                  (f"/ar/staff/inbox/{message.pk}/", "h1, dl.facts dd")):
            page.goto(live_server.url + address)
            drawn = [d for d in page.evaluate(REFERENCE_IN_TEXT_DRAWN, [selector, case.reference]) if d]
            assert drawn and all(d == {"lines": 1, "leftToRight": True} for d in drawn), (width, address, drawn)


#: Where the placeholder of an empty text or subject is drawn: its side of the box it stands in.
PLACEHOLDER_SIDE = """(selector) => [...document.querySelectorAll(selector)].filter(e => e.textContent.trim() === '—')
  .map(e => { const range = document.createRange(); range.selectNodeContents(e);
              const text = range.getBoundingClientRect(), box = e.closest('td, section').getBoundingClientRect();
              return text.right - box.left > box.right - text.left ? 'right' : 'left'; })"""


def test_a_message_without_text_or_subject_shows_its_dash_on_the_right_in_arabic(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path):
    """An empty text (or subject) shows "—", at the start of the line: in Arabic, on the right. The text's box takes
    its direction from what it holds (dir="auto"), and a lone dash set it left to right: the dash stood on the left,
    where nothing else of the page starts."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    empty = EmailMessage()
    empty["From"] = "someone@example.org"
    empty["To"] = "legal@demo.invalid"
    empty["Message-ID"] = "<empty@example.org>"
    empty.set_content("")
    message = services.receive_message("legal", bytes(empty)).message
    assert not message.body_text.strip() and not message.subject
    sign_in_browser(make_staff("reviewer"))
    page.goto(f"{live_server.url}/ar/staff/inbox/{message.pk}/")
    assert page.evaluate(PLACEHOLDER_SIDE, "section[aria-labelledby=text-title] *") == ["right"]
    page.goto(f"{live_server.url}/ar/staff/inbox/")
    sides = page.evaluate(PLACEHOLDER_SIDE, "td")  # the subject's, and the suggested kind's
    assert len(sides) == 2 and set(sides) == {"right"}, sides


#: On how many lines each part of each moment received is drawn.
WHOLE_PARTS_LINES = """() => [...document.querySelectorAll('.inbox-table time[data-moment] span')].map(part => {
  const range = document.createRange(); range.selectNodeContents(part);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })"""

#: How much wider than its box the inbox's table is drawn (0 when it fits).
TABLE_OVERFLOW = """() => { const wrap = document.querySelector('.table-wrap');
  return Math.max(0, wrap.scrollWidth - wrap.clientWidth); }"""


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_inbox_fits_its_box_on_a_desktop_screen_without_scrolling_sideways(
        page, live_server, make_staff, sign_in_browser, settings, tmp_path, make_case, language):
    """At 1280 px the inbox's seven columns were wider than the page's box (about 1,030 px in English, 975 in Arabic,
    for 856): the status column, with the case a message was filed into, was cut off and needed a sideways scroll.
    Long addresses now wrap inside their cells, and a moment received between its day and its time, and the table
    fits. At 390 px it may scroll inside its box (a table of seven columns cannot fit a phone), never the page."""
    from rightsdesk.core.mailrefs import message_id_for

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    case = make_case()
    for n, (inbox, sender) in enumerate((("legal", "very.long.sender.address.of.a.law.office@mail.example-law-firm.org"),
                                         ("emergency", "rosa.diaz@police.example.gov"),
                                         ("privacy", "ahmed@example.org"))):
        mail = EmailMessage()
        mail["From"] = Address("أحمد المصري", addr_spec=sender)
        mail["To"] = "legal@demo.invalid"
        mail["Subject"] = "EMERGENCY disclosure request - imminent threat to life, Demande d'effacement"
        mail["Message-ID"] = f"<fits-{n}@example.org>"
        mail.set_content("Thank you, here is more about the request.")
        services.receive_message(inbox, bytes(mail))
    reply = EmailMessage()  # the requester's reply joins the case: its status names the case by its reference
    reply["From"] = Address("Erika", addr_spec="erika@example.org")
    reply["To"] = "legal@demo.invalid"
    reply["Subject"] = f"Re: [{case.reference}] your question"
    reply["Message-ID"] = "<fits-reply@example.org>"
    reply["In-Reply-To"] = reply["References"] = message_id_for(case.reference, "message")
    reply.set_content("Here is the licence.")
    assert services.receive_message("legal", bytes(reply)).outcome == "filed"
    sign_in_browser(make_staff("reviewer"))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/staff/inbox/")
    assert page.evaluate(TABLE_OVERFLOW) == 0
    # The moment received may take two lines, its day above its time, each whole ("2026-12-" broke off its day).
    assert set(page.evaluate(WHOLE_PARTS_LINES)) == {1}
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/{language}/staff/inbox/")
    assert page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
