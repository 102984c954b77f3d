"""The reasons the review writes into a case's history that name another case ("Closed as a duplicate of
RD-2026-7KQ2M4P."), in one place for the writer (``review.bulk``) and the reader (``review.timeline``).

A reason the system writes is stored in English (the history is a record, whoever acted and in whichever language
they work) and is read in the reader's language. A fixed sentence is found in the catalogues as it is; one that names
a case is found through its message here, the reference taken from the stored text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_noop

#: The case was marked as a duplicate (an edit of ``duplicate_of``, when staff gave no reason of their own).
DUPLICATE_OF = gettext_noop("Duplicate of %(ref)s.")
#: The case was closed as a duplicate.
CLOSED_AS_DUPLICATE = gettext_noop("Closed as a duplicate of %(ref)s.")

_WITH_A_REFERENCE = [
    (message, re.compile(re.escape(message).replace(re.escape("%(ref)s"), r"(?P<ref>[A-Z0-9][\w-]*)")))
    for message in (DUPLICATE_OF, CLOSED_AS_DUPLICATE)
]


def in_readers_language(text: str) -> str | None:
    """``text``, a stored reason that names a case, in the active language; None if it is none of these."""
    for message, pattern in _WITH_A_REFERENCE:
        found = pattern.fullmatch(text)
        if found:
            return gettext(message) % {"ref": found["ref"]}
    return None
