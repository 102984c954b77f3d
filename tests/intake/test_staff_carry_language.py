"""Changing the language of the staff new-case form keeps the letter half typed in, without JavaScript: the rule of
the public forms (core/carry_language.py, tests/intake/test_carry_language.py), for the form staff type a letter, a
fax, a call or an e-mail into, and for the mail desk's "Change details first", which is the same form prefilled.

The page comes back in the other language with every field as typed, checked for nothing, no case opened, its
one-time token unclaimed (sending it afterwards opens one case), files asked for again at the file field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.cases.models import Case
from rightsdesk.intake.models import Attachment
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundMessage
from tests.carried_form import carried_form, switched_to_arabic, typed_into
from tests.mail.corpus import eml, make_inboxes

pytestmark = pytest.mark.django_db

NEW_CASE = "/staff/cases/new/?kind=copyright_notice"


def test_switching_the_language_of_the_staff_new_case_form_keeps_every_field_and_opens_no_case(client, signed_in):
    signed_in("intake")
    typed, _response = switched_to_arabic(client, NEW_CASE)
    assert Case.objects.count() == 0
    # The form's one-time token was not spent: sending the form now opens the case, once.
    token = {name: value for name, value in typed.items() if name in ("kind", "form_token")}
    assert token["form_token"]
    sent = {**token, "channel": "post", "received_on": "2026-01-05", "received_time": "", "language": "en",
            "description": "Our photograph is used without a licence."}
    first = client.post("/ar" + NEW_CASE, sent)
    assert first.status_code == 302, first.content.decode()[:2000]
    client.post("/ar" + NEW_CASE, sent)
    assert Case.objects.count() == 1


def test_scans_chosen_before_the_language_changed_are_asked_for_again_not_refused(client, signed_in):
    signed_in("intake")
    typed = typed_into(carried_form(client.get("/en" + NEW_CASE).content.decode()))
    scan = SimpleUploadedFile("letter.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    html = client.post("/ar" + NEW_CASE, {**typed, "attachments": [scan], "carry_language": "ar"}).content.decode()
    assert 'id="id_attachments-note"' in html and "error-summary" not in html
    assert Attachment.objects.count() == 0 and Case.objects.count() == 0


def test_switching_the_language_of_change_details_first_keeps_the_edits_and_leaves_the_message_waiting(
        client, signed_in):
    make_inboxes()
    message = services.receive_message("legal", eml("forwarded_court_order_attached.eml")).message
    signed_in("reviewer")
    switched_to_arabic(client, f"/staff/inbox/{message.pk}/open/?kind=user_data_request")
    assert Case.objects.count() == 0
    assert InboundMessage.objects.get(pk=message.pk).status == message.status  # still waiting for a person
