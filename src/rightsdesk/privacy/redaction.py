"""Finding and replacing personal data of private persons before anything is published.

The redactor proposes; staff decide. :func:`redact` returns the redacted text
*and* the spans it found (type, start, end, offsets into the original), so the
staff redaction editor can show each one, let a person remove a false
positive or add a missed phrase, and only then publish. Whatever staff
approve is applied with :func:`apply_spans`.

What it looks for:

- values the case already knows are private (``KnownData``, built from the
  case's parties and items by :func:`known_data_for_case`): names of
  individuals, their e-mail addresses, phone numbers, postal addresses and
  account names. These are matched exactly (case-, accent- and
  whitespace-insensitively) wherever they occur, including inside URLs and
  page titles, where "_", "+" and "%20" separate words and percent-escapes
  ("Lef%C3%A8vre") are read decoded. Of a name, each part of three letters
  or more is matched on its own too, and the parts of hyphenated names
  ("Marie-Claire Dubois-Lefèvre": "Marie", "Claire", "Dubois", "Lefèvre");
- patterns: e-mail addresses (in every shape a notice holds one, percent-escaped in a
  URL, a bounce address, an address literal: :func:`address_pattern`), phone numbers in any country's format
  (``phonenumbers``' matcher for the case's countries and a list of common
  regions, and a conservative pattern for international "+" numbers), IPv4
  and IPv6 addresses, street addresses in the common European and
  English-language forms, identity numbers (IBANs with a valid checksum,
  payment cards with a valid Luhn digit, US SSNs, UK NI numbers, Spanish
  DNIs, Brazilian CPFs, Indian Aadhaar numbers, and the number after
  "passport", "ID card number is", "DNI", "SSN", "número de identidad",
  "numéro d'identité", "Ausweisnummer", "رقم الهوية" and similar words in
  English, Spanish, French, Portuguese, German, Italian and Arabic), account
  names in wiki URLs (``User:Name``, ``User_talk:Name``, ``Usuario
  discusión:Name``, ``Special:Contributions/Name``) and names introduced by a
  title or phrase ("Mr", "Frau", "my name is", "my name, ...", "officer ...").

URLs are public content locations and are kept, except for the e-mail
addresses, IP addresses, known private values and (by policy) account names
inside them, and except a URL whose host has no dot (``http://fileserver/home/jane``):
a machine on a private network, proposed whole (:func:`private_network_url`). The redactor never raises: a detector that fails on an odd input
is skipped, and if everything fails the whole text is withheld (one [REDACTED]
span), because publishing an unredacted text is the one outcome that must not
happen.
"""

from __future__ import annotations

import ipaddress
import logging
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

logger = logging.getLogger("rightsdesk.privacy")

EMAIL = "EMAIL"
PHONE = "PHONE"
NAME = "NAME"
ADDRESS = "ADDRESS"
IP = "IP"
ACCOUNT = "ACCOUNT"
ID = "ID"
OTHER = "REDACTED"

#: Every type a span can have, in the order the editor offers them.
TYPES = (NAME, EMAIL, PHONE, ADDRESS, IP, ACCOUNT, ID, OTHER)
#: When two findings overlap, the merged span takes the type that ranks first here.
_PRIORITY = {t: i for i, t in enumerate((EMAIL, ID, IP, PHONE, ADDRESS, ACCOUNT, NAME, OTHER))}

#: Regions whose national phone formats are always tried, besides the case's own countries.
DEFAULT_PHONE_REGIONS = ("US", "GB", "DE", "FR", "ES", "IT", "NL", "IN", "BR", "TR", "RU", "JP", "CN", "AU", "MX")


def placeholder(kind: str) -> str:
    return f"[{kind}]"


@dataclass(frozen=True)
class Span:
    """A stretch of the original text to replace by ``[type]``; ``end`` is exclusive."""

    type: str
    start: int
    end: int
    source: str = "detected"  # "known", "detected", "staff"

    def as_dict(self) -> dict:
        return {"type": self.type, "start": self.start, "end": self.end, "source": self.source}

    @classmethod
    def from_dict(cls, data: dict) -> "Span":
        kind = str(data.get("type", OTHER)).upper()
        return cls(kind if kind in TYPES else OTHER, int(data["start"]), int(data["end"]), str(data.get("source", "staff")))


@dataclass
class KnownData:
    """Private values the case itself tells us about."""

    names: set[str] = field(default_factory=set)
    emails: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    addresses: set[str] = field(default_factory=set)
    accounts: set[str] = field(default_factory=set)
    #: Regions to read national phone numbers in (the case's and parties' countries).
    regions: set[str] = field(default_factory=set)
    #: Values found by a detector in another text of the same case, with their type:
    #: a passport number recognised after the word "passport" is hidden where it stands alone too.
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Policy:
    #: Replace the account names of affected users (and accounts in wiki URLs) by [ACCOUNT].
    redact_account_names: bool = True


@dataclass
class Result:
    text: str
    spans: list[Span]


def default_policy() -> Policy:
    """The installation's policy: settings.RIGHTSDESK_REDACT_ACCOUNT_NAMES (default on)."""
    try:
        from django.conf import settings

        return Policy(redact_account_names=bool(getattr(settings, "RIGHTSDESK_REDACT_ACCOUNT_NAMES", True)))
    except Exception:  # settings not configured (a script): the safe default
        return Policy()


# --------------------------------------------------------------------------- helpers


def _fold(text: str) -> str:
    """Lower-case without accents, one character per input character (so offsets still match).

    A character is only replaced by one of the same class (word or not), so
    word boundaries in the folded text are those of the original. Publishing
    folds every text of a case many times, so ASCII text (most of it) takes
    ``str.lower`` (the same result), and other characters are folded once each.
    """
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


@functools.lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    base = next((b for b in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(b)), ch)
    lowered = base.lower()
    if len(lowered) != 1 or _is_word(lowered) != _is_word(ch):
        lowered = ch.lower() if len(ch.lower()) == 1 and _is_word(ch.lower()) == _is_word(ch) else ch
    return lowered


def _is_word(ch: str) -> bool:
    return bool(_WORD_CHAR_RE.match(ch))


_WORD_CHAR_RE = re.compile(r"\w")


