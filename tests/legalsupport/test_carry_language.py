"""Changing the language of a half-filled legal-support form keeps what was typed, without JavaScript: the same rule
as the request forms' (core/carry_language.py, tests/intake/test_carry_language.py)."""

from __future__ import annotations

import pytest
from django.conf import settings

from rightsdesk.legalsupport.models import LegalSupportRequest
from tests.carried_form import carried_form, typed_into, without_newline

pytestmark = pytest.mark.django_db


def test_switching_the_language_of_the_legal_support_form_keeps_every_field_and_files_nothing(client):
    page = carried_form(client.get("/en/legal-support/").content.decode())
    assert page.switch_buttons["ar"] == "/ar/legal-support/"
    typed = typed_into(page)
    response = client.post("/ar/legal-support/", {**typed, "carry_language": "ar"})
    html = response.content.decode()
    assert response.status_code == 200 and 'lang="ar" dir="rtl"' in html
    shown = carried_form(html).fields
    for name, value in typed.items():
        if name != "csrfmiddlewaretoken":  # masked anew on every page
            assert without_newline(shown[name]) == [value], name
    assert "error-summary" not in html and "errorlist" not in html  # not checked: nothing was sent
    assert LegalSupportRequest.objects.count() == 0
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
