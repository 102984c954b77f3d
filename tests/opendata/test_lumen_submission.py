"""Sending published notices to Lumen: 201 stores Lumen's id, 422 keeps the errors and is not retried, 5xx and
timeouts are retried by the task worker with backoff; against a fake of Lumen's API served over real HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.opendata import conf, lumen_client, tasks
from rightsdesk.opendata.models import LumenSubmission
from rightsdesk.transparency.exports import lumen
from rightsdesk.transparency.models import PublicRecord

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db
S = LumenSubmission.Status


@pytest.fixture
def three_notices(decided_case):
    for n in range(3):
        decided_case(c.Kind.COPYRIGHT_NOTICE, outcome=c.Outcome.REJECTED, subject=f"Notice {n}",
                     received_at=utc(2026, 1, 1 + n), decided_at=utc(2026, 2, 1 + n))
    publish_all()
    return list(PublicRecord.objects.listed().order_by("sort_key"))


def test_lumen_is_off_by_default(settings):
    assert not conf.lumen_enabled()
    assert tasks.send_to_lumen.call() == {"skipped": "Lumen is not configured"}


def test_a_201_stores_lumens_id_and_the_payload_is_the_exports_mapping(three_notices, fake_lumen):
    report = lumen_client.submit_due()
    assert (report.submitted, report.rejected, report.failed) == (3, 0, 0)
    rows = {s.record_id: s for s in LumenSubmission.objects.all()}
    assert {s.status for s in rows.values()} == {S.SUBMITTED}
    assert sorted(s.lumen_id for s in rows.values()) == ["90001", "90002", "90003"]
    first = fake_lumen.requests[0]
    assert first["token"] == fake_lumen.token and first["content_type"] == "application/json"
    assert first["payload"] == lumen.notice_json(PublicRecord.objects.get(pk=three_notices[0].pk))
    assert lumen_client.submit_due().submitted == 0 and len(fake_lumen.requests) == 3  # never sent twice


def test_a_422_keeps_lumens_errors_and_is_not_retried(three_notices, fake_lumen):
    fake_lumen.refuse_titles = {three_notices[1].title}
    report = lumen_client.submit_due()
    assert (report.submitted, report.rejected) == (2, 1)
    refused = LumenSubmission.objects.get(record=three_notices[1])
    assert refused.status == S.REJECTED and refused.last_status_code == 422
    assert "Works attributes is invalid" in refused.last_error
    lumen_client.submit_due()
    assert len(fake_lumen.requests) == 3  # not sent again


def test_a_500_or_a_timeout_is_retried_with_backoff_until_stored(three_notices, fake_lumen, monkeypatch):
    fake_lumen.fail_next = 1
    fake_lumen.stall_next = 0
    report = lumen_client.submit_due()
    assert (report.submitted, report.failed) == (2, 1)
    failed = LumenSubmission.objects.get(status=S.FAILED)
    assert failed.last_status_code == 500 and failed.attempts == 1 and "HTTP 500" in failed.last_error
    assert failed.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert lumen_client.submit_due().submitted == 0  # not before its backoff
    assert 0 < lumen_client.next_retry_in() <= 60
    LumenSubmission.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    fake_lumen.stall_next = 1  # a timeout this time
    lumen_client.submit_due()
    failed.refresh_from_db()
    assert failed.status == S.FAILED and failed.attempts == 2 and failed.last_status_code is None
    assert "timed out" in failed.last_error.lower() or "timeout" in failed.last_error.lower()
    assert failed.next_attempt_at > timezone.now() + timedelta(seconds=110)  # the backoff doubles
    LumenSubmission.objects.filter(pk=failed.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert tasks.send_to_lumen.call() == {"submitted": 1, "rejected": 0, "failed": 0}
    failed.refresh_from_db()
    assert failed.status == S.SUBMITTED and failed.attempts == 3 and failed.lumen_id


def test_the_task_worker_comes_back_for_failed_notices(three_notices, fake_lumen):
    from django_tasks_db.models import DBTaskResult

    fake_lumen.fail_next = 3
    assert tasks.send_to_lumen.call() == {"submitted": 0, "rejected": 0, "failed": 3}
    waiting = DBTaskResult.objects.filter(task_path=tasks.send_to_lumen.module_path, status="READY")
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now()


def test_a_wrong_token_stops_the_run_and_marks_nothing(three_notices, fake_lumen, settings):
    settings.RIGHTSDESK_LUMEN = {**settings.RIGHTSDESK_LUMEN, "TOKEN": "wrong"}
    with pytest.raises(lumen_client.LumenUnauthorised):
        lumen_client.submit_due()
    assert len(fake_lumen.requests) == 1
    assert set(LumenSubmission.objects.values_list("status", "attempts")) == {(S.PENDING, 0)}
