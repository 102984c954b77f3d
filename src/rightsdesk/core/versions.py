"""The version of a text a page showed, and the refusal of a change made from a page older than the text.

Two staff can open the same text (a public draft of the human-rights report, a notice's wording) and both send
their form. Each form carries the version of the text it showed (:func:`text_version`, a short fingerprint of the
text: nothing to store, and the same text always has the same version); the service that changes the text, under
a row lock, compares it with the text as it is now (:func:`refuse_if_changed`). When they differ, nothing is
changed: the later of two editors is told, instead of silently overwriting the earlier one, and the page gives the
form back with what was typed and the text as it is now. Approving or reviewing a wording uses the same check: what
is approved is exactly what was read.
"""

from __future__ import annotations

import hashlib

from .errors import Conflict


def text_version(*texts: str) -> str:
    """A short fingerprint of one or more texts (joined by new lines), for a form to carry back."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]


class ChangedSince(Conflict):
    """The text changed after the page the form came from was shown; nothing was changed (HTTP 409)."""

    code = "changed_since"


def refuse_if_changed(seen: str | None, current: str, message: str, *, code: str | None = None) -> None:
    """Refuse (:class:`ChangedSince`, saying ``message``) a change made from a page that showed version ``seen``
    when the text is now at version ``current``. ``seen`` None: the caller showed no page (the demo, a command, a
    form without the field); an empty ``seen`` is a page that showed no version, and is refused."""
    if seen is not None and str(seen).strip() != current:
        raise ChangedSince(message, code=code)
