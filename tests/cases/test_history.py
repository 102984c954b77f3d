"""The case history is append-only and records who changed what, when and why."""

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases import services
from rightsdesk.cases.models import CaseHistory
from rightsdesk.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_creating_a_case_records_its_creation(make_case):
    case = make_case()
    entry = case.history.get()
    assert entry.event == CaseHistory.Event.CREATED and entry.to_state == c.State.RECEIVED
    assert entry.actor_label == "test"


def test_an_edit_records_old_and_new_values_and_the_reason(make_case, make_staff):
    case = make_case()
    user = make_staff("reviewer")
    services.update_case(case, {"country": "FR", "law_invoked": "Art. 17 GDPR"}, user, reason="Requester corrected it.")
    entry = case.history.order_by("-id").first()
    assert entry.event == CaseHistory.Event.EDIT and entry.actor == user
    assert entry.changes == {"country": {"old": "DE", "new": "FR"},
                             "law_invoked": {"old": "", "new": "Art. 17 GDPR"}}
    assert entry.reason == "Requester corrected it."


def test_a_typed_subject_is_the_requester_s_words_kept_private_and_the_title_stays_neutral(make_case):
    case = make_case()
    services.update_case(case, {"subject": "Photo of Erika Mustermann at home"}, "requester")
    case.refresh_from_db()
    entry = case.history.order_by("-id").first()
    assert case.requester_subject == "Photo of Erika Mustermann at home"
    assert case.subject == "Content alteration or takedown · de.wikipedia.org · 2026-03-02"
    assert entry.changes == {"requester_subject": {"old": "[private]", "new": "[private]"}}


def test_history_says_a_private_field_changed_without_keeping_what_it_said(make_case):
    case = make_case()
    services.update_case(case, {"description": "My phone is +49 30 1234567"}, "requester")
    entry = case.history.order_by("-id").first()
    assert entry.changes == {"description": {"old": services.MASK, "new": services.MASK}}
    assert "1234567" not in str(entry.changes)
    party = case.parties.get()
    services.update_party(party, {"email": "new@example.org"}, "requester")
    assert "new@example.org" not in str(case.history.order_by("-id").first().changes)


def test_an_added_item_is_recorded_by_its_number_without_its_address(make_case):
    """An item's URL is personal data (".../User:Name", policy.ITEM_PERSONAL_FIELDS): the history, which every staff
    role reads and the retention run keeps, says an item was added, not which page it names."""
    case = make_case()
    item = services.add_item(case, {"url": "https://de.wikipedia.org/wiki/Benutzer:Erika_Mustermann",
                                    "project": "de.wikipedia.org", "page_title": "Benutzer:Erika Mustermann"}, "test")
    entry = case.history.order_by("-id").first()
    assert entry.changes == {"added_item": item.pk}
    assert "Erika" not in str(entry.changes)


def test_an_edit_that_changes_nothing_writes_nothing(make_case):
    case = make_case()
    assert services.update_case(case, {"country": "DE"}, "test") == {}
    assert case.history.count() == 1


def test_the_state_cannot_be_edited_like_a_field(make_case):
    case = make_case()
    with pytest.raises(DomainError, match="cannot be set directly"):
        services.update_case(case, {"state": c.State.CLOSED}, "test")
    assert case.history.count() == 1


def test_a_bad_value_is_refused_with_the_field_named_and_nothing_stored(make_case):
    case = make_case()
    with pytest.raises(DomainError) as err:
        services.update_case(case, {"kind": "not-a-kind"}, "test")
    assert err.value.field == "kind"
    case.refresh_from_db()
    assert case.kind == c.Kind.CONTENT_TAKEDOWN and case.history.count() == 1


def test_a_bad_item_makes_the_whole_case_creation_fail(db):
    with pytest.raises(DomainError) as err:
        services.create_case(fields={"kind": c.Kind.COPYRIGHT_NOTICE, "subject": "x", "requester_type": "company"},
                             items=[{"url": "not a url"}], actor="test")
    assert err.value.field == "url"
    from rightsdesk.cases.models import Case

    assert not Case.objects.exists() and not CaseHistory.objects.exists()


def test_history_entries_cannot_be_changed_or_deleted(make_case):
    entry = make_case().history.get()
    entry.reason = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        CaseHistory.objects.all().update(reason="rewritten")
    with pytest.raises(PermissionError):
        CaseHistory.objects.all().delete()
    assert CaseHistory.objects.get(pk=entry.pk).reason == ""


def test_item_decisions_are_recorded(make_case, make_staff):
    case = make_case()
    item = case.items.get()
    services.update_item(item, {"action": c.Action.NO_ACTION, "reason": "Lawful and accurate."}, make_staff("reviewer"))
    entry = case.history.order_by("-id").first()
    assert entry.event == CaseHistory.Event.ITEM and entry.changes["action"] == {"old": "", "new": "no_action"}


@pytest.mark.parametrize("actions,outcome", [
    ([], c.Outcome.REJECTED),
    (["no_action"], c.Outcome.REJECTED),
    (["remove"], c.Outcome.GRANTED),
    (["remove", "no_action"], c.Outcome.PARTIALLY_GRANTED),
    (["disclose", "disclose"], c.Outcome.GRANTED),
    (["hide_revision", ""], c.Outcome.PARTIALLY_GRANTED),
])
def test_the_case_outcome_follows_from_the_items(make_case, actions, outcome):
    case = make_case(items=[{"url": f"https://en.wikipedia.org/wiki/P{i}", "action": a} for i, a in enumerate(actions)])
    assert services.outcome_from_items(case) == outcome


