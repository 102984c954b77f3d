"""The reasons the system writes into a case's history are stored in English and read in the reader's language
(review.history_reasons, read by review.timeline._reason); a reason a person typed is shown as typed."""

from __future__ import annotations

import pytest
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import CaseHistory
from rightsdesk.review import history_reasons as reasons
from rightsdesk.review.timeline import _reason

pytestmark = pytest.mark.django_db

REF = "RD-2026-7KQ2M4P"


def read(text: str, language: str, event: str = CaseHistory.Event.EDIT) -> str:
    with translation.override(language):
        return _reason(CaseHistory(event=event, reason=text))


@pytest.mark.parametrize("stored, language, shown", [
    # How a request arrived: several sentences one after the other, each read; the statements' codes in words.
    ("Received through the online form. Statements made: good_faith, accuracy_statement. Signed electronically.",
     "ar", "وردت عبر النموذج الإلكتروني. الإقرارات المقدّمة: إقرار حسن النية وإقرار الدقة تحت طائلة عقوبة الحنث "
           "باليمين. موقَّعة إلكترونيًا."),
    ("Received through the online form. Statements made: good_faith, accuracy_statement. Signed electronically.",
     "en", "Received through the online form. Statements made: the good-faith statement and the statement of "
           "accuracy under penalty of perjury. Signed electronically."),
    # A name is data: shown as stored, even with a full stop inside it.
    ("Received through the API from Acme Rights Inc. Ltd. Signed electronically.",
     "fr", "Reçue par l’API de Acme Rights Inc. Ltd. Signée électroniquement."),
    ("Received by fax; entered by staff.", "ru", "Получено по факсу; внесено сотрудниками."),
    ("The requester added information through an e-mail filed by m.ortiz.", "es",
     "El solicitante añadió información mediante un correo electrónico archivado por m.ortiz."),
    ("The requester completed: good_faith, signature.", "fr",
     "Le demandeur a complété : la déclaration de bonne foi et la signature du demandeur."),
    ("Received by e-mail in the inbox 'Legal' (message 42). Forwarded by the sender of that message; opened in the "
     "name of the original sender.", "ar",
     "وردت بالبريد الإلكتروني في صندوق الوارد «Legal» (الرسالة 42). أعاد توجيهها مرسل تلك الرسالة؛ فُتحت باسم "
     "المرسل الأصلي."),
    (f"Restored: appeal {REF} partly reversed the decision.", "ar", f"أُعيد: ألغى الطعن {REF} القرار جزئيًا."),
    (f"Closed as a duplicate of {REF}.", "fr", f"Clos comme doublon de {REF}."),
    # Marked where it is written, below the review (privacy.retention): found in the catalogues alike.
    ("Personal data removed under the retention policy.", "ar", "حُذفت البيانات الشخصية بموجب سياسة الاحتفاظ بالبيانات."),
    ("Demo data.", "fr", "Données de démonstration."),
    # A choice's label stored in English (the message to the requester that asks a question).
    ("Ask for clarification", "fr", "Demander des précisions"),
    # Typed by a person: as typed, even when it begins like a system sentence.
    ("Received through the online form. I called them to check.", "ar",
     "Received through the online form. I called them to check."),
    ("تم التحقق من الهوية.", "en", "تم التحقق من الهوية."),
    ("", "ar", ""),
])
def test_a_stored_reason_is_read_in_the_readers_language(stored, language, shown):
    assert read(stored, language) == shown


def test_every_message_reads_back_to_itself_in_english_and_to_its_translation_in_every_staff_language():
    """Each sentence, filled with sample values, is found again: a message whose pattern could not find its own
    values would be shown in English to everyone."""
    from rightsdesk.core import languages

    samples = {"ref": REF, "codes": "good_faith", "organisation": "Acme", "who": "m.ortiz", "inbox": "Legal",
               "number": "42", "date": "2026-12-06"}
    messages = reasons._messages()
    assert len(messages) > 30
    for message in messages:
        stored = message % samples
        for language in ["en"] + [lang.code for lang in languages.staff_languages()]:
            with translation.override(language):
                expected = translation.gettext(message) % {**samples, "codes": _reason_codes()}
                assert reasons.in_readers_language(stored, {"codes": lambda codes: _reason_codes()}) == expected, (
                    message, language)
                if language != "en":
                    assert translation.gettext(message) != message, f"{message!r} is not translated in {language}"


def _reason_codes() -> str:
    return "<the statements>"


def test_the_intake_writes_how_a_request_arrived_in_english_from_its_vocabulary():
    from rightsdesk.intake.services import creation_reason

    with translation.override("ar"):
        assert creation_reason(c.Source.WEB_FORM, {"good_faith": True, "signature": "A. B."}) == (
            "Received through the online form. Statements made: good_faith. Signed electronically.")
        assert creation_reason(c.Source.POST, {}) == "Received by post; entered by staff."


def test_a_question_to_the_requester_stores_its_purpose_in_english(make_case, reviewer):
    """Writing to the requester to ask something puts the case in "awaiting information" with the purpose as the
    reason: stored in English, read in the reader's language."""
    from rightsdesk.review import services
    from rightsdesk.review.models import MessageToRequester

    case = make_case(state=c.State.UNDER_REVIEW)
    with translation.override("ar"):
        services.send_message(case, reviewer, MessageToRequester.Purpose.CLARIFY, "أي صفحة تقصد؟")
    entry = case.history.get(changes__transition="request_information")
    assert entry.reason == "Ask for clarification"
    assert read(entry.reason, "fr") == "Demander des précisions"


def test_reading_a_reason_tries_each_cut_once(monkeypatch):
    """A name is free text, so "Received through the API from a." reads as a system sentence however often it is
    repeated, and so does any run of them: a typed reason of such sentences must not make the case page try every
    way of cutting it (2 ** sentences), only each sentence boundary from each start (sentences ** 2). A reason of
    eight sentences or more is not cut at all."""
    calls = []
    one = reasons._one
    monkeypatch.setattr(reasons, "_one", lambda text, words: calls.append(text) or one(text, words))
    typed = " ".join(["Received through the API from a."] * 7) + " And then I called them"
    read(typed, "ar")
    assert len(calls) <= 8 * 8
    calls.clear()
    read(" ".join(["Signed electronically."] * 12) + " I called them.", "ar")
    assert len(calls) == 1
