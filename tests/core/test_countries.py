"""The country field validates by set look-up and says exactly what django-countries says."""

import pytest
from django.core.exceptions import ValidationError
from django_countries.fields import CountryField as LibraryCountryField

from rightsdesk.cases.models import Case, Party


def library_error(value) -> list[str]:
    field = LibraryCountryField(blank=True)
    field.set_attributes_from_name("country")
    with pytest.raises(ValidationError) as caught:
        field.clean(value, None)
    return caught.value.messages


def test_every_code_the_library_accepts_is_accepted():
    from django_countries import countries

    field = Case._meta.get_field("country")
    for code in [code for code, _name in countries] + [""]:
        assert field.clean(code, None) == code


@pytest.mark.parametrize("value", ["XX", "de", "DEU", "Germany", " DE"])
def test_an_unknown_code_is_refused_with_the_librarys_own_message(value):
    field = Case._meta.get_field("country")
    with pytest.raises(ValidationError) as caught:
        field.clean(value, None)
    assert caught.value.messages == library_error(value)


def test_a_blank_code_is_refused_where_the_field_is_required():
    field = Case._meta.get_field("country").clone()
    field.blank = False
    with pytest.raises(ValidationError, match="cannot be blank"):
        field.clean("", None)


def test_the_codes_are_the_country_lists_own(monkeypatch):
    from django_countries import countries

    from rightsdesk.core import countries as module

    field = Party._meta.get_field("country")
    assert module.known_codes(field.countries) == {code for code, _name in countries}
    monkeypatch.setitem(module._codes, id(field.countries), frozenset({"DE", "AT"}))
    with pytest.raises(ValidationError, match="not a valid choice"):  # the library's own check has the last word
        field.clean("ZZ", None)
    assert field.clean("FR", None) == "FR", "a code outside the cached set still goes to the library's check"


def test_migrations_see_the_library_field_so_swapping_it_in_needed_none():
    _name, path, _args, _kwargs = Case._meta.get_field("country").deconstruct()
    assert path == "django_countries.fields.CountryField"
