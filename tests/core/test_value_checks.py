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
