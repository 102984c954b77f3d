"""Delivering one notice: the work of the background task, with retries and a visible status.

A delivery is never silently dropped. Each attempt is counted; a failure
stores the error (addresses masked) and either schedules the next attempt
with a growing delay (status "queued", ``next_attempt_at`` set) or, after the
last attempt, marks the notice "failed" so it shows on the outbox with a
retry button. The message is sent outside any database transaction so a slow
SMTP server never holds locks, and the status is written before and after.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from rightsdesk.core.digests import link_digest, new_link_token

from . import bookkeeping, config, rendering
from .models import Notice
from .notifier import NotDeliverable, OutgoingMessage, describe_error, get_notifier

logger = logging.getLogger("rightsdesk.notices")

#: A notice left "sending" this long (a worker died mid-send) is picked up again by send_notices.
STALE_SENDING_MINUTES = 15


#: What a notice's appeal token is sealed for (privacy.crypto.seal_text): it opens for nothing else.
APPEAL_TOKEN_PURPOSE = "notices.appeal-link"


def appeal_token(notice: Notice) -> str:
    """The token of the notice's appeal link: made at the first attempt, the same at every attempt after it.

    An attempt that reached the person can still count as failed (the server took the message, then the connection
    broke), and the next one sends the message again: a new token there would leave the link in the first e-mail
    dead. So the token is kept between attempts, sealed with the keys of the personal data for this purpose only
    (as the receipt task keeps a tracking link), beside its digest, which is what the link is looked up by; once
    the notice is sent the seal is dropped (:func:`deliver`) and only the digest stays. A seal that no longer opens
    (its key was removed) means a new token: the only case where an earlier link stops working.
    """
    from rightsdesk.privacy import crypto

    if notice.appeal_token_sealed and notice.appeal_token_digest:
        try:
            token = crypto.open_text(notice.appeal_token_sealed, APPEAL_TOKEN_PURPOSE)
        except crypto.DecryptionError:
            token = ""
        if token and link_digest(token) == notice.appeal_token_digest:
            return token
    token = new_link_token()
    notice.appeal_token_digest = link_digest(token)
    notice.appeal_token_sealed = crypto.seal_text(token, APPEAL_TOKEN_PURPOSE)
    return token


def _message(notice: Notice, now) -> tuple[str, OutgoingMessage]:
    """The message to send, and the text to keep once it is sent: dates written in, the private link left out."""
    link = deadline = disclose_after = None
    if notice.purpose in bookkeeping.APPEALABLE:
        link = rendering.appeal_url(appeal_token(notice), notice.language)
        deadline = config.add_months(now, config.appeal_window_months())
    if notice.purpose == Notice.Purpose.PRIOR_DISCLOSURE:
        from datetime import timedelta

        disclose_after = now + timedelta(days=int(config.get("DISCLOSURE_WAIT_DAYS")))
    body = rendering.final_body(notice.body, notice.language, link=link or "", deadline=deadline,
                                disclose_after=disclose_after)
    kept = rendering.final_body(notice.body, notice.language, link=rendering.APPEAL_LINK_MARKER, deadline=deadline,
                                disclose_after=disclose_after)
    return kept, OutgoingMessage(
        subject=notice.subject, body=body, language=notice.language, reference=notice.case.reference,
        to_email=notice.party.email if notice.party_id else "",
        to_account=notice.recipient_account or (notice.party.account_name if notice.party_id else ""),
    )


def deliver(notice_id: int, now=None, *, enqueue: bookkeeping.Enqueue | None = None) -> str:
    """Make one delivery attempt; returns the notice's status afterwards.

    ``enqueue`` queues further attempts (a retry, notices a lapsed hold released); the delivery task passes
    ``tasks.enqueue_delivery``. Without it they wait for the next :func:`send_due`.
    """
    now = now or timezone.now()
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
        if notice is None:
            return "missing"
        if notice.status != Notice.Status.QUEUED:
            return notice.status  # sent, cancelled or changed by staff meanwhile: nothing to do
        bookkeeping.release_due_holds(now=now, case=notice.case, enqueue=enqueue)
        hold = bookkeeping.active_hold_for(notice, now)
        if hold:
            bookkeeping.hold_notice(notice, hold, "system")
            return notice.status
        notice.status = Notice.Status.SENDING
        notice.attempts += 1
        sent_text, message = _message(notice, now)
        notice.save()
    try:
        get_notifier().send(message)
    except Exception as exc:  # any failure of any backend is recorded, never lost
        return _failed(notice.pk, exc, permanent=isinstance(exc, NotDeliverable), enqueue=enqueue)
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        notice.status = Notice.Status.SENT
        notice.sent_at = now
        # What was sent, as the recipient read it (the appeal link stays out: it is private, kept as a digest).
        notice.body = sent_text
        notice.appeal_token_sealed = ""  # sent: no attempt will write the link again; its digest is enough
        notice.last_error = ""
        notice.next_attempt_at = None
        notice.save()
        bookkeeping.record_event(notice, "system", "sent", attempts=notice.attempts)
        logger.info("notice sent notice=%s case=%s attempts=%s", notice.pk, notice.case.reference, notice.attempts)
    # The message is out and recorded as sent; what follows must never undo that.
    try:
        with transaction.atomic():
            if notice.purpose in bookkeeping.TO_ACCOUNT_HOLDER:
                bookkeeping.update_accounts_notified(notice.case)
            bookkeeping.check_case_notified(notice.case)
    except Exception:
        logger.exception("after-send bookkeeping failed notice=%s case=%s", notice.pk, notice.case.reference)
    return Notice.Status.SENT


def _failed(notice_id: int, exc: BaseException, *, permanent: bool, enqueue: bookkeeping.Enqueue | None) -> str:
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(pk=notice_id)
        notice.last_error = describe_error(exc)
        if permanent or notice.attempts >= int(config.get("MAX_ATTEMPTS")):
            notice.status = Notice.Status.FAILED
            notice.next_attempt_at = None
        else:
            notice.status = Notice.Status.QUEUED
            notice.next_attempt_at = timezone.now() + config.retry_delay(notice.attempts)
        notice.save()
        bookkeeping.record_event(notice, "system", "delivery_failed", attempts=notice.attempts,
                         next_attempt=notice.next_attempt_at.isoformat() if notice.next_attempt_at else "")
        logger.warning("notice delivery failed notice=%s case=%s attempt=%s error=%s", notice.pk,
                       notice.case.reference, notice.attempts, exc.__class__.__name__)
        if notice.status == Notice.Status.QUEUED and enqueue is not None:
            enqueue(notice.pk, run_after=notice.next_attempt_at)
    return notice.status


def due_notices(now=None):
    """Queued notices whose next attempt is due, and sends interrupted mid-way."""
    from django.db.models import Q
    from datetime import timedelta

    now = now or timezone.now()
    stale = now - timedelta(minutes=STALE_SENDING_MINUTES)
    return Notice.objects.filter(
        Q(status=Notice.Status.QUEUED) & (Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        | Q(status=Notice.Status.SENDING, updated_at__lte=stale)
    ).order_by("id")


def send_due(now=None, *, enqueue: bookkeeping.Enqueue | None = None) -> dict:
    """Release expired holds, then attempt every due delivery (the periodic job and `rightsdesk send_notices`)."""
    now = now or timezone.now()
    released = bookkeeping.release_due_holds(now=now, enqueue=enqueue)
    results: dict[str, int] = {}
    for notice in due_notices(now):
        if notice.status == Notice.Status.SENDING:
            Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING).update(status=Notice.Status.QUEUED)
        status = deliver(notice.pk, now=now, enqueue=enqueue)
        results[status] = results.get(status, 0) + 1
    return {"holds_released": released, **results}


