"""Changing the language of a half-written appeal keeps what was typed, without JavaScript: the same rule as the
request forms' (core/carry_language.py, tests/intake/test_carry_language.py), on the page of a new appeal and on the
page that adds to an appeal."""

from __future__ import annotations

import pytest

from rightsdesk.appeals.models import AppealMessage
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core.carry_language import FIELD
from tests.carried_form import switched_to_arabic

from .test_appeal_form import WHY, _decided_meanwhile, _token, _window_closed_meanwhile
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


def _reopened_meanwhile(path, client):
    from rightsdesk.cases import workflow

    original = Case.objects.exclude(kind=c.Kind.APPEAL).get(notices__appeal_token_digest__gt="")
    workflow.transition(original, "reopen", "test", "Corrected: decided anew.")


@pytest.mark.parametrize("meanwhile", [
    pytest.param(_decided_meanwhile, id="an appeal decided while more words were typed"),
    pytest.param(_window_closed_meanwhile, id="the time to appeal ended while the appeal was typed"),
    pytest.param(_reopened_meanwhile, id="the decision reopened while the appeal was typed"),
])
def test_words_carried_to_another_language_when_their_form_is_gone_are_given_back_to_copy(appeal_path, client,
                                                                                         meanwhile):
    """The switcher posts the words to the page in the other language; when that page no longer has the form (the
    appeal decided, the time over, the decision reopened since the page was opened), the words are given back to
    copy, as they are when the form is sent then (test_appeal_form.py): they were dropped."""
    meanwhile("/en" + appeal_path, client)
    filed = set(Case.objects.filter(kind=c.Kind.APPEAL).values_list("pk", flat=True))
    messages = AppealMessage.objects.count()
    typed = "Words I spent an hour writing, <b>kept</b>."
    response = client.post("/ar" + appeal_path, {"text": typed, FIELD: "ar"})
    page = response.content.decode()
    assert response.status_code == 200 and 'lang="ar" dir="rtl"' in page
    assert 'name="text"' not in page  # the form is gone...
    assert 'id="unsent"' in page and "Words I spent an hour writing, &lt;b&gt;kept&lt;/b&gt;.</textarea>" in page
    assert "error-summary" not in page  # nothing was sent, so nothing was refused
    assert set(Case.objects.filter(kind=c.Kind.APPEAL).values_list("pk", flat=True)) == filed
    assert AppealMessage.objects.count() == messages
