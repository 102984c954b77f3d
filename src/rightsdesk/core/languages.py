"""The interface languages: which exist, which are shipped, which are reviewed by a native speaker. One home.

``settings.LANGUAGES`` (the language switcher, the URL prefixes, the notices' languages) and
``settings.LANGUAGES_BIDI`` are built from ``LANGUAGES`` below. A language is shipped (offered to the public)
only when its public catalogues are complete: ``tests/i18n/test_completeness.py`` fails when a shipped language
has an untranslated or fuzzy message, so switching ``shipped`` on is what the test then checks.

``reviewed`` says a native speaker has reviewed the translation (the legal wording of notices included). Pages in
a language that is not reviewed say so in a short line, and notices in it carry the English text beside theirs.

The pseudo-locale (``PSEUDO``) is generated from the English sources (``rightsdesk pseudolocale``) for testing:
accented, a third longer, every placeholder kept. It is never in the switcher unless
``RIGHTSDESK_PSEUDO_LOCALE=1`` turns it on (settings).

This module imports nothing of rightsdesk (settings import it).
"""

from __future__ import annotations

from dataclasses import dataclass

# Language names are translated by Django's own catalogues (every language has them); the alias keeps makemessages
# from copying them into ours, where every translator would have to translate them again.
from django.utils.translation import gettext_lazy as django_name


@dataclass(frozen=True)
class Language:
    code: str  # Django's code (lower case, hyphen): the URL prefix
    name: object  # the English name, translated
    rtl: bool = False
    shipped: bool = True  # offered to the public; the completeness test checks every shipped language
    reviewed: bool = False  # reviewed by a native speaker (the legal texts included)
    staff: bool = False  # the staff workspace's catalogues must be complete in this language
    # The line pages show while the translation is not reviewed, in the language itself. It lives here rather
    # than in the catalogues: it belongs to the language's state, and it goes when ``reviewed`` becomes True.
    unreviewed_note: str = ""

    @property
    def locale(self) -> str:
        """The gettext locale directory name: pt-br -> pt_BR, zh-hans -> zh_Hans."""
        lang, _sep, region = self.code.partition("-")
        if not region:
            return lang
        return f"{lang}_{region.upper() if len(region) == 2 else region.capitalize()}"


# One line per language. To ship a language, set shipped=True (the completeness test must then pass); once a
# native speaker has reviewed it, set reviewed=True.
LANGUAGES: list[Language] = [
    Language("en", django_name("English"), reviewed=True, staff=True),
    Language("ar", django_name("Arabic"), rtl=True, reviewed=True, staff=True),
    Language("es", django_name("Spanish"), reviewed=True, staff=True),
    Language("fr", django_name("French"), reviewed=True, staff=True),
    Language("zh-hans", django_name("Simplified Chinese"), reviewed=True),
    Language("ru", django_name("Russian"), shipped=True, staff=True,
             unreviewed_note="Этот перевод ещё не проверен носителем языка."),
    Language("de", django_name("German"), shipped=True,
             unreviewed_note="Diese Übersetzung wurde noch nicht von Muttersprachlern geprüft."),
    Language("pt-br", django_name("Brazilian Portuguese"), shipped=True,
             unreviewed_note="Esta tradução ainda não foi revisada por um falante nativo."),
    Language("tr", django_name("Turkish"), shipped=True,
             unreviewed_note="Bu çeviri henüz anadili Türkçe olan biri tarafından gözden geçirilmedi."),
    Language("id", django_name("Indonesian"), shipped=True,
             unreviewed_note="Terjemahan ini belum ditinjau oleh penutur asli."),
    Language("sw", django_name("Swahili"), shipped=True,
             unreviewed_note="Tafsiri hii bado haijakaguliwa na mzungumzaji asilia."),
    Language("fa", django_name("Persian"), rtl=True, shipped=True,
             unreviewed_note="این ترجمه هنوز به دست یک گویشور بومی بازبینی نشده است."),
    # Urdu rather than Hebrew: Pakistan is among the main sources of government demands the platform receives.
    Language("ur", django_name("Urdu"), rtl=True, shipped=True,
             unreviewed_note="اس ترجمے کا ابھی تک کسی اہلِ زبان نے جائزہ نہیں لیا۔"),
    Language("hi", django_name("Hindi"), shipped=True,
             unreviewed_note="इस अनुवाद की अभी तक किसी मूल भाषी ने समीक्षा नहीं की है।"),
    Language("uk", django_name("Ukrainian"), shipped=True,
             unreviewed_note="Цей переклад ще не перевірив носій мови."),
]

#: The pseudo-locale: English sources, accented and lengthened (see rightsdesk.core.pseudo).
PSEUDO = Language("en-xa", "Pseudo-locale (testing)", shipped=False, reviewed=True)

BY_CODE = {language.code: language for language in [*LANGUAGES, PSEUDO]}


def shipped() -> list[Language]:
    return [language for language in LANGUAGES if language.shipped]


def settings_languages(*, pseudo: bool = False) -> list[tuple[str, object]]:
    """``settings.LANGUAGES``: the shipped languages (and the pseudo-locale when it is turned on)."""
    return [(language.code, language.name) for language in shipped() + ([PSEUDO] if pseudo else [])]


def bidi_codes() -> list[str]:
    """``settings.LANGUAGES_BIDI``: every right-to-left language we have (shipped or not)."""
    return [language.code for language in LANGUAGES if language.rtl]


def normalise(code: str) -> str:
    """"zh_Hans", "pt_BR", "PT-br" -> Django's code ("zh-hans", "pt-br")."""
    return (code or "").strip().lower().replace("_", "-")


