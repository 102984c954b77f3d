"""The examples the forms and messages show (a reference, a URL, an e-mail address, a case number, a site) are filled
in by code from one home (``core.examples``; the reference, the case rules', through ``intake.examples``), never
written inside a message, on the public forms and the staff's pages alike: a translator cannot change or reorder them,
and in Arabic, Persian and Urdu each stands exactly as a person types it (a figure in the page's digits), isolated
left to right (LRI … PDI)."""

from __future__ import annotations

import re

import polib
import pytest
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.core.bidi import LRI, PDI
from rightsdesk.core.numerals import localize
from rightsdesk.intake.examples import examples

from .catalogues import SOURCE, apps_with_catalogues

pytestmark = pytest.mark.django_db

#: Where each example is shown: (what, how to get the page, the example's name).
SHOWN = [
    ("the appeal form's help for the reference", lambda client, lang: client.get(f"/{lang}/request/appeal/"),
     "reference"),
    ("the takedown form's help for the URLs", lambda client, lang: client.get(f"/{lang}/request/content-takedown/"),
     "url"),
    ("the user-data form's help for the title", lambda client, lang: client.get(f"/{lang}/request/user-data/"),
     "case_number"),
    ("the preservation form's help for the title", lambda client, lang: client.get(f"/{lang}/request/preservation/"),
     "case_number"),
    ("a form's error for an e-mail address",
     lambda client, lang: client.post(f"/{lang}/request/grievance/", {"description": "Why.", "email": "not-an-address"}),
     "email"),
    ("the lost link form's error for an e-mail address",
     lambda client, lang: client.post(f"/{lang}/track/lost/", {"email": "not-an-address"}), "email"),
    ("the legal support form's label for the project", lambda client, lang: client.get(f"/{lang}/legal-support/"),
     "site"),
]

RTL = ["ar", "fa", "ur"]


@pytest.mark.parametrize("lang", RTL)
@pytest.mark.parametrize("what, page, name", SHOWN, ids=[row[0] for row in SHOWN])
def test_each_example_is_shown_as_written_and_isolated_in_a_right_to_left_language(client, lang, what, page, name):
    example = localize(examples()[name], lang)  # a case number in Persian digits, as the page writes every figure
    html = page(client, lang).content.decode()
    assert html.count(example) >= 1, f"{what} in {lang}: the example {example!r} is not shown as written"
    assert html.count(f"{LRI}{example}{PDI}") == html.count(example), f"{what} in {lang}: {example!r} is not isolated"


@pytest.mark.parametrize("what, page, name", SHOWN, ids=[row[0] for row in SHOWN])
def test_each_example_is_shown_as_is_in_english(client, what, page, name):
    example = examples()[name]
    html = page(client, "en").content.decode()
    assert html.count(example) >= 1 and f"{LRI}{example}" not in html, what


def _help_text(model: str, field: str, lang: str) -> str:
    from django.apps import apps

    with translation.override(lang):
        return str(apps.get_model(model)._meta.get_field(field).help_text)


def _account_action_refused(client, lang, case, projects: str) -> str:
    response = client.post(f"/{lang}/staff/account-actions/new/", {
        "action_type": "lock", "ground": "harassment", "accounts": "Example", "projects": projects,
        "case": case.reference, "notes": "Evidence.", "starts_on": "2026-01-02", "ends_on": ""})
    assert response.status_code == 400
    return response.content.decode()


#: Where each example is shown to staff, or read from a model's help: (what, the text in a language given a client
#: signed in as staff and a case, the example's name).
SHOWN_TO_STAFF = [
    ("the crisis form's help for the projects",
     lambda client, lang, case: client.get(f"/{lang}/staff/crises/new/").content.decode(), "site"),
    ("a crisis's help for the projects", lambda client, lang, case: _help_text("crisis.Crisis", "projects", lang), "site"),
    ("an item's help for the project",
     lambda client, lang, case: _help_text("cases.TargetItem", "project", lang), "site"),
    ("an account action's refusal for no project",
     lambda client, lang, case: _account_action_refused(client, lang, case, ""), "site"),
    ("an account action's refusal for a project that is not a site's name",
     lambda client, lang, case: _account_action_refused(client, lang, case, "not a site"), "site"),
    ("the affected user form's refusal for an e-mail address",
     lambda client, lang, case: client.post(f"/{lang}/staff/cases/{case.reference}/parties/",
                                            {"account_name": "EditorX", "email": "not an address"}).content.decode(),
     "email"),
]


@pytest.fixture
def staff_client(client, verified_login, make_staff):
    verified_login(client, make_staff("trust and safety", "reviewer", "legal approver"))
    return client


@pytest.fixture
def open_case(make_case):
    return make_case(c.Kind.HARM_REPORT, state=c.State.UNDER_REVIEW, subject="Threats against an editor")


@pytest.mark.parametrize("what, text, name", SHOWN_TO_STAFF, ids=[row[0] for row in SHOWN_TO_STAFF])
def test_each_example_shown_to_staff_is_filled_in_and_isolated_in_arabic(staff_client, open_case, what, text, name):
    example = examples()[name]
    shown = text(staff_client, "ar", open_case)
    assert shown.count(example) >= 1, f"{what}: the example {example!r} is not shown as written"
    assert shown.count(f"{LRI}{example}{PDI}") == shown.count(example), f"{what}: {example!r} is not isolated"


@pytest.mark.parametrize("what, text, name", SHOWN_TO_STAFF, ids=[row[0] for row in SHOWN_TO_STAFF])
def test_each_example_shown_to_staff_is_as_is_in_english(staff_client, open_case, what, text, name):
    example = examples()[name]
    shown = text(staff_client, "en", open_case)
    assert shown.count(example) >= 1 and f"{LRI}{example}" not in shown, what


#: What an example written into a message looks like.
LITERALS = {
    "a reference": re.compile(r"\b[A-Z]{2}-\d{4}-[0-9A-Z]{5,}\b"),
    "a URL": re.compile(r"https?://[\w-]+\.[\w.-]+"),
    "an e-mail address": re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"),
    "a domain": re.compile(r"\b[a-z0-9-]+\.(?:wikipedia|wikimedia|example|wiki)\.?[a-z]*\b|\b[\w-]+\.(?:org|com|net)\b"),
    "a case number": re.compile(r"(?<![\d-])\d{1,3}-\d{3,}(?![\d-])"),
}
#: Every app with a catalogue: an example may be written into a staff page's message as well as a public form's.
APPS = apps_with_catalogues()


@pytest.mark.parametrize("app", APPS)
def test_no_message_of_the_forms_holds_an_example_written_into_it(app):
    msgids = [e.msgid for e in polib.pofile(str(SOURCE / app / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
              if not e.obsolete]
    assert msgids
    found = [(kind, msgid) for msgid in msgids for kind, literal in LITERALS.items() if literal.search(msgid)]
    assert not found, found

