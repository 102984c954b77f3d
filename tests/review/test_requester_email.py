"""A message staff write to the requester is e-mailed with the platform's words around it in the requester's
language (the words of the notices' templates, complete in every shipped language), the staff's words as written."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import translation

from rightsdesk.review.models import MessageToRequester
from rightsdesk.review.tasks import email_requester

pytestmark = pytest.mark.django_db

TRACKING = "You can follow your request with the private tracking link you received when you sent it."
SIGNATURE = "The legal and safety team of %(platform)s"


@pytest.mark.parametrize("language, signed", [
    ("en", "The legal and safety team of Wikimedia Foundation"),
    ("ar", "فريق الشؤون القانونية والسلامة في Wikimedia Foundation"),
    ("de", None),
])
def test_the_e_mail_around_a_staff_message_is_in_the_requesters_language(make_case, settings, language, signed):
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PLATFORM_NAME": "Wikimedia Foundation"}
    case = make_case(language=language)
    case.parties.filter(role="requester").update(email="requester@example.org")
    message = MessageToRequester.objects.create(case=case, body="Which page do you mean?")
    with translation.override("fr"):  # the language the worker runs in does not matter
        assert email_requester.call(message.pk)
    [sent] = mail.outbox
    lines = sent.body.splitlines()
    assert lines[0] == "Which page do you mean?" and lines[-1] == case.reference
    with translation.override(language):
        assert translation.gettext(TRACKING) in lines
        assert translation.gettext(SIGNATURE) % {"platform": "Wikimedia Foundation"} in lines
    if signed:
        assert signed in lines
    if language != "en":
        assert "tracking link" not in sent.body and "legal and safety team" not in sent.body
