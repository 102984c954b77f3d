"""cases_case carries the indexes its queries use and no more: every new case writes each of them (bulk intake a
thousand at a time), and at a million cases the eight unused ones took 60 % of an intake batch's inserts on PostgreSQL
(docs/performance.md §1, "the indexes of a case")."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from rightsdesk.cases.models import NULL_ON_NEW_CASES, Case, CaseHistory

pytestmark = pytest.mark.django_db


def indexes_of_cases() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Case._meta.db_table)
    return {name: info["columns"] for name, info in found.items() if info["index"] and not info["primary_key"]}


def test_each_index_the_model_names_is_in_the_database_on_its_columns():
    indexes = indexes_of_cases()
    for index in Case._meta.indexes:
        assert index.name in indexes, index.name
        assert indexes[index.name] == [Case._meta.get_field(name).column for name in index.fields], index.name


@pytest.mark.parametrize("column", ["kind", "state"])
def test_the_kind_and_the_state_are_indexed_only_as_the_first_column_of_a_pair(column):
    alone = [name for name, columns in indexes_of_cases().items() if columns == [column]]
    pairs = [name for name, columns in indexes_of_cases().items() if len(columns) > 1 and columns[0] == column]
    assert alone == [] and pairs, (alone, pairs)


def test_the_reference_is_unique_by_one_index_of_its_own():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Case._meta.db_table)
    on_reference = [info for info in found.values() if info["columns"] == ["reference"]]
    assert len(on_reference) == 1 and on_reference[0]["unique"], on_reference
    if connection.vendor == "postgresql":  # SQLite keeps the column's inline UNIQUE, which it names itself
        assert "case_reference_unique" in found


def test_two_cases_cannot_share_a_reference(make_case):
    from django.db import IntegrityError, transaction

    first = make_case()
    second = make_case()
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.objects.filter(pk=second.pk).update(reference=first.reference)


def test_a_case_is_still_found_by_its_tracking_token_digest_kind_and_state_through_an_index():
    """The look-ups the dropped indexes stood for are served by the ones kept (the plan names an index)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's plans name the index; SQLite's planner is checked by the same queries' speed (bench)")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for where in ("tracking_token_digest = 'x'", "kind = 'appeal'", "state IN ('received', 'triage')"):
            cursor.execute(f"EXPLAIN SELECT id FROM cases_case WHERE {where}")
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "Index" in plan, (where, plan)


#: The tables an API notice writes a row in (bulk intake), each index of them written for every notice.
NOTICE_TABLES = ["cases_case", "cases_party", "cases_targetitem", "cases_casehistory", "intake_submission",
                 "intake_declaration"]


@pytest.mark.parametrize("table", NOTICE_TABLES)
def test_no_text_column_a_notice_writes_has_postgresqls_pattern_matching_copy_of_its_index(table):
    """``LIKE 'prefix%'`` is asked of none of them (the reference is searched by ``icontains``, which the copy cannot
    serve; the digests and the project are looked up by value): each copy would be one more B-tree every notice
    writes, the reference's and the digests' at random places."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    assert sorted(name for name in found if name.endswith("_like")) == []


@pytest.mark.parametrize("table", NOTICE_TABLES)
def test_a_column_that_leads_a_longer_index_has_no_index_of_its_own(table):
    """An index on (a, b) or a unique (a, b) serves every look-up by a: an index on a alone is one more B-tree each
    notice writes (Party.case beside party_case_role, Submission.organisation beside its unique key)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    indexes = [info["columns"] for info in found.values()
               if (info["index"] or info["unique"]) and not info["primary_key"] and info["columns"]]
    leading = {columns[0] for columns in indexes if len(columns) > 1}
    alone = sorted(columns[0] for columns in indexes if len(columns) == 1 and columns[0] in leading)
    assert alone == []


def test_whether_a_case_is_incomplete_is_not_indexed():
    """No query filters on it (the case page and the API show it)."""
    assert [name for name, columns in indexes_of_cases().items() if columns == ["incomplete"]] == []


# --- indexed only where set ---------------------------------------------------------------------------------------

#: Columns empty on (nearly) every new row, each indexed only where it is set: (model, field, index name).
INDEXED_WHERE_SET = [*((Case, name, f"case_{name}_set") for name in NULL_ON_NEW_CASES),
                     (CaseHistory, "actor", "history_actor_set")]


def index_definition(table: str, name: str) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s", [table, name])
        row = cursor.fetchone()
    return row[0] if row else ""


@pytest.mark.parametrize("model,name,index", INDEXED_WHERE_SET, ids=[f"{m.__name__}.{n}" for m, n, _ in INDEXED_WHERE_SET])
def test_a_column_empty_on_every_new_row_is_indexed_only_where_it_is_set(model, name, index):
    """A new case (or an API's history entry) writes none of these indexes: its value is NULL."""
    column = model._meta.get_field(name).column
    table = model._meta.db_table
    definition = index_definition(table, index).replace('"', "")
    assert f"({column})" in definition and re.search(rf"WHERE \(?{column} IS NOT NULL\)?$", definition), definition
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    assert [n for n, info in found.items() if info["index"] and info["columns"] == [column]] == [index]


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


#: The look-ups these columns are asked: each names a value, so each implies the value is set.
LOOKUPS = [
    ("the cases assigned to someone", lambda: Case.objects.filter(assigned_to_id=1), "case_assigned_to_set"),
    ("the appeals of a case", lambda: Case.objects.filter(appeal_of_id=1), "case_appeal_of_set"),
    ("the duplicates of a case", lambda: Case.objects.filter(duplicate_of_id=1), "case_duplicate_of_set"),
    ("the cases decided in a period", lambda: Case.objects.filter(decided_at__gte="2026-01-01T00:00:00Z",
                                                                  decided_at__lt="2026-07-01T00:00:00Z"),
     "case_decided_at_set"),
    ("what a person did", lambda: CaseHistory.objects.filter(actor_id__in=[1, 2]), "history_actor_set"),
]


@pytest.mark.parametrize("what,queryset,index", LOOKUPS, ids=[w for w, _q, _i in LOOKUPS])
def test_a_look_up_by_a_value_uses_the_index_of_the_rows_where_it_is_set(what, queryset, index):
    plan = _plan(queryset().only("id").order_by())
    assert index in plan, (what, plan)
