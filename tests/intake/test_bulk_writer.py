"""The bulk writer of API batches (intake/bulk.py, cases/bulk.py) stores what posting the items one by one stores.

POST /api/v1/cases stores one item as a web form's submission is stored (``create_case``, model instances);
POST /api/v1/cases/batch stores chunks of items as prepared tuples. Both stand behind the same checks and the
same idempotency records, so for any items: the same cases, parties, items, history (its chain verifying),
declarations, submission records and first deadlines, apart from ids, references, tokens and timestamps; the
same answers for the refused items; nothing half-written when a chunk fails.
"""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rightsdesk.audit.chain import verify
from rightsdesk.cases import bulk as case_bulk
from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem
from rightsdesk.intake.models import Declaration, Submission

pytestmark = pytest.mark.django_db

#: Columns that differ between any two stored cases whatever path stored them.
UNIQUE_PER_CASE = {"id", "reference", "tracking_token_digest", "received_at", "created_at", "updated_at", "due_at"}


def stored(reference: str) -> dict:
    """Everything stored for the case ``reference`` (personal fields decrypted), without ids and timestamps."""
    case = Case.objects.filter(reference=reference).values().get()
    pk = case["id"]
    due = case["due_at"] - case["received_at"] if case["due_at"] else None
    return {
        "case": {k: v for k, v in case.items() if k not in UNIQUE_PER_CASE},
        "due_after": due,
        "parties": [{k: v for k, v in p.items() if k not in ("id", "case_id")}
                    for p in Party.objects.filter(case_id=pk).order_by("id").values()],
        "items": [{k: v for k, v in i.items() if k not in ("id", "case_id")}
                  for i in TargetItem.objects.filter(case_id=pk).order_by("id").values()],
        "history": list(CaseHistory.objects.filter(case_id=pk).order_by("id").values(
            "event", "actor_id", "actor_label", "from_state", "to_state", "changes", "reason")),
        "declaration": list(Declaration.objects.filter(case_id=pk).values("statements", "signature", "anonymous")),
        "submission": list(Submission.objects.filter(case_id=pk).values("organisation_id", "payload_digest")),
        "sealed": _sealed_columns(pk),
    }


def _sealed_columns(case_id: int) -> dict:
    """Which personal columns hold a ciphertext and which are empty, read from the database as it is stored."""
    out = {}
    for model, where in [(Case, "id"), (Party, "case_id"), (TargetItem, "case_id"), (Declaration, "case_id")]:
        plan = case_bulk.plan(model)
        columns = [f.column for f in plan.fields if f.attname in plan.sealed]
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT {", ".join(columns)} FROM "{model._meta.db_table}" WHERE "{where}" = %s '
                           f'ORDER BY "id"', [case_id])
            for n, row in enumerate(cursor.fetchall()):
                for column, value in zip(columns, row):
                    assert value == "" or value.startswith("enc1:"), (model, column, value)
                    out[f"{model.__name__}.{n}.{column}"] = "sealed" if value else ""
    return out


def one_by_one(api, items: list[dict]) -> list[dict]:
    """Post each item alone; the answers in the shape of a batch's results."""
    out = []
    for item in items:
        response = api("/cases", item)
        body = response.json()
        if response.status_code in (200, 201):
            out.append({"status": body["status"], "reference": body["reference"], "errors": []})
        else:
            out.append({"status": "invalid" if response.status_code == 422 else "conflict", "reference": None,
                        "errors": body["detail"]})
    return out


def as_batch(api, items: list[dict]) -> list[dict]:
    response = api("/cases/batch", {"items": items})
    assert response.status_code == 200, response.content
    return [{"status": r["status"], "reference": r["reference"], "errors": r["errors"]} for r in response.json()["results"]]


def assert_same(api, items: list[dict]) -> list[dict]:
    """Posting ``items`` one by one and as one batch (under other client keys) stores and answers the same."""
    alone = one_by_one(api, [{**item, "client_key": "alone-" + item["client_key"]} for item in items])
    together = as_batch(api, [{**item, "client_key": "batch-" + item["client_key"]} for item in items])
    assert [(a["status"], a["errors"]) for a in alone] == [(b["status"], b["errors"]) for b in together]
    for a, b in zip(alone, together):
        if a["reference"]:
            assert stored(a["reference"]) == stored(b["reference"])
    assert verify(CaseHistory.objects.all(), "case_history") is None
    return together


