"""A lawyer's details longer than the counsel list keeps are refused in words at the field, never cut.

Saving a lawyer cut "languages" to 200 characters without a word, and the form put each column's length in the page
as ``maxlength``, where the browser cuts a pasted text silently. Each text field of the form (name, languages,
contact) is now refused beyond its column's length with the limit and the count (core.errors.too_long), what was
typed given back whole, nothing saved; no length is put in the page.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rightsdesk.core.errors import too_long
from rightsdesk.legalsupport.models import Counsel

pytestmark = pytest.mark.django_db

FIELDS = {"name": "Estudio Rivas", "country": "AR", "languages": "es en", "contact": "rivas@example.org",
          "active": "on"}
#: (the field, a text longer than its column keeps)
TOO_LONG = [
    ("name", "N" * 201),
    ("languages", "es " * 67 + "en"),       # 203 characters: "…es en" was cut to "…es e"
    ("languages", "es, en, fr, " * 23),     # separated by commas: 206 once written "es en fr …"
    ("contact", "c" * 1001),
]


def _said_at(page: str, field: str) -> str:
    return re.sub(r"<[^>]+>", "", page.split(f'id="id_{field}-error"')[1].split(">", 1)[1].split("</ul>")[0]).strip()


@pytest.mark.parametrize("editing", [False, True], ids=["new lawyer", "changed lawyer"])
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("field", "typed"), TOO_LONG, ids=["name", "languages", "languages with commas", "contact"])
def test_a_lawyers_text_longer_than_the_list_keeps_is_refused_at_the_field_whole_and_nothing_saved(
        legal_staff, verified_login, lang, editing, field, typed):
    lawyer = Counsel.objects.create(name="Before", country="TR", languages="tr", contact="before@example.org")
    client = Client()
    verified_login(client, legal_staff)
    with translation.override(lang):
        url = reverse("legalsupport:counsel_edit", args=[lawyer.pk]) if editing else reverse("legalsupport:counsel")
    response = client.post(url, {**FIELDS, field: typed})
    page = response.content.decode()
    assert response.status_code == 400
    kept = " ".join(typed.replace(",", " ").split()) if field == "languages" else typed
    with translation.override(lang):
        assert _said_at(page, field) == too_long(Counsel._meta.get_field(field).max_length, len(kept))
    assert typed.strip() in page                                                   # given back whole
    assert Counsel.objects.count() == 1                                            # nothing saved
    assert Counsel.objects.get().languages == "tr" and Counsel.objects.get().name == "Before"


def test_the_counsel_form_puts_no_length_in_the_page_for_the_browser_to_cut_at(legal_staff, verified_login):
    client = Client()
    verified_login(client, legal_staff)
    page = client.get(reverse("legalsupport:counsel")).content.decode()
    form = next(f for f in page.split("<form")[1:] if 'name="languages"' in f.split("</form>")[0])
    assert 'name="name"' in form and 'name="contact"' in form and "maxlength" not in form.split("</form>")[0]