def _flexible(value: str) -> str:
    """A regex for a folded value, any run of spaces/punctuation-between-words matching any other."""
    parts = [re.escape(p) for p in re.split(r"[\s,]+", _fold(value).strip()) if p]
    return r"[\s,]+".join(parts)


def _bounded(pattern: str) -> str:
    return rf"(?<![\w]){pattern}(?![\w])"


def _spans_for(regex: re.Pattern, text: str, kind: str, source: str, group: int = 0) -> list[Span]:
    spans = []
    for m in regex.finditer(text):
        start, end = m.span(group)
        if end > start:
            spans.append(Span(kind, start, end, source))
    return spans


# --------------------------------------------------------------------------- patterns

_URL_RE = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'\])]+", re.IGNORECASE)


def address_pattern(*, in_prose: bool = True) -> str:
    r"""The shapes of an e-mail address, as a regex whose group 1 is the address: the one rule of what an address is,
    for the redactor (in prose: what it proposes to hide before anything is published) and for the log mask and the
    kept delivery errors (``in_prose=False``: ``core.logfilters.masked``, which builds on this).

    - The local part: letters, digits and ``. + ' - _``, written plainly or percent-escaped as a URL writes them
      (``%2B``, ``%2E``...), and the ``=`` a bounce address puts between an encoded address and its own domain
      (VERP ``bounces+erika=example.org@bounce.example.net``, SRS ``SRS0=HHH=TT=example.org=erika@...``): the whole
      of it is the address, or ``erika=`` would be left in front of the mask. A part before ``=`` right after ``?``,
      ``&`` or ``;`` is a URL's parameter name (``?email=erika@...``): the address starts after it, and the URL keeps
      its parameter. An apostrophe may be part of one (o'brien@…), but one just before it is the opening quote of a
      text quoting it ('a@b.org', smtplib's {'a@b.org': …}), and stays, as the closing one does.
    - The "@", or ``%40`` as a URL writes it (``?email=erika%40example.org``, ``mailto:erika%40example.org``).
    - The host: a domain name with a dot (``%2E`` too), or an address literal (``erika@[192.0.2.1]``,
      ``[IPv6:2001:db8::1]``), which no text writes but for an address.
    - A host without a dot (``someone@localhost``, ``jane@intranet``, ``erika@mailhost``: a machine on a private
      network, what a relay echoes, an address on an intranet quoted from a forwarded message). In prose it is written
      as host names are, in lower-case ASCII, at least two characters and with a letter, and it is no version tag a
      package is installed at (:data:`VERSION_TAGS`: ``lodash@latest``, ``react@next``, ``pkg@v2``); so a name
      (``Heart@Work``), code (``a@b``) and a package stay. Outside prose (``in_prose=False``: a log line, an SMTP
      refusal) any host without a dot goes, and any other character of RFC 5322's local part (``!#$%&*/=?^`|~``):
      a log line loses whatever has the shape of an address. There, too, what a narrower rule left of a bounce
      address it masked (``erika=[address]``) goes: the delivery errors kept before a6c7ddcd were masked so (notices
      migration 0004 masks them again by this rule).

    What stays: a mention (``@username``, nothing before the "@") and ``user@`` (nothing after it); in prose also an
    "@" in a URL's path (``https://mastodon.social/@username``: an account, which the account rules judge).
    """
    escaped = r"%(?:2[7BbDdEe]|5[Ff])"  # ' + - . and _ percent-escaped
    atom = rf"(?:[\w.+'-]|{escaped})" if in_prose else r"[^\s<>()\[\]{}\",;:@%]|%(?!40)"
    # Possessive ({1,64}+): no atom is "=", "@" or their escapes, so a part once read is never read again shorter, and a
    # text of any length is searched in time linear in its length (a run of "a=a=a=…" or "%2B%2B…" too).
    local = rf"(?:(?<![?&;]){atom}{{1,64}}+(?:=|%3[Dd])){{0,8}}{atom}{{1,64}}+" if in_prose else rf"(?:{atom})++"
    label = r"[\w-]{1,63}"
    literal = r"\[(?:IPv6:)?[0-9A-Fa-f:.]{2,45}\]"
    host = rf"{label}(?:(?:\.|%2[Ee]){label})+|{literal}"
    tags = "|".join(VERSION_TAGS)
    # Lower-case ASCII with a letter, read whole (no shorter piece of "Work" or "latest2" is one), no version tag.
    dotless = rf"(?!(?:{tags}|v?\d[\w.-]*)(?![\w-]))(?=[a-z0-9-]*[a-z])[a-z0-9][a-z0-9-]{{1,62}}(?![\w-]|%2[Ee])"
    if not in_prose:
        host += rf"|{label}|\[[^\]\s]*\]+"
        # What a narrower rule left of an address it masked: "erika=[address]", "erika@[[address]]" (errors kept
        # before a6c7ddcd).
        # Outside prose an address is read from the start of a run of the characters it may hold (the whole of
        # "https://x.example/?to=erika@localhost" goes), once.
        return rf"(?<![^\s<>()\[\]{{}}\",;:@])'?({local}(?:(?:@|%40)(?:{host})|(?<==)\[address\]))"
    return rf"(?<![\w.+'-])'?({local}(?:@|%40)(?:{host}|{dotless}))"


#: What follows an "@" in prose naming a package's or a branch's version, not a host (``lodash@latest``, ``app@main``).
VERSION_TAGS = ("latest", "next", "beta", "alpha", "canary", "rc", "stable", "dev", "nightly", "experimental",
                "insiders", "lts", "main", "master", "head", "edge", "preview", "release", "snapshot", "current")


