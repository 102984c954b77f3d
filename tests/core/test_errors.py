"""A refusal says what to fix beside the field it concerns (core.errors.DomainError.field_errors): one problem for
an ordinary refusal, every problem at once for one that names several (a researcher token's details).

| the refusal                                   | ``field_errors()``                              |
| --------------------------------------------- | ----------------------------------------------- |
| names a field                                 | {that field: its message}                       |
| concerns the form as a whole                  | {None: its message}                             |
| a researcher token's details, several wrong   | {each field: its own message}, in form order    |
"""

from __future__ import annotations

import pytest
from django.utils import translation

from rightsdesk.core.errors import Conflict, DomainError, needed
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



@pytest.mark.parametrize(("language", "longest", "count", "said"), [
    ("en", 20000, 20317, "Use at most 20,000 characters (this has 20,317)."),
    ("de", 20000, 20317, "höchstens 20.000 Zeichen (dieser Text hat 20.317)"),
    ("fr", 20000, 20317, "20\u00a0000"),
    # Arabic, Persian and Hindi were written "20000": Django names their separator but not their grouping.
    ("ar", 20000, 20317, "استخدم 20.000 حرفًا على الأكثر (هذا النص فيه 20.317)."),
    ("fa", 20000, 20317, "20\u066c000"),  # the Arabic thousands separator; the page writes it ۲۰٬۰۰۰
    ("hi", 200000, 203170, "अधिकतम 2,00,000 वर्णों"),
    ("en", 200, 239, "Use at most 200 characters (this has 239)."),  # below a thousand, as before
])
def test_a_too_long_texts_limit_and_length_are_written_grouped_as_the_readers_language_groups_figures(
        language, longest, count, said):
    """A limit of tens of thousands written 20000 is misread at a glance (a walk of the appeal page found it): the
    figures are grouped by the language's own rule (Django's formats, as the public log's counts)."""
    from django.utils import translation

    from rightsdesk.core.errors import too_long

    with translation.override(language):
        assert said in too_long(longest, count)


@pytest.mark.parametrize("language, label, said", [
    ("en", "Review date", "This is needed: Review date."),
    ("en", "Who are you?", "This is needed: Who are you?"),            # the label ends its own sentence
    ("ar", "من أنت؟", "هذا مطلوب: من أنت؟"),
    ("hi", "आप कौन हैं?", "यह आवश्यक है: आप कौन हैं?"),                   # no "?।": Hindi's full stop is the danda
    ("ur", "آپ کون ہیں؟", "یہ ضروری ہے: آپ کون ہیں؟"),                  # nor "؟۔": Urdu's is the full stop ۔
    ("zh-hans", "您是谁？", "此项为必填：您是谁？"),
])
def test_a_field_left_empty_is_named_and_a_question_takes_no_full_stop_after_it(language, label, said):
    """One wording for every form (core.errors.needed): the public request forms, staff's new-case form and the
    due-diligence forms."""
    with translation.override(language):
        assert needed(label) == said
