"""Properties of the redactor, for any input: it never crashes, and no seeded private value survives."""

from __future__ import annotations

import os
import re

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsdesk.privacy.redaction import _NAME_PARTICLES, TYPES, KnownData, Policy, apply_spans, redact

FILLER = ["the", "article", "about", "was", "removed", "because", "of", "a", "claim", "under", "law", "2025", "page",
          "and", "we", "refused", "it", "on", "12", "march", "§4", "section", "512(c)", "-", "(see", "below)", "..."]
SEPARATORS = [" ", ", ", "\n", ". ", " (", ") ", "; ", ": ", "\t"]

names = st.builds(lambda a, b: f"{a} {b}", st.from_regex(r"[A-ZÀ-Ý][a-zà-ÿ]{2,9}", fullmatch=True),
                  st.from_regex(r"[A-Z][a-zß-ÿ]{2,11}", fullmatch=True))
emails = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,15}@[a-z0-9][a-z0-9-]{0,12}\.(?:[a-z]{2,6}\.)?[a-z]{2,6}", fullmatch=True)
# Addresses that identify a machine (not "::" or loopback, which identify nobody).
ipv4 = st.ip_addresses(v=4).filter(lambda ip: not (ip.is_unspecified or ip.is_loopback)).map(str)
ipv6 = st.ip_addresses(v=6).filter(lambda ip: not (ip.is_unspecified or ip.is_loopback)).map(str)
PHONE_REGIONS = sorted(r for r in phonenumbers.SUPPORTED_REGIONS
                       if phonenumbers.example_number_for_type(r, phonenumbers.PhoneNumberType.MOBILE)
                       and len(str(phonenumbers.example_number_for_type(r, phonenumbers.PhoneNumberType.MOBILE).national_number)) >= 7)


@st.composite
def phones(draw):
    """An example mobile number of any country, written internationally or, for its own country, nationally."""
    region = draw(st.sampled_from(PHONE_REGIONS))
    number = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    style = draw(st.sampled_from([phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164,
                                  phonenumbers.PhoneNumberFormat.NATIONAL]))
    return phonenumbers.format_number(number, style), region


@st.composite
def ibans(draw):
    country, length = draw(st.sampled_from([("DE", 22), ("FR", 27), ("ES", 24), ("NL", 18), ("IT", 27), ("GB", 22)]))
    bban = draw(st.from_regex(rf"[0-9]{{{length - 4}}}", fullmatch=True))
    numeric = int("".join(str(int(ch, 36)) for ch in bban + country + "00"))
    iban = f"{country}{98 - numeric % 97:02d}{bban}"
    spaced = draw(st.booleans())
    return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if spaced else iban


@st.composite
def cards(draw):
    body = "4" + draw(st.from_regex(r"[0-9]{14}", fullmatch=True))
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    number = body + str((10 - total % 10) % 10)
    return " ".join(number[i:i + 4] for i in range(0, 16, 4)) if draw(st.booleans()) else number


@st.composite
def seeded_texts(draw):
    """Realistic text with private values mixed in: (text, known data, values that must disappear)."""
    known_name = draw(names)
    known_email = draw(emails)
    detected = draw(st.lists(st.one_of(emails, ipv4, ipv6, ibans(), cards()), min_size=1, max_size=4))
    phone, region = draw(phones())
    values = [known_name, known_email, phone, *detected]
    pieces = draw(st.lists(st.sampled_from(FILLER), min_size=0, max_size=30))
    for value in values:
        pieces.insert(draw(st.integers(0, len(pieces))), value)
    text = ""
    for piece in pieces:
        text += piece + draw(st.sampled_from(SEPARATORS))
    known = KnownData(names={known_name}, emails={known_email}, regions={region})
    return text, known, values


@settings(max_examples=int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seeded_texts())
def test_no_seeded_private_value_survives_redaction(sample):
    text, known, values = sample
    out = redact(text, known, Policy()).text
    for value in values:
        assert value not in out, (value, out)
    first, last = next(iter(known.names)).split(" ")
    assert first not in out and last not in out


@settings(max_examples=3 * int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.lists(st.from_regex(r"[A-Za-z]{3,12}", fullmatch=True), max_size=3),
       st.lists(st.text(max_size=30), max_size=3), st.booleans())
def test_any_input_is_redacted_without_error_and_known_whole_words_never_survive(text, words, junk, accounts):
    known = KnownData(names=set(words), emails=set(junk), phones=set(junk), addresses=set(junk), accounts=set(junk))
    result = redact(text, known, Policy(redact_account_names=accounts))
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert span.type in TYPES
        previous_end = span.end
    assert apply_spans(text, result.spans) == result.text
    for word in words:
        if word.upper() in TYPES:
            continue
        whole = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        if whole.search(text):
            assert not whole.search(result.text), (word, text, result.text)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.none(), st.integers(), st.binary(max_size=50).map(lambda b: b.decode("latin-1"))))
