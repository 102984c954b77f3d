"""What the tracking page says after a decision: the reasons we sent the requester, and how to appeal.

Only what was actually sent is shown: the requester's decision notice once it
is sent (never a draft, a held notice or staff notes). Its appeal link is
personal and is not kept, so the page points to the e-mail for it.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightsdesk.cases import choices as c
from rightsdesk.notices.models import Notice
from rightsdesk.notices.rendering import final_body

DECISION_PURPOSES = (Notice.Purpose.DECISION, Notice.Purpose.APPEAL_DECISION)


def _appeal_deadline(case, notice):
    try:  # the appeals rule (the window counted from the notice); the appeals app owns it
        from rightsdesk.appeals.selectors import appeal_deadline
    except ImportError:  # pragma: no cover - an installation without the appeals app
        return None
    return appeal_deadline(case, c.PartyRole.REQUESTER, notice)


def decision_for_requester(case) -> dict | None:
    """The sent decision notice as the requester read it, with the last day to appeal; None before it is sent."""
    notice = (Notice.objects.filter(case=case, recipient_role=c.PartyRole.REQUESTER, purpose__in=DECISION_PURPOSES,
                                    status=Notice.Status.SENT).order_by("-sent_at", "-id").first())
    if notice is None:
        return None
    appealable = case.kind != c.Kind.APPEAL and bool(notice.appeal_token_digest)
    deadline = _appeal_deadline(case, notice) if appealable else None
    text = final_body(notice.body, notice.language, link=_("[the private link in the e-mail we sent you]"),
                      deadline=deadline)
    return {"sent_at": notice.sent_at, "text": text, "appealable": appealable, "deadline": deadline,
            "language": notice.language}
