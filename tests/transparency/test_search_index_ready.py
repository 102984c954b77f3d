"""After a bulk load the log's search index is ready at once: nothing waits in GIN's pending list (PostgreSQL).

A pending list makes every search walk the unsorted rows written since the last VACUUM: a rare word took 196 ms at
100k notices instead of 0.3 ms, until autovacuum happened to run (migration transparency 0006 explains the fix).
"""

from __future__ import annotations

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)  # the loader sets SQLite pragmas outside a transaction


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN's pending list exists only on PostgreSQL; "
                    "SQLite's FTS5 index is written with each row")
def test_a_bulk_load_leaves_no_rows_pending_in_the_full_text_index():
    from bench import datagen
    from rightsdesk.transparency.models import PublicRecord

    datagen.generate(400, seed=11)
    assert PublicRecord.objects.count() > 100
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        cursor.execute("SELECT pending_pages, pending_tuples FROM pgstatginindex('notice_search_gin')")
        pending_pages, pending_tuples = cursor.fetchone()
    assert (pending_pages, pending_tuples) == (0, 0)
