"""The one matcher: which registered instruments and which authority a request's free text names.

Suggestions only: a person confirms them on the case page (``panels.py``), and the free text stays as received.

An instrument matches a text through
- a citation pattern of its own (``Instrument.patterns``: "17 U.S.C. 512(c)", "§ 512(c)", "Art. 17 GDPR"),
- one of its aliases ("right to be forgotten", "DMCA takedown"),
- its short name, when it is a whole instrument (no provision: "NetzDG", "GDPR"),
always case-insensitively and as whole words. When what made one instrument match lies inside what made another
match ("GDPR" inside "Art. 17 GDPR", "DMCA" inside "DMCA takedown"), only the more precise one is suggested.

An authority matches through its name or an alias; the longest match wins, and one of the case's country first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .models import Authority, Instrument


@dataclass(frozen=True)
class Match:
    pk: int
    key: str
    matched: str  # the words of the text that matched
    rule: str  # "citation", "alias" or "short name"


def _words(phrase: str) -> str:
    """A phrase as a whole-word, whitespace-tolerant regular expression."""
    parts = [re.escape(part) for part in phrase.split()]
    return r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)"


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> re.Pattern | None:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error:
        return None


def _rules(instrument) -> list[tuple[str, str]]:
    rules = [("citation", p) for p in instrument.patterns or []]
    rules += [("alias", _words(a)) for a in instrument.aliases or [] if a.strip()]
    if not instrument.provision and instrument.short_name.strip():
        rules.append(("short name", _words(instrument.short_name)))
    return rules


def _spans(text: str, rules) -> list[tuple[int, int, str, str]]:
    found = []
    for rule, pattern in rules:
        compiled = _compile(pattern)
        if compiled is None:
            continue
        for m in compiled.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), rule, m.group(0)))
    return found


def match_instruments(text: str, instruments: Iterable[Instrument] | None = None) -> list[Match]:
    """The instruments a text names, most precise first in text order."""
    text = text or ""
    if not text.strip():
        return []
    if instruments is None:
        instruments = Instrument.objects.filter(active=True)
    hits = {}
    for instrument in instruments:
        spans = _spans(text, _rules(instrument))
        if spans:
            hits[instrument] = spans
    kept = []
    for instrument, spans in hits.items():
        others = [(s, e) for other, o_spans in hits.items() if other is not instrument for s, e, *_ in o_spans]
        inside = all(any(os <= s and e <= oe and (oe - os) > (e - s) for os, oe in others) for s, e, *_ in spans)
        if not inside:
            best = max(spans, key=lambda span: (span[1] - span[0], -span[0]))
            kept.append((min(s for s, *_ in spans), Match(instrument.pk, instrument.key, best[3], best[2])))
    return [match for _start, match in sorted(kept, key=lambda pair: (pair[0], pair[1].key))]


def match_authority(texts: Iterable[str], countries: Iterable[str] = (),
                    authorities: Iterable[Authority] | None = None) -> Match | None:
    """The authority the texts name (requester's organisation, law invoked, the e-mail), or None."""
    text = "\n".join(t for t in texts if t)
    if not text.strip():
        return None
    if authorities is None:
        authorities = Authority.objects.filter(active=True)
    countries = {str(code).upper() for code in countries if code}
    best = None
    for authority in authorities:
        rules = [("name", _words(authority.name))] + [("alias", _words(a)) for a in authority.aliases or [] if a.strip()]
        for start, end, rule, words in _spans(text, rules):
            score = (authority.country.upper() in countries, end - start, -start)
            if best is None or score > best[0]:
                best = (score, Match(authority.pk, authority.key, words, rule))
    return best[1] if best else None


def case_texts(case) -> tuple[str, list[str]]:
    """What the matcher reads of a case: the law invoked, and the texts that may name the authority.

    The requester's organisation and the received e-mail are private: they are read here, in memory, to
    suggest; nothing of them is stored or shown by the suggestion.
    """
    requester = case.requester
    authority_texts = [case.law_invoked, case.requester_organisation or ""]
    if requester is not None:
        authority_texts += [requester.organisation or "", requester.official_title or ""]
    messages = getattr(case, "inbound_messages", None)
    email_text = ""
    if messages is not None:
        for message in messages.all()[:3]:
            email_text += "\n" + (message.subject or "") + "\n" + (message.body_text or "")[:20000]
    return case.law_invoked + email_text, authority_texts + [email_text]


def suggest_for_case(case) -> tuple[list[Match], Match | None]:
    law_text, authority_texts = case_texts(case)
    countries = [getattr(case.authority_country, "code", case.authority_country),
                 getattr(case.country, "code", case.country)]
    return match_instruments(law_text), match_authority(authority_texts, countries)
