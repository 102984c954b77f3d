"""Changing the language of a half-filled legal-support form keeps what was typed, without JavaScript: the same rule
as the request forms' (core/carry_language.py, tests/intake/test_carry_language.py)."""

from __future__ import annotations

import pytest

from rightsdesk.legalsupport.models import LegalSupportRequest
from tests.carried_form import switched_to_arabic

pytestmark = pytest.mark.django_db


def test_switching_the_language_of_the_legal_support_form_keeps_every_field_and_files_nothing(client):
    switched_to_arabic(client, "/legal-support/")
    assert LegalSupportRequest.objects.count() == 0
