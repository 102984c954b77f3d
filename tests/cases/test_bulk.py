"""cases/bulk.py checks a dict exactly as ``full_clean`` checks a model instance holding the same values."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from rightsdesk.cases import bulk
from rightsdesk.cases.models import Case, Party, TargetItem

ODD = [None, "", "x", "copyright_notice", "company", "received", "US", "ZZ", "us", 1, 1.0, True, -1, "12",
       "https://en.wikipedia.org/wiki/X", "not a url", "pat@acme.example", "pat@", "x" * 301, "2026-01-02T03:04:05Z",
       "yesterday", ["a"],
       # URL fields: a scheme intake refuses and the model field accepts, too long for the field (2000) but not
       # for URLValidator (2048), blank-looking text, a host without a dot.
       "ftp://example.org/file", "https://example.org/" + "a" * 1990, " ", "https://x"]
FIELDS = {
    Case: (["kind", "requester_type", "state", "country", "authority_country", "subject", "language",
            "accounts_potentially_affected", "trusted_flagger", "received_at", "missing_fields", "law_invoked"],
           ["reference"]),
    Party: (["role", "kind", "name", "email", "country", "language", "phone"], ["case"]),
    TargetItem: (["url", "project", "page_title", "item_type", "content_type", "revision_id", "copyrighted_url",
                  "action_countries"], ["case"]),
}


def full_clean_verdict(model, values: dict, exclude: list[str]):
    instance = model()
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        return ("refused", field, messages)
    except (TypeError, ValueError):
        return ("wrong type",)
    return ("ok",)


def bulk_verdict(model, values: dict, exclude: list[str]):
    plan = bulk.plan(model)
    try:
        plan.check(dict(values), frozenset(exclude), plan.defaults(None))
    except bulk.Refused as exc:
        return ("refused", exc.field, exc.messages)
    except (TypeError, ValueError):
        return ("wrong type",)
    return ("ok",)


@pytest.mark.parametrize("model", list(FIELDS))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_the_bulk_check_refuses_what_full_clean_refuses_with_the_same_first_field_and_message(model, data):
    names, exclude = FIELDS[model]
    values = data.draw(st.dictionaries(st.sampled_from(names), st.sampled_from(ODD), max_size=5))
    # The bulk check is asked twice: the second answer comes from what it remembered of the first.
    expected = full_clean_verdict(model, values, exclude)
    assert bulk_verdict(model, values, exclude) == expected
    assert bulk_verdict(model, values, exclude) == expected