def test_odd_values_are_accepted(value):
    assert isinstance(redact(value).text, str)


# --- Known names and accounts inside URLs and page titles; hyphenated names; identity numbers after a keyword -------

LETTERS_UPPER = "ABCDEFGHIJKLMNOPRSTUVWZÀÉÎÖÜ"
LETTERS_LOWER = "abcdefghijklmnoprstuvwyzàéèëîïôöüçñß"
name_parts = st.builds(lambda a, b: a + b, st.sampled_from(LETTERS_UPPER),
                       st.text(st.sampled_from(LETTERS_LOWER), min_size=2, max_size=9))
#: "Marie-Claire Dubois-Lefèvre", "Anna Dubois-Lefèvre", "Marie-Claire Surname"
hyphenated_names = st.builds(lambda first, last: f"{'-'.join(first)} {'-'.join(last)}",
                             st.lists(name_parts, min_size=1, max_size=2), st.lists(name_parts, min_size=1, max_size=3)
                             ).filter(lambda n: "-" in n)
#: "KindEditor42", "Kind Editor", "Kind Editor7"
accounts = st.builds(lambda a, b, n: f"{a}{b}{n}", name_parts,
                     st.sampled_from(["", " "]).flatmap(lambda sep: name_parts.map(lambda w: sep + w)) | st.just(""),
                     st.from_regex(r"[0-9]{0,3}", fullmatch=True))
HOSTS = ["en.wikipedia.org", "es.wikipedia.org", "commons.wikimedia.org", "de.wikipedia.org", "ar.wikipedia.org"]


def url_title(title: str, style: str) -> str:
    """A page title as it appears in a URL: underscores for spaces, and maybe percent-escaped."""
    from urllib.parse import quote

    title = title.replace(" ", "_")
    return quote(title, safe=":/_-()") if style == "escaped" else title


@st.composite
def urls_naming(draw, value: str):
    """A URL or wiki title that contains ``value`` (a name or part of one, or an account name)."""
    from urllib.parse import quote_plus

    host = draw(st.sampled_from(HOSTS))
    style = draw(st.sampled_from(["plain", "escaped"]))
    form = draw(st.sampled_from(["file", "user", "talk", "contribs", "search", "title", "bare"]))
    if form == "file":
        return f"https://{host}/wiki/File:{url_title(value + ' ' + draw(st.sampled_from(['garden', 'portrait 2019'])), style)}.jpg"
    if form == "user":
        return f"https://{host}/wiki/{draw(st.sampled_from(['User', 'Usuario', 'Benutzer']))}:{url_title(value, style)}"
    if form == "talk":
        return f"User_talk:{url_title(value, style)}/Archive_{draw(st.integers(1, 9))}"
    if form == "contribs":
        return f"https://{host}/w/index.php?title=Special:Contributions/{url_title(value, style)}&offset=1"
    if form == "search":
        return f"https://{host}/w/index.php?search={quote_plus(value + ' address')}&ns0=1"
    if form == "title":
        return f"https://{host}/wiki/{url_title('Talk:' + value + ' (family)', style)}"
    return url_title(value, style)


def as_read(text: str) -> str:
    """What a reader of the published text makes of it: escapes decoded, "_" and "+" as spaces, placeholders gone."""
    from urllib.parse import unquote

    text = re.sub(r"\[(?:%s)\]" % "|".join(TYPES), " ", text)
    return unquote(text).replace("_", " ").replace("+", " ")