_EMAIL_RE = re.compile(address_pattern())
#: Whatever has the shape of an address outside prose: the log mask's (mask_addresses(in_prose=False)).
_ANY_ADDRESS_RE = re.compile(address_pattern(in_prose=False))
#: "jane (at) example (dot) org" and similar ways of hiding an address from spam robots (group 1, as above).
_OBFUSCATED_EMAIL_RE = re.compile(
    r"(?<![\w.+'-])'?([\w.+'-]{1,64}\s?[(\[{]\s?at\s?[)\]}]\s?[\w-]{1,63}(?:\s?(?:\.|[(\[{]\s?dot\s?[)\]}])\s?[\w-]{1,63})+)",
    re.IGNORECASE,
)
_IPV4_RE = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:/\d{1,2})?(?![\d.]*\d)")
_IPV6_CANDIDATE_RE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:)[0-9A-Fa-f:.]{2,45}(?:%\w+)?(?:/\d{1,3})?(?![\w:])")
#: A "+" followed by 7 to 15 digits with the usual separators: international numbers in any country.
_INTL_PHONE_RE = re.compile(r"(?<![\w+])(?:\+|00)[ \t\u00a0]?\d(?:[ \t\u00a0().\-/]{0,3}\d){6,14}(?!\d)")
_IBAN_RE = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30}(?![A-Za-z0-9])")
_CARD_RE = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")
_ID_FORMATS = [
    re.compile(r"(?<!\d)\d{3}-\d{2}-\d{4}(?!\d)"),  # US SSN
    re.compile(r"(?<![A-Za-z0-9])[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D](?![A-Za-z0-9])"),  # UK NI
    re.compile(r"(?<![A-Za-z0-9])\d{8}-?[A-HJ-NP-TV-Z](?![A-Za-z0-9])"),  # Spanish DNI
    re.compile(r"(?<![A-Za-z0-9])[XYZ]-?\d{7}-?[A-Z](?![A-Za-z0-9])"),  # Spanish NIE
    re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)"),  # Brazilian CPF
    re.compile(r"(?<!\d)[12]\s?\d{2}\s?\d{2}\s?\d{2}\s?\d{3}\s?\d{3}(?:\s?\d{2})?(?!\d)"),  # French NIR
]
#: Words that introduce an identity number, in English and the languages requests most often come in.
#: Acronyms that are also ordinary words somewhere ("nie", "rut", "nir") count only in capitals.
_ID_KEYWORDS = (
    # English
    r"passport(?:\s+card)?",
    r"(?:national\s+)?(?:id|identity|identification)[\s-]+(?:card|document)",
    r"national\s+(?:id|identity|identification)",
    r"(?:id|identity|identification)(?=[\s-]*(?:(?:no|nr|num|number)\b|#))",
    r"(?:my|his|her|their|your)\s+id(?=\s)",
    r"social\s+(?:security|insurance)(?:\s+number)?", r"national\s+insurance(?:\s+number)?", r"ni\s+number",
    r"tax\s+(?:id(?:entification)?|number|code)", r"(?:pan|tin|sin)\s+(?:card|number|no\b)",
    r"driver'?s\s+licen[cs]e", r"licen[cs]e\s+(?:no|number)\b",
    r"ssn|dni|nif|cpf|rg|curp|cnic|nric|pesel|aadhaar(?:\s+card)?", r"(?-i:NIE|NIR|NIN|NINO|RUT|BSN)",
    # Spanish
    r"n[uú]mero\s+de\s+(?:identidad|identificaci[oó]n|documento|pasaporte|c[eé]dula)",
    r"documento\s+(?:nacional\s+)?de\s+identi(?:dad|ficaci[oó]n)", r"c[eé]dula(?:\s+de\s+(?:identidad|ciudadan[ií]a))?",
    r"carn[eé]t?\s+de\s+identidad", r"pasaporte",
    # French
    r"num[ée]ro\s+d['’]identit[ée]", r"(?:carte|pi[èe]ce)\s+(?:nationale\s+)?d['’]identit[ée]",
    r"num[ée]ro\s+(?:de\s+s[ée]curit[ée]\s+sociale|fiscal|de\s+passeport)", r"passeport",
    # Portuguese
    r"n[uú]mero\s+de\s+identidade", r"(?:carteira|bilhete|documento|c[ée]dula)\s+de\s+identidade",
    r"cart[aã]o\s+(?:de\s+)?cidad[aã]o", r"passaporte", r"registro\s+geral",
    # German
    r"(?:personal)?ausweis(?:-?nummer|-?nr\.?)?", r"reisepass(?:-?nummer|-?nr\.?)?", r"pass(?:-?nummer|-nr\.?)",
    r"identit[äa]tsnummer", r"steuer-?id(?:entifikationsnummer)?", r"sozialversicherungsnummer",
    # Italian, Dutch, Nordic, Turkish
    r"codice\s+fiscale", r"carta\s+d['’]identit[àa]", r"passaporto", r"burgerservicenummer", r"personnummer",
    r"(?:t\.?c\.?\s+)?kimlik(?:\s+(?:no|numaras[ıi]))?",
    # Arabic: "رقم الهوية" (ID number), "بطاقة الهوية" (ID card), "الهوية الوطنية" (national identity),
    # "جواز السفر" (passport), "الرقم القومي/الوطني" (national number); "و"/"ب" may be attached in front.
    r"[وب]?رقم\s+(?:ال)?هوي(?:ة|تي|ته|تها)(?:\s+(?:ال)?وطنية)?", r"[وب]?بطاقة\s+(?:ال)?هوي(?:ة|تي|ته|تها)",
    r"[وب]?(?:ال)?هوية\s+(?:ال)?وطنية", r"[وب]?(?:رقم\s+)?جواز\s+(?:ال)?سفر(?:ي|ه|ها)?", r"[وب]?(?:ال)?رقم\s+(?:ال)?(?:قومي|وطني)",
)
#: After the keyword: "no.", "number", "n°", "#"... and "is", ":", "=", "es", "est", "é", "ist", "هو"...
_ID_FILLER = (r"(?:\s*(?:(?:no|nr|num|number|numero|num[ée]ro|n[uú]mero|nummer|numaras[ıi])\b\.?|n\.?[°º]\.?|رقم|"
              r"(?:is|was|reads|es|era|est|[ée]tait|é|ist|lautet|هو|هي)\b|[:=#\-–—]))*\s*")
