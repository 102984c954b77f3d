"""core.url_checks: a web address is matched against URLValidator's pattern once, and every validator still gives
its own verdict (the bulk intake checks an item URL by intake's rules and again as the model field does)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsdesk.core import url_checks

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
        url_checks.check(validator, value)
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
    url_checks.check(HTTP_ONLY, "https://en.wikipedia.org/wiki/Y")
    with pytest.raises(ValidationError):
        url_checks.check(FTP_ONLY, "https://en.wikipedia.org/wiki/Y")
    url_checks.check(ANY_DEFAULT, "https://en.wikipedia.org/wiki/Y")


def test_a_validator_that_is_not_a_plain_url_validator_is_always_asked():
    class Stricter(URLValidator):
        max_length = 20

    url_checks.check(HTTP_ONLY, "https://example.org/a-long-path")
    with pytest.raises(ValidationError):
        url_checks.check(Stricter(), "https://example.org/a-long-path")