def test_tracking_tokens_are_stored_only_as_digests(make_case):
    case = make_case()
    token = services.issue_tracking_token(case)
    case.refresh_from_db()
    assert len(token) >= 40 and token not in case.tracking_token_digest
    assert services.case_for_tracking_token(token) == case
    assert services.case_for_tracking_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert services.case_for_tracking_token(str(case.pk)) is None


def _entry(i, **extra):
    entry = {"fields": {"kind": c.Kind.COPYRIGHT_NOTICE, "subject": f"Notice {i}", "requester_type": "company",
                        "description": f"Private text {i}"},
             "parties": [{"role": c.PartyRole.REQUESTER, "name": f"Agent {i}", "email": f"agent{i}@example.org"}],
             "items": [{"url": f"https://commons.wikimedia.org/wiki/File:{i}.jpg", "project": "commons.wikimedia.org"}],
             "reason": "bulk test", "tracking_token": f"token-{i}-" + "x" * 30}
    entry.update(extra)
    return entry


def test_bulk_creation_stores_each_valid_entry_whole_and_reports_the_bad_ones():
    from rightsdesk.audit.chain import verify
    from rightsdesk.cases.models import Case, Party, TargetItem

    entries = [_entry(0), _entry(1, items=[{"url": "not a url"}]), _entry(2),
               _entry(3, fields={"kind": "nonsense", "subject": "x", "requester_type": "company"})]
    results = services.create_cases_bulk(entries, actor="api:Agency")

    assert [type(r).__name__ for r in results] == ["Case", "DomainError", "Case", "DomainError"]
    assert results[1].field == "url" and results[3].field == "kind"
    assert Case.objects.count() == 2 and Party.objects.count() == 2 and TargetItem.objects.count() == 2
    created = results[2]
    assert created.reference.startswith("RD-") and created.parties.get().email == "agent2@example.org"
    assert services.case_for_tracking_token(entries[2]["tracking_token"]) == created
    entry = created.history.get()
    assert (entry.event, entry.actor_label, entry.reason) == (CaseHistory.Event.CREATED, "api:Agency", "bulk test")
    assert verify(CaseHistory.objects.all(), "case_history") is None
    # The blind index is filled as on a normal save, so the person can be found for a data-subject request.
    from rightsdesk.privacy.crypto import blind_index

    assert Party.objects.filter(email_index=blind_index("agent0@example.org")).count() == 1


def test_bulk_creation_refuses_workflow_fields_per_entry():
    results = services.create_cases_bulk([_entry(0, fields={"kind": "appeal", "subject": "x", "requester_type": "individual",
                                                            "state": "closed"})])
    assert isinstance(results[0], DomainError) and results[0].field == "state"


def test_bulk_created_cases_get_the_same_first_deadline_and_emergency_alert_as_single_ones():
    """The follow-ups of a new case (review.case_followups: the first deadline, the on-call alert of an emergency)
    happen for cases created in bulk as for one created alone; in bulk they are called once for the chunk."""
    from rightsdesk.cases.models import Case
    from rightsdesk.review.models import EmergencyRecord

    emergency = {"fields": {"kind": c.Kind.EMERGENCY_DISCLOSURE, "requester_type": "law_enforcement",
                            "description": "A threat to life."}, "reason": "bulk test"}
    single = [services.create_case(**_entry(0)), services.create_case(**emergency)]
    bulk = services.create_cases_bulk([_entry(1), emergency])

    for alone, together in zip(single, bulk):
        alone.refresh_from_db()
        together.refresh_from_db()
        assert together.due_at is not None
        assert together.due_at - together.received_at == alone.due_at - alone.received_at
    assert set(EmergencyRecord.objects.values_list("case_id", flat=True)) == {single[1].pk, bulk[1].pk}
    assert Case.objects.filter(due_at__isnull=True).count() == 0


def test_the_bulk_writer_checks_draws_references_and_seals_values_before_its_transaction_begins():
    """prepare_cases_bulk only reads (whether a drawn reference is taken) and already holds the rows to insert,
    personal fields sealed; write_cases_bulk's transaction then draws nothing, checks nothing and builds no row:
    on SQLite the whole transaction holds the database's write lock, so what it does is what other app servers
    wait for."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rightsdesk.audit.chain import verify
    from rightsdesk.cases import bulk
    from rightsdesk.cases.models import Case

    with CaptureQueriesContext(connection) as reading:
        prepared = services.prepare_cases_bulk([_entry(0), _entry(1, items=[{"url": "not a url"}]), _entry(2)],
                                               actor="api:Agency")
    assert reading.captured_queries and all(q["sql"].lstrip().upper().startswith("SELECT")
                                            for q in reading.captured_queries)
    assert Case.objects.count() == 0
    cases = prepared.rows[0]
    assert cases.model is Case and len(cases.rows) == 2
    description = bulk.plan(Case).index[True]["description"]
    assert all(row[description].startswith("enc1:") for row in cases.rows)  # sealed before the transaction

    with CaptureQueriesContext(connection) as writing:
        results = services.write_cases_bulk(prepared)
    assert not [q["sql"] for q in writing.captured_queries if '"reference" IN' in q["sql"]]
    assert [type(r).__name__ for r in results] == ["Case", "DomainError", "Case"]
    for i in (0, 2):
        stored = Case.objects.get(pk=results[i].pk)
        assert stored.reference == results[i].reference and stored.description == f"Private text {i}"
        assert stored.parties.get().email == f"agent{i}@example.org" and stored.history.count() == 1
    assert verify(CaseHistory.objects.all(), "case_history") is None


def test_prepared_cases_are_written_once():
    prepared = services.prepare_cases_bulk([_entry(0)])
    services.write_cases_bulk(prepared)
    with pytest.raises(RuntimeError, match="already written"):
        services.write_cases_bulk(prepared)
    with pytest.raises(RuntimeError, match="already written"):
        services.add_dependent_rows(prepared, CaseHistory, [])
