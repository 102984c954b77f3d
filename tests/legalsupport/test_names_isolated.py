"""In Arabic, the legal-support desk's messages isolate the names and references they carry (U+2066/U+2068 …
U+2069): the refusal of a referral to a lawyer who takes none began with the lawyer's name bare, and the message of
an e-mail filed as a request ran its reference into the Arabic around it, so "Bureau 12 (Istanbul)" or
"LS-2026-…" were reordered by the bidirectional algorithm."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from rightsdesk.legalsupport import services
from rightsdesk.legalsupport.models import Counsel, LegalSupportRequest

pytestmark = pytest.mark.django_db


def isolated(text: str, page: str) -> bool:
    return re.search("[\u2066\u2068]" + re.escape(text) + "\u2069", page) is not None


def test_the_refusal_of_a_lawyer_who_takes_no_referrals_isolates_the_name(filed, legal_staff, client,
                                                                            verified_login):
    r, _token = filed
    services.record_eligibility(r, legal_staff, good_faith=True, threat_related=True, country_risk="high",
                                notes="Edits sourced.")
    services.decide(r, legal_staff, support=True, reasons="Within policy.")
    retired = Counsel.objects.create(name="Bureau 12 (Istanbul)", country="TR", active=False)
    verified_login(client, legal_staff)
    response = client.post(reverse("legalsupport:refer", args=[r.reference]).replace("/en/", "/ar/"),
                           {"counsel": str(retired.pk)})
    assert response.status_code == 400
    assert isolated("Bureau 12 (Istanbul)", response.content.decode())


def test_an_email_filed_as_a_request_is_announced_with_its_reference_isolated(settings, tmp_path, make_staff,
                                                                               verified_login, client):
    from rightsdesk.mail import services as mail_services
    from tests.mail.corpus import make_inboxes

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    received = mail_services.receive_message("legal", (
        "From: Zeb <zeb@example.org>\r\nSubject: I am being sued\r\nMessage-ID: <ls-iso@example.org>\r\n\r\n"
        "A company sued me over my edits to an article. Can you help?\r\n").encode())
    verified_login(client, make_staff("intake", "legal support"))
    url = reverse("legalsupport:from_mail", args=[received.message.pk]).replace("/en/", "/ar/")
    page = client.post(url, follow=True).content.decode()
    assert isolated(LegalSupportRequest.objects.get().reference, page)
