"""Shared fixtures of the report tests: the demo data set, built once per module.

Import the fixtures into a test module with
``from tests.reports.report_fixtures import demo_data  # noqa: F401``.
The data is put in inside a transaction that is rolled back when the module
is done, and each test runs in a savepoint inside it, so tests stay isolated
without building the demo for every test. The demo is built once per test
process and copied into each later module (tests/demo_snapshot.py).
"""

from __future__ import annotations

import pytest
from django.db import transaction

SEED = 20250701
#: Two decided half-years of the demo, and the current one with its open cases.
DEMO_PERIODS = ["2025-H2", "2026-H1", "2026-H2"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    from tests import demo_snapshot

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_snapshot.load(seed=SEED)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
