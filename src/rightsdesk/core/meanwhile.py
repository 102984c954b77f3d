"""A colleague took the step first: the refusal of a step made impossible after its page was opened, in words.

Two of the team have the same page open; one decides (declines support, releases the preserved records, decides the
appeal). The other's sending meets the rules' own refusal ("This request is “Support declined”: “Decline support” is
not possible now", "Nothing is preserved under this request"): true, but it says neither who nor what, and reads as
if the person had done something wrong. :func:`taken_meanwhile` says who brought the record to the state it is in,
when, and that nothing was saved: a :class:`Conflict` (409), which the pages answer with what was typed given back.
The one wording of the appeals, legal support and preservation (each app finds who and when in its own history).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .bidi import isolated_text
from .errors import Conflict
from .moments import moment_text

CODE = "decided_meanwhile"


def taken_meanwhile(who: str, now: str, when) -> Conflict:
    """The refusal: ``who`` (a username) made the record ``now`` (its state, in words) at ``when``; nothing saved."""
    return Conflict(_("After you opened this page, %(who)s made it “%(now)s” (%(when)s). Nothing was saved.")
                    % {"who": isolated_text(who or "—"), "now": now, "when": moment_text(when)}, code=CODE)