MIXED = [
    {},  # a complete notice
    {"signature": None, "accuracy_statement": False},  # incomplete: stored, its missing elements listed
    {"description": ""},  # refused by the kind's rules: nothing to act on
    {"country": "ZZ"},  # refused: not a country
    {"harm_category": "threat"},  # refused: not a field of this kind
    {"urls": ["https://en.wikipedia.org/w/index.php?title=Harbour&oldid=123456",
              "https://commons.wikimedia.org/wiki/File:Harbour.jpg"], "organisation": "Acme Photo Ltd",
     "requester_type": "individual", "language": "fr", "country": "fr"},
    {"name": None, "email": None, "signature": None},  # contact from the organisation
]


def test_a_batch_of_mixed_notices_stores_and_answers_exactly_what_posting_them_one_by_one_does(api, copyright_item):
    items = [copyright_item(f"k{n}", **changes) for n, changes in enumerate(MIXED)]
    assert_same(api, items)
    assert Case.objects.count() == 2 * 4
    assert Submission.objects.count() == 2 * 4


def test_a_batch_of_other_kinds_stores_what_posting_them_one_by_one_does(api):
    items = [
        {"kind": "content_takedown", "client_key": "t1", "description": "A page about me shows my address.",
         "requester_type": "individual", "content_ground": "privacy", "name": "Sam Doe", "email": "sam@example.org",
         "urls": ["https://en.wikipedia.org/wiki/Sam_Doe"], "good_faith": True},
        {"kind": "emergency_disclosure", "client_key": "e1", "description": "A threat to kill someone tonight.",
         "threat_type": "individual_violent", "email": "duty@police.example", "urls": ["https://en.wikipedia.org/wiki/X"]},
        {"kind": "user_data_request", "client_key": "u1", "description": "Subscriber data of two accounts.",
         "requester_type": "law_enforcement", "legal_process": "civil_subpoena", "accounts": ["Alice", "Bob"],
         "name": "Officer Roe", "official_title": "Detective", "email": "roe@police.example", "country": "US"},
        {"kind": "grievance", "client_key": "g1", "description": "The way my report was handled."},
    ]
    answers = assert_same(api, items)
    assert [a["status"] for a in answers].count("created") >= 3
    assert Case.objects.count() == 2 * [a["status"] for a in answers].count("created")


def test_a_batch_writes_each_cases_first_deadline_in_its_row_without_updating_the_rows_after(api):
    """The deadline the cases_created follow-up would set (review.deadlines) is in the INSERT; the follow-up finds
    nothing to change, so no UPDATE rewrites the chunk's rows (on PostgreSQL it cost more than the inserts)."""
    from django.test.utils import CaptureQueriesContext

    from rightsdesk.review import deadlines

    items = [
        {"kind": "harm_report", "client_key": "h1", "description": "He says he will kill me tonight.",
         "harm_category": "threat", "name": "Sam", "email": "sam@example.org"},  # an emergency: hours, not days
        {"kind": "harm_report", "client_key": "h2", "description": "Someone keeps reverting my edits rudely.",
         "harm_category": "harassment", "name": "Sam", "email": "sam@example.org"},
        {"kind": "grievance", "client_key": "g1", "description": "The way my report was handled."},
    ]
    with CaptureQueriesContext(connection) as queries:
        answers = as_batch(api, items)
    assert [a["status"] for a in answers] == ["created"] * 3
    assert not [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "due_at" in q["sql"]]
    spans = set()
    for answer in answers:
        case = Case.objects.get(reference=answer["reference"])
        assert case.due_at == deadlines.due_for(case, case.received_at)
        spans.add(case.due_at - case.received_at if case.due_at else None)
    assert len(spans) == 3  # three different allowances: the test would not see a deadline of the wrong kind


