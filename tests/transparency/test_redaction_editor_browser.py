"""In Chromium: each proposal of the redaction editor ("hide “wendelin@example.org”", Arabic "إخفاء «…»") is drawn
with its quotation marks around the words to hide, in English and in Arabic, on a phone and a desktop: the opening
mark on the side the page's language reads from, the closing one on the other, each turned away from the words,
touching them and on their line. The label was a flex box whose items were the text before the words, the words
(<bdi>) and the closing mark: the marks stood apart from the words by the gap, and a long name, wrapping at 390 px,
left them beside a two-line column (the opening mark under "hide", the closing one at the top of the other side)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from tests import screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PRIVATE = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Wendelin Maximilian Quarz-Eisvogel von Hohenberg-Achternbusch",
           "email": "wendelin@example.org"}

#: For each proposal: the words to hide as drawn (their first and last line's box), and the marks written before and
#: after them (the nearest character that is not a space), each with its box ([left, right, top, bottom]) and the glyph
#: drawn (a guillemet laid out right to left is drawn mirrored, Unicode's Bidi_Mirrored; curly quotes are not).
MARKS_DRAWN = """() => { const MIRRORED = {'«': '»', '»': '«'}; return [...document.querySelectorAll('ul.redaction-spans li label:first-of-type')].map(label => {
  label.scrollIntoView({block: 'center'});
  const words = label.querySelector('bdi');
  const box = r => [r.left, r.right, r.top, r.bottom];
  const whole = document.createRange(); whole.selectNodeContents(words);
  const lines = [...whole.getClientRects()].filter(r => r.width > 0);
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  const texts = []; for (let n; (n = walker.nextNode());) texts.push(n);
  const inside = texts.filter(n => words.contains(n));
  const before = texts.filter(n => !words.contains(n) && (words.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING));
  const after = texts.filter(n => !words.contains(n) && (words.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING));
  const mark = (nodes, last) => {
    const order = last ? [...nodes].reverse() : nodes;
    for (const node of order) {
      const idx = [...Array(node.data.length).keys()]; if (last) idx.reverse();
      for (const i of idx) if (node.data[i].trim()) {
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
        const b = r.getBoundingClientRect();
        // Laid out right to left, a character's left edge is the caret after it: a mirrored mark is drawn turned.
        const caret = document.caretPositionFromPoint(b.left + b.width / 4, (b.top + b.bottom) / 2);
        const rtl = caret !== null && caret.offsetNode === node && caret.offset === i + 1;
        const ch = node.data[i];
        return {ch, drawn: rtl ? (MIRRORED[ch] || ch) : ch, box: box(b)};
      }
    }
    return null;
  };
  return {text: words.textContent, first: box(lines[0]), last: box(lines[lines.length - 1]),
          opening: mark(before, true), closing: mark(after, false)};
})}"""


#: The marks as a reader sees them on the left and on the right of the quoted words: turned away from the words.
SEEN = {"en": ("“", "”"), "ar": ("«", "»")}


def beside(mark, line) -> bool:
    """The mark is drawn on the line of the words (their boxes overlap in height)."""
    return mark[2] < line[3] and line[2] < mark[3]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_each_proposal_is_drawn_with_its_quotation_marks_around_the_words_to_hide(
        page, live_server, decided_case, reviewer, sign_in_browser, language):
    case = decided_case(parties=[PRIVATE], description="Wendelin Maximilian Quarz-Eisvogel von Hohenberg-Achternbusch wrote from wendelin@example.org.")
    sign_in_browser(reviewer)
    path = reverse("transparency:redaction-edit", args=[case.reference]).replace("/en/", f"/{language}/")
    rtl = language == "ar"  # the words are left to right in both
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + path)
        screenshots.keep(page, f"redaction-editor-{language}-{width}.png", full_page=True)
        screenshots.keep(page.locator("ul.redaction-spans").first, f"redaction-proposals-{language}-{width}.png")
        drawn = page.evaluate(MARKS_DRAWN)
        assert any(p["text"] == "wendelin@example.org" for p in drawn), drawn
        for p in drawn:
            opening, closing, first, last = p["opening"], p["closing"], p["first"], p["last"]
            assert opening and closing, (width, p)
            assert beside(opening["box"], first) and beside(closing["box"], last), (width, p)
            if rtl:  # read from the right: the opening mark right of the words, the closing one left of them
                assert first[1] <= opening["box"][0] + 1 and closing["box"][1] <= last[0] + 1, (width, p)
                seen = (closing["drawn"], opening["drawn"])
            else:
                assert opening["box"][1] <= first[0] + 1 and last[1] <= closing["box"][0] + 1, (width, p)
                seen = (opening["drawn"], closing["drawn"])
            assert seen == SEEN[language], (width, p)
            # Touching the words, as the sentence writes them (no space between the marks and the words in either).
            near = [abs(opening["box"][0] - first[1]), abs(closing["box"][1] - last[0])] if rtl else \
                [abs(first[0] - opening["box"][1]), abs(closing["box"][0] - last[1])]
            assert max(near) < 3, (width, near, p)