#: The number: groups of letters and digits joined by single dots, dashes, slashes or spaces ("12.345.678-Z",
#: "X1234567L", "AB 12 34 56 C", "ab-123-456"). A group without a digit is 1-3 capitals not followed by a
#: lower-case word, or 1-3 letters joined to digits by a dot, dash or slash.
_ID_GROUP = r"(?:[^\W_]*\d[^\W_]*|(?-i:[A-Z]{1,3})(?![^\W_])(?!\s+(?-i:[a-z]))|[^\W\d_]{1,3}(?=[.\-/]\d))"
_ID_KEYWORD_RE = re.compile(
    rf"(?<!\w)(?:{'|'.join(_ID_KEYWORDS)})(?!\w)" + _ID_FILLER
    + rf"(?<![^\W_])({_ID_GROUP}(?:(?:[.\-/]|[ \u00a0]-?[ \u00a0]?|-[ \u00a0]){_ID_GROUP}){{0,7}})",
    re.IGNORECASE,
)
_STREET_WORDS_EN = (r"street|st\.?|avenue|ave\.?|road|rd\.?|lane|ln\.?|boulevard|blvd\.?|drive|dr\.?|court|ct\.?|"
                    r"way|place|pl\.?|square|sq\.?|terrace|crescent|close|parkway|highway|hwy\.?")
_ADDRESS_RES = [
    # 221B Baker Street, 1600 Pennsylvania Avenue NW
    re.compile(rf"(?<!\w)\d{{1,5}}[A-Za-z]?,?\s+(?:[A-Z][\w'.-]*\s+){{1,4}}(?i:{_STREET_WORDS_EN})(?!\w)(?:\s+(?:NW|NE|SW|SE|N|S|E|W)\b)?"),
    # Musterstraße 12a, Hauptstr. 5, Am Ring 3, Kalverstraat 92
    re.compile(r"(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ufer|steig|chaussee|"
               r"straat|laan|gracht|plein|kade|vej|gatan|gata|vägen|veien|katu|utca|ulica|ul\.)\s+\d{1,4}\s?[a-zA-Z]?(?!\w)"),
    # 12 rue de la Paix, 5 bis avenue Foch
    re.compile(r"(?<!\w)\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Cc]hemin|[Aa]ll[ée]e|[Ii]mpasse|[Qq]uai)"
               r"\s+(?:[\w'’-]+\s?){1,5}"),
    # Calle Mayor 5, Via Roma 10, Rua Augusta 274
    re.compile(r"(?<!\w)(?:Calle|C/|Avenida|Avda\.?|Plaza|Paseo|Carrer|Via|Viale|Piazza|Corso|Largo|Rua|Travessa|Praça|Ulica|Sokak|Sok\.|Caddesi|Cad\.)"
               r"\s+[A-ZÀ-Ý][\w'’.-]*(?:\s[\w'’.-]+){0,4}?,?\s+(?:n[°º.]?\s?)?\d{1,4}[a-zA-Z]?(?!\w)"),
    # P.O. Box 123
    re.compile(r"(?<!\w)(?:P\.?\s?O\.?\s?Box|Postfach|Apartado|Casella postale|BP)\s+\d{1,6}(?!\w)", re.IGNORECASE),
]
#: User and user-talk namespaces of the larger wikis ("User_talk", "Usuario discusión", "Discussioni utente").
_USER_NAMESPACE = (
    r"(?:(?:Discussion|Discussioni|Overleg|Обсуждение|نقاش)[_\s]+)?"
    r"(?:User|Benutzer(?:in)?|Utilisateur(?:rice)?|Usuari[oa]|Usu[aá]ri[oa](?:\(a\))?|Utente|Gebruiker|Użytkownik|"
    r"Участни(?:к|ца|ка|цы)|Користувач|Kullanıcı|(?:ال)?مستخدمة?|کاربر|利用者|用户|用戶|사용자|Användare|Bruker|Bruger|"
    r"Käyttäjä|Uživatel|Felhasználó|Utilizator|Pengguna)"
    r"(?:[_\s]+(?:talk|Diskussion|discusi[oó]n|Discuss[aã]o|mesaj|keskustelu|diskuse|vita))?"
)
_ACCOUNT_URL_RE = re.compile(
    rf"(?:{_USER_NAMESPACE}|"
    r"Special:Contributions|Spezial:Beiträge|Spécial:Contributions|Especial:Contribuciones|Special:Log)"
    r"(?::|/|%3A)([^\s/?#&\]\[|<>\"]{1,255})",
    re.IGNORECASE,
)
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’-]*"
_TITLED_NAME_RE = re.compile(
    rf"(?<!\w)(?:Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Herr|Frau|Mme|Mlle|Monsieur|Madame|Sr|Sra|Srta|Sig|Sig\.ra|Dott)\.?\s+"
    rf"((?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD})"
)
_INTRODUCED_NAME_RE = re.compile(
    # "my name is X", and "my name, X, and my address ..." / "my name: X" (an erasure request listing what is to go)
    rf"(?<!\w)(?i:my (?:full )?name(?:\s+is|(?=[,:]))|i am|i'm|this is|signed|sincerely|regards|officer|detective|"
    rf"sergeant|inspector|concerns|named|called|je m'appelle|je suis|ich heiße|ich bin|mein name(?:\s+ist|(?=[,:]))|"
    rf"me llamo|mi nombre(?:\s+es|(?=[,:]))|soy|mi chiamo)[,:]?\s+"
    rf"((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD})"
)
# A name followed by how to reach the person: "Maria García, who ...", "Kwame Dubois, k.dubois@example.org" (a
# contact named in an order, not a party of the case, so not among the known names).
_NAME_BEFORE_CONTACT_RE = re.compile(rf"(?<![\w.])((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD})"
                                     rf"(?=,?\s+(?:(?:who|whose|<|e-?mail|phone|tel)\b|[\w.+-]+@[\w-]+\.))")
_NOT_NAMES = {"the", "a", "an", "this", "that", "our", "your", "their", "my", "his", "her", "it", "we", "you", "they",
              "wikipedia", "wikimedia", "commons", "article", "page", "file", "user", "court", "police", "ministry",
              "foundation", "company", "not", "here", "also", "writing", "sure", "sorry", "contact", "please",
              # offices, not people (they stand before an address as a name does: "the Legal Department legal@...")
              "department", "office", "team", "unit", "division", "desk", "service", "services", "support", "legal",
              "press", "agency", "bureau", "section", "inc", "ltd", "llc", "gmbh",
              "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_NAME_PARTICLES = {"van", "von", "der", "den", "de", "del", "della", "di", "da", "la", "le", "du", "dos", "das", "bin",
                   "ibn", "al", "el", "mr", "mrs", "ms", "dr", "prof", "jr", "sr", "ii", "iii"}


