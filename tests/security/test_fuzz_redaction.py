"""Fuzzing the redactor with secrets hidden in random text: it never crashes and never lets one through.

tests/privacy/test_redaction_properties.py seeds private values into
realistic prose and tells the redactor some of them (as a case would). These
properties are the adversarial side: the surrounding text is arbitrary Unicode
(any script, control and format characters, digits), the redactor is told
nothing, and each e-mail address, phone number and IP address must still be
found by detection alone. The only thing they rely on is that a secret is set
off from the text around it by white space or brackets, as in writing.
"""

from __future__ import annotations

import os

import phonenumbers
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsdesk.privacy.redaction import DEFAULT_PHONE_REGIONS, TYPES, KnownData, redact

FUZZ = settings(max_examples=200, deadline=None, database=None, derandomize=os.environ.get("RIGHTSDESK_FUZZ_RANDOM") != "1",
                suppress_health_check=list(HealthCheck))

noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
BEFORE = [" ", "\n", "\t", " (", ": ", " «", "\u00a0"]
AFTER = [" ", "\n", "\t", ") ", ", ", "» ", "; ", ". ", "? "]  # no ":" here: "2001:db8::" + ":" is no longer an address

emails = st.from_regex(r"[a-z0-9][a-z0-9._+-]{0,20}[a-z0-9]@(?:[a-z0-9][a-z0-9-]{0,10}\.){1,3}[a-z]{2,8}",
                       fullmatch=True).filter(lambda e: ".." not in e)
ipv4 = st.ip_addresses(v=4).filter(lambda ip: ip.is_global).map(str)
ipv6 = st.ip_addresses(v=6).filter(lambda ip: ip.is_global).map(str)

MOBILE = phonenumbers.PhoneNumberType.MOBILE
REGIONS = sorted(r for r in phonenumbers.SUPPORTED_REGIONS
                 if (ex := phonenumbers.example_number_for_type(r, MOBILE)) and len(str(ex.national_number)) >= 7)


@st.composite
def phones(draw):
    """A valid mobile number of any country (the example number with its last digits changed), as people write it.

    International forms for every country; the national form for the countries the redactor always reads
    national numbers in (DEFAULT_PHONE_REGIONS), since without a country a national number is just digits.
    """
    region = draw(st.sampled_from(REGIONS))
    example = phonenumbers.example_number_for_type(region, MOBILE)
    national = str(example.national_number)
    tail = draw(st.from_regex(r"[0-9]{2}", fullmatch=True))
    candidate = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(national[:-2] + tail))
    number = candidate if phonenumbers.is_valid_number(candidate) else example
    styles = [phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164]
    if region in DEFAULT_PHONE_REGIONS:
        styles.append(phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, draw(st.sampled_from(styles)))


secrets = st.one_of(emails, ipv4, ipv6, phones())


@st.composite
def texts_with_secrets(draw):
    values = draw(st.lists(secrets, min_size=1, max_size=4))
    text = draw(noise)
    for value in values:
        text += draw(st.sampled_from(BEFORE)) + value + draw(st.sampled_from(AFTER)) + draw(noise)
    return text, values


def digits(value: str) -> str:
    return "".join(ch for ch in value if ch.isdigit())


@FUZZ
@given(texts_with_secrets())
def test_no_email_phone_or_ip_address_in_random_text_survives_redaction(sample):
    text, values = sample
    result = redact(text)
    for value in values:
        assert value not in result.text, f"{value!r} survived in {result.text!r}"
    for span in result.spans:
        assert span.type in TYPES and 0 <= span.start < span.end <= len(text)


@FUZZ
@given(text=st.text(max_size=300), names=st.lists(st.text(max_size=20), max_size=3),
       emails=st.lists(st.text(max_size=20), max_size=2), phones=st.lists(st.text(max_size=20), max_size=2),
       regions=st.lists(st.text(max_size=3), max_size=2))
def test_the_redactor_never_crashes_on_any_text_or_any_known_data(text, names, emails, phones, regions):
    known = KnownData(names=set(names), emails=set(emails), phones=set(phones), regions=set(regions))
    result = redact(text, known)
    assert isinstance(result.text, str)
    assert all(0 <= s.start < s.end <= len(text) for s in result.spans)
    # Whatever was cut out is replaced, never just deleted: the reader sees that something was there.
    if result.spans:
        assert "[" in result.text