def test_a_replayed_batch_is_answered_from_its_records_and_stores_nothing_new(api, copyright_item):
    items = [copyright_item(f"r{n}", **changes) for n, changes in enumerate(MIXED)]
    first = api("/cases/batch", {"items": items}).json()
    counts = [model.objects.count() for model in (Case, Party, TargetItem, CaseHistory, Declaration, Submission)]

    again = api("/cases/batch", {"items": items}).json()

    assert [model.objects.count() for model in (Case, Party, TargetItem, CaseHistory, Declaration, Submission)] == counts
    assert again["created"] == 0 and again["replayed"] == first["created"] and again["failed"] == first["failed"]
    for old, new in zip(first["results"], again["results"]):
        assert new["reference"] == old["reference"]
        assert new["status"] == ("replayed" if old["status"] == "created" else old["status"])
        assert new["tracking_token"] is None


def test_a_new_batch_asks_nothing_about_its_keys_before_storing_them(api, copyright_item):
    """A key sent before is found when the unique (organisation, client key) constraint refuses its insert, so a
    new batch, the common case, makes no look-up of its keys (ten queries a thousand notices)."""
    from django.test.utils import CaptureQueriesContext

    items = [copyright_item(f"new{n}") for n in range(5)]
    with CaptureQueriesContext(connection) as queries:
        answer = api("/cases/batch", {"items": items}).json()
    assert answer["created"] == 5
    asked = [q["sql"] for q in queries.captured_queries
             if q["sql"].lstrip().upper().startswith("SELECT") and "intake_submission" in q["sql"]]
    assert asked == []


#: A batch sent after some of its keys were stored: (what the key was, what it answers).
KEYS_SENT_BEFORE = [
    ("the same item again", "replayed"),
    ("another item under the same key", "conflict"),
    ("a new key", "created"),
    ("the same item again", "replayed"),
    ("a new key", "created"),
]


@pytest.mark.parametrize("chunk", [1, 2, 500])
def test_a_batch_mixing_keys_sent_before_and_new_ones_answers_each_and_stores_only_the_new(api, copyright_item,
                                                                                           settings, chunk):
    settings.RIGHTSDESK_INTAKE = {**settings.RIGHTSDESK_INTAKE, "BATCH_CHUNK": chunk}
    before = {n: copyright_item(f"mix{n}") for n, (what, _) in enumerate(KEYS_SENT_BEFORE) if what != "a new key"}
    first = api("/cases/batch", {"items": list(before.values())}).json()
    references = dict(zip(before, (r["reference"] for r in first["results"])))
    cases = Case.objects.count()

    items = [copyright_item(f"mix{n}", **({"description": "Something else entirely."}
                                            if what == "another item under the same key" else {}))
             for n, (what, _) in enumerate(KEYS_SENT_BEFORE)]
    answer = api("/cases/batch", {"items": items}).json()

    assert [r["status"] for r in answer["results"]] == [status for _, status in KEYS_SENT_BEFORE]
    for n, result in enumerate(answer["results"]):
        if result["status"] == "replayed":
            assert result["reference"] == references[n]
    new = sum(1 for _, status in KEYS_SENT_BEFORE if status == "created")
    assert Case.objects.count() == cases + new == Submission.objects.count()
    assert verify(CaseHistory.objects.all(), "case_history") is None