_DIGIT_RE = re.compile(r"\d")
_AADHAAR_RE = re.compile(r"(?<!\d)[2-9]\d{3}\s?\d{4}\s?\d{4}(?!\d)")
_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]


def _verhoeff_ok(digits: str) -> bool:
    """The Verhoeff check digit that Aadhaar numbers carry."""
    check = 0
    for i, ch in enumerate(reversed(digits)):
        check = _VERHOEFF_D[check][_VERHOEFF_P[i % 8][int(ch)]]
    return check == 0


def _luhn_ok(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for i, ch in enumerate(digits):
        d = int(ch)
        if i % 2 == parity:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def _iban_ok(candidate: str) -> bool:
    iban = candidate.replace(" ", "")
    if not 15 <= len(iban) <= 34:
        return False
    moved = iban[4:] + iban[:4]
    try:
        number = int("".join(str(int(ch, 36)) for ch in moved))
    except ValueError:
        return False
    return number % 97 == 1


# --------------------------------------------------------------------------- detectors


def _detect_emails(text: str, *, in_prose: bool = True) -> list[Span]:
    return (_spans_for(_EMAIL_RE if in_prose else _ANY_ADDRESS_RE, text, EMAIL, "detected", group=1)
            + _spans_for(_OBFUSCATED_EMAIL_RE, text, EMAIL, "detected", group=1))


def _detect_ips(text: str) -> list[Span]:
    out = _spans_for(_IPV4_RE, text, IP, "detected")
    for m in _IPV6_CANDIDATE_RE.finditer(text):
        raw = m.group(0).split("%")[0].split("/")[0].rstrip(".")
        start, end = m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip(".")))
        if raw.startswith(":") and not raw.startswith("::"):  # "IP:2001:db8::1"
            raw, start = raw[1:], start + 1
        # "::2: next", "2001:db8::: next": a colon after the address is punctuation (and goes with it).
        valid = False
        for candidate in (raw, raw[:-1]) if raw.endswith(":") else (raw,):
            if candidate.count(":") < 2:
                continue
            try:
                ipaddress.IPv6Address(candidate)
            except ValueError:
                continue
            valid = True
            break
        if not valid:
            continue
        out.append(Span(IP, start, end))
    return out


#: A document's own number follows these words ("Order 412/2026", "Case No. 1234-2026", "Az. 5 O 123/24"): the
#: reference of an order or a court case, which the public record keeps, not somebody's telephone.
_REFERENCE_BEFORE_RE = re.compile(
    r"(?i:\b(?:order|case|ref|reference|decision|ruling|judgment|judgement|docket|az|aktenzeichen|beschluss|urteil|"
    r"affaire|dossier|expediente|sentencia|causa|ordonnance|arr[êe]t))\.?\s*(?:(?i:no|nr|n°|num|number)\.?\s*|#\s*)?$")


def _detect_phones(text: str, regions: Iterable[str]) -> list[Span]:
    """Phone numbers; a number after "Order" or "Case No." is the document's reference and kept, unless it is
    written in international form ("+971 …", "00971 …"): no reference starts with a country's calling code, and a
    telephone after such a word ("ORDER +971 50 123 4500", found by the redaction fuzzer) must still go."""
    return [span for span in _phone_candidates(text, regions)
            if text[span.start:span.end].startswith(("+", "00"))
            or not _REFERENCE_BEFORE_RE.search(text[max(0, span.start - 24):span.start])]


def _phone_candidates(text: str, regions: Iterable[str]) -> list[Span]:
    out = []
    if len(_DIGIT_RE.findall(text)) < 5:  # no phone number has fewer digits; skips most titles and reasons
        return out
    for m in _INTL_PHONE_RE.finditer(text):
        # A full stop and a space end a sentence, not a phone number.
        stop = re.search(r"\.\s", m.group(0))
        end = m.start() + stop.start() if stop else m.end()
        if len(re.sub(r"\D", "", text[m.start():end])) >= 7:
            out.append(Span(PHONE, m.start(), end))
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - a dependency; the pattern above still runs
        return out
    seen_regions = []
    for region in list(regions) + list(DEFAULT_PHONE_REGIONS):
        region = (region or "").upper()
        if region in seen_regions or region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        seen_regions.append(region)
        try:
            for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
                if not _DATE_LIKE_RE.match(match.raw_string.strip("()")):  # 01.05.2024 is a valid Italian number
                    out.append(Span(PHONE, match.start, match.end))
        except Exception:  # an odd input must not stop the other detectors
            logger.warning("phone matcher failed for region %s", region)
    out.extend(_phones_in_digit_runs(text, seen_regions, out))
    return out


_DIGIT_GROUP_RE = re.compile(r"\(?\d{1,8}\)?")
_DATE_LIKE_RE = re.compile(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})$")
_YEAR_MONTH_RE = re.compile(r"^(?:19|20)\d\d[-./]\d{1,2}(?:[-./]|$)")
_DIGIT_RUN_RE = re.compile(r"(?<![\w+])\(?\d{1,8}\)?(?:[ \u00a0.\-/]{1,2}\(?\d{1,8}\)?)+(?!\d)")


