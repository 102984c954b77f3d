"""A refusal says what to fix beside the field it concerns (core.errors.DomainError.field_errors): one problem for
an ordinary refusal, every problem at once for one that names several (a researcher token's details).

| the refusal                                   | ``field_errors()``                              |
| --------------------------------------------- | ----------------------------------------------- |
| names a field                                 | {that field: its message}                       |
| concerns the form as a whole                  | {None: its message}                             |
| a researcher token's details, several wrong   | {each field: its own message}, in form order    |
"""

from __future__ import annotations

from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.opendata.tokens import TokenRefused


def test_a_refusal_naming_a_field_is_shown_beside_that_field():
    assert DomainError("Give the organisation's name.", field="organisation").field_errors() == {
        "organisation": "Give the organisation's name."}


def test_a_refusal_of_the_whole_form_is_shown_above_it():
    assert Conflict("Someone else changed the case.").field_errors() == {None: "Someone else changed the case."}


def test_a_refusal_naming_several_problems_shows_each_beside_its_field_in_the_forms_order():
    refused = TokenRefused([("organisation", "required", "Give the researcher's organisation."),
                            ("days", "out_of_range", "A researcher token expires after 1 to 366 days.")])
    assert list(refused.field_errors().items()) == [
        ("organisation", "Give the researcher's organisation."),
        ("days", "A researcher token expires after 1 to 366 days.")]
