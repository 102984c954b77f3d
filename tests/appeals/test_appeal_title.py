"""An appeal is called "Appeal of <the case appealed>" in the reader's language wherever staff meet it: composed when
shown (cases.services.appeal_title, from ``appeal_of``), never stored in English at filing (appeals 0003 took out
the words stored before)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from rightsdesk.appeals import services
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import appeal_title, display_title
from rightsdesk.core.bidi import LRI, PDI

MIGRATION = importlib.import_module("rightsdesk.appeals.migrations.0003_appeal_titles_composed_when_shown")

pytestmark = pytest.mark.django_db

#: (language, the words of "Appeal of" as its catalogue has them)
LANGUAGES = [("en", "Appeal of"), ("fr", "Recours contre"), ("ar", "طعن في")]


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"])


@pytest.fixture
def appeal(decided):
    return services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The article is accurate and well sourced.", "fr",
                                "affected_user")


def test_filing_stores_no_words_of_any_language_as_the_appeals_subject(appeal):
    appeal = Case.objects.get(pk=appeal.pk)
    assert appeal.requester_subject == ""  # the appellant typed no subject; nothing is put in their mouth
    assert "Appeal of" not in appeal.subject.replace(str(c.Kind.APPEAL.label), "")


@pytest.mark.parametrize("language,words", LANGUAGES)
def test_staff_read_the_appeals_title_in_their_language_in_the_queue_and_on_the_case_page(
        client, decided, appeal, staff, language, words):
    client.force_login(staff["approver"])  # with access to private data: the page shows all it shows anyone
    with translation.override(language):
        assert display_title(appeal).startswith(words)
    page = client.get(reverse("review:case", kwargs={"reference": appeal.reference}).replace("/en/", f"/{language}/"))
    html = page.content.decode()
    assert page.status_code == 200 and words in html
    if language != "en":
        assert "Appeal of" not in html
    queue = client.get(f"/{language}/staff/?view=all&q={decided.reference}").content.decode()
    assert appeal.reference in queue and words in queue  # found by the case it appeals, named in the reader's words


def test_the_reference_appealed_keeps_its_direction_in_an_arabic_title(appeal, decided):
    with translation.override("ar"):
        assert f"{LRI}{decided.reference}{PDI}" in appeal_title(decided.reference)


def test_the_migrations_frozen_copy_is_the_apps_title_in_english(decided):
    with translation.override("en"):
        assert MIGRATION.composed_at_filing(decided.reference) == appeal_title(decided.reference)


def test_the_english_subject_filing_stored_is_emptied_and_words_an_appellant_typed_stay(decided, appeal):
    typed = services.file_appeal(decided, c.PartyRole.REQUESTER, "Please remove the other paragraphs too.", "en",
                                 "requester")
    stored = Case.objects.get(pk=appeal.pk)
    stored.requester_subject = MIGRATION.composed_at_filing(decided.reference)  # as filing stored it before
    stored.save(update_fields=["requester_subject"])
    own = Case.objects.get(pk=typed.pk)
    own.requester_subject = f"Please reconsider the decision on {decided.reference}"
    own.save(update_fields=["requester_subject"])

    class SchemaEditor:
        pass

    SchemaEditor.connection = connection
    MIGRATION.forwards(apps, SchemaEditor())
    assert Case.objects.get(pk=appeal.pk).requester_subject == ""
    assert Case.objects.get(pk=typed.pk).requester_subject == f"Please reconsider the decision on {decided.reference}"
    MIGRATION.forwards(apps, SchemaEditor())  # again: nothing more changes
    assert Case.objects.get(pk=appeal.pk).requester_subject == ""
