"""Who a message is filed for when staff file it ("File into case" on the inbox's message page).

Only the requester's words go where the requester reads them (their private tracking page, their data-subject
export). Staff say who the message is from: the requester (by default only when the sender's address is the
requester's on that case: ``mail.services._sender_is_requester``, the same rule as automatic threading; another
address only when staff confirm it), the affected user, or someone else. The last two become a staff note on the
case, which the requester never sees; the choice and whose address the sender's is are written in the case history.
"""

from __future__ import annotations

import json
import re
from email.message import EmailMessage

import pytest
from django.urls import reverse
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import CaseHistory
from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.core import mailrefs
from rightsdesk.intake.models import MessageFromRequester
from rightsdesk.mail import services
from rightsdesk.mail.models import InboundMessage
from rightsdesk.mail.views import seen_mark
from rightsdesk.privacy.subject_export import export_subject
from rightsdesk.review import history_reasons
from rightsdesk.review.models import Note

from .conftest import REQUESTER, UPLOADER

pytestmark = pytest.mark.django_db

UPLOADERS_WORDS = "I am the uploader. My real name is Jean Dupont, 12 rue des Lilas, Lyon."



def received(sender: str, text: str = UPLOADERS_WORDS, number: int = 1):
    """A message with no reference to any case: it waits in the inbox for a person to file it."""
    raw = (f"From: Someone <{sender}>\r\nTo: legal@rightsdesk.invalid\r\nSubject: About the photo\r\n"
           f"Date: Wed, 02 Dec 2026 09:00:00 +0000\r\nMessage-ID: <file-{number}@mail.example>\r\n"
           f"Content-Type: text/plain; charset=utf-8\r\nMIME-Version: 1.0\r\n\r\n{text}\r\n").encode()
    return services.receive_message("legal", raw).message


def tracking_page(client, case) -> str:
    return client.get(f"/en/track/{issue_tracking_token(case)}/").content.decode()


def test_the_uploaders_message_filed_by_staff_stays_off_the_requesters_tracking_page_and_export(
        client, signed_in, case):
    """The leak this file is about: "File into case" used to file any message as the requester's information."""
    message = received(UPLOADER)
    signed_in("reviewer")

    response = client.post(reverse("mail:file", args=[message.pk]),
                           {"seen": seen_mark(message), "reference": case.reference})

    assert response.status_code == 302
    assert "Jean Dupont" not in tracking_page(client, case)
    assert "Jean Dupont" not in json.dumps(export_subject(email=REQUESTER), default=str)
    assert not MessageFromRequester.objects.filter(case=case).exists()


STRANGER = "someone@elsewhere.example"

# sender, who staff say it is from ("" = no choice), confirmed -> filed as, whose address the history records
FILINGS = [
    # No choice: the sender's address decides (the rule of automatic threading), in any letter case.
    ("jane.roe@example.org", "", False, "requester", "requester"),
    ("JANE.ROE@EXAMPLE.ORG", "", False, "requester", "requester"),
    (UPLOADER, "", False, "affected_user", "affected_user"),
    (STRANGER, "", False, "other", "other"),
    # Staff choose a staff note for anyone, the requester included (words staff keep to themselves).
    (UPLOADER, "other", False, "other", "affected_user"),
    (STRANGER, "affected_user", False, "affected_user", "other"),
    ("jane.roe@example.org", "other", False, "other", "requester"),
    # The requester writing from another address: filed as theirs only when staff confirm it.
    (STRANGER, "requester", True, "requester", "other"),
    (UPLOADER, "requester", True, "requester", "affected_user"),
    # A confirmation is not needed, and changes nothing, for the requester's own address.
    ("jane.roe@example.org", "requester", True, "requester", "requester"),
]


