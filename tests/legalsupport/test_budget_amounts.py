"""A budget amount is read as typed or refused at its field, never rounded or read as something else.

"1e9" was taken as 1,000,000,000 (Decimal reads exponents) and 1000.555 was stored as 1000.56 without a word; "1,5"
was read as 15 and "5000,00" (the page's own figure in a language with a decimal comma) as 500000. Each is now refused beside the field with an amount to copy the shape of, the typed text kept in it,
nothing saved. Digits typed on an Arabic or Persian keyboard are read as the same figures (core.dates.western_digits,
the rule dates and references are read by).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rightsdesk.legalsupport.models import LegalSupportRequest

from .test_workflow import supported

pytestmark = pytest.mark.django_db

#: (typed as committed, what the field says in English, the example amount it gives in every language)
REFUSED = [
    ("1e9", "Write an amount in figures, e.g. 2500 or 2500.50.", "2500.50"),
    ("2.5E3", "Write an amount in figures, e.g. 2500 or 2500.50.", "2500.50"),
    ("1,5", "Write an amount in figures, e.g. 2500 or 2500.50.", "2500.50"),
    # Copied from the page's "Committed: 5000,00" in Arabic, German, French…: was stored as 500000.00.
    ("5000,00", "Write an amount in figures, e.g. 2500 or 2500.50.", "2500.50"),
    ("1000.555", "Write at most 2 figures after the decimal point, e.g. 2500.50.", "2500.50"),
    ("0.001", "Write at most 2 figures after the decimal point, e.g. 2500.50.", "2500.50"),
]

#: (typed, the amount stored)
READ = [
    ("2500", Decimal("2500.00")),
    ("2,500.50", Decimal("2500.50")),
    ("1000.5", Decimal("1000.50")),
    ("٢٥٠٠٫٥٠".replace("٫", "."), Decimal("2500.50")),  # Arabic-Indic digits, the point typed as the field shows it
    ("۱۲۰۰", Decimal("1200.00")),                      # Persian digits
]


def _said_at(page: str, field: str) -> str:
    return re.sub(r"<[^>]+>", "", page.split(f'id="id_{field}-error"')[1].split(">", 1)[1].split("</ul>")[0]).strip()


def _post(r, staff, verified_login, lang, committed):
    client = Client()
    verified_login(client, staff)
    with translation.override(lang):
        url = reverse("legalsupport:budget", args=[r.reference])
    return client.post(url, {"committed": committed, "spent": "0"})


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("typed", "says_en", "example"), REFUSED, ids=[t for t, *_ in REFUSED])
def test_an_amount_in_exponents_or_with_more_decimals_than_the_currency_is_refused_at_the_field_typed_kept(
        filed, legal_staff, verified_login, lang, typed, says_en, example):
    r, _ = filed
    r = supported(r, legal_staff)
    response = _post(r, legal_staff, verified_login, lang, typed)
    page = response.content.decode()
    assert response.status_code == 400
    said = _said_at(page, "committed")
    assert example in said                                       # an amount to copy the shape of
    if lang == "en":
        assert said == says_en
    else:
        assert said != says_en                                   # in the reader's language
    widget = re.search(r'<input[^>]*name="committed"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in widget and f'value="{typed}"' in widget  # kept as typed
    assert LegalSupportRequest.objects.get(pk=r.pk).budget_committed == 0   # nothing saved


@pytest.mark.parametrize(("typed", "stored"), READ, ids=[t for t, _s in READ])
def test_an_amount_typed_in_figures_is_stored_as_typed(filed, legal_staff, verified_login, typed, stored):
    r, _ = filed
    r = supported(r, legal_staff)
    response = _post(r, legal_staff, verified_login, "en", typed)
    assert response.status_code == 302
    assert LegalSupportRequest.objects.get(pk=r.pk).budget_committed == stored
