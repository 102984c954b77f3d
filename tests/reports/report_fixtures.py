"""Shared fixtures of the report tests: the demo data set, built once per module.

Import the fixtures into a test module with
``from tests.reports.report_fixtures import demo_data  # noqa: F401``.
The data is built inside a transaction that is rolled back when the module
is done, and each test runs in a savepoint inside it, so tests stay isolated
without building the demo (5 s) for every test.
"""

from __future__ import annotations

import pytest
from django.db import transaction

SEED = 20250701
#: Two decided half-years of the demo, and the current one with its open cases.
DEMO_PERIODS = ["2025-H2", "2026-H1", "2026-H2"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    from rightsdesk import demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo.build(seed=SEED, write=lambda *args: None)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
