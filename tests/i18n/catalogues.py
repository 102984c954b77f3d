"""Reading the message catalogues: what is missing from a language, and which placeholders differ from the source.

The rules (which apps are public, which languages are shipped or staff languages) live in rightsdesk.core.languages;
this module only reads .po files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from rightsdesk.core import languages

SOURCE = Path(__file__).resolve().parents[2] / "src" / "rightsdesk"

#: %(name)s, %s, %d, {name}, {0}, {} (a literal %% is not a placeholder).
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +\-]*\d*(?:\.\d+)?[sdifgrx]|%[#0 +\-]*\d*(?:\.\d+)?[sdifgrx]|\{[\w.]*\}")


def catalogue(app: str, locale: str, root: Path = SOURCE) -> Path:
    return root / app / "locale" / locale / "LC_MESSAGES" / "django.po"


def apps_with_catalogues(root: Path = SOURCE) -> list[str]:
    return sorted(p.name for p in root.iterdir() if (p / "locale").is_dir())


def public_apps(root: Path = SOURCE) -> list[str]:
    present = set(apps_with_catalogues(root))
    return [app for app in languages.PUBLIC_APPS if app in present]


def staff_apps(root: Path = SOURCE) -> list[str]:
    return [app for app in apps_with_catalogues(root) if app not in languages.PUBLIC_APPS]


@dataclass(frozen=True)
class Problem:
    app: str
    locale: str
    msgid: str
    what: str  # "untranslated", "fuzzy", "placeholders differ: ...", "catalogue missing"

    def __str__(self):
        return f"{self.app}/{self.locale}: {self.what}: {self.msgid[:70]!r}"


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


def problems(path: Path, *, app: str = "", locale: str = "") -> list[Problem]:
    """Every message of one catalogue that a reader would see in English or broken."""
    app = app or path.parents[3].name
    locale = locale or path.parents[1].name
    if not path.exists():
        return [Problem(app, locale, "", "catalogue missing")]
    found = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)]
        else:
            forms = [entry.msgstr]
        if not all(forms):
            found.append(Problem(app, locale, entry.msgid, "untranslated"))
            continue
        if "fuzzy" in entry.flags:
            found.append(Problem(app, locale, entry.msgid, "fuzzy"))
            continue
        wanted = _placeholders(entry.msgid)
        wanted_plural = _placeholders(entry.msgid_plural) if entry.msgid_plural else wanted
        for form in forms:
            got = _placeholders(form)
            expected = wanted if not entry.msgid_plural else sorted(set(wanted) | set(wanted_plural))
            if entry.msgid_plural:
                # A plural form may leave out the count (Arabic's "one" and "two" forms say it in words): no
                # unknown placeholder, at most one left out.
                if not set(got) <= set(expected) or len(set(expected) - set(got)) > 1:
                    found.append(Problem(app, locale, entry.msgid, f"placeholders differ: {expected} -> {got}"))
            elif got != expected:
                found.append(Problem(app, locale, entry.msgid, f"placeholders differ: {expected} -> {got}"))
    return found


def required() -> list[tuple[str, str]]:
    """(app, locale) pairs whose catalogue must be complete: public apps in every shipped language but English,
    the staff workspace's apps in the staff languages."""
    pairs = []
    for language in languages.shipped():
        if language.code == "en":
            continue
        pairs += [(app, language.locale) for app in public_apps()]
    for language in languages.staff_languages():
        pairs += [(app, language.locale) for app in staff_apps()]
    return pairs
