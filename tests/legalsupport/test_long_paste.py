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
    assert f"Use at most {limit:,} characters (this has {len(pasted):,})." in at_field
    assert pasted in page  # nothing typed is lost


@pytest.mark.parametrize("name", ["requester_name", "contributor_account", "project", "adversary"])
def test_the_service_refuses_a_too_long_text_naming_the_field_and_its_limit_on_every_path(name):
    """Not only the public form files requests (the staff inbox turns an e-mail into one): the service itself refuses
    a text longer than its field takes with a DomainError naming the field and the limit (legalsupport's one rule,
    models.longest), where the model's full_clean raised a ValidationError (a server error on those paths)."""
    from rightsdesk.core.errors import DomainError
    from rightsdesk.legalsupport import services

    limit = LegalSupportRequest._meta.get_field(name).max_length  # the column's length
    with pytest.raises(DomainError) as refused:
        services.submit({"threat_kind": "lawsuit", "description": "Sued over my edits.", name: "x" * (limit + 1)},
                        language="en", source="email", actor="system")
    assert (refused.value.field, refused.value.code) == (name, "too_long")
    assert f"at most {limit:,} characters (this has {limit + 1:,})" in refused.value.message
    assert not LegalSupportRequest.objects.exists()


@pytest.mark.parametrize(("sender", "said"), [
    ("Zeb " * 60 + "<zeb@example.org>", "Name: Use at most 200 characters (this has 239)."),  # the name takes 200
    ("Zeb <zeb@mailhost>", "E-mail address: Enter a valid email address."),  # an address the model refuses
])
def test_an_email_the_request_cannot_hold_is_refused_at_the_mail_desk_in_words_not_a_server_error(
        settings, tmp_path, make_staff, verified_login, client, sender, said):
    """The staff inbox's "this is a legal-support request" files the e-mail through the service, past no form: a
    value the request cannot hold (a sender's name longer than its column, an address the model's check refuses) is
    refused by the service in words, led by the field's name (core.errors.field_said), where the model's own
    ValidationError was a server error; the e-mail stays in the inbox."""
    from rightsdesk.mail import services as mail_services
    from rightsdesk.mail.models import InboundMessage
    from tests.mail.corpus import make_inboxes

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    received = mail_services.receive_message("legal", (
        f"From: {sender.strip()}\r\nSubject: I am being sued\r\nMessage-ID: <ls-long@example.org>\r\n\r\n"
        "A company sued me over my edits to an article. Can you help?\r\n").encode())
    verified_login(client, make_staff("intake", "legal support"))
    response = client.post(reverse("legalsupport:from_mail", args=[received.message.pk]), follow=True)
    assert response.status_code == 200 and not LegalSupportRequest.objects.exists()
    assert said in response.content.decode()
    assert InboundMessage.objects.get(pk=received.message.pk).status != "ignored"  # the e-mail stays in the inbox
