"""Notices go out in the recipient's language: the form's, the e-mail's, or staff's choice; with the English text
beside it when no native speaker has reviewed that language (core.languages: every new language for now)."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.urls import reverse

from rightsdesk.cases import choices as c
from rightsdesk.core import languages
from rightsdesk.notices import rendering, services
from rightsdesk.notices.models import Notice
from tests.flows import decide_as_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quiet_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")


def decided(make_case, make_staff, *, language, parties=None):
    case = make_case(c.Kind.CONTENT_TAKEDOWN, language=language, parties=parties or [
        {"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org"},
        {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "u1@example.net"}],
        items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org",
                "page_title": "Beispiel", "account_name": "Uploader1"}], content_ground=c.ContentGround.DEFAMATION)
    return decide_as_staff(case, make_staff("reviewer"), make_staff("legal approver"))


def test_a_notice_in_a_language_not_yet_reviewed_is_in_that_language_with_the_english_text_beside_it(
        make_case, make_staff):
    assert languages.BY_CODE["ru"].shipped and not languages.is_reviewed("ru")
    case = decided(make_case, make_staff, language="ru")
    notice = case.notices.get(purpose=Notice.Purpose.DECISION)

    assert notice.language == "ru"
    assert notice.subject.startswith("Наше решение по вашему запросу")
    russian, english = notice.body.split(rendering.ENGLISH_HEADING)
    assert "Команда" in russian and languages.unreviewed_note("ru") in russian
    assert f"Our decision on your request {case.reference}" in english and "The legal and safety team" in english
    # The appeal link and dates are filled in both texts when the notice is sent.
    statement = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert statement.body.count(rendering.APPEAL_LINK_MARKER) == 2
    body = rendering.final_body(statement.body, statement.language, link="https://x.invalid/appeal")
    assert rendering.APPEAL_LINK_MARKER not in body and body.count("https://x.invalid/appeal") == 2


def test_a_notice_in_a_reviewed_language_has_no_english_beside_it(make_case, make_staff):
    case = decided(make_case, make_staff, language="fr")
    notice = case.notices.get(purpose=Notice.Purpose.DECISION)
    assert notice.language == "fr" and rendering.ENGLISH_HEADING not in notice.body
    assert notice.subject.startswith("Notre décision")


def test_the_recipients_own_language_comes_before_the_cases(make_case, make_staff):
    case = decided(make_case, make_staff, language="fr", parties=[
        {"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org"},
        {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "u1@example.net", "language": "ru"}])
    assert case.notices.get(purpose=Notice.Purpose.DECISION).language == "fr"
    assert case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS).language == "ru"


def test_a_language_not_shipped_falls_back_to_english_and_a_variant_finds_its_language(settings):
    assert rendering.notice_language("xx", "") == "en"
    assert rendering.notice_language("zh_Hant") == "zh-hans" and rendering.notice_language("ru-RU") == "ru"
    settings.LANGUAGES = [*settings.LANGUAGES, ("pt-br", "Brazilian Portuguese")]
    assert rendering.notice_language("pt_PT") == "pt-br"


def test_staff_choose_another_language_and_the_notice_is_drafted_again_in_it(client, make_case, make_staff,
                                                                            verified_login):
    case = decided(make_case, make_staff, language="en")
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert notice.language == "en"
    editor = make_staff("legal approver")
    verified_login(client, editor)

    page = client.get(reverse("notices:notice", args=[notice.pk])).content.decode()
    assert 'name="language"' in page and "Русский" in page
    response = client.post(reverse("notices:language", args=[notice.pk]), {"language": "ru"})
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.language == "ru" and notice.subject.startswith("Почему мы приняли меры")
    assert rendering.ENGLISH_HEADING in notice.body

    refused = client.post(reverse("notices:language", args=[notice.pk]), {"language": "tlh"})
    assert refused.status_code == 400 and "Choose one of" in refused.content.decode()
    notice.refresh_from_db()
    assert notice.language == "ru"
    with pytest.raises(Exception):
        services.change_language(notice, editor, "")


def test_a_case_opened_from_an_e_mail_takes_the_e_mails_language(client, make_staff, verified_login):
    from rightsdesk.cases.models import Case
    from rightsdesk.mail import services as mail
    from rightsdesk.mail.views import seen_mark
    from tests.mail.corpus import make_inboxes

    make_inboxes()
    raw = EmailMessage()
    raw["From"], raw["To"] = "Иван Петров <ivan@example.ru>", "legal@example.org"
    raw["Subject"], raw["Message-ID"] = "Просьба удалить статью", "<ru-1@example.ru>"
    raw["Date"] = "Mon, 02 Mar 2026 10:00:00 +0000"
    raw.set_content("Здравствуйте! Пожалуйста, удалите страницу https://ru.wikipedia.org/wiki/Пример, "
                    "она содержит клевету обо мне.")
    message = mail.receive_message("legal", raw.as_bytes()).message
    verified_login(client, make_staff("reviewer"))  # staff working in English

    client.post(reverse("mail:open_quick", args=[message.pk]), {
        "seen": seen_mark(message), "kind": "content_takedown", "requester_type": "individual",
        "content_ground": "defamation"})
    case = Case.objects.get()
    assert case.language == "ru"
    assert languages.guess("Bitte löschen Sie den Artikel, das ist nicht richtig") == "de"
    assert languages.guess_shipped("Bitte löschen Sie den Artikel, das ist nicht richtig") == (
        "de" if languages.BY_CODE["de"].shipped else "")


#: Short e-mails as the legal addresses receive them, and their language. The first is the demo's French request:
#: no word of the lists was in it, so a case opened from it took the language of the staff member who opened it
#: (Arabic, on the Arabic inbox), and its notices would have gone to the French requester in Arabic.
SHORT_EMAILS = [
    ("Demande d'effacement - droit à l'oubli\nBonjour,\n\nJe demande l'effacement de mon adresse personnelle "
     "publiée sur https://fr.wikipedia.org/wiki/Exemple (article 17 du RGPD).\n\nClaire Martin", "fr"),
    ("Merci de retirer ma photo de votre site.", "fr"),
    ("Olá, peço a remoção do meu endereço publicado em https://pt.wikipedia.org/wiki/X. Obrigado", "pt-br"),
    ("Hola, solicito la eliminación de mi dirección publicada en https://es.wikipedia.org/wiki/X. Gracias", "es"),
    ("Sehr geehrte Damen und Herren, ich bitte um Löschung meiner Adresse.", "de"),
    ("Please remove the photo of me from the article.", "en"),
]


@pytest.mark.parametrize("text, language", SHORT_EMAILS, ids=[language for _, language in SHORT_EMAILS])
def test_a_short_e_mail_is_recognised_in_its_language(text, language):
    assert languages.guess(text) == language


def test_in_a_right_to_left_notice_references_citations_and_links_keep_their_own_order(make_case, make_staff):
    """Plain-text e-mail has no <bdi>: the Unicode isolates do its work (LRI…PDI for codes and links, a link with a
    space inside its isolate; FSI…PDI for a citation or a title in any script)."""
    case = make_case(c.Kind.COPYRIGHT_NOTICE, language="ar", law_invoked="17 U.S.C. 512(c)(3)", parties=[
        {"role": c.PartyRole.REQUESTER, "name": "Acme", "email": "legal@acme.example"},
        {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "u1@example.net", "language": "ar"}],
        items=[{"url": "https://commons.wikimedia.org/wiki/File:X.jpg", "project": "commons.wikimedia.org",
                "page_title": "File:X.jpg", "account_name": "Uploader1"}])
    case = decide_as_staff(case, make_staff("reviewer"), make_staff("legal approver"))
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert notice.language == "ar"
    assert f"\u2066{case.reference}\u2069" in notice.body
    assert "\u2068" + "17 U.S.C. 512(c)(3)" + "\u2069" in notice.body
    # A link with a space inside its isolate, so a mail program links it without the marks (core.bidi.url_text).
    assert "\u2066 https://commons.wikimedia.org/wiki/File:X.jpg \u2069" in notice.body
    sent = rendering.final_body(notice.body, "ar", link="https://x.invalid/appeal/abc")
    assert "\u2066 https://x.invalid/appeal/abc \u2069" in sent
    english = rendering.render(case, notice.purpose, "en", list(notice.items.all()), appealable=True)[1]
    assert "\u2066" not in english and "\u2068" not in english