def test_a_failure_in_the_middle_of_a_chunk_leaves_nothing_of_that_chunk(api, copyright_item, settings, monkeypatch):
    """A batch is stored a chunk per transaction: a chunk that fails after its cases were inserted leaves no
    case, party, item, history entry or submission of it, and the history chain still verifies; the chunks
    stored before it are whole, and sending the batch again stores the rest."""
    settings.RIGHTSDESK_INTAKE = {**settings.RIGHTSDESK_INTAKE, "BATCH_CHUNK": 2}
    items = [copyright_item(f"f{n}") for n in range(5)]
    real_insert = case_bulk.insert
    inserted_items = itertools.count()

    def failing(model, rows, **kwargs):
        if model is TargetItem and next(inserted_items) == 1:  # the second chunk, after its cases and parties
            raise RuntimeError("the disk is full")
        return real_insert(model, rows, **kwargs)

    monkeypatch.setattr(case_bulk, "insert", failing)
    with pytest.raises(RuntimeError):
        api("/cases/batch", {"items": items})

    assert Case.objects.count() == 2 and Submission.objects.count() == 2
    for case in Case.objects.all():
        assert case.parties.count() == 1 and case.items.count() == 1 and case.history.count() == 1
    assert Party.objects.count() == 2 and TargetItem.objects.count() == 2 and CaseHistory.objects.count() == 2
    assert verify(CaseHistory.objects.all(), "case_history") is None

    monkeypatch.setattr(case_bulk, "insert", real_insert)
    answer = api("/cases/batch", {"items": items}).json()
    assert (answer["replayed"], answer["created"]) == (2, 3)
    assert Case.objects.count() == 5 and verify(CaseHistory.objects.all(), "case_history") is None


# --- generated batches --------------------------------------------------------------------------------------

_text = st.text(alphabet=st.sampled_from("abc XYZ éü ع 中 ,.'-"), min_size=1, max_size=40).map(str.strip)
_urls = st.lists(st.sampled_from([
    "https://commons.wikimedia.org/wiki/File:Harbour.jpg", "https://en.wikipedia.org/wiki/Harbour",
    "https://de.wikipedia.org/w/index.php?title=Hafen&oldid=42", "https://fr.wikipedia.org/wiki/Utilisateur:Pat",
]), min_size=0, max_size=3, unique=True)
_notice = st.fixed_dictionaries({"kind": st.just("copyright_notice"), "description": _text}, optional={
    "copyrighted_work": _text, "urls": _urls, "name": _text, "organisation": _text,
    "email": st.sampled_from(["pat@acme.example", "a.b@example.org"]),
    "country": st.sampled_from(["US", "de", "XK", "ZZ"]),
    "requester_type": st.sampled_from(["company", "individual", "law_firm"]),
    "good_faith": st.booleans(), "accuracy_statement": st.booleans(), "signature": _text,
    "language": st.sampled_from(["en", "fr", "ar"]),
})
_runs = itertools.count()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(notices=st.lists(_notice, min_size=1, max_size=6))
def test_generated_batches_store_what_posting_each_notice_alone_stores(api, notices):
    run = next(_runs)
    assert_same(api, [{**notice, "client_key": f"g{run}-{n}"} for n, notice in enumerate(notices)])


@pytest.mark.django_db(transaction=True)
def test_a_record_that_points_at_nothing_stores_nothing_of_its_chunk_and_is_caught_before_the_chain_is_locked():
    """A chunk's Submission and Declaration rows are written with its cases (``add_dependent_rows``), before the
    history is sealed. A row whose foreign key points at nothing undoes the whole chunk. On PostgreSQL, where
    foreign keys are checked at commit, the writer checks them before it locks the chain's head (``bulk.
    check_deferred``), so the other app servers never wait for a chunk that will fail."""
    from django.db import IntegrityError, transaction
    from django.test.utils import CaptureQueriesContext

    from rightsdesk.cases import services as case_services

    prepared = case_services.prepare_cases_bulk([{
        "fields": {"kind": "copyright_notice", "requester_type": "company", "description": "Private text"},
        "parties": [{"role": "requester", "name": "Agent", "email": "agent@example.org"}],
        "reason": "bulk test"}], actor="api:Agency")
    case_services.add_dependent_rows(prepared, Submission, [{
        "organisation_id": 10**9, "client_key": "k1", "case_id": 0, "payload_digest": "d", "created_at": prepared.now}])

    with CaptureQueriesContext(connection) as queries, pytest.raises(IntegrityError):
        with transaction.atomic():
            case_services.write_cases_bulk(prepared)

    for model in (Case, Party, CaseHistory, Submission):
        assert model.objects.count() == 0, model
    assert verify(CaseHistory.objects.all(), "case_history") is None
    if connection.vendor == "postgresql":  # SQLite has no row locks: its writer holds the database's lock
        assert not [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
