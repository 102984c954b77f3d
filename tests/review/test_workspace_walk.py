"""What staff met walking the workspace (queues, the case list, a case from receipt to decision): nothing typed is
lost when someone else changes the case meanwhile, the queue keeps its filter, and nonsense in the URL is said."""

from __future__ import annotations

import re
from html import unescape

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.review import services

pytestmark = pytest.mark.django_db


def case_url(case, lang="en", action=""):
    return f"/{lang}/staff/cases/{case.reference}/" + (f"{action}/" if action else "")


def readonly_texts(html: str) -> list[str]:
    """The texts of the page's read-only boxes (what was typed and could not be saved, to copy)."""
    return [unescape(t) for t in re.findall(r"<textarea[^>]*\breadonly\b[^>]*>(.*?)</textarea>", html, re.S)]


@pytest.mark.parametrize("action, data, typed", [
    ("messages", {"purpose": "clarify", "body": "Which paragraph of the article exactly? — أي فقرة بالضبط؟"},
     "Which paragraph of the article exactly? — أي فقرة بالضبط؟"),
    ("conclude", {"summary": "Twenty minutes of reasoning on § 512(c)(3): the notice names no work."},
     "Twenty minutes of reasoning on § 512(c)(3): the notice names no work."),
    ("decide-item", {"action": "no_action", "ground": "No valid notice", "reason": "The reason I wrote for the editor."},
     "The reason I wrote for the editor."),
    ("checklist", {"answer-legal_basis": "no", "note-legal_basis": "The order names no statute — لا يذكر الأمر أي قانون."},
     "The order names no statute — لا يذكر الأمر أي قانون."),
])
def test_a_form_sent_after_someone_else_closed_the_case_gives_back_what_was_typed_to_copy(
        client, reviewer, make_staff, make_case, action, data, typed):
    case = make_case(state=c.State.UNDER_REVIEW)
    seen = services.history_mark(case)
    other = make_staff("reviewer", username="omar")
    services.take_step(case, "withdraw", other, reason="The requester withdrew by phone.")  # while rita writes
    client.force_login(reviewer)
    if action == "decide-item":
        data = {**data, "item": str(case.items.get().pk)}
    response = client.post(case_url(case, action=action), {**data, "seen": seen})
    page = response.content.decode()
    assert response.status_code == 409
    assert "omar changed this case after you opened it" in page  # told what happened, in words
    assert "Withdrawn by the requester" in unescape(page)
    assert typed in readonly_texts(page)  # the form is gone with the open case: the text is there to copy
    assert "no longer offered" in page
    assert "send your form again" not in page  # no promise the page cannot keep
    assert not case.messages_to_requester.exists()


def test_the_text_given_back_is_explained_in_arabic_on_an_arabic_page(client, reviewer, make_staff, make_case):
    case = make_case(state=c.State.UNDER_REVIEW)
    seen = services.history_mark(case)
    services.take_step(case, "withdraw", make_staff("reviewer", username="omar"))
    client.force_login(reviewer)
    page = client.post(case_url(case, "ar", "messages"),
                       {"purpose": "clarify", "body": "ما رقم الأمر 123/2026؟", "seen": seen}).content.decode()
    assert "لم يعد هذا النموذج متاحًا" in page and "ما رقم الأمر 123/2026؟" in readonly_texts(page)


def test_the_way_back_from_a_case_leads_to_the_queue_as_it_was_filtered_sorted_and_paged(client, reviewer, make_case):
    cases = [make_case(c.Kind.COPYRIGHT_NOTICE) for _ in range(26)]
    client.force_login(reviewer)
    queue = "view=open&kind=copyright_notice&sort=-received&page=2"
    assert client.get(f"/en/staff/?{queue}&state=nonsense").status_code == 200
    page = client.get(case_url(cases[0])).content.decode()
    back = unescape(re.search(r'<p class="crumbs"><a href="([^"]*)"', page).group(1))
    assert back == f"/en/staff/?{queue}"
    assert client.get(back).context["page"].number == 2  # the link reproduces the list


def test_the_way_back_is_the_plain_queue_before_any_queue_was_seen(client, reviewer, make_case):
    client.force_login(reviewer)
    page = client.get(case_url(make_case())).content.decode()
    assert '<p class="crumbs"><a href="/en/staff/"' in page


@pytest.mark.parametrize("query, said", [
    ("state=bogus", "Left out of the address because the queue does not know it: State: “bogus”."),
    ("sort=nonsense&view=nope", "Left out of the address because the queue does not know it: Queues: “nope”; Sort: “nonsense”."),
    ("kind=x&state=decided", "Left out of the address because the queue does not know it: Kind: “x”."),
    ("page=-1", "There is no page “-1”: this is page 2 of 2."),
    ("page=99999", "There is no page “99999”: this is page 2 of 2."),
    ("page=abc", "There is no page “abc”: this is page 1 of 2."),
    ("received=2026-02-30&state=bogus", "State: “bogus”"),
])
def test_nonsense_in_the_queue_address_is_said_and_a_sensible_page_shown(client, reviewer, make_case, query, said):
    for _ in range(26):
        make_case()
    client.force_login(reviewer)
    response = client.get(f"/en/staff/?{query}")
    assert response.status_code == 200
    assert said in unescape(response.content.decode())


