"""The queue's tools: bulk actions through the services case by case, duplicates, saved filters, countdowns."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError
from rightsdesk.review import bulk, filters, queues, services
from rightsdesk.review.models import MessageToRequester

pytestmark = pytest.mark.django_db


def test_bulk_claim_claims_each_free_case_and_says_which_one_is_someone_elses(make_case, make_staff, reviewer):
    other = make_staff("reviewer", username="omar")
    free_one, free_two, taken = (make_case(state=c.State.TRIAGE) for _ in range(3))
    services.claim(taken, other)

    result = bulk.run("claim", [free_one.reference, free_two.reference, taken.reference, "RD-0000-NOPE"], reviewer)

    assert result.done == [free_one.reference, free_two.reference]
    refused = dict(result.refused)
    assert "omar" in refused[taken.reference] and "no case" in refused["RD-0000-NOPE"]
    assert result.summary("claim") == "2 claimed; 2 not changed."
    assert Case.objects.get(pk=taken.pk).assigned_to == other  # never taken over silently
    assert Case.objects.get(pk=free_one.pk).assigned_to == reviewer


def test_bulk_actions_refuse_what_the_whole_action_lacks_before_touching_any_case(make_case, reviewer):
    case = make_case(state=c.State.TRIAGE)
    with pytest.raises(DomainError) as no_cases:
        bulk.run("claim", [], reviewer)
    assert no_cases.value.field == "cases"
    with pytest.raises(DomainError) as no_reason:
        bulk.run("refuse", [case.reference], reviewer, ground="Terms of Use")
    assert no_reason.value.field == "reason"
    with pytest.raises(DomainError) as no_original:
        bulk.run("duplicate", [case.reference], reviewer)
    assert no_original.value.field == "original"
    assert Case.objects.get(pk=case.pk).assigned_to is None


def test_bulk_refusal_goes_through_the_checklist_guard_case_by_case(make_case, reviewer, complete_checklist):
    ready = complete_checklist(make_case(state=c.State.UNDER_REVIEW), reviewer)
    unchecked = make_case(state=c.State.UNDER_REVIEW)

    result = bulk.run("refuse", [ready.reference, unchecked.reference], reviewer, ground="Terms of Use",
                      reason="The content is lawful commentary.")

    assert result.done == [ready.reference]
    assert [ref for ref, _why in result.refused] == [unchecked.reference]
    ready.refresh_from_db()
    unchecked.refresh_from_db()
    assert (ready.state, ready.outcome) == (c.State.DECIDED, c.Outcome.REJECTED)
    assert unchecked.state == c.State.UNDER_REVIEW and not unchecked.items.exclude(action="").exists()  # nothing half-done


def test_bulk_assign_needs_a_reason_and_records_it(make_case, make_staff, reviewer):
    colleague = make_staff("reviewer", username="lea")
    case = make_case(state=c.State.TRIAGE)
    result = bulk.run("assign", [case.reference], reviewer, assignee_id=str(colleague.pk), reason="Speaks German.")
    assert result.done == [case.reference]
    assert Case.objects.get(pk=case.pk).assigned_to == colleague


def test_a_duplicate_is_closed_with_a_link_keeps_its_history_and_its_requester_is_told(make_case, reviewer):
    original = make_case(state=c.State.UNDER_REVIEW)
    copy = make_case(state=c.State.TRIAGE)
    history_before = copy.history.count()

    result = bulk.run("duplicate", [copy.reference], reviewer, original_reference=original.reference.lower())

    assert result.done == [copy.reference]
    copy.refresh_from_db()
    assert copy.state == c.State.CLOSED and copy.duplicate_of == original and copy.outcome == ""
    assert copy.history.count() > history_before
    assert copy.history.filter(changes__transition="close_as_duplicate").exists()
    message = MessageToRequester.objects.get(case=copy)
    assert message.purpose == MessageToRequester.Purpose.UPDATE and original.reference in message.body
    assert list(original.duplicates.all()) == [copy]


def test_the_case_a_duplicate_is_merged_into_is_found_by_its_reference_exactly_as_stored(make_case, reviewer):
    """Typed in lower case with spaces, the reference is looked up as stored (upper case), which its unique index
    serves; a case-insensitive look-up (``UPPER(reference)``, ``LIKE``) reads every case."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    original, copy = make_case(state=c.State.UNDER_REVIEW), make_case(state=c.State.TRIAGE)
    with CaptureQueriesContext(connection) as queries:
        result = bulk.run("duplicate", [copy.reference], reviewer, original_reference=f"  {original.reference.lower()} ")
    assert result.done == [copy.reference]
    asked = [q["sql"] for q in queries.captured_queries if original.reference in q["sql"].upper()
             and q["sql"].lstrip().upper().startswith("SELECT")]
    assert asked and not [sql for sql in asked if "UPPER(" in sql.upper() or " LIKE " in sql.upper()], asked


def test_the_case_pages_link_a_duplicate_and_the_case_it_was_merged_into(client, make_case, reviewer, verified_login):
    original, copy = make_case(state=c.State.UNDER_REVIEW), make_case(state=c.State.TRIAGE)
    bulk.close_as_duplicate(copy, original, reviewer)
    verified_login(client, reviewer)
    copy_page = client.get(reverse("review:case", args=[copy.reference])).content.decode()
    assert f'href="{reverse("review:case", args=[original.reference])}" class="ref" id="duplicate-of"' in copy_page
    original_page = client.get(reverse("review:case", args=[original.reference])).content.decode()
    assert "Requests closed as duplicates of this one" in original_page and copy.reference in original_page


