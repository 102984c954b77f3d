"""Every notice template is translated into each offered language (en, ar, es, fr, zh-hans)."""

from __future__ import annotations

import pytest
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.core.languages import shipped
from rightsdesk.notices import rendering
from rightsdesk.notices.models import Notice

pytestmark = pytest.mark.django_db

LANGUAGES = ["ar", "es", "fr", "zh-hans"]


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"], actions={0: (c.Action.RESTRICT_COUNTRY, ["DE"])})


def _lines(body: str) -> set[str]:
    """Lines of prose: the item facts (URLs, grounds staff wrote) are the same in every language."""
    return {line for line in body.splitlines() if len(line) > 25 and "http" not in line and "§" not in line
            and "reasoning" not in line and "falsehood" not in line}


@pytest.mark.parametrize("purpose", [p for p in Notice.Purpose.values])
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_notice_is_written_entirely_in_the_recipients_language(decided, purpose, language):
    items = list(decided.items.all())
    kwargs = {"appealable": True, "disclosure_wait": True}
    en_subject, english = rendering.render(decided, purpose, "en", items, **kwargs)
    subject, translated = rendering.render(decided, purpose, language, items, **kwargs)
    assert subject != en_subject
    untranslated = _lines(english) & _lines(translated)
    assert not untranslated, f"English left in the {language} {purpose} notice: {untranslated}"
    assert rendering.APPEAL_LINK_MARKER in translated or purpose == Notice.Purpose.APPEAL_DECISION


def test_dates_filled_in_at_sending_are_written_in_the_notices_language():
    from datetime import datetime, timezone

    body = rendering.final_body(f"until {rendering.DEADLINE_MARKER}", "fr",
                                deadline=datetime(2026, 9, 3, tzinfo=timezone.utc))
    assert body == "until 3 septembre 2026"


@pytest.mark.parametrize("language,text", [("ar", "الطعن"), ("es", "Recurrir"), ("fr", "Recours contre la décision"),
                                           ("zh-hans", "申诉")])
def test_the_public_appeal_page_is_translated(client, decided, staff, language, text, smtp, immediate_tasks):
    from rightsdesk.cases.services import token_digest
    from rightsdesk.notices.models import Notice as N

    notice = decided.notices.filter(purpose=N.Purpose.DECISION).get()
    N.objects.filter(pk=notice.pk).update(appeal_token_digest=token_digest("t" * 30), status=N.Status.SENT)
    page = client.get(f"/{language}/appeal/{'t' * 30}/").content.decode()
    assert text in page
    if language == "ar":
        assert 'dir="rtl"' in page


@pytest.mark.parametrize("language, countries", [
    ("en", "Germany and France"),
    ("ar", "ألمانيا وفرنسا"),  # Arabic's own "and" (core.lists), not the code's ", "
    ("zh-hans", "德国和法国"),
])
def test_the_countries_an_item_is_restricted_in_are_listed_in_the_recipients_language(
        takedown, decide, staff, language, countries):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.RESTRICT_COUNTRY, ["DE", "FR"])})
    _subject, body = rendering.render(case, Notice.Purpose.DECISION, language, list(case.items.all()))
    assert countries in body


@pytest.mark.parametrize("language, words", [
    ("en", "Account registration date and IP addresses of recent edits"),
    ("ar", "تاريخ تسجيل الحساب وعناوين IP للتعديلات الأخيرة"),
])
def test_a_notice_names_the_data_disclosed_in_words_not_codes(takedown, decide, staff, language, words):
    """The account holder read "Data concerned: registration_date, ip_addresses" (review.vocab has the words)."""
    case = takedown()
    item = case.items.first()
    item.action, item.disclosed_fields = c.Action.DISCLOSE, ["registration_date", "ip_addresses"]
    with translation.override(language):
        facts = rendering.item_facts(item)
    assert facts["disclosed_fields"] == words


@pytest.mark.parametrize("language", [language.code for language in shipped() if language.code != "en"])
def test_every_data_field_a_disclosure_names_is_translated_in_every_notice_language(language):
    """The notice names the data in the recipient's language; German notices read "Account registration date und IP
    addresses of recent edits" while only the staff languages had the words."""
    from rightsdesk.review.vocab import DATA_FIELDS, data_field_labels

    with translation.override("en"):
        english = data_field_labels(DATA_FIELDS)
    with translation.override(language):
        translated = data_field_labels(DATA_FIELDS)
    assert [e for e, t in zip(english, translated) if e == t] == []