def test_a_queue_address_it_understands_says_nothing_of_the_kind(client, reviewer, make_case):
    make_case()
    client.force_login(reviewer)
    page = unescape(client.get("/en/staff/?view=all&state=received&sort=-received&page=1").content.decode())
    assert "Left out of the address" not in page and "There is no page" not in page


def test_nonsense_in_the_queue_address_is_said_in_arabic(client, reviewer, make_case):
    make_case()
    client.force_login(reviewer)
    page = unescape(client.get("/ar/staff/?state=bogus&page=-1").content.decode())
    assert "Left out" not in page and "There is no page" not in page
    # Arabic quotation marks, and the value and the page number kept in their own direction ("-1", not "1-").
    assert "«\u2068bogus\u2069»" in page and "«\u2066-1\u2069»" in page


def test_a_note_written_while_someone_else_decided_is_saved_and_says_what_happened_meanwhile(
        client, reviewer, make_staff, make_case):
    case = make_case(state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    opened = client.get(case_url(case)).content.decode()
    seen = re.search(r'action="[^"]*/notes/"[^>]*>.*?name="seen" value="(\d+)"', opened, re.S)
    assert seen, "the note form carries the version of the case it was written on"
    services.take_step(case, "withdraw", make_staff("reviewer", username="omar"), reason="Withdrawn by phone.")
    response = client.post(case_url(case, action="notes"), {"body": "Called the requester back.", "seen": seen.group(1)},
                           follow=True)
    notes = unescape(response.content.decode()).split('id="notes"', 1)[1]
    assert case.staff_notes.get().body == "Called the requester back."  # a note is never refused for that
    assert "Note added." in notes
    assert "While you wrote, omar changed this case: Withdrawn by the requester" in notes


def test_a_note_on_a_case_nobody_else_touched_says_only_that_it_was_added(client, reviewer, make_case):
    case = make_case(state=c.State.UNDER_REVIEW)
    client.force_login(reviewer)
    seen = services.history_mark(case)
    response = client.post(case_url(case, action="notes"), {"body": "First look.", "seen": seen}, follow=True)
    notes = unescape(response.content.decode()).split('id="notes"', 1)[1]
    assert "Note added." in notes and "While you wrote" not in notes


def test_the_requesters_organisation_and_the_order_reference_are_private_and_each_look_is_audited(
        client, make_staff, data_request):
    from rightsdesk.audit.models import AuditEntry

    auditor = make_staff("auditor")
    client.force_login(auditor)
    page = client.get(case_url(data_request)).content.decode()
    assert "Federal Bureau of Investigation" not in page and "Order 123/2026" not in page  # encrypted, personal
    assert not AuditEntry.objects.filter(actor=auditor).exists()

    client.force_login(reviewer := make_staff("reviewer"))
    page = client.get(case_url(data_request)).content.decode()
    assert "Federal Bureau of Investigation" in page and "Order 123/2026" in page
    entry = AuditEntry.objects.get(actor=reviewer, action="view_private", case=data_request)
    assert {"requester_organisation", "legal_basis_reference"} <= set(entry.fields)


def test_a_pending_proposals_reasons_and_an_approvers_note_are_audited_when_shown(
        client, make_staff, data_request, complete_checklist):
    from rightsdesk.audit.models import AuditEntry

    rita, alex = make_staff("reviewer", username="rita"), make_staff("legal approver", username="alex")
    complete_checklist(data_request, rita)
    for item in data_request.items.all():
        services.decide_item(item, rita, action=c.Action.DISCLOSE, ground="Court order", reason="Ordered.",
                             fields=["ip_addresses"])
    services.conclude(data_request, rita, "Disclose to the officer Jane Roe.")
    services.return_for_changes(data_request, alex, "Ask Jane Roe for the signed copy first.")
    services.conclude(data_request, rita, "Disclose to the officer Jane Roe, signed copy received.")
    client.force_login(alex)
    page = client.get(case_url(data_request)).content.decode()
    assert "signed copy received" in page and "Ask Jane Roe for the signed copy" in page
    entry = AuditEntry.objects.filter(actor=alex, action="view_private", case=data_request).latest("id")
    assert {"proposal.summary", "proposal.review_note"} <= set(entry.fields)


def test_a_language_filter_without_open_cases_stays_shown_as_chosen(client, reviewer, make_case):
    make_case(state=c.State.CLOSED, language="sw")
    make_case(language="en")
    client.force_login(reviewer)
    response = client.get("/en/staff/?view=all&language=sw")
    page = response.content.decode()
    assert response.context["page"].paginator.count == 1
    select = re.search(r'<select id="f-language".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="sw"[^>]* selected>', select)  # the form says what the list is filtered on
