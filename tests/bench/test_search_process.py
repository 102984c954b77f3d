"""The search benchmark measures the API in a process prepared as the server's is: its heap frozen after warming up
(``core.warmup``), so a full collection of the whole application does not land in a sample (issue 20, §3)."""

from __future__ import annotations

import gc

import pytest

# transaction=True: the generator sets SQLite pragmas, which SQLite refuses inside a transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def test_the_search_benchmark_freezes_its_heap_before_measuring_as_the_server_does():
    from bench import datagen, search

    datagen.generate(40, seed=5)
    gc.unfreeze()
    try:
        figures = search.run(reps=1, api_reps=1, budget=0.05)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert figures["process"] == search.PROCESS
