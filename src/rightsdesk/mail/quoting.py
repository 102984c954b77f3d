"""Folding the quoted text of an e-mail reply: what the requester wrote, without the message they answer.

Uses mail-parser-reply (reply headers such as "On ... wrote:", "Le ... a écrit :", Outlook's "From:/Sent:" block,
"> " quotes, in several languages). The whole message stays on the received e-mail; only the case's timeline
gets the folded text. Should the library find nothing (or fail), lines quoted with ">" are dropped, and if that
leaves nothing the text is kept whole: folding never loses the requester's words.
"""

from __future__ import annotations

import re

LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "sv", "da", "pl", "cs", "zh", "ja", "ko"]
_REPLY_HEADER = re.compile(
    r"^\s*(On .{4,200} wrote:|Le .{4,200} a écrit\s*:|El .{4,200} escribió:|Am .{4,200} schrieb .{0,200}:"
    r"|-{3,}\s*Original Message\s*-{3,}|في .{4,200} كتب.{0,200}:|.{0,200}于.{0,200}写道[:：])\s*$", re.M)


def _simple_fold(text: str) -> str:
    found = _REPLY_HEADER.search(text)
    head = text[: found.start()] if found else text
    lines = [line for line in head.splitlines() if not line.lstrip().startswith(">")]
    return "\n".join(lines).strip()


def fold(text: str) -> str:
    """The new text of a reply, quoted history removed."""
    text = (text or "").replace("\r\n", "\n")
    if not text.strip():
        return ""
    try:
        from mailparser_reply import EmailReplyParser

        reply = EmailReplyParser(languages=LANGUAGES).parse_reply(text=text)
    except Exception:  # the library must never stop a reply from being filed
        reply = None
    reply = (reply or "").strip()
    simple = _simple_fold(text)
    candidates = [t for t in (reply, simple) if t]
    return min(candidates, key=len) if candidates else text.strip()
