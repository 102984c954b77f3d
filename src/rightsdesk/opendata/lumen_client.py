"""Sending published notices to Lumen through its notice-submission API (``POST {url}/notices``).

The payload is the Lumen export's mapping (``transparency.exports.lumen.notice_json``), built from the reviewed
public record only. Lumen's answers (/work/shared/reference/lumen-notice.md):

- **201**: stored. Lumen's id (the body's ``id`` or the ``Location`` header's last segment) is kept, and the digest of
  the bytes sent (``lumen.digest``; not the text): what Lumen holds, told from what the log shows later.
- **422**: Lumen refuses the notice; its error list is kept and the notice is *not* sent again (the same notice
  would be refused again: correct its public record, then ``resubmit``).
- **401**: the token is wrong; nothing is marked, the run stops (retrying cannot help).
- **5xx, 429, a timeout or a network error**: failed; the task worker tries again later, with backoff
  (``backoff_seconds``), up to ``MAX_ATTEMPTS`` times.

The token goes in the ``X-Authentication-Token`` header. Each notice's state is a ``LumenSubmission``.

Lumen's API has no withdrawal and no update: a stored copy of a notice since withdrawn from the log, or since written
again with another public text, is for staff to ask Lumen to remove (``lumen_removals``), including one whose 201
came back after the withdrawal or the rewrite.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from rightsdesk.core.errors import DomainError
from rightsdesk.transparency.exports import lumen
from rightsdesk.transparency.models import PublicRecord

from . import conf, lumen_removals
from .models import LumenSubmission

logger = logging.getLogger("rightsdesk.opendata.lumen")
S = LumenSubmission.Status


class LumenNotConfigured(DomainError):
    code = "lumen_not_configured"


class LumenUnauthorised(DomainError):
    code = "lumen_unauthorised"


@dataclass
class Report:
    submitted: int = 0
    rejected: int = 0
    failed: int = 0
    errors: dict[str, str] = field(default_factory=dict)


def backoff_seconds(attempts: int) -> int:
    """After the n-th failed attempt: 1, 2, 4, 8 ... minutes, at most 6 hours."""
    return min(60 * 2 ** max(attempts - 1, 0), 6 * 3600)


def post(url: str, token: str, payload: dict, timeout: float) -> tuple[int, dict, str]:
    """One POST; returns (status, body as JSON or {}, Location). Network errors and timeouts raise OSError."""
    request = urllib.request.Request(
        url.rstrip("/") + "/notices", data=lumen.encode(payload), method="POST",
        headers={"Content-Type": "application/json", "Accept": "application/json", "X-Authentication-Token": token})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - configured https URL
            status, raw, location = response.status, response.read(), response.headers.get("Location", "")
    except urllib.error.HTTPError as exc:
        status, raw, location = exc.code, exc.read(), exc.headers.get("Location", "") if exc.headers else ""
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        body = {"message": raw[:500].decode("utf-8", "replace")}
    return status, body if isinstance(body, (dict, list)) else {"message": str(body)}, location


def _error_text(body) -> str:
    if isinstance(body, list):
        return "; ".join(str(e) for e in body)[:2000]
    if isinstance(body, dict):
        errors = body.get("errors", body)
        if isinstance(errors, dict):
            return "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, list) else v}"
                             for k, v in errors.items())[:2000]
        return str(errors)[:2000]
    return str(body)[:2000]


def queue_published() -> int:
    """A pending submission for each notice in the public log that has none yet; returns how many were added."""
    waiting = (PublicRecord.objects.listed().filter(lumen_submission__isnull=True).order_by("sort_key")
               .values_list("pk", flat=True))  # oldest decision first
    created = LumenSubmission.objects.bulk_create([LumenSubmission(record_id=pk) for pk in waiting])
    return len(created)


def due(now=None):
    now = now or timezone.now()
    max_attempts = int(conf.lumen()["MAX_ATTEMPTS"])
    return (LumenSubmission.objects.filter(status__in=[S.PENDING, S.FAILED], attempts__lt=max_attempts,
                                           record__is_public=True)
            .exclude(next_attempt_at__gt=now).select_related("record").order_by("id"))


def submit_one(submission: LumenSubmission, *, url: str, token: str, timeout: float) -> str:
    """Send one notice and store Lumen's answer; returns the new status. 401 raises LumenUnauthorised."""
    record = PublicRecord.objects.prefetch_related("items").get(pk=submission.record_id)
    payload = lumen.notice_json(record)
    problems = lumen.check(payload)
    now = timezone.now()
    submission.attempts += 1
    if problems:  # refused before sending: Lumen would answer 422 too
        submission.status, submission.last_status_code = S.REJECTED, None
        submission.last_error = "; ".join(problems)
    else:
        try:
            status, body, location = post(url, token, payload, timeout)
        except (OSError, TimeoutError) as exc:
            status, body, location = None, {"message": f"{type(exc).__name__}: {exc}"}, ""
        submission.last_status_code = status
        if status == 401:
            submission.attempts -= 1
            raise LumenUnauthorised("Lumen refused the token (401): check RIGHTSDESK_LUMEN_TOKEN.")
        if status == 201:
            lumen_id = str((body or {}).get("id", "")) if isinstance(body, dict) else ""
            submission.status, submission.lumen_id = S.SUBMITTED, lumen_id or location.rstrip("/").rsplit("/", 1)[-1]
            submission.last_error, submission.submitted_at, submission.next_attempt_at = "", now, None
            submission.payload_digest = lumen.digest(payload)
        elif status == 422:
            submission.status, submission.last_error, submission.next_attempt_at = S.REJECTED, _error_text(body), None
        else:
            submission.status = S.FAILED
            submission.last_error = (f"HTTP {status}: " if status else "") + _error_text(body)
            submission.next_attempt_at = now + timedelta(seconds=backoff_seconds(submission.attempts))
    submission.save()
    logger.info("lumen.submission %s %s attempt %d", record.public_id, submission.status, submission.attempts)
    if submission.status == S.SUBMITTED:
        _after_late_201(submission)
    return submission.status