@pytest.mark.parametrize("sender, chosen, confirmed, filed_as, address_of", FILINGS)
def test_only_what_is_filed_as_the_requesters_reaches_the_requester(client, signed_in, case, sender, chosen,
                                                                    confirmed, filed_as, address_of):
    message = received(sender, text="Words of the message: Jean Dupont.")
    staff = signed_in("reviewer")
    data = {"seen": seen_mark(message), "reference": case.reference, "filed_as": chosen}
    if confirmed:
        data["confirmed"] = "yes"

    response = client.post(reverse("mail:file", args=[message.pk]), data, follow=True)

    case.refresh_from_db()
    message.refresh_from_db()
    assert (message.status, message.case) == (InboundMessage.Status.FILED, case)
    entry = CaseHistory.objects.filter(case=case, changes__inbound_message=message.pk).get()
    assert entry.actor == staff and entry.event == CaseHistory.Event.NOTE
    assert (entry.changes["filed_as"], entry.changes["sender"]) == (filed_as, address_of)
    assert entry.changes.get("confirmed", False) == (filed_as == "requester" and address_of != "requester")
    assert sender.lower() not in entry.reason.lower()  # the address stays on the message: the history is never purged
    seen_by_requester = "Jean Dupont" in tracking_page(client, case)
    exported = "Jean Dupont" in json.dumps(export_subject(email=REQUESTER), default=str)
    notes = list(Note.objects.filter(case=case).values_list("body", flat=True))
    if filed_as == "requester":
        assert seen_by_requester and exported and notes == []
        assert case.state == c.State.UNDER_REVIEW  # the requester's answer resumes the case
        assert "as the requester&#x27;s information" in response.content.decode()
    else:
        assert not seen_by_requester
        # The requester's export holds the e-mails from their own address (mail.privacy_hooks): theirs to have.
        assert exported == (address_of == "requester")
        assert not MessageFromRequester.objects.filter(case=case).exists()
        assert [n.strip() for n in notes] == ["Words of the message: Jean Dupont."]
        assert case.state == c.State.AWAITING_INFORMATION  # only the requester's answer resumes it
        assert "as a staff note; the requester does not see it" in response.content.decode()


def test_filed_as_the_requesters_from_another_address_needs_a_confirmation_and_the_form_comes_back(
        client, signed_in, case):
    message = received(UPLOADER)
    signed_in("reviewer")

    refused = client.post(reverse("mail:file", args=[message.pk]),
                          {"seen": seen_mark(message), "reference": case.reference, "filed_as": "requester"})

    page = refused.content.decode()
    assert refused.status_code == 400
    assert f"The sender&#x27;s address is not the requester&#x27;s on case {case.reference}" in page
    assert 'name="filed_as" value="requester" checked' in page  # what was chosen comes back
    assert f'value="{case.reference}"' in page
    message.refresh_from_db()
    assert message.status == InboundMessage.Status.NEW and message.case is None
    assert not MessageFromRequester.objects.filter(case=case).exists() and not Note.objects.filter(case=case).exists()


@pytest.mark.parametrize("data, error", [
    ({"reference": "RD-2026-NOPE222", "filed_as": "affected_user", "confirmed": "yes"},
     "No case has the reference RD-2026-NOPE222"),
    ({"reference": "", "filed_as": "other"}, "Type the reference of the case"),
    ({"reference": "{case}", "filed_as": "the neighbour"}, "Choose who the message is from."),
])
def test_any_refused_filing_comes_back_with_what_was_chosen(client, signed_in, case, data, error):
    message = received(STRANGER)
    signed_in("reviewer")
    data = {**data, "reference": data["reference"].format(case=case.reference)}

    refused = client.post(reverse("mail:file", args=[message.pk]), {"seen": seen_mark(message), **data})

    page = refused.content.decode()
    assert refused.status_code == 400 and error in page
    assert f'value="{data["reference"]}"' in page
    if data["filed_as"] in ("affected_user", "other"):
        assert f'name="filed_as" value="{data["filed_as"]}" checked' in page
    assert ('id="file-confirmed" checked' in page) == ("confirmed" in data)


