"""A batch's client keys are looked up by the unique (organisation, client key) index, not by reading the table.

PostgreSQL weighs the keys named in one look-up against a scan of the whole table. When one organisation sends most
notices (a copyright agent), 500 keys of it made the scan look cheaper at ~80,000 submissions: a parallel scan of
12-13 ms against 0.6 ms by the index, 26 ms of a 1,000-notice batch (docs/performance.md). ``LOOKUP_KEYS`` keys a
look-up keep the index the cheaper plan."""

from __future__ import annotations

import pytest
from django.db import connection

from rightsdesk.accounts.models import Organisation
from rightsdesk.intake.models import Submission
from rightsdesk.intake.submissions import LOOKUP_KEYS

pytestmark = pytest.mark.django_db

#: Submissions of one organisation in the table, as when one agent sent most of them.
SUBMISSIONS = 40_000


@pytest.fixture
def one_agents_submissions(make_case):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's planner takes the index for any list of keys; PostgreSQL's weighs a scan against it")
    agent = Organisation.objects.create(name="Copyright Agent")
    case = make_case()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO intake_submission (client_key, payload_digest, created_at, case_id, organisation_id) "
            "SELECT 'agent-' || g, repeat('0', 64), now(), %s, %s FROM generate_series(1, %s) g",
            [case.pk, agent.pk, SUBMISSIONS])
        cursor.execute("ANALYZE intake_submission")
    return agent


@pytest.mark.parametrize("keys, by_the_index", [
    (LOOKUP_KEYS, True),  # what intake.submissions._lookup names at once
    (500, False),  # what it named before: the table was read
])
def test_a_look_up_of_a_batchs_keys_uses_the_index_when_it_names_few_enough(one_agents_submissions, keys,
                                                                            by_the_index):
    asked = [f"new-{n}" for n in range(keys)]
    plan = Submission.objects.select_related("case").filter(
        organisation=one_agents_submissions, client_key__in=asked).explain()
    assert ("intake_submission_unique_key" in plan) is by_the_index, plan
