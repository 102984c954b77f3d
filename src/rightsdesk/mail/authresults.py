"""Was the sender's address verified by our own mail server? (``Authentication-Results``, RFC 8601)

Anyone can write any address in ``From``. A reply is filed by itself as the requester's words when it comes from the
requester's address (``services._sender_is_requester``), so someone who knows that address and the case's reference
could otherwise put words on the requester's tracking page. The receiving mail server checks SPF, DKIM and DMARC and
records what it found in an ``Authentication-Results`` header under its own name (its *authserv-id*); it removes
such headers that arrive claiming its name (RFC 8601 §5), so only those are believed: the installation names its
server in ``RIGHTSDESK_MAIL_AUTHSERV_ID``. Headers under any other name are the sender's to write and are ignored.

The sender is verified when our server found, for the domain of the ``From`` address, DMARC ``pass``, or a DKIM
signature that passed for that domain, or SPF ``pass`` for an envelope sender in that domain ("aligned", as DMARC
means it: the same domain, or one a subdomain of the other). Without a configured authserv-id nothing is checked
(``None``): the installation has said nothing about its mail server, and the inbox works as before; docs/intake.md
says why to set it.

Hand-written (thirty lines) rather than a dependency: the one Python package for these headers (``authres``) is
unmaintained, and we read three results of one header.
"""

from __future__ import annotations

import re

_COMMENT = re.compile(r"\([^()]*\)")


def _results(value: str, authserv_id: str) -> list[dict] | None:
    """The results of one header as [{"method", "result", properties...}], or None when another server wrote it."""
    text = str(value)
    while _COMMENT.search(text):
        text = _COMMENT.sub(" ", text)
    parts = [p.strip() for p in text.split(";")]
    if not parts or not parts[0] or parts[0].split()[0].lower() != authserv_id.lower():
        return None
    found = []
    for part in parts[1:]:
        tokens = part.split()
        if not tokens or "=" not in tokens[0]:
            continue
        method, result = tokens[0].lower().split("=", 1)
        entry = {"method": method, "result": result.strip('"').lower()}
        for token in tokens[1:]:
            if "=" in token:
                name, prop = token.split("=", 1)
                entry[name.lower()] = prop.strip('"').lower()
        found.append(entry)
    return found


def _domain_of(value: str) -> str:
    return value.rsplit("@", 1)[-1].strip().strip(".<>").lower()


def _aligned(domain: str, other: str) -> bool:
    return bool(domain and other) and (domain == other or domain.endswith("." + other) or other.endswith("." + domain))


def sender_verified(headers: list[str], sender_email: str, authserv_id: str) -> bool | None:
    """True when our server (``authserv_id``) verified the domain of ``sender_email`` (the ``From`` address);
    False when it did not (or the message carries no result of ours); None when no authserv-id is configured."""
    if not authserv_id:
        return None
    domain = _domain_of(sender_email) if "@" in (sender_email or "") else ""
    if not domain:
        return False
    for value in headers:
        for entry in _results(value, authserv_id) or []:
            if entry["result"] != "pass":
                continue
            if entry["method"] == "dmarc" and _domain_of(entry.get("header.from", "")) == domain:
                return True
            if entry["method"] == "dkim" and _aligned(domain, _domain_of(entry.get("header.d", "")
                                                                          or entry.get("header.i", ""))):
                return True
            if entry["method"] == "spf" and _aligned(domain, _domain_of(entry.get("smtp.mailfrom", ""))):
                return True
    return False
