"""The pseudo-locale ``en-xa``: the English messages accented and a third longer, every placeholder kept.

A page rendered in it shows at a glance what is not marked for translation (plain ASCII words among accented
ones) and what breaks when a translation is longer than English (overflow, cut-off buttons). It is generated,
never translated by hand: ``rightsdesk pseudolocale`` writes ``<dir>/en_XA/LC_MESSAGES/django.po`` and ``.mo``
from the messages of every installed app (rightsdesk's own catalogues, Django's and django-countries' English
ones), and ``RIGHTSDESK_PSEUDO_LOCALE=1`` puts ``en-xa`` in the language switcher (settings).

    "Skip to content"          -> "[Šķíþ ţö çöñţéñţ ŏñé ţŵö]"
    "Case %(reference)s is open." -> "[Çåšé %(reference)s íš öþéñ. ŏñé ţŵö]"
"""

from __future__ import annotations

import math
import re
from pathlib import Path

LOCALE = "en_XA"
CODE = "en-xa"
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"

_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "áƀçðéƒĝĥíĵķĺɱñöþǫŕšţüṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"
ACCENTS = str.maketrans(_PLAIN, _ACCENTED)
#: Kept exactly: printf and brace placeholders, HTML tags and entities, URLs, the notices' [[markers]].
PROTECTED = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]|\{[\w.]*\}"
    r"|<[^>]*>|&[a-zA-Z]+;|&#\d+;|\[\[[^\]]*\]\]|https?://\S+")
_PADDING = "ŏñé ţŵö ţĥŕéé ƒöüŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ éĺéṽéñ ţŵéĺṽé".split()


def pseudo(text: str) -> str:
    """The pseudo-translation of one message: accented, bracketed, about 30 % longer; placeholders intact."""
    if not text.strip():
        return text
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()):]
    core = text.strip()
    parts, last = [], 0
    for match in PROTECTED.finditer(core):
        parts.append(core[last:match.start()].translate(ACCENTS))
        parts.append(match.group(0))
        last = match.end()
    parts.append(core[last:].translate(ACCENTS))
    visible = len(PROTECTED.sub("", core))
    wanted, padding = math.ceil(visible * 0.3), []
    while sum(len(w) + 1 for w in padding) < wanted:
        padding.append(_PADDING[len(padding) % len(_PADDING)])
    return f"{lead}[{''.join(parts)}{' ' + ' '.join(padding) if padding else ''}]{trail}"


def source_catalogues() -> list[Path]:
    """The .po files whose messages are pseudo-translated: rightsdesk's apps (their Arabic catalogue holds every
    English message), and the English catalogues of Django and of every other installed app that has one."""
    import django
    from django.apps import apps

    found = [Path(django.__file__).parent / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"]
    for config in apps.get_app_configs():
        locale = Path(config.path) / "locale"
        own = config.name.startswith("rightsdesk.")
        candidate = locale / ("ar" if own else "en") / "LC_MESSAGES" / "django.po"
        if candidate.exists():
            found.append(candidate)
    return [p for p in found if p.exists()]


def build(output: Path) -> Path:
    """Write ``output/en_XA/LC_MESSAGES/django.po`` and ``django.mo``; return the .mo's path."""
    import polib  # a test dependency: the pseudo-locale is a testing tool

    catalogue = polib.POFile(wrapwidth=0)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": LOCALE,
                          "Plural-Forms": PLURAL_FORMS, "Project-Id-Version": "rightsdesk pseudo-locale"}
    seen = set()
    for path in source_catalogues():
        for entry in polib.pofile(str(path)):
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or not entry.msgid or key in seen:
                continue
            seen.add(key)
            new = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid, flags=[f for f in entry.flags if f != "fuzzy"])
            if entry.msgid_plural:
                new.msgid_plural = entry.msgid_plural
                new.msgstr_plural = {0: pseudo(entry.msgid), 1: pseudo(entry.msgid_plural)}
            else:
                new.msgstr = pseudo(entry.msgid)
            catalogue.append(new)
    folder = output / LOCALE / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(folder / "django.po"))
    catalogue.save_as_mofile(str(folder / "django.mo"))
    return folder / "django.mo"