def _phones_in_digit_runs(text: str, regions: list[str], found: list[Span]) -> list[Span]:
    """National numbers that touch other numbers ("050 123 4567 2025"), which the matcher rejects whole.

    Each run of digit groups is tried window by window, longest first, and a
    window that is a valid number in one of the regions is a phone number.
    """
    import phonenumbers

    out = []
    for run in _DIGIT_RUN_RE.finditer(text):
        if any(s.start <= run.start() and run.end() <= s.end for s in found) or _DATE_LIKE_RE.match(run.group(0).strip("()")):
            continue
        groups = [(run.start() + g.start(), run.start() + g.end()) for g in _DIGIT_GROUP_RE.finditer(run.group(0))]
        taken = set()
        # Windows of at most eight groups (no phone number has more), longest first: a long run (an IBAN written
        # in groups, then a phone number: found by the redaction fuzzer) is searched along its whole length, in
        # time linear in its length; skipping runs of more than eight groups let the telephone after an IBAN through.
        windows = sorted(((i, j) for i in range(len(groups)) for j in range(i, min(len(groups), i + 8))),
                         key=lambda w: w[0] - w[1])
        for i, j in windows:
            if taken & set(range(i, j + 1)):
                continue
            start, end = groups[i][0], groups[j][1]
            if text[end - 1] == ")" and "(" not in text[start:end]:
                end -= 1  # the bracket closes the sentence's parenthesis, not an area code
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            candidate = text[start:end]
            if not 6 <= len(_DIGIT_RE.findall(candidate)) <= 15 or _DATE_LIKE_RE.match(candidate.strip("()")) \
                    or _YEAR_MONTH_RE.match(candidate):
                continue
            for region in regions:
                try:
                    if phonenumbers.is_valid_number(phonenumbers.parse(candidate, region)):
                        out.append(Span(PHONE, start, end))
                        taken |= set(range(i, j + 1))
                        break
                except Exception:
                    continue
    return out


def _detect_ids(text: str) -> list[Span]:
    out = []
    for m in _IBAN_RE.finditer(text):
        # The pattern may run on into the next word ("DE89...00 1"): try shorter, at each space.
        candidate = m.group(0)
        cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 0, -1) if candidate[i] == " "]
        for cut in cuts:
            if _iban_ok(candidate[:cut]):
                out.append(Span(ID, m.start(), m.start() + cut))
                break
    for m in _CARD_RE.finditer(text):
        # As with IBANs, the pattern may take in the next number: try shorter, at each separator.
        candidate = m.group(0)
        seps = [i for i, ch in enumerate(candidate) if ch in " -"]
        windows = sorted(((a, b) for a in [0] + [i + 1 for i in seps] for b in [len(candidate)] + seps if b > a),
                         key=lambda w: w[0] - w[1])
        for a, b in windows:
            digits = re.sub(r"\D", "", candidate[a:b])
            if 13 <= len(digits) <= 19 and _luhn_ok(digits):
                out.append(Span(ID, m.start() + a, m.start() + b))
                break
    for m in _AADHAAR_RE.finditer(text):
        if _verhoeff_ok(re.sub(r"\D", "", m.group(0))):
            out.append(Span(ID, m.start(), m.end()))
    for regex in _ID_FORMATS:
        out.extend(_spans_for(regex, text, ID, "detected"))
    for m in _ID_KEYWORD_RE.finditer(text):
        value = m.group(1)
        # At least two digits and four letters or digits: "passport: 2 copies" is not a number.
        if len(_DIGIT_RE.findall(value)) >= 2 and sum(ch.isalnum() for ch in value) >= 4:
            out.append(Span(ID, m.start(1), m.end(1)))
    return out


def _detect_addresses(text: str) -> list[Span]:
    out = []
    for regex in _ADDRESS_RES:
        for m in regex.finditer(text):
            out.append(Span(ADDRESS, m.start(), m.end()))
    return out


def _plausible_name(candidate: str) -> bool:
    words = [w for w in re.split(r"\s+", candidate) if w]
    return bool(words) and not any(w.lower().strip("'’-") in _NOT_NAMES for w in words)


def _detect_names(text: str) -> list[Span]:
    out = []
    for regex in (_TITLED_NAME_RE, _INTRODUCED_NAME_RE, _NAME_BEFORE_CONTACT_RE):
        for m in regex.finditer(text):
            if _plausible_name(m.group(1)):
                out.append(Span(NAME, m.start(1), m.end(1)))
    return out


def _detect_url_accounts(text: str) -> list[Span]:
    out = []
    for m in _ACCOUNT_URL_RE.finditer(text):
        value = m.group(1)
        kind = IP if _looks_like_ip(value) else ACCOUNT
        out.append(Span(kind, m.start(1), m.end(1)))
    # "Usuario_discusi%C3%B3n:Name", "User%20talk:Name": the same, percent-encoded.
    view = _url_spelling_view(text, separators=False) if "%" in text else None
    if view:
        decoded, starts, ends = view
        for m in _ACCOUNT_URL_RE.finditer(decoded):
            value = m.group(1)
            kind = IP if _looks_like_ip(value) else ACCOUNT
            out.append(Span(kind, starts[m.start(1)], ends[m.end(1) - 1]))
    return out


def private_network_url(url: str) -> bool:
    """Whether ``url`` names a machine on a private network: a host without a dot (``http://fileserver/home/jane``,
    ``http://intranet:8080/``, ``http://localhost/``) or an IP address no one outside a network can reach (private,
    loopback, link-local: ``http://10.0.0.1/home/jane``, ``http://[fe80::1]/~ottilie``). It is no public content
    location (the reason a URL is kept, and every page of the platform's projects has a dotted host), and its path is
    often a person's (a home folder, a user's share), so the whole of it is proposed; before, an IP host had only the
    IP hidden and the path kept its name. A public IP address is judged by the IP rules; a scheme-less word is no
    URL."""
    rest = url.split("://", 1)[1] if "://" in url else ""
    authority = re.split(r"[/?#\\]", rest, maxsplit=1)[0].rsplit("@", 1)[-1]
    if authority.startswith("["):
        host = authority[1:].split("]", 1)[0]
    else:
        host = authority.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return bool(host) and "." not in host and "%2e" not in host.lower() and not authority.startswith("[")
    return address.is_private or address.is_loopback or address.is_link_local


#: A URL whose host is an IPv6 address in brackets (``http://[fe80::1]/~name``), which :data:`_URL_RE` ends at its "]".
_IPV6_URL_RE = re.compile(r"\b(?:https?|ftp)://\[[0-9A-Fa-f:.%]+\][^\s<>\"'\])]*", re.IGNORECASE)


def _detect_private_urls(text: str) -> list[Span]:
    out = []
    for m in (*_URL_RE.finditer(text), *_IPV6_URL_RE.finditer(text)):
        url = m.group(0).rstrip(".,;:!?")
        if private_network_url(url):
            out.append(Span(OTHER, m.start(), m.start() + len(url)))
    return out


def _looks_like_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value.strip())
        return True
    except ValueError:
        return False


