"""The staff decision page at its edges: reasons typed are never lost, and an error sits at its field.

A reviewer may spend a long time on the reasons (the appellant receives them). When the appeal was decided or
closed by someone else meanwhile, the form is gone (409), but the reasons they typed come back on the page to copy.
"""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from rightsdesk.appeals import services
from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow

pytestmark = pytest.mark.django_db

REASONS = "Reversed: the photograph is the appellant's own work under a free licence, as the licence page shows."


@pytest.fixture
def appeal(takedown, decide, staff):
    decided = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    return services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The photo is my own work.", "fr",
                                "affected_user")


def _decided_by_a_colleague(appeal, staff, checked):
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, "Upheld by a colleague first.", staff["other"])


def _withdrawn_by_the_appellant(appeal, staff, checked):
    workflow.transition(appeal, "withdraw", "test")


@pytest.mark.parametrize("meanwhile", [
    pytest.param(_decided_by_a_colleague, id="a colleague decided it while the reasons were typed"),
    pytest.param(_withdrawn_by_the_appellant, id="the appellant withdrew it while the reasons were typed"),
])
def test_reasons_sent_to_an_appeal_closed_meanwhile_are_given_back_to_copy(appeal, staff, client, checked,
                                                                            meanwhile):
    client.force_login(staff["approver"])
    meanwhile(appeal, staff, checked)
    response = client.post(f"/en/staff/notices/appeals/{appeal.pk}/decide/",
                           {"outcome": c.Outcome.GRANTED, "reasons": REASONS})
    page = response.content.decode()
    assert response.status_code == 409
    assert 'id="unsent"' in page and f"{escape(REASONS)}</textarea>" in page, page[-3000:]


@pytest.mark.parametrize("sent, field, says", [
    pytest.param({"outcome": c.Outcome.GRANTED, "reasons": "   "}, "reasons", "Give the reasons for the outcome",
                 id="no reasons"),
    pytest.param({"reasons": REASONS}, "outcome", "Choose the outcome of the appeal", id="no outcome"),
])
def test_an_error_on_the_decision_form_is_shown_at_its_field_too(appeal, staff, client, checked, sent, field, says):
    from .test_appeal_form import _field_shows_its_error

    checked(appeal, staff["other"])
    client.force_login(staff["other"])
    response = client.post(f"/en/staff/notices/appeals/{appeal.pk}/decide/", sent)
    page = response.content.decode()
    assert response.status_code == 400 and 'id="error-summary"' in page
    _field_shows_its_error(page, field, says)
    assert escape(sent["reasons"]) in page  # what was typed is kept


def _closed_as_a_duplicate(appeal, staff, checked):
    workflow.transition(appeal, "close_as_duplicate", staff["other"])


@pytest.mark.parametrize("closing, says, never", [
    pytest.param(_decided_by_a_colleague, "This appeal has been decided.", "withdrew", id="decided by a reviewer"),
    pytest.param(_withdrawn_by_the_appellant, "The appellant withdrew this appeal.", "has been decided",
                 id="withdrawn by the appellant: not called decided"),
    pytest.param(_closed_as_a_duplicate, "This appeal was closed without a decision.", "has been decided",
                 id="closed as a duplicate: not called decided"),
])
def test_the_page_of_a_closed_appeal_says_how_it_ended(appeal, staff, client, checked, closing, says, never):
    closing(appeal, staff, checked)
    client.force_login(staff["approver"])
    page = client.get(f"/en/staff/notices/appeals/{appeal.pk}/decide/").content.decode()
    assert says in page and never not in page
    assert 'name="reasons"' not in page  # no decision form on a closed appeal


def test_a_decision_refused_for_an_unfinished_checklist_links_to_the_checklist_and_keeps_the_reasons(
        appeal, staff, client):
    """The checklist is on the appeal's case page, not here: the refusal named its questions but led nowhere."""
    client.force_login(staff["other"])
    response = client.post(f"/en/staff/notices/appeals/{appeal.pk}/decide/",
                           {"outcome": c.Outcome.GRANTED, "reasons": REASONS})
    page = response.content.decode()
    assert response.status_code == 400
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert "checklist is not complete" in summary
    assert f'<a href="/en/staff/cases/{appeal.reference}/#checklist">' in summary
    assert f"{escape(REASONS)}</textarea>" in page


@pytest.mark.parametrize("lang, opening, closing", [
    pytest.param("en", "“", "”", id="English: curly quotes"),
    pytest.param("ar", "«", "»", id="Arabic: guillemets, which read right in a right-to-left line"),
    pytest.param("fr", "«\u00a0", "\u00a0»", id="French: guillemets kept with their words by no-break spaces"),
])
def test_the_checklist_questions_a_refusal_names_are_in_the_readers_quotation_marks(appeal, staff, client, lang,
                                                                                      opening, closing):
    """Arabic refusals wrapped each question in English “…”, drawn the wrong way round in a right-to-left line."""
    from django.utils import translation

    from rightsdesk.review import checklist

    client.force_login(staff["other"])
    response = client.post(f"/{lang}/staff/notices/appeals/{appeal.pk}/decide/",
                           {"outcome": c.Outcome.GRANTED, "reasons": REASONS})
    summary = response.content.decode().split('id="error-summary"')[1].split("</div>")[0]
    with translation.override(lang):
        questions = [str(q.text) for q in checklist.missing(appeal)]
    assert questions
    for question in questions:
        assert escape(f"{opening}{question}{closing}") in summary, (question, summary)
    if lang != "en":
        assert "“" not in summary and "”" not in summary


def test_a_refused_decision_says_error_first_in_the_pages_title(appeal, staff, client):
    client.force_login(staff["other"])
    address = f"/ar/staff/notices/appeals/{appeal.pk}/decide/"
    title = re.compile(r"<title>(.*?)</title>", re.S)
    assert not title.search(client.get(address).content.decode()).group(1).startswith("خطأ: ")
    refused = client.post(address, {"outcome": c.Outcome.GRANTED, "reasons": REASONS})
    assert refused.status_code == 400
    assert title.search(refused.content.decode()).group(1).startswith("خطأ: ")
