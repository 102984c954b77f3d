"""What the tracking page says after a decision: the reasons we sent the requester, and how to appeal.

Only what was actually sent is shown: the requester's decision notice once it
is sent (never a draft, a held notice or staff notes). Its appeal link is
personal and is not kept, so the page points to the e-mail for it.

The public appeal page (appeals.views.appeal_page) shows the decision on an
appeal the same way: the appellant is the appeal case's requester, so
:func:`decision_for_requester` of the appeal is the notice they were sent.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.notices.bookkeeping import APPEALABLE, hold_over
from rightsdesk.notices.models import Notice
from rightsdesk.notices.rendering import final_body

DECISION_PURPOSES = (Notice.Purpose.DECISION, Notice.Purpose.APPEAL_DECISION)

#: Latin legal citations ("17 U.S.C. 512(c)") are isolated left to right, so right-to-left text does not reorder them.
_CITATION = re.compile(r"(?<!\u2066)\b(\d+ U\.S\.C\. §?\s?\d+(?:\([a-z0-9]+\))*)")


def _appeal_deadline(case, notice):
    try:  # the appeals rule (the window counted from the notice); the appeals app owns it
        from rightsdesk.appeals.selectors import appeal_deadline
    except ImportError:  # pragma: no cover - an installation without the appeals app
        return None
    return appeal_deadline(case, c.PartyRole.REQUESTER, notice)


def _sent_decisions(case):
    """The decision notices sent to the case's requester (the appellant, for an appeal)."""
    return Notice.objects.filter(case=case, recipient_role=c.PartyRole.REQUESTER, purpose__in=DECISION_PURPOSES,
                                 status=Notice.Status.SENT)


def decision_for_requester(case) -> dict | None:
    """The sent decision notice as the requester read it, with the last day to appeal; None before it is sent.

    For an appeal, the decision on it as the appellant (its requester) read it; it cannot be appealed again here.
    """
    notice = _sent_decisions(case).order_by("-sent_at", "-id").first()
    if notice is None:
        return None
    appealable = notice.purpose in APPEALABLE and case.kind != c.Kind.APPEAL
    deadline = _appeal_deadline(case, notice) if appealable else None
    text = final_body(notice.body, notice.language, link=_("[the private link in the e-mail we sent you]"),
                      deadline=deadline)
    return {"sent_at": notice.sent_at, "text": text, "paragraphs": _paragraphs(text), "appealable": appealable,
            "deadline": deadline, "language": notice.language}


def decision_withheld(case) -> bool:
    """Must the requester's private page keep the decision back (its outcome, its date, that there is one)?

    Yes while a legal hold bars telling them (``notices.bookkeeping.hold_over``: a gag order covering everyone, or,
    for an affected user's appeal, one covering affected users on the case appealed) and no decision was sent to
    them before it: the page must not say what the held notice may not. The page keeps saying what it said before
    the decision; once the hold is lifted and the notice sent, it shows the decision as sent.
    """
    if case.is_open or case.outcome in (c.Outcome.PENDING, c.Outcome.WITHDRAWN):  # withdrawing is their own act
        return False
    if hold_over(case, c.PartyRole.REQUESTER) is None:
        return False
    return not _sent_decisions(case).exists()  # asked, not rendered: the page renders the one it shows


def _paragraphs(text: str) -> list[list[str]]:
    """The message as paragraphs of lines, so each line takes its own direction (staff may write in another script)."""
    paragraphs, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(_CITATION.sub("\u2066\\1\u2069", line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs
