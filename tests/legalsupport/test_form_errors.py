"""A refused legal-support staff form says which field to fix and what to do, in the page's language, at the field.

The refusal said "Check the form “decision”: a field is missing or wrong.", naming the form by its internal name
(left in English on the Arabic page) and not the field. Each problem is now listed in the summary, labelled with its
field, and shown at the field the way the project's other forms do: ul.errorlist#id_<field>-error beside it, the
field aria-invalid and described by it. What was typed stays in the form.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from rightsdesk.legalsupport import services

pytestmark = pytest.mark.django_db

#: (the form, what was sent, the field to fix, what the page says there in English and in Arabic, what stays typed)
REFUSED = [
    ("decide", {"reasons": "The suit targets sourced edits."}, "decision",
     "Choose whether to grant or decline support.", "اختر منح الدعم أو رفضه.", "The suit targets sourced edits."),
    ("decide", {"decision": "support", "reasons": ""}, "reasons",
     "Give the reasons for the decision.", "اذكر أسباب القرار.", None),
    ("close", {"outcome": "", "note": "The ministry dropped the case."}, "outcome",
     "Choose the outcome.", "اختر النتيجة.", "The ministry dropped the case."),
]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(("step", "sent", "field", "says_en", "says_ar", "kept"), REFUSED,
                         ids=["no decision", "no reasons", "no outcome"])
def test_a_refused_form_names_the_field_and_what_to_fix_at_the_field(
        filed, legal_staff, verified_login, lang, step, sent, field, says_en, says_ar, kept):
    r, _ = filed
    services.record_eligibility(r, legal_staff, good_faith=True, threat_related=True, country_risk="high")
    client = Client()
    verified_login(client, legal_staff)
    with translation.override(lang):
        url = reverse(f"legalsupport:{step}", args=[r.reference])
    response = client.post(url, sent)
    page = response.content.decode()
    says = says_ar if lang == "ar" else says_en
    assert response.status_code == 400
    assert "Check the form" not in page and "“decision”" not in page and "“close”" not in page
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert f'href="#id_{field}' in summary and says in summary          # the summary says it and leads there
    at_field = page.split(f'id="id_{field}-error"')[1].split("</ul>")[0]
    assert says in at_field                                            # at the field
    widget = re.search(rf'<(?:input|select|textarea)[^>]*name="{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in widget and f"id_{field}-error" in widget
    if kept:
        assert kept in page


def _said_at(page: str, field: str) -> str:
    return re.sub(r"<[^>]+>", "", page.split(f'id="id_{field}-error"')[1].split("</ul>")[0]).strip()


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("address", ["erika@", "erika.example.org", "erika@example..org", "erika @example.org",
                                     "erika." * 60 + "x@example.org"])  # 373 characters: the limit in its words
def test_a_wrong_e_mail_address_on_the_request_form_is_told_what_to_fix_in_the_words_of_intakes_forms(
        client, lang, address):
    page = client.post(f"/{lang}/legal-support/", {"requester_email": address, "threat_kind": "lawsuit",
                                                   "description": "A lawsuit over my edits."}).content.decode()
    intake = client.post(f"/{lang}/request/content-takedown/", {"email": address}).content.decode()
    said = _said_at(page, "requester_email")
    assert said == _said_at(intake, "email")
    if len(address) > 320:  # as intake says it: the limit and the length, not Django's "Ensure this value has …"
        assert "320" in said and "373" in said or "٣٢٠" in said and "٣٧٣" in said, said
    else:
        assert "example.org" in said  # an address to copy the shape of
    widget = re.search(r'<input[^>]*name="requester_email"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in widget and f'value="{address}"' in widget  # kept as typed, to correct
