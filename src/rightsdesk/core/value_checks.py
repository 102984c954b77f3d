"""Web and e-mail addresses checked once: Django's validators with their verdicts remembered (bulk intake, #20).

An item URL of an API batch is checked by intake's rules (``URLValidator(schemes=["http", "https"])``) and again
by the model field (``EncryptedURLField``: ``URLValidator()``) when the bulk writer checks the row as
``full_clean`` would; an e-mail address by intake's rules and by ``EncryptedEmailField``, both with Django's
``validate_email``. :func:`check` gives each validator's own verdict, remembering what passed:

- ``URLValidator``: its verdict depends on the value and, for the scheme only, on the validator's ``schemes``:
  everything else it checks (type, length, unsafe characters, the URL pattern, an IPv6 host, the host name's
  length) comes from class attributes every plain ``URLValidator`` shares. So a URL that passed one plain
  ``URLValidator`` passes another iff its scheme is in the other's ``schemes``; only that is asked again.
- ``validate_email`` (Django's one instance): its verdict depends on the value only.

An ordinary web address is not matched against Django's pattern at all: :data:`PLAIN_WEB_URL` is a narrower pattern
(a lower-case ``http``/``https`` scheme, a host of ASCII labels with a letters-only top-level domain, no user, port or
IP address, a path of printable ASCII) whose every match the plain ``URLValidator`` accepts, so a URL it matches is
valid for any plain validator whose ``schemes`` hold its scheme. It is a sufficient condition, not a second rule: what
it does not match goes to the validator. tests/core/test_value_checks.py generates strings from it and asks Django.

Anything else (a subclass, a changed pattern or length, another validator, a refused value) is checked by the
validator itself, which raises its own error. No app is imported here: intake's rules and the cases' bulk writer
both call it.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.validators import URLValidator, validate_email

#: Matches only URLs every plain URLValidator with the scheme accepts (see above); group 1 is the scheme, 2 the host.
PLAIN_WEB_URL = re.compile(r"(https?)://((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?:/[!-~]*)?")
#: URLValidator's limit of a host name (RFC 1034), which the pattern's shape does not bound.
_MAX_HOST = 253

#: Values that passed (insertion-ordered dicts used as sets), emptied when they reach the limit.
_urls: dict[str, None] = {}
_emails: dict[str, None] = {}
_LIMIT = 20_000
#: id(validator) -> (validator, is it a plain URLValidator); the validator is kept so its id cannot be reused.
_plain: dict[int, tuple[Any, bool]] = {}


def _is_plain_url_validator(validator) -> bool:
    entry = _plain.get(id(validator))
    if entry is not None and entry[0] is validator:
        return entry[1]
    plain = (type(validator) is URLValidator
             and validator.regex.pattern == URLValidator.regex.pattern
             and validator.regex.flags == URLValidator.regex.flags
             and validator.max_length == URLValidator.max_length
             and validator.unsafe_chars == URLValidator.unsafe_chars
             and not validator.inverse_match)
    if len(_plain) < 1000:
        _plain[id(validator)] = (validator, plain)
    return plain


def _remember(seen: dict[str, None], value: str) -> None:
    if len(seen) >= _LIMIT:
        seen.clear()
    seen[value] = None


def check(validator, value: Any) -> None:
    """``validator(value)``: raises the validator's ValidationError for a refused value; a value an equivalent
    validator accepted before is not matched against the patterns again."""
    if type(value) is not str:
        validator(value)
        return
    if validator is validate_email:
        if value not in _emails:
            validator(value)
            _remember(_emails, value)
        return
    if not _is_plain_url_validator(validator):
        validator(value)
        return
    if value in _urls and value.split("://")[0].lower() in validator.schemes:
        return
    plain = PLAIN_WEB_URL.fullmatch(value) if len(value) <= URLValidator.max_length else None
    if plain is not None and len(plain.group(2)) <= _MAX_HOST and plain.group(1) in validator.schemes:
        return
    validator(value)
    _remember(_urls, value)
