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


def slow_instance(model, values: dict, defaults: dict):
    """What Plan.instance stands for: Model.from_db of the row (Model.__init__ with positional values)."""
    args = [values.get(f.attname, None if f.primary_key else defaults.get(f.attname))
            for f in model._meta.concrete_fields]
    return model.from_db("default", None, [a.pk if hasattr(a, "pk") else a for a in args])


def state_of(instance) -> dict:
    out = {k: v for k, v in instance.__dict__.items() if k != "_state"}
    return {**out, "_state": (instance._state.adding, instance._state.db, instance._state.fields_cache)}


@pytest.mark.parametrize("model, values", [
    (Case, {"id": 7, "kind": "copyright_notice", "country": "US", "authority_country": "", "subject": "S",
            "missing_fields": ["email"], "received_at": None}),
    (Party, {"id": 8, "case_id": 7, "role": "requester", "name": "Pat", "email": "pat@acme.example", "country": "DE"}),
    (TargetItem, {"id": 9, "case_id": 7, "url": "https://en.wikipedia.org/wiki/X", "revision_id": 12}),
])
def test_a_bulk_instance_holds_what_model_init_would_give_it_country_fields_set_through_their_descriptor(model, values):
    plan = bulk.plan(model)
    defaults = plan.defaults(None)
    fast = plan.instance(dict(values), defaults)
    assert state_of(fast) == state_of(slow_instance(model, values, defaults))
    assert fast.pk == values["id"]
    if "country" in values:
        assert fast.country.code == values["country"]  # a Country object, as django-countries' descriptor gives


def test_a_bulk_instance_is_built_by_model_init_when_something_listens_to_its_signals():
    from django.db.models.signals import post_init

    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance)

    post_init.connect(listener, sender=TargetItem)
    try:
        plan = bulk.plan(TargetItem)
        instance = plan.instance({"id": 5, "case_id": 1}, plan.defaults(None))
    finally:
        post_init.disconnect(listener, sender=TargetItem)
    assert seen == [instance]
