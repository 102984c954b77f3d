"""The DSA client against a local fake of the Transparency Database: batches ≤100, retries, 201 only."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.cases import choices as c
from rightsdesk.transparency.exports import dsa
from rightsdesk.transparency.exports.dsa_client import DsaAuthError, DsaClient, DsaClientError, Response
from rightsdesk.transparency.models import DsaSubmission

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db


def statements(*args, **kwargs):
    """The statements of reasons once every decided case's public record is approved and published."""
    publish_all()
    return dsa.statements(*args, **kwargs)


def statements_for(decided_case, cases=1, items=3):
    for _ in range(cases):
        decided_case(items=[{"url": f"https://de.wikipedia.org/wiki/P{n}", "project": "de.wikipedia.org"} for n in range(items)],
                     outcome=c.Outcome.GRANTED, actions=[c.Action.REMOVE] * items, decided_at=utc(2025, 8, 1),
                     content_ground=c.ContentGround.DEFAMATION)
    return list(statements())


def client_for(fake, **options):
    options.setdefault("sleep", lambda seconds: None)
    return DsaClient(fake.url, fake.token, **options)


def test_statements_go_in_batches_of_at_most_100_and_201_marks_them_stored(decided_case, fake_dsa):
    rows = statements_for(decided_case, cases=3, items=70)  # 210 statements
    report = client_for(fake_dsa).submit(rows)
    assert [r["count"] for r in fake_dsa.requests] == [100, 100, 10]
    assert report.submitted == 210 and len(fake_dsa.stored) == 210
    assert DsaSubmission.objects.filter(status=DsaSubmission.Status.SUBMITTED).count() == 210
    assert DsaSubmission.objects.exclude(uuid="").count() == 210


def test_a_batch_size_over_100_is_refused(fake_dsa):
    with pytest.raises(DsaClientError):
        DsaClient(fake_dsa.url, fake_dsa.token, batch_size=101)


def test_failures_are_retried_with_backoff_until_a_201(decided_case, fake_dsa):
    rows = statements_for(decided_case)
    fake_dsa.fail_next = 2
    waits = []
    report = client_for(fake_dsa, sleep=waits.append, backoff=0.5).submit(rows)
    assert len(fake_dsa.requests) == 3 and waits == [0.5, 1.0] and report.submitted == 3


def test_a_success_other_than_201_is_not_success(decided_case, fake_dsa):
    rows = statements_for(decided_case)
    fake_dsa.fail_next, fake_dsa.fail_status = 10, 200
    report = client_for(fake_dsa, max_attempts=3).submit(rows)
    assert report.submitted == 0 and report.failed == 3 and len(fake_dsa.requests) == 3
    assert set(DsaSubmission.objects.values_list("status", flat=True)) == {DsaSubmission.Status.FAILED}
    # The next run sends them again, and they are stored.
    fake_dsa.fail_next = 0
    assert client_for(fake_dsa).submit(rows).submitted == 3


def test_an_unreachable_endpoint_is_retried_then_marked_failed(decided_case):
    rows = statements_for(decided_case)
    report = DsaClient("http://127.0.0.1:9", "t", max_attempts=2, sleep=lambda s: None, timeout=2).submit(rows)
    assert report.failed == 3 and report.requests == 2


def test_duplicates_count_as_already_stored_and_the_rest_of_the_batch_is_sent_again(decided_case, fake_dsa):
    rows = statements_for(decided_case, items=5)
    fake_dsa.stored[rows[1]["puid"]] = {"uuid": "old-1"}
    fake_dsa.stored[rows[3]["puid"]] = {"uuid": "old-3"}
    report = client_for(fake_dsa).submit(rows, record=True)
    assert (report.submitted, report.existing) == (3, 2)
    assert [r["count"] for r in fake_dsa.requests] == [5, 3]
    statuses = dict(DsaSubmission.objects.values_list("puid", "status"))
    assert statuses[rows[1]["puid"]] == DsaSubmission.Status.EXISTING and statuses[rows[0]["puid"]] == "submitted"


def test_statements_already_stored_are_not_sent_again(decided_case, fake_dsa):
    rows = statements_for(decided_case)
    client_for(fake_dsa).submit(rows)
    report = client_for(fake_dsa).submit(rows)
    assert len(fake_dsa.requests) == 1 and report.requests == 0


def test_a_statement_rejected_for_another_reason_is_recorded_and_the_others_still_go(decided_case, fake_dsa):
    rows = statements_for(decided_case)
    rows[1] = {**rows[1], "puid": ""}
    client = client_for(fake_dsa)
    submitted = []
    original = client._mark

    def mark(statement, status, *args):
        submitted.append((statement["puid"], status))
        return original(statement, status, *args)

    client._mark = mark
    report = client.submit(rows)
    assert (report.submitted, report.rejected) == (2, 1) and ("", "rejected") in submitted


def test_a_bad_token_stops_at_once(decided_case, fake_dsa):
    rows = statements_for(decided_case)
    with pytest.raises(DsaAuthError, match="401"):
        DsaClient(fake_dsa.url, "wrong", sleep=lambda s: None).submit(rows)
    assert len(fake_dsa.requests) == 1 and fake_dsa.stored == {}


def test_a_422_naming_no_statement_is_not_resent_forever():
    client = DsaClient("http://127.0.0.1:9", "t", sleep=lambda s: None)
    calls = []

    def post(batch):
        calls.append(len(batch))
        return Response(422, {"errors": {"statements": ["malformed"]}})

    client.post = post
    report = client.submit([{"puid": "A-1"}, {"puid": "A-2"}], record=False)
    assert calls == [2] and report.rejected == 2


def test_the_export_command_submits_to_the_configured_endpoint(decided_case, fake_dsa, settings):
    statements_for(decided_case)
    settings.RIGHTSDESK_DSA_ENDPOINT, settings.RIGHTSDESK_DSA_TOKEN = fake_dsa.url, fake_dsa.token
    out = io.StringIO()
    call_command("export", "dsa", "--period", "2025-H2", "--submit", stdout=out)
    assert "3 stored" in out.getvalue() and len(fake_dsa.stored) == 3
    settings.RIGHTSDESK_DSA_TOKEN = "wrong"
    DsaSubmission.objects.all().delete()
    with pytest.raises(CommandError, match="401"):
        call_command("export", "dsa", "--period", "2025-H2", "--submit", stdout=io.StringIO())


def test_submitting_without_configuration_says_what_to_set(decided_case, settings, monkeypatch):
    statements_for(decided_case)
    settings.RIGHTSDESK_DSA_ENDPOINT = ""
    monkeypatch.delenv("RIGHTSDESK_DSA_ENDPOINT", raising=False)
    with pytest.raises(CommandError, match="RIGHTSDESK_DSA_ENDPOINT"):
        call_command("export", "dsa", "--period", "2025-H2", "--submit", stdout=io.StringIO())