#: Hyphens and apostrophes join the parts of one name: "Marie-Claire", "Dubois-Lefèvre", "O'Brien".
_NAME_JOINERS_RE = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014\u2212'’]+")


def _name_variants(name: str) -> list[str]:
    """The full name, and each part long enough to identify (so "Ms Mustermann" is caught too).

    A hyphenated or apostrophised word counts both whole and by its parts: "Marie-Claire Dubois-Lefèvre"
    gives "Marie-Claire", "Marie", "Claire", "Dubois-Lefèvre", "Dubois" and "Lefèvre".
    """
    name = " ".join(name.split())
    if not name:
        return []
    variants = [name]
    for word in re.split(r"[\s,]+", name):
        word = word.strip(".'’-")
        parts = [p.strip(".") for p in _NAME_JOINERS_RE.split(word)]
        if len(parts) > 1 and len(word) >= 3:
            variants.append(word)
        for part in parts:
            if len(part) >= 3 and part.lower() not in _NAME_PARTICLES:
                variants.append(part)
    return variants


def _address_variants(address: str) -> list[str]:
    """The whole address and each line or comma part that identifies (has a digit or two words)."""
    address = address.strip()
    if not address:
        return []
    variants = [address]
    for part in re.split(r"[\n,;]+", address):
        part = part.strip()
        if len(part) >= 4 and (re.search(r"\d", part) or len(part.split()) >= 2):
            variants.append(part)
    return variants


