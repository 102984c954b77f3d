"""Changing the language of a half-written appeal keeps what was typed, without JavaScript: the same rule as the
request forms' (core/carry_language.py, tests/intake/test_carry_language.py), on the page of a new appeal and on the
page that adds to an appeal."""

from __future__ import annotations

import pytest

from rightsdesk.appeals.models import AppealMessage
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from tests.carried_form import switched_to_arabic

from .test_appeal_form import WHY, _token
from .test_attachments import appeal_path  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_switching_the_language_of_a_half_written_appeal_keeps_it_and_files_nothing(appeal_path, client):
    typed, _answer = switched_to_arabic(client, appeal_path)
    assert Case.objects.filter(kind=c.Kind.APPEAL).count() == 0
    # The same form, sent now, files the appeal once: its token was not used up by the change of language.
    sent = {**typed, "text": WHY}
    assert client.post("/ar" + appeal_path, sent).status_code == client.post("/ar" + appeal_path, sent).status_code == 302
    assert Case.objects.filter(kind=c.Kind.APPEAL).count() == 1


def test_switching_the_language_while_adding_to_an_appeal_keeps_the_words_and_adds_nothing(appeal_path, client):
    client.post("/en" + appeal_path, {"text": WHY, "form_token": _token(client, "/en" + appeal_path)})
    switched_to_arabic(client, appeal_path)
    assert AppealMessage.objects.count() == 0
