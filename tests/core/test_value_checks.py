"""core.value_checks: a web or e-mail address is matched against its validator's patterns once, and every validator
still gives its own verdict (the bulk intake checks an item's URL and e-mail address by intake's rules and again as
the model fields do)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsdesk.core import value_checks

HTTP_ONLY = URLValidator(schemes=["http", "https"])
ANY_DEFAULT = URLValidator()
FTP_ONLY = URLValidator(schemes=["ftp"])

URLS = ["https://en.wikipedia.org/wiki/X", "http://example.org", "ftp://example.org/file", "HTTPS://EXAMPLE.ORG/A",
        "https://", "https://exa mple.org", "https://example.org/\n", "mailto:a@example.org", "https://[::1]/x",
        "https://[zz]/x", "https://" + "a" * 250 + ".org", "https://example.org/" + "a" * 2100, "not a url", "",
        "https://example.org/?q=1#frag", "https://user:pw@example.org:8080/p"]


def verdict(validator, value) -> str:
    try:
        validator(value)
    except ValidationError as exc:
        return f"refused: {exc.messages}"
    return "ok"


def remembered_verdict(validator, value) -> str:
    try:
        value_checks.check(validator, value)
    except ValidationError as exc:
        return f"refused: {exc.messages}"
    return "ok"


@settings(max_examples=200, deadline=None)
@given(order=st.lists(st.tuples(st.sampled_from([HTTP_ONLY, ANY_DEFAULT, FTP_ONLY]), st.sampled_from(URLS)),
                      min_size=1, max_size=12))
def test_a_remembered_url_gets_the_verdict_of_each_validator_that_checks_it_whatever_checked_it_before(order):
    for validator, url in order:
        assert remembered_verdict(validator, url) == verdict(validator, url)


def test_a_url_accepted_for_http_is_refused_by_a_validator_without_its_scheme():
    value_checks.check(HTTP_ONLY, "https://en.wikipedia.org/wiki/Y")
    with pytest.raises(ValidationError):
        value_checks.check(FTP_ONLY, "https://en.wikipedia.org/wiki/Y")
    value_checks.check(ANY_DEFAULT, "https://en.wikipedia.org/wiki/Y")


def test_a_validator_that_is_not_a_plain_url_validator_is_always_asked():
    class Stricter(URLValidator):
        max_length = 20

    value_checks.check(HTTP_ONLY, "https://example.org/a-long-path")
    with pytest.raises(ValidationError):
        value_checks.check(Stricter(), "https://example.org/a-long-path")


@pytest.mark.parametrize("address", ["pat@acme.example", "pat@", "a b@example.org", "pat@localhost", "x" * 400])
def test_an_email_address_gets_validate_emails_verdict_the_first_time_and_every_time_after(address):
    from django.core.validators import validate_email

    expected = verdict(validate_email, address)
    assert remembered_verdict(validate_email, address) == expected
    assert remembered_verdict(validate_email, address) == expected


@settings(max_examples=500, deadline=None)
@given(url=st.from_regex(value_checks.PLAIN_WEB_URL, fullmatch=True))
def test_every_url_the_plain_web_pattern_matches_is_one_djangos_url_validator_accepts(url):
    """PLAIN_WEB_URL is a sufficient condition only: anything it lets through without asking Django, Django accepts."""
    host = value_checks.PLAIN_WEB_URL.fullmatch(url).group(2)
    if len(host) > 253 or len(url) > URLValidator.max_length:
        return  # check() asks the validator for these
    assert verdict(HTTP_ONLY, url) == "ok"
    assert verdict(ANY_DEFAULT, url) == "ok"


@pytest.mark.parametrize("url, asks_django", [
    ("https://en.wikipedia.org/wiki/File:Harbour_1.jpg", False),
    ("http://commons.wikimedia.org/w/index.php?title=X&oldid=12", False),
    ("HTTPS://EN.WIKIPEDIA.ORG/", True),       # upper case: Django decides
    ("https://user@example.org/", True),       # a user name
    ("https://example.org:8443/", True),       # a port
    ("https://192.0.2.1/", True),              # an IP address
    ("https://bücher.example/", True),         # not ASCII
    ("https://example.org/a b", True),         # a space
    ("https://" + "a" * 63 + "." * 0 + ".org/" + "b" * 1990, True),  # longer than 2048 characters: the length rule
])
def test_an_ordinary_web_address_is_not_matched_against_djangos_pattern(monkeypatch, url, asks_django):
    asked = []
    real = URLValidator.__call__

    def spy(self, value):
        asked.append(value)
        return real(self, value)

    monkeypatch.setattr(URLValidator, "__call__", spy)
    monkeypatch.setattr(value_checks, "_urls", {})
    try:
        value_checks.check(HTTP_ONLY, url)
    except ValidationError:
        pass
    assert bool(asked) is asks_django
    assert remembered_verdict(HTTP_ONLY, url) == verdict(HTTP_ONLY, url)
