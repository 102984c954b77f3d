"""The case page's smaller promises: the person who posted content is told, items are named apart, and only
the actions that fit the kind of case are offered."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import CaseHistory
from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.notices.models import Notice
from rightsdesk.review import services, timeline

pytestmark = pytest.mark.django_db


def case_url(case):
    return f"/en/staff/cases/{case.reference}/"


@pytest.fixture
def revision_takedown(make_case):
    """A takedown of one revision of a page: the page and the revision share the title; no account is named."""
    return make_case(c.Kind.CONTENT_TAKEDOWN, state=c.State.UNDER_REVIEW, items=[
        {"url": "https://de.wikipedia.org/wiki/Beispiel", "page_title": "Beispiel", "project": "de.wikipedia.org"},
        {"url": "https://de.wikipedia.org/w/index.php?oldid=4567", "page_title": "Beispiel", "revision_id": 4567,
         "item_type": c.ItemType.REVISION, "project": "de.wikipedia.org"}])


def test_hiding_a_revision_drafts_a_notice_to_the_editor_staff_added_as_affected_user(
        revision_takedown, reviewer, approver, complete_checklist):
    case = revision_takedown
    services.add_affected_user(case, reviewer, account_name="EditorX", email="editorx@users.example.net")
    complete_checklist(case, reviewer)
    page, revision = case.items.order_by("id")
    services.decide_item(page, reviewer, action=c.Action.NO_ACTION, ground="Policy", reason="The page is fine.")
    services.decide_item(revision, reviewer, action=c.Action.HIDE_REVISION, ground="Privacy policy",
                         reason="The revision published a home address.")
    services.conclude(case, reviewer, "The revision is hidden; the page stays.")
    services.approve(case, approver)
    to_editor = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert to_editor.party.account_name == "EditorX" and list(to_editor.items.all()) == [revision]
    assert case.history.filter(event=CaseHistory.Event.EDIT, changes__added_party=c.PartyRole.AFFECTED_USER).exists()


def test_adding_an_affected_user_needs_an_account_name_and_the_private_data_permission(revision_takedown, make_staff):
    with pytest.raises(DomainError, match="account name"):
        services.add_affected_user(revision_takedown, make_staff("reviewer"), account_name=" ")
    with pytest.raises(NotPermitted):
        services.add_affected_user(revision_takedown, make_staff("intake"), account_name="EditorX")
    assert not revision_takedown.parties.filter(role=c.PartyRole.AFFECTED_USER).exists()


def test_a_refused_affected_user_form_keeps_what_was_typed(client, revision_takedown, reviewer):
    client.force_login(reviewer)
    response = client.post(case_url(revision_takedown) + "parties/",
                           {"account_name": "EditorX", "email": "not an address", "name": "Ed Itor"})
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="EditorX"' in text and 'value="Ed Itor"' in text and "name@example.org" in text


def test_a_page_and_its_revision_with_the_same_title_are_named_apart(revision_takedown):
    problems = services.decision_problems(revision_takedown)
    items = [p for p in problems if "has no decision yet" in p]
    assert len(items) == 2 and len(set(items)) == 2
    assert any("revision 4567" in p for p in items)


def test_only_the_actions_that_fit_the_kind_are_offered(client, reviewer, revision_takedown, data_request):
    client.force_login(reviewer)
    takedown_page = client.get(case_url(revision_takedown)).content.decode()
    assert 'value="disclose"' not in takedown_page and 'value="hide_revision"' in takedown_page
    data_page = client.get(case_url(data_request)).content.decode()
    assert 'value="disclose"' in data_page and 'value="remove"' not in data_page


def test_history_rows_say_what_changed_without_private_values(revision_takedown, reviewer, make_staff, client):
    item = revision_takedown.items.first()
    services.decide_item(item, reviewer, action=c.Action.NO_ACTION, ground="Policy", reason="Ms Example's address.")
    row = revision_takedown.history.filter(event=CaseHistory.Event.ITEM).last()
    headline, details = timeline.describe(row)
    assert headline == f"Item #{item.pk} changed"
    assert "Action: — → No action" in details and "Reason changed (private value)" in details
    client.force_login(make_staff("auditor"))
    page = client.get(case_url(revision_takedown)).content.decode()
    assert "Ms Example" not in page and "Reason changed (private value)" in page and "(start_review)" not in page
