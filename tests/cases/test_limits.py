"""The limits of a case's values hold everywhere a value is typed: one constant each, in ``cases.policy``.

An account named in a request could once be 300 characters long and then not be banned or preserved under the same
name (255 there); a site that raised the longest explanation got a web form that took it and an API that refused it.
"""

from __future__ import annotations

import pytest

from rightsdesk.cases.policy import ACCOUNT_NAME_MAX
from rightsdesk.core.errors import DomainError


def _intake(name):
    from rightsdesk.intake.validation import clean_field

    errors = []
    clean_field("accounts", [name], errors)
    if errors:
        raise DomainError(errors[0].message)


def _account_action(name):
    from rightsdesk.accountactions.services import _accounts

    _accounts(name)


def _preservation(name):
    from rightsdesk.preservation.validation import accounts

    accounts(name)


@pytest.mark.parametrize("where", [_intake, _account_action, _preservation],
                         ids=["a request", "an account action", "a preservation"])
@pytest.mark.parametrize("length, accepted", [(ACCOUNT_NAME_MAX, True), (ACCOUNT_NAME_MAX + 1, False)])
def test_an_account_name_has_the_same_longest_length_wherever_it_is_typed(where, length, accepted):
    name = "U" * length
    if accepted:
        where(name)
    else:
        with pytest.raises(DomainError):
            where(name)


def test_the_published_schema_of_the_api_has_the_installations_limits_not_the_defaults(settings):
    from rightsdesk.intake import schemas

    settings.RIGHTSDESK_INTAKE = {"MAX_TEXT_CHARS": 50_000, "MAX_URLS": 5_000}
    assert schemas._field("description")[1].json_schema_extra["maxLength"] == 50_000
    assert schemas._field("urls")[1].json_schema_extra["maxItems"] == 5_000
    assert schemas._field("accounts")[1].json_schema_extra["items"]["maxLength"] == ACCOUNT_NAME_MAX


@pytest.mark.django_db
@pytest.mark.parametrize("language, starts", [("en", "Account: "), ("ar", None)])
@pytest.mark.parametrize("field, value", [("account_name", "U" * (ACCOUNT_NAME_MAX + 1)), ("page_title", "P" * 501)])
def test_a_value_the_model_refuses_is_named_by_its_field_s_name_in_the_reader_s_language(make_case, language, starts,
                                                                                       field, value):
    """Staff read "Account: Ensure this value has at most 255 characters", not "account_name: Ensure …"."""
    from django.utils import translation
    from django.utils.text import capfirst

    from rightsdesk.cases import services
    from rightsdesk.cases.models import TargetItem

    case = make_case()
    items_before = TargetItem.objects.filter(case=case).count()
    with translation.override(language):
        with pytest.raises(DomainError) as refused:
            services.add_item(case, {field: value}, None)
        label = str(capfirst(TargetItem._meta.get_field(field).verbose_name))
    assert refused.value.field == field
    assert refused.value.message.startswith(f"{label}: ") and not refused.value.message.startswith(field)
    if starts and field == "account_name":
        assert refused.value.message.startswith(starts)
    assert TargetItem.objects.filter(case=case).count() == items_before  # nothing stored