def test_a_case_is_not_a_duplicate_of_itself_and_a_chain_points_at_the_case_that_stays_open(make_case, reviewer):
    first, second, third = (make_case(state=c.State.TRIAGE) for _ in range(3))
    with pytest.raises(DomainError):
        bulk.close_as_duplicate(first, first, reviewer)
    bulk.close_as_duplicate(second, first, reviewer)
    bulk.close_as_duplicate(third, Case.objects.get(pk=second.pk), reviewer)
    assert Case.objects.get(pk=third.pk).duplicate_of == first
    with pytest.raises(DomainError):  # already closed
        bulk.close_as_duplicate(Case.objects.get(pk=second.pk), first, reviewer)


def test_saved_filters_are_personal_keep_only_queue_filters_and_can_be_removed(make_staff, reviewer):
    other = make_staff("reviewer", username="omar")
    saved = filters.save_filter(reviewer, "  German   takedowns ", "?kind=content_takedown&language=de&page=3&evil=1")
    assert saved.name == "German takedowns"
    assert saved.query == "view=open&kind=content_takedown&language=de&sort=priority"
    assert filters.filters_for(other) == []
    with pytest.raises(DomainError):
        filters.delete_filter(other, saved.pk)
    with pytest.raises(DomainError) as unnamed:
        filters.save_filter(reviewer, "   ", "?view=mine")
    assert unnamed.value.field == "name"
    filters.delete_filter(reviewer, saved.pk)
    assert filters.filters_for(reviewer) == []


def test_the_countdown_says_how_long_is_left_or_how_late_in_words():
    now = timezone.now()
    def words(due):
        return queues.countdown(due, now).replace("\xa0", " ")  # Django keeps the number and its unit together

    assert words(now + timedelta(hours=3, minutes=10)) == "due in 3 hours"
    assert words(now - timedelta(days=2, hours=1)) == "overdue by 2 days"
    assert queues.countdown(None, now) == ""


def test_the_queue_page_works_without_javascript_bulk_form_filters_and_report(client, make_case, make_staff,
                                                                              reviewer, verified_login):
    other = make_staff("reviewer", username="omar")
    mine, taken = make_case(state=c.State.TRIAGE), make_case(state=c.State.TRIAGE)
    services.claim(taken, other)
    verified_login(client, reviewer)

    response = client.post(reverse("review:bulk"), {"action": "claim", "cases": [mine.reference, taken.reference],
                                                    "back": "view=unassigned&kind=bogus"})
    assert response.status_code == 302 and response["Location"].endswith("?view=unassigned&sort=priority")
    page = client.get(response["Location"]).content.decode()
    assert "1 claimed; 1 not changed." in page and taken.reference in page and "omar" in page

    client.post(reverse("review:save_filter"), {"name": "Triage", "back": "state=triage"})
    page = client.get(reverse("review:home")).content.decode()
    assert "Triage</a>" in page and 'name="cases"' in page and 'id="shortcut-help"' in page


@pytest.mark.parametrize("sent, field, says", [
    ({"action": "refuse", "reason": "The requests name no item we could find.", "ground": ""}, "ground",
     "Give the legal or policy ground of the refusal."),
    ({"action": "", "reason": "Written before choosing the action."}, "action",
     "Choose what to do with the selected cases."),
])
def test_a_bulk_action_refused_as_a_whole_comes_back_with_its_ticks_its_choice_and_its_words(
        client, make_case, reviewer, verified_login, sent, field, says):
    cases = [make_case(), make_case()]
    verified_login(client, reviewer)
    response = client.post(reverse("review:bulk"), {**sent, "cases": [case.reference for case in cases]},
                           follow=True)
    page = response.content.decode()
    assert f'<a href="#bulk-{field}">{says}</a>' in page  # the refusal leads to its field
    for case in cases:
        assert f'id="pick-{case.reference}" checked' in page
    assert f'value="{sent["reason"]}"' in page
    if sent["action"]:
        assert f'<option value="{sent["action"]}" selected>' in page
    assert Case.objects.filter(state=c.State.RECEIVED).count() == 2  # nothing was done
    assert 'checked' not in client.get(reverse("review:home")).content.decode().split('id="bulk-cases"')[1][:3000]


def test_a_bulk_action_refused_as_a_whole_waits_in_the_session_sealed_never_as_typed(
        client, make_case, reviewer, verified_login):
    """The reason a staff member wrote may name a person: between the refusal and the queue page it is kept sealed
    (privacy.refused_forms), never readable in the session row, and given back once."""
    import json

    from django.contrib.sessions.models import Session

    reason = "Duplicates of the requests of Berit Canary-Hagevik."
    case = make_case()
    verified_login(client, reviewer)
    client.post(reverse("review:bulk"), {"action": "refuse", "reason": reason, "ground": "",
                                         "cases": [case.reference]})
    stored = " ".join(json.dumps(row.get_decoded()) for row in Session.objects.all())
    assert "Canary-Hagevik" not in stored
    assert f'value="{reason}"' in client.get(reverse("review:home")).content.decode()
    assert "Canary-Hagevik" not in client.get(reverse("review:home")).content.decode()  # shown once