def supported(*candidates: str) -> str:
    """The language we write to someone in: the first candidate among the offered languages (``settings.LANGUAGES``),
    else English. One rule for every reader and recipient (notices, receipts, e-mails, the placeholders' API):
    "zh_Hans", "zh-Hans" and "ZH-hans" all mean zh-hans; a regional variant means its language ("ar-EG" -> ar); a
    language offered only in one variant finds it ("pt", "pt_PT" -> pt-br when only Brazilian Portuguese is offered)."""
    from django.conf import settings  # read when called: settings import this module

    offered = [code for code, _name in settings.LANGUAGES]
    for candidate in candidates:
        code = normalise(candidate)
        if not code:
            continue
        base = code.split("-")[0]
        for choice in (code, base):
            if choice in offered:
                return choice
        variant = next((o for o in offered if o.split("-")[0] == base), None)
        if variant:
            return variant
    return "en"


def unreviewed_note(code: str) -> str:
    """The line "not yet reviewed by a native speaker" in that language; empty for a reviewed language."""
    language = BY_CODE.get(normalise(code))
    if language is None or language.reviewed:
        return ""
    return language.unreviewed_note or "This translation has not yet been reviewed by a native speaker."


def is_reviewed(code: str) -> bool:
    """Has a native speaker reviewed this language's translation? (English, the source, is.) Unknown: no."""
    language = BY_CODE.get(normalise(code))
    return bool(language and language.reviewed)


#: The apps whose pages, notices and e-mails the public sees: their catalogues must be complete in every shipped
#: language (tests/i18n/test_completeness.py). An app listed here that has no catalogue yet is skipped.
PUBLIC_APPS = ("core", "cases", "intake", "appeals", "notices", "transparency", "reports", "clocks",
               "accountactions", "legalsupport", "laws", "opendata", "crisis")
#: Every other app with a catalogue is the staff workspace: complete in the languages marked staff=True.


def staff_languages() -> list[Language]:
    return [language for language in LANGUAGES if language.staff and language.shipped and language.code != "en"]


# --- The language a received text is written in --------------------------------------------------------------------
# Used where nobody chose a language: a case opened from an e-mail takes the e-mail's language (its Content-Language
# header when it names one, else this guess), so the notices go out in it; staff can change it on the form and on
# each notice. A guess from the script and a few very common words: good enough for a default that a person checks.

_SCRIPTS = [  # (first, last code point, language); the script alone decides these
    (0x0900, 0x097F, "hi"), (0x4E00, 0x9FFF, "zh-hans"), (0x3400, 0x4DBF, "zh-hans"),
]
_URDU_ONLY = set("ٹڈڑںےۓھ")
_PERSIAN_ONLY = set("پچژگ") | {"ی", "ک"}
_ARABIC_ONLY = set("ةىيكإأؤ")
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_WORDS = {
    "en": {"the", "and", "of", "to", "is", "this", "that", "please", "with", "for"},
    "de": {"der", "die", "und", "das", "nicht", "ist", "bitte", "mit", "auf", "ich", "sie"},
    "es": {"el", "la", "los", "las", "que", "por", "para", "con", "una", "es", "favor"},
    "fr": {"le", "la", "les", "des", "est", "que", "pour", "avec", "une", "vous", "nous", "je", "du", "mon", "ma", "sur",
           "votre", "bonjour", "merci"},
    "pt-br": {"o", "os", "as", "que", "não", "para", "com", "uma", "você", "está", "por", "meu", "minha", "em", "do",
              "olá", "obrigado", "obrigada"},
    "tr": {"ve", "bir", "bu", "için", "ile", "değil", "lütfen", "olan", "çok", "da"},
    "id": {"dan", "yang", "ini", "itu", "dengan", "untuk", "tidak", "saya", "kami", "dari"},
    "sw": {"na", "ya", "wa", "kwa", "ni", "hii", "katika", "tafadhali", "kuwa", "za"},
}


def guess(text: str, header: str = "") -> str:
    """The language of ``text`` as a Django code (a ``Content-Language`` header wins when it names a language we
    have); "" when nothing tells."""
    for part in (header or "").split(","):
        code = normalise(part)
        base = code.split("-")[0]
        for language in LANGUAGES:
            if code == language.code or base == language.code or (base and language.code.split("-")[0] == base):
                return language.code
    letters = [ch for ch in text or "" if ch.isalpha()]
    if not letters:
        return ""
    counts: dict[str, int] = {}
    for ch in letters:
        point = ord(ch)
        if 0x0400 <= point <= 0x04FF:
            counts["cyrillic"] = counts.get("cyrillic", 0) + 1
        elif 0x0600 <= point <= 0x06FF or 0xFB50 <= point <= 0xFEFF:
            counts["arabic"] = counts.get("arabic", 0) + 1
        else:
            for first, last, language in _SCRIPTS:
                if first <= point <= last:
                    counts[language] = counts.get(language, 0) + 1
    script = max(counts, key=counts.get) if counts and max(counts.values()) * 3 >= len(letters) else "latin"
    if script == "cyrillic":
        return "uk" if any(ch in _UKRAINIAN_ONLY for ch in text) else "ru"
    if script == "arabic":
        chars = set(text)
        if chars & _URDU_ONLY:
            return "ur"
        if chars & _PERSIAN_ONLY and not chars & _ARABIC_ONLY:
            return "fa"
        return "ar"
    if script != "latin":
        return script
    words = [w.strip(".,;:!?()«»\"'").lower() for w in (text or "").split()]
    scores = {language: sum(1 for w in words if w in common) for language, common in _WORDS.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] else ""


def guess_shipped(text: str, header: str = "") -> str:
    """:func:`guess`, kept only when that language is shipped (a case's language must be one we can answer in)."""
    code = guess(text, header)
    return code if code and code in {language.code for language in shipped()} else ""
