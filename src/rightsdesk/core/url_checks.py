"""A web address checked once: Django's ``URLValidator`` with its verdict remembered (bulk intake, issue #20).

An item URL of an API batch is checked by intake's rules (``URLValidator(schemes=["http", "https"])``) and again
by the model field (``EncryptedURLField``: ``URLValidator()``) when the bulk writer checks the row as
``full_clean`` would. The validator's verdict depends on the value and, for the scheme only, on the validator's
``schemes``: everything else it checks (type, length, unsafe characters, the URL pattern, an IPv6 host, the host
name's length) comes from class attributes that every plain ``URLValidator`` shares. So a URL that passed one
plain ``URLValidator`` passes another iff its scheme is in the other's ``schemes``; :func:`check` remembers the
URLs that passed and asks only the scheme of those. Anything else (a subclass, a changed pattern or length, a
refused URL) is checked by the validator itself, which raises its own error.

No app is imported here: intake's rules and the cases' bulk writer both call it.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import URLValidator

#: URLs that passed a plain URLValidator (insertion-ordered dict used as a set), emptied when it reaches the limit.
_passed: dict[str, None] = {}
_LIMIT = 20_000
#: id(validator) -> (validator, is it a plain URLValidator); the validator is kept so its id cannot be reused.
_plain: dict[int, tuple[Any, bool]] = {}


def _is_plain(validator) -> bool:
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


def check(validator, value: Any) -> None:
    """``validator(value)``: raises the validator's ValidationError for a refused value; a URL that an equivalent
    validator accepted before is not matched against the pattern again."""
    if type(value) is str and value in _passed and _is_plain(validator):
        if value.split("://")[0].lower() in validator.schemes:
            return
    validator(value)
    if type(value) is str and _is_plain(validator):
        if len(_passed) >= _LIMIT:
            _passed.clear()
        _passed[value] = None