def _after_late_201(submission: LumenSubmission) -> None:
    """Lumen stored the payload sent: if the log no longer shows it, Lumen holds a copy someone must ask it to remove.

    Withdrawn from the log while it was on its way, or written again meanwhile (the re-check redacted it further,
    or staff published it again). A rewrite is told by what Lumen stored differing from what the record gives now
    (``lumen_removals.lumen_holds``: the digest just kept against the record's payload now), not by comparing
    times: the rewrite takes its time (the record's ``texts_written_at``) before it commits, so a rewrite begun
    before this notice was read and committed after it would carry an earlier time and be missed. Read after the
    submission's row was saved (locked): a withdrawal or rewrite that found the submission not yet stored
    (``lumen_removals`` locks that row) has committed by now, and is seen here.
    """
    record = PublicRecord.objects.prefetch_related("items").get(pk=submission.record_id)
    if record.unpublished_at is not None:
        lumen_removals.open_after_withdrawal(record)
    elif not lumen_removals.lumen_holds(submission, record):
        # Staff publishing clears the review's rechecked_at; still set, the last rewrite was the re-check's.
        rechecked = PublicRecord.objects.filter(pk=record.pk, redaction__rechecked_at__isnull=False).exists()
        lumen_removals.open_after_rewrite(record, rechecked=rechecked)


def submit_due(limit: int = 200) -> Report:
    """Queue new notices and send every one due (pending, or failed and past its backoff)."""
    config = conf.lumen()
    if not conf.lumen_enabled():
        raise LumenNotConfigured("Set RIGHTSDESK_LUMEN_URL and RIGHTSDESK_LUMEN_TOKEN to send notices to Lumen.")
    queue_published()
    report = Report()
    for submission in list(due()[:limit]):
        with transaction.atomic():
            status = submit_one(submission, url=config["URL"], token=config["TOKEN"], timeout=config["TIMEOUT"])
        if status == S.SUBMITTED:
            report.submitted += 1
        elif status == S.REJECTED:
            report.rejected += 1
            report.errors[submission.record.public_id] = submission.last_error
        else:
            report.failed += 1
    return report


def submission_counts() -> dict[str, int]:
    """How many notices stand in each state with Lumen ({status: n}, every status named), for the staff page."""
    found = dict(LumenSubmission.objects.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: found.get(status, 0) for status in S.values}


def next_retry_in(now=None) -> int | None:
    """Seconds until the next failed submission may be tried again (None: nothing to retry)."""
    now = now or timezone.now()
    max_attempts = int(conf.lumen()["MAX_ATTEMPTS"])
    upcoming = (LumenSubmission.objects.filter(status=S.FAILED, attempts__lt=max_attempts)
                .order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first())
    if upcoming is None:
        return None
    return max(int((upcoming - now).total_seconds()), 1)
