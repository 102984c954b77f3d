"""A refusal that names codes or values (the unknown ones typed, the ones a field takes) lists them as the reader's
language lists things (core.lists, ``isolated=True``): its own "and" or "or" and comma, never a Latin ", " written in
the code, and each code kept in its own direction (FSI … PDI: inside Arabic, Persian or Urdu words, and an Arabic value typed
among codes in any page)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from rightsdesk.core.bidi import FSI, PDI
from rightsdesk.core.errors import DomainError
from rightsdesk.core.lists import and_list, or_list


def _subdivision_refused() -> str:
    from rightsdesk.clocks.calendar import Calendar

    with pytest.raises(DomainError) as refused:
        Calendar("BE", "ZZ")
    return str(refused.value)


def _kinds_refused() -> str:
    from rightsdesk.clocks.models import ClockRule

    with pytest.raises(ValidationError) as refused:
        ClockRule(kinds=["gossip", "rumour", "hearsay"]).clean()
    return " ".join(refused.value.message_dict["kinds"])


def _roles_refused() -> str:
    from rightsdesk.accountactions.models import ApprovalStep

    with pytest.raises(ValidationError) as refused:
        ApprovalStep(role="bystander").clean()
    return " ".join(refused.value.message_dict["role"])


REFUSALS = {
    "a holiday calendar's subdivision (one of Flemish, French or German)": (_subdivision_refused, "or",
                                                                             ["Flemish", "French", "German"]),
    "a deadline rule's unknown kinds": (_kinds_refused, "and", ["gossip", "rumour", "hearsay"]),
}


def _roles() -> list[str]:
    from rightsdesk.accountactions.models import ROLES

    return list(ROLES)


REFUSALS["an approval step's role"] = (_roles_refused, "or", _roles())


@pytest.mark.parametrize("language", ["ar", "fa", "ur", "zh-hans", "de", "en"])
@pytest.mark.parametrize("refusal", list(REFUSALS))
def test_a_refusal_lists_the_codes_it_names_the_readers_way_each_kept_in_its_own_direction(refusal, language):
    refuse, style, named = REFUSALS[refusal]
    with translation.override(language):
        said = refuse()
        listed = (or_list if style == "or" else and_list)(named, isolated=True)
    assert listed in said, (said, listed)
    if language in ("ar", "fa", "ur", "zh-hans"):  # languages whose lists have no Latin comma
        assert not re.search(r"[A-Za-z]\u2069?, \u2068?[A-Za-z]", said), said  # no ", " of the code between items
    for item in named:
        assert f"{FSI}{item}{PDI}" in said, said  # in every language: a value as typed may be in any script


@pytest.mark.parametrize(("language", "joined"), [
    ("ar", f"{FSI}XX{PDI} و{FSI}تركيا{PDI}"),
    ("en", f"{FSI}XX{PDI} and {FSI}تركيا{PDI}"),
])
def test_a_list_of_values_as_typed_keeps_each_in_its_own_direction(language, joined):
    with translation.override(language):
        assert and_list(["XX", "تركيا"], isolated=True) == joined
