"""The version of a text a page showed, and the refusal of a change made from a page older than the text.

Two staff can open the same text (a public draft of the human-rights report, a notice's wording) and both send
their form. Each form carries the version of the text it showed (:func:`text_version`, a short fingerprint of the
text: nothing to store, and the same text always has the same version); the service that changes the text, under
a row lock, compares it with the text as it is now (:func:`refuse_if_changed`). When they differ, nothing is
changed: the later of two editors is told, instead of silently overwriting the earlier one, and the page gives the
form back with what was typed and the text as it is now. Approving or reviewing a wording uses the same check: what
is approved is exactly what was read.

A form of many fields (an impact assessment, a period's EU template figures) carries :func:`fields_version`, a
fingerprint of each field, so that the refusal can name the fields a colleague changed (:func:`changed_fields`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .errors import Conflict


def text_version(*texts: str) -> str:
    """A short fingerprint of one or more texts (joined by new lines), for a form to carry back."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]


def fields_version(values: Iterable) -> str:
    """The version of a form of several fields: a short fingerprint of each value (its ``str``), joined by dots."""
    return ".".join(text_version(str(value))[:6] for value in values)


def changed_fields(seen: str | None, names: Sequence[str], values: Iterable) -> list[str]:
    """Which of ``names`` changed since the page that showed version ``seen`` of them (:func:`fields_version` of
    the values in the same order); none named when ``seen`` is not such a version."""
    parts = (seen or "").strip().split(".")
    if len(parts) != len(names):
        return []
    return [name for name, was, now in zip(names, parts, fields_version(values).split(".")) if was != now]


class ChangedSince(Conflict):
    """The text changed after the page the form came from was shown; nothing was changed (HTTP 409)."""

    code = "changed_since"


def refuse_if_changed(seen: str | None, current: str, message: str, *, code: str | None = None) -> None:
    """Refuse (:class:`ChangedSince`, saying ``message``) a change made from a page that showed version ``seen``
    when the text is now at version ``current``. ``seen`` None: the caller showed no page (the demo, a command, a
    form without the field); an empty ``seen`` is a page that showed no version, and is refused."""
    if seen is not None and str(seen).strip() != current:
        raise ChangedSince(message, code=code)
