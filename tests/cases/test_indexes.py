"""cases_case carries the indexes its queries use and no more: every new case writes each of them (bulk intake a
thousand at a time), and at a million cases the eight unused ones took 60 % of an intake batch's inserts on PostgreSQL
(docs/performance.md §1, "the indexes of a case")."""

from __future__ import annotations

import pytest
from django.db import connection

from rightsdesk.cases.models import Case

pytestmark = pytest.mark.django_db


def indexes_of_cases() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Case._meta.db_table)
    return {name: info["columns"] for name, info in found.items() if info["index"] and not info["primary_key"]}


def test_each_index_the_model_names_is_in_the_database_on_its_columns():
    indexes = indexes_of_cases()
    for index in Case._meta.indexes:
        assert index.name in indexes, index.name
        assert indexes[index.name] == list(index.fields), index.name


@pytest.mark.parametrize("column", ["kind", "state"])
def test_the_kind_and_the_state_are_indexed_only_as_the_first_column_of_a_pair(column):
    alone = [name for name, columns in indexes_of_cases().items() if columns == [column]]
    pairs = [name for name, columns in indexes_of_cases().items() if len(columns) > 1 and columns[0] == column]
    assert alone == [] and pairs, (alone, pairs)


def test_no_text_column_of_a_case_has_postgresqls_pattern_matching_copy_of_its_index_but_the_reference():
    """``LIKE 'prefix%'`` is asked of no column of a case; the reference keeps its copy with its unique constraint."""
    copies = sorted(name for name in indexes_of_cases() if name.endswith("_like"))
    assert copies == ([] if connection.vendor == "sqlite" else ["cases_case_reference_cb43aa34_like"])


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
