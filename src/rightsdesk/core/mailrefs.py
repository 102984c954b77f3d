"""How rightsdesk's e-mails carry the case reference, so a reply finds its case (issue #15).

Every e-mail sent to a requester gets

- a Message-ID that names the case: ``<rightsdesk.RD-2026-ABCDEFG.receipt.3f9c2a1b7e0d4c5a.9b1e…@example.org>``
  (a random part that makes it unique, then a keyed digest of the rest, so only an ID we made leads back to the
  case: the reference is public, anyone can write the rest; the domain is that of ``DEFAULT_FROM_EMAIL``), so a
  reply's In-Reply-To or References lead back to the case even when the requester rewrote the subject;
- the reference in its subject ("... [RD-2026-ABCDEFG]"), for mail clients that drop those headers.

Below every app: it knows only the settings.
"""

from __future__ import annotations

import hmac
import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

_ID_PREFIX = "rightsdesk."
_KEY_SALT = "rightsdesk.mailrefs.message-id"


def _prefix() -> str:
    return re.escape(settings.RIGHTSDESK.get("REFERENCE_PREFIX", "RD"))


def _reference_pattern() -> re.Pattern:
    # RD-2026-ABCDEFG; the body uses the reference alphabet (no 0/O, 1/I/L), upper case only.
    return re.compile(rf"(?<![A-Za-z0-9-])({_prefix()}-\d{{4}}-[2-9A-HJ-NP-Z]{{7}})(?![A-Za-z0-9])")


def _domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL or "rightsdesk.invalid"
    domain = sender.rsplit("@", 1)[-1].strip("> ").lower()
    return domain or "rightsdesk.invalid"


def message_id_for(reference: str, purpose: str) -> str:
    """A new Message-ID (with its angle brackets) for an e-mail about case ``reference``; ``purpose`` names the
    kind of e-mail (receipt, message, notice), letters, digits and dashes."""
    purpose = re.sub(r"[^A-Za-z0-9-]", "-", purpose or "mail")[:40]
    signed = f"{reference}.{purpose}.{secrets.token_hex(8)}"
    return f"<{_ID_PREFIX}{signed}.{_digest(signed, settings.SECRET_KEY)}@{_domain()}>"


def _digest(signed: str, key: str) -> str:
    return salted_hmac(_KEY_SALT, signed, secret=key, algorithm="sha256").hexdigest()[:32]


def _ours(signed: str, digest: str) -> bool:
    """Whether ``digest`` is the one we wrote for ``signed`` (under the secret key or a previous one)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(digest, _digest(signed, key)) for key in keys)


def subject_with_reference(subject: str, reference: str) -> str:
    """The subject, ending with "[REFERENCE]" unless it already names the reference."""
    subject = (subject or "").strip()
    if reference in subject:
        return subject
    return f"{subject} [{reference}]" if subject else f"[{reference}]"


def reference_in(text: str) -> str | None:
    """The first case reference written in ``text`` (a subject, say), or None."""
    found = _reference_pattern().search(text or "")
    return found.group(1) if found else None


def references_marked(text: str, mark) -> str:
    """``text`` with each case reference written in it replaced by ``mark(reference)`` (a subject shown with each
    reference kept whole: ``core.templatetags.bidi.references_kept``)."""
    return _reference_pattern().sub(lambda found: mark(found.group(1)), text or "")


def reference_in_message_ids(ids) -> str | None:
    """The case reference of the first Message-ID that rightsdesk made (see :func:`message_id_for`), or None.

    Only our own IDs count, checked by their keyed digest: someone else's Message-ID that happens to contain a
    reference-like string does not, nor one written in our shape by someone who knows the (public) reference.
    """
    for value in ids or ():
        value = (value or "").strip().strip("<>")
        if not value.startswith(_ID_PREFIX):
            continue
        signed, _, digest = value[len(_ID_PREFIX):].rsplit("@", 1)[0].rpartition(".")
        reference = reference_in(signed.split(".", 1)[0])
        if reference and signed.startswith(f"{reference}.") and _ours(signed, digest):
            return reference
    return None