def survives(word: str, text: str) -> bool:
    return bool(re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", as_read(text), re.IGNORECASE))


def name_parts_of(name: str) -> list[str]:
    """The parts of three letters or more that identify ("van", "bin", "Mrs" do not)."""
    return [p for p in re.split(r"[\s\-]+", name) if len(p) >= 3 and p.lower() not in _NAME_PARTICLES]


@st.composite
def texts_with_urls_naming(draw):
    """Prose with URLs and titles that contain a known (hyphenated) name, its parts, and a known account."""
    name = draw(st.one_of(hyphenated_names, names))
    account = draw(accounts)
    parts = name_parts_of(name) or [name]
    mentions = [draw(urls_naming(name)), draw(urls_naming(account))]
    mentions += [draw(urls_naming(draw(st.sampled_from(parts)))) for _ in range(draw(st.integers(1, 3)))]
    mentions += draw(st.lists(st.sampled_from(parts + [p.upper() for p in parts] + [p.lower() for p in parts]), max_size=3))
    pieces = draw(st.lists(st.sampled_from(FILLER), min_size=0, max_size=20))
    for mention in mentions:
        pieces.insert(draw(st.integers(0, len(pieces))), mention)
    text = "".join(piece + draw(st.sampled_from(SEPARATORS)) for piece in pieces)
    return text, name, account


@settings(max_examples=int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_urls_naming())
def test_no_part_of_a_known_name_or_account_survives_in_urls_titles_or_prose(sample):
    text, name, account = sample
    out = redact(text, KnownData(names={name}, accounts={account}), Policy()).text
    for part in name_parts_of(name):
        assert not survives(part, out), (part, text, out)
    assert not survives(account, out), (account, text, out)


@settings(max_examples=int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hyphenated_names, st.lists(st.sampled_from(FILLER), max_size=20), st.randoms(use_true_random=False))
def test_each_part_of_a_hyphenated_known_name_is_hidden_on_its_own_in_any_case(name, pieces, rnd):
    parts = name_parts_of(name)
    for part in parts:
        pieces.insert(rnd.randint(0, len(pieces)), rnd.choice([part, part.upper(), part.lower()]))
    text = " ".join(pieces)
    out = redact(text, KnownData(names={name}), Policy()).text
    for part in parts:
        assert not survives(part, out), (part, text, out)


ID_KEYWORDS = ["ID card number", "national ID", "passport number", "ID no.", "identity number", "DNI", "NIF", "SSN",
               "Aadhaar", "CPF", "número de identidad", "numéro d'identité", "carte d'identité", "رقم الهوية",
               "Ausweisnummer", "Personalausweis", "social security number"]
ID_CONNECTORS = ["", ":", " :", " is", " is:", " es", " é", " n°", " nº", " #"]
WORDS = [w for w in FILLER if not any(ch.isdigit() for ch in w)]


@st.composite
def identity_numbers(draw):
    """An identity number as people write it: digit groups with spaces, dots or dashes; letters before or after."""
    groups = draw(st.lists(st.from_regex(r"[0-9]{2,4}", fullmatch=True), min_size=1, max_size=4))
    if sum(len(g) for g in groups) < 4:
        groups.insert(0, "1234")
    number = draw(st.sampled_from([" ", ".", "-", "", "/"])).join(groups)
    prefix = draw(st.sampled_from(["", "", "X", "AB", "AB ", "L0"]))
    suffix = draw(st.sampled_from(["", "", "Z", "-Z", " C", "L"]))
    return prefix + number + suffix


@settings(max_examples=int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ID_KEYWORDS), st.sampled_from(ID_CONNECTORS), identity_numbers(),
       st.lists(st.sampled_from(WORDS), max_size=10), st.lists(st.sampled_from(WORDS), max_size=10),
       st.sampled_from([" ", ". ", ", ", "\n", "; ", ") "]))
def test_no_digit_of_an_identity_number_after_an_identity_keyword_survives(keyword, connector, number, before, after, end):
    text = " ".join(before + [f"{keyword}{connector} {number}"]) + end + " ".join(after)
    out = redact(text, KnownData(), Policy()).text
    assert not re.search(r"\d", out), (text, out)


@given(st.text(max_size=80))
@settings(max_examples=300, deadline=None)
def test_folding_keeps_one_character_per_character_and_ascii_takes_the_short_path_to_the_same_result(text):
    from rightsdesk.privacy.redaction import _fold, _fold_char

    folded = _fold(text)
    assert len(folded) == len(text)
    assert folded == "".join(_fold_char(ch) for ch in text)
    ascii_part = "".join(ch for ch in text if ch.isascii())
    assert _fold(ascii_part) == "".join(_fold_char(ch) for ch in ascii_part)


# --- Hosts without a dot: a machine on a private network -----------------------------------------------------------

#: Names machines on a private network have ("fileserver", "nas-2", "hr01"), none a version tag (``lodash@latest``).
dotless_hosts = st.builds(lambda name, sep, n: f"{name}{sep}{n}" if n else name,
                          st.sampled_from(["localhost", "intranet", "fileserver", "mailhost", "nas", "hr", "wiki",
                                           "printer", "backup", "ldap", "gitlab", "share", "dc"]),
                          st.sampled_from(["", "-"]), st.from_regex(r"[0-9a-z]{0,3}", fullmatch=True))
locals_ = st.from_regex(r"[a-z][a-z0-9._+-]{1,15}", fullmatch=True).filter(lambda v: not v.endswith("."))


def _not_in_filler(value: str) -> bool:
    """A name the filler around it does not hold ("le" is in "article"): found in the output, it is the value's."""
    return not any(value in word for word in FILLER)


@settings(max_examples=int(os.environ.get("REDACTION_EXAMPLES", 100)), deadline=None)
@given(locals_.filter(_not_in_filler), dotless_hosts,
       st.from_regex(r"[a-z0-9_]{2,12}", fullmatch=True).filter(_not_in_filler),
       st.lists(st.sampled_from(FILLER), max_size=8), st.sampled_from(SEPARATORS), st.booleans())
def test_no_address_or_url_on_a_host_without_a_dot_survives(local, host, folder, filler, separator, as_url):
    value = f"http://{host}/home/{folder}" if as_url else f"{local}@{host}"
    text = separator.join([*filler, value, *filler])
    out = redact(text, KnownData(), Policy(redact_account_names=False)).text
    assert value not in out, (value, out)
    assert (folder if as_url else local) not in out, out