def _phone_patterns(phone: str, regions: Iterable[str]) -> list[str]:
    """Regexes for a known phone number written internationally, nationally or with other separators."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 5:
        return []
    sep = r"[\s().\-/]*"
    nsns = {digits}
    try:
        import phonenumbers

        for region in list(regions) + [None]:
            try:
                parsed = phonenumbers.parse(phone, region)
            except Exception:
                continue
            nsns.add(str(parsed.national_number))
    except ImportError:  # pragma: no cover
        pass
    patterns = []
    for nsn in sorted(nsns, key=len, reverse=True):
        if len(nsn) < 5:
            continue
        body = sep.join(re.escape(d) for d in nsn)
        patterns.append(rf"(?<!\d)(?:(?:\+|00){sep}\d{{1,3}}{sep})?(?:\(?0\)?{sep})?{body}(?!\d)")
    return patterns


_PERCENT_RUN_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _url_spelling_view(text: str, separators: bool = True) -> tuple[str, list[int], list[int]] | None:
    """``text`` as a reader of a URL or page title sees it: "%20", "%C3%A8" decoded, "_" and "+" as spaces.

    Returns the view and, for each of its characters, where it starts and ends in ``text``
    (a decoded escape stands for several characters); None if there is nothing to undo.
    With ``separators=False`` only the escapes are decoded.
    """
    spaced = "_+" if separators else ""
    if not any(ch in text for ch in spaced + "%"):
        return None
    import codecs

    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []

    def plain(start: int, end: int) -> None:
        for i in range(start, end):
            chars.append(" " if text[i] in spaced else text[i])
            starts.append(i)
            ends.append(i + 1)

    cursor = 0
    for m in _PERCENT_RUN_RE.finditer(text):
        plain(cursor, m.start())
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        first = m.start()
        for pos in range(m.start(), m.end(), 3):
            decoded = decoder.decode(bytes([int(text[pos + 1:pos + 3], 16)]))
            for ch in decoded:
                chars.append(" " if spaced and ch in spaced else ch)
                starts.append(first)
                ends.append(pos + 3)
            if decoded:
                first = pos + 3
        for ch in decoder.decode(b"", final=True):  # an escape sequence cut short
            chars.append(ch)
            starts.append(first)
            ends.append(m.end())
        cursor = m.end()
    plain(cursor, len(text))
    return "".join(chars), starts, ends


def _detect_known(text: str, folded: str, known: KnownData, policy: Policy) -> list[Span]:
    out = []
    # Known values are looked for in the text as written and as a URL or page title spells it
    # ("Anna_Surname", "Usuario:Kind_Editor", "Lef%C3%A8vre"), with offsets mapped back to the text.
    view = _url_spelling_view(text)
    folded_view = _fold(view[0]) if view else ""

    def search(regex: re.Pattern, kind: str) -> None:
        out.extend(_spans_for(regex, folded, kind, "known"))
        if view:
            _, starts, ends = view
            for span in _spans_for(regex, folded_view, kind, "known"):
                out.append(Span(kind, starts[span.start], ends[span.end - 1], "known"))

    def find(values: Iterable[str], kind: str, variants=lambda v: [v], bounded=True):
        patterns = set()
        for value in values:
            for variant in variants(value or ""):
                pattern = _flexible(variant)
                if pattern:
                    patterns.add(pattern)
        for pattern in sorted(patterns, key=len, reverse=True):
            search(re.compile(_bounded(pattern) if bounded else pattern), kind)

    find(known.emails, EMAIL, bounded=False)
    find(known.names, NAME, _name_variants)
    find(known.addresses, ADDRESS, _address_variants)
    if policy.redact_account_names:
        # Account names in URLs are written with underscores for spaces.
        find(known.accounts, ACCOUNT, lambda v: [v, v.replace(" ", "_"), v.replace("_", " ")] if len(v) >= 2 else [])
    for value, kind in known.extra.items():
        find([value], kind if kind in TYPES else OTHER, bounded=False)
    for phone in known.phones:
        for pattern in _phone_patterns(phone, known.regions):
            regex = re.compile(pattern)
            out.extend(_spans_for(regex, text, PHONE, "known"))
            if view:
                for span in _spans_for(regex, view[0], PHONE, "known"):
                    out.append(Span(PHONE, view[1][span.start], view[2][span.end - 1], "known"))
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def find_spans(text: str, known: KnownData | None = None, policy: Policy | None = None) -> list[Span]:
    """Every span of personal data in ``text``, merged so none overlap, in order."""
    if not text:
        return []
    known = known or KnownData()
    policy = policy or default_policy()
    folded = _fold(text)
    urls = [m.span() for m in _URL_RE.finditer(text)]
    found: list[Span] = []
    detectors = [
        ("known", lambda: _detect_known(text, folded, known, policy)),
        ("emails", lambda: _detect_emails(text)),
        ("private_urls", lambda: _detect_private_urls(text)),
        ("ips", lambda: _detect_ips(text)),
        ("ids", lambda: _detect_ids(text)),
        ("phones", lambda: _detect_phones(text, known.regions)),
        ("addresses", lambda: _detect_addresses(text)),
        ("names", lambda: _detect_names(text)),
    ]
    if policy.redact_account_names:
        detectors.append(("url_accounts", lambda: _detect_url_accounts(text)))
    failures = 0
    for label, detector in detectors:
        try:
            spans = detector()
        except Exception:  # never crash on input; note which detector failed, not the text
            failures += 1
            logger.exception("redaction detector %s failed", label)
            continue
        for span in spans:
            # URLs are public content locations: inside them only known values,
            # e-mail and IP addresses and account names are personal data.
            if label in ("ids", "phones", "addresses", "names") and _inside(urls, span.start, span.end):
                continue
            found.append(span)
    if failures == len(detectors):
        return [Span(OTHER, 0, len(text), "detected")]
    merged = merge(found)
    # A value found once is hidden wherever else it occurs in the text.
    again = []
    searched = set()  # each value once: a text that repeats one value many times must not take quadratic time
    for span in merged:
        value = folded[span.start:span.end]
        if span.end - span.start >= 4 and value.strip() and (value, span.type) not in searched:
            searched.add((value, span.type))
            start = folded.find(value)
            while start != -1:
                again.append(Span(span.type, start, start + len(value), span.source))
                start = folded.find(value, start + 1)
    return merge(merged + again)


def find_spans_in_texts(texts: dict[str, str], known: KnownData | None = None,
                        policy: Policy | None = None) -> dict[str, list[Span]]:
    """Spans for several texts of one case: whatever is detected in one is hidden in all."""
    known = known or KnownData()
    first = {key: find_spans(text, known, policy) for key, text in texts.items() if text}
    learned = dict(known.extra)
    for key, spans in first.items():
        for span in spans:
            value = texts[key][span.start:span.end]
            if span.source == "detected" and len(value.strip()) >= 4:
                learned.setdefault(value, span.type)
    if len(learned) == len(known.extra):
        return first
    richer = KnownData(names=known.names, emails=known.emails, phones=known.phones, addresses=known.addresses,
                       accounts=known.accounts, regions=known.regions, extra=learned)
    return {key: find_spans(text, richer, policy) for key, text in texts.items() if text}


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sort spans and merge overlapping or touching ones; the merged type is the highest-priority one."""
    ordered = sorted((s for s in spans if s.end > s.start), key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for span in ordered:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            kind = min((last.type, span.type), key=lambda t: _PRIORITY.get(t, 99))
            source = "known" if "known" in (last.source, span.source) else last.source
            merged[-1] = Span(kind, last.start, max(last.end, span.end), source)
        else:
            merged.append(span)
    return merged


def apply_spans(text: str, spans: Iterable[Span]) -> str:
    """Replace each span by its placeholder. Spans out of range are clipped; overlaps are merged."""
    text = text or ""
    pieces, cursor = [], 0
    for span in merge(Span(s.type, max(0, min(s.start, len(text))), max(0, min(s.end, len(text))), s.source) for s in spans):
        pieces.append(text[cursor:span.start])
        pieces.append(placeholder(span.type))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def redact(text: str | None, known: KnownData | None = None, policy: Policy | None = None) -> Result:
    """Redact ``text``: the result's text has placeholders, its spans point into the original."""
    text = "" if text is None else str(text)
    try:
        spans = find_spans(text, known, policy)
    except Exception:  # the last line of defence: withhold everything
        logger.exception("redaction failed; withholding the text")
        spans = [Span(OTHER, 0, len(text), "detected")] if text else []
    return Result(apply_spans(text, spans), spans)


def known_data_for_case(case) -> KnownData:
    """The private values a case's parties and items tell us about.

    Names of individuals are private; so are the contact names of
    organisations' representatives (natural persons), but not the
    organisation's own name, which is public.
    """
    from rightsdesk.cases import choices as c

    known = KnownData()
    country = getattr(case.country, "code", case.country) or ""
    if country:
        known.regions.add(str(country))
    for party in case.parties.all():
        if party.name:
            known.names.add(party.name)
        if party.email:
            known.emails.add(party.email)
        if party.phone:
            known.phones.add(party.phone)
        if party.postal_address:
            known.addresses.add(party.postal_address)
        if party.account_name and (party.kind == c.EntityKind.INDIVIDUAL or party.role == c.PartyRole.AFFECTED_USER):
            known.accounts.add(party.account_name)
        code = getattr(party.country, "code", party.country)
        if code:
            known.regions.add(str(code))
    for item in case.items.all():
        if item.account_name:
            known.accounts.add(item.account_name)
    return known


def addresses_in(text: str) -> list[str]:
    """The kinds of address in ``text``: "EMAIL" (also written "jane (at) example (dot) org") and "IP" (IPv4 and
    IPv6, checked by ``ipaddress``). The one detector of e-mail and IP addresses; what must never hold the user's
    own addresses (a preservation's description) asks it."""
    return sorted({span.type for span in _detect_emails(text or "") + _detect_ips(text or "")})


def mask_addresses(text: str, mask: str = "[address]", *, in_prose: bool = True) -> str:
    """``text`` with every e-mail and IP address replaced by ``mask`` (an SMTP refusal echoing the recipient).

    ``in_prose=False`` (the log mask, ``core.logfilters.masked``) masks whatever has the shape of an address, a host
    without a dot too (:func:`address_pattern`). An address that holds an IP address (``erika@[192.0.2.1]``) is
    masked whole."""
    text = text or ""
    for span in reversed(merge(_detect_emails(text, in_prose=in_prose) + _detect_ips(text))):
        text = text[:span.start] + mask + text[span.end:]
    return text


def contains_personal_data(text: str) -> list[str]:
    """The types of personal data patterns found in ``text`` (for validators of exports)."""
    if not text:
        return []
    try:
        spans = find_spans(text, KnownData(), Policy(redact_account_names=False))
    except Exception:
        return [OTHER]
    return sorted({s.type for s in spans if s.type in (EMAIL, PHONE, IP, ID)})