def test_the_attachments_of_a_staff_note_stay_on_the_message_not_among_the_requesters_documents(
        client, signed_in, case):
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = UPLOADER, "legal@rightsdesk.invalid", "My ID"
    mail["Message-ID"] = "<with-file@mail.example>"
    mail.set_content(UPLOADERS_WORDS)
    mail.add_attachment(b"%PDF-1.4 passport scan", maintype="application", subtype="pdf",
                        filename="Jean_Dupont_passport.pdf")
    message = services.receive_message("legal", mail.as_bytes()).message
    signed_in("reviewer")

    client.post(reverse("mail:file", args=[message.pk]), {"seen": seen_mark(message), "reference": case.reference})

    assert not case.attachments.exists()
    assert "Jean_Dupont_passport" not in tracking_page(client, case)
    assert "Jean_Dupont_passport" not in json.dumps(export_subject(email=REQUESTER), default=str)
    assert [a.filename for a in message.attachments.all()] == ["Jean_Dupont_passport.pdf"]  # staff still have it


def test_a_reply_that_answers_a_case_starts_from_whose_address_it_came_from(client, signed_in, case):
    """The uploader answering their notice: the message page offers the case it answers, filed as from the affected
    user; a message that names no case starts with no choice (the address decides once a case is typed)."""
    threaded = services.receive_message("legal", (
        f"From: <{UPLOADER}>\r\nTo: legal@rightsdesk.invalid\r\nSubject: Re: notice\r\n"
        f"Message-ID: <threaded@mail.example>\r\nIn-Reply-To: {mailrefs.message_id_for(case.reference, 'notice')}\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{UPLOADERS_WORDS}\r\n").encode()).message
    unthreaded = received(STRANGER, number=2)
    signed_in("reviewer")

    page = client.get(reverse("mail:message", args=[threaded.pk])).content.decode()
    assert 'name="filed_as" value="affected_user" checked' in page and f'value="{case.reference}"' in page
    assert not re.search(r'name="filed_as" value="\w+" checked',
                         client.get(reverse("mail:message", args=[unthreaded.pk])).content.decode())


def test_the_history_says_the_choice_in_the_readers_language(client, signed_in, case):
    message = received(UPLOADER)
    staff = signed_in("reviewer")
    client.post(reverse("mail:file", args=[message.pk]), {"seen": seen_mark(message), "reference": case.reference})
    reason = CaseHistory.objects.get(case=case, changes__inbound_message=message.pk).reason

    assert reason == (f"E-mail {message.pk}, filed by {staff.get_username()} as from the affected user: a staff note, "
                      f"which the requester does not see. It came from the affected user's address.")
    with translation.override("fr"):
        assert history_reasons.in_readers_language(reason).startswith(f"E-mail {message.pk}, classé par")
    case_page = client.get(reverse("review:case", args=[case.reference])).content.decode()
    assert "as from the affected user" in case_page and "Jean Dupont" in case_page  # staff read the note


@pytest.mark.parametrize("data, says", [
    pytest.param({"reference": ""}, "مثل \u2066XY-2026-ABC2345\u2069", id="no reference: an example to copy"),
    pytest.param({"reference": "RD-2026-NOPE222"}, "\u2066RD-2026-NOPE222\u2069", id="no such case: the one typed"),
])
def test_a_filing_refused_for_its_reference_names_it_left_to_right_in_arabic_and_by_the_configured_prefix(
        client, signed_in, case, settings, data, says):
    """The reference in the refusal keeps its order among the Arabic words (LRI … PDI), and the example is the one
    cases.policy gives for this installation's prefix (written into the message, it said RD- wherever the
    installation's references begin otherwise, and a translator could change it)."""
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "REFERENCE_PREFIX": "XY"}
    message = received(STRANGER)
    signed_in("reviewer")
    refused = client.post(reverse("mail:file", args=[message.pk]).replace("/en/", "/ar/"),
                          {"seen": seen_mark(message), "filed_as": "other", **data})
    page = refused.content.decode()
    assert refused.status_code == 400 and says in page
    assert 'placeholder="XY-2026-ABC2345"' in page
