"""The public legal-support form never cuts a long paste: its fields carry no ``maxlength`` (a browser drops what is
beyond it without a word); a text longer than its field takes is refused at the field with its length
(``core.errors.too_long``) and given back whole, as intake's forms do."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightsdesk.legalsupport.models import LegalSupportRequest

pytestmark = pytest.mark.django_db

SHORT_FIELDS = ["requester_name", "requester_email", "contributor_account", "project", "adversary"]


def test_no_field_of_the_public_form_carries_a_maxlength(client):
    page = client.get(reverse("legalsupport:request")).content.decode()
    for name in SHORT_FIELDS + ["description"]:
        widget = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', page).group(0)
        assert "maxlength" not in widget, name


@pytest.mark.parametrize("name", ["requester_name", "contributor_account", "project", "adversary"])
def test_a_too_long_text_is_refused_at_its_field_with_its_length_and_given_back_whole(client, name):
    url = reverse("legalsupport:request")
    token = client.get(url).content.decode().split('name="form_token" value="', 1)[1].split('"', 1)[0]
    limit = LegalSupportRequest._meta.get_field(name).max_length  # the column's length
    pasted = "Ali " * (limit // 4) + "and the end of the paste"
    refused = client.post(url, {"form_token": token, "threat_kind": "lawsuit", "description": "Sued over my edits.",
                                name: pasted})
    page = refused.content.decode()
    assert refused.status_code == 200 and not LegalSupportRequest.objects.exists()
    at_field = page.split(f'id="id_{name}-error"')[1].split("</ul>")[0]
    assert f"Use at most {limit} characters (this has {len(pasted)})." in at_field
    assert pasted in page  # nothing typed is lost
