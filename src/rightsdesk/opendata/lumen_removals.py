"""Copies Lumen stored of notices whose text the public log no longer shows: staff ask Lumen to remove each one.

Withdrawal is the remedy when a notice published something it should not have. A notice not yet sent to Lumen is
never sent then (``lumen_client.due`` sends listed notices only), but a copy Lumen already stored stays there:
Lumen's API has no withdrawal, so a person has to ask Lumen (by e-mail or its web form) to take it down. So that
nobody has to remember which, the withdrawal opens a :class:`~.models.LumenRemoval` (:func:`open_after_withdrawal`,
called by name from ``case_followups.record_withdrawn``; ``lumen_client`` calls it too when Lumen's 201 comes back
for a notice withdrawn while it was being sent). It stays on the staff page (``staff_views.lumen_page``) until
someone records that they asked Lumen (:func:`record_lumen_removal_asked`) and then that Lumen removed the copy
(:func:`record_lumen_removed`); each is written to the audit trail, as staff's other actions on open data are.

A notice written again while staying in the log is the same problem: the re-check redacted it further (personal
data the current rules recognise), or staff published it again after changing its redaction. Lumen's API has no
update either, so Lumen keeps the old text; :func:`open_after_rewrite` (``case_followups.record_republished``, and
``lumen_client`` for a 201 that comes back after the rewrite) opens the same item, its ``cause`` saying which.
Staff publishing again may have changed nothing Lumen got (the payload's digest kept with Lumen's 201 equals the one
the record gives now): then no item is opened, and one still open that nobody asked Lumen about yet (a notice
withdrawn, then published again unchanged) is closed as "no need to ask", with a note saying why. It may have changed
only a date or the decision: for that cause alone staff may close the item by recording why there is no need to ask
(:func:`record_lumen_removal_not_needed`, audited as the others are).

Those who may withdraw a notice from the log (``transparency.publish_notice``) are those who ask Lumen to remove it.
The page reads no case: Lumen's id, the cause, the day the log stopped showing Lumen's text, a withdrawal's public
statement (the redacted reason the notice's own page shows), and what staff recorded here.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import require
from rightsdesk.audit.services import record_access
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.transparency.exports import lumen
from rightsdesk.transparency.models import PublicRecord
from rightsdesk.transparency.publishing import PUBLISH_PERMISSION

from . import conf
from .models import LumenRemoval, LumenSubmission

logger = logging.getLogger("rightsdesk.opendata.lumen")

#: Who asks Lumen to remove a copy and records it: who may withdraw a notice from the log.
PERMISSION = PUBLISH_PERMISSION
#: The longest note kept with a step (where and how Lumen was asked: an e-mail's subject, a ticket number).
NOTE_MAX = 1000


Cause = LumenRemoval.Cause
#: Which cause wins when an open item is opened again for another (the stronger: no "no need to ask" for it).
_STRENGTH = {Cause.REPUBLISHED: 1, Cause.RECHECKED: 2, Cause.WITHDRAWN: 3}
#: The cause as the audit trail says it (English, as the trail's other purposes are).
_AUDIT_CAUSE = {Cause.WITHDRAWN: "withdrawn from the log", Cause.RECHECKED: "redacted further by the re-check",
                Cause.REPUBLISHED: "published again by staff"}


def open_after_withdrawal(record) -> LumenRemoval | None:
    """The notice ``record`` was withdrawn: if Lumen stored a copy, it is to be removed (the item, opened once).

    Returns the open item, or None when Lumen holds no copy (never sent, refused, failed) or its removal was already
    recorded. See :func:`_open` for the locking and for an item that already exists.
    """
    return _open(record, Cause.WITHDRAWN, record.unpublished_at or timezone.now())


def open_after_rewrite(record, *, rechecked: bool) -> LumenRemoval | None:
    """The notice ``record`` was written again with another public text while staying in the log (``rechecked``:
    by the redaction re-check, which redacted it further; otherwise staff published it again): if Lumen stored a
    copy, Lumen keeps the old text, which is to be removed. Same answers as :func:`open_after_withdrawal`.

    Staff publishing again opens nothing when Lumen's copy is exactly the payload the record now gives (the digest
    kept with Lumen's 201 equals that of ``lumen.notice_json`` of the record as just written, :func:`lumen_holds`):
    Lumen then holds exactly what the log now shows, byte for byte of what was sent, so it shows nothing the log
    withholds and there is nothing to remove: an item of that copy still open and not yet asked about (the notice was
    withdrawn, then published again unchanged) is closed as "no need to ask" (:func:`_close_as_held_again`). A
    digest unknown (a copy stored before digests were kept) or different opens the item as before. The re-check
    always opens it: it found personal data in the notice, and what Lumen got is for a person to check, not for this
    comparison (a withdrawal, :func:`open_after_withdrawal`, always does too).

    The day is the rewrite's (the record's ``texts_written_at``, which both ways of writing it again set).
    """
    return _open(record, Cause.RECHECKED if rechecked else Cause.REPUBLISHED, record.texts_written_at or timezone.now(),
                 unless_lumen_holds_it=not rechecked)


def lumen_holds(submission: LumenSubmission, record) -> bool:
    """Whether the copy Lumen stored is the payload ``record`` gives now (``record`` read as stored, with its items):
    the digest kept with the 201 equals the digest of the payload built from it. An empty digest (not stored, or
    stored before digests were kept) is unknown: not the same. ``lumen_client`` asks this of a 201 too."""
    return bool(submission.payload_digest) and lumen.digest(lumen.notice_json(record)) == submission.payload_digest


def _open(record, cause: str, since, *, unless_lumen_holds_it: bool = False) -> LumenRemoval | None:
    """Open the record's item for ``cause``, or bring the existing one (one per copy Lumen stored) up to date.

    The submission's row is locked so that a 201 being recorded at the same moment is seen: either this finds the
    notice stored, or ``lumen_client.submit_one`` finds it withdrawn or rewritten and calls this again. With
    ``unless_lumen_holds_it``, nothing is opened when Lumen's copy is the record's payload now, and an item of this
    copy that nobody acted on yet is closed as "no need to ask" (:func:`_close_as_held_again`: e.g. a notice
    withdrawn, then published again unchanged).

    An item that exists already: removed by Lumen, it stays closed (the copy is gone, whatever changed since);
    closed by staff as "no need to ask", it is reopened for ``cause`` (Lumen's copy now differs from the log by
    more than staff judged); open, it keeps the stronger cause (a withdrawal or a re-check, which found personal
    data, outranks staff publishing again). Its ``withdrawn_at`` stays the first day the log stopped showing
    Lumen's text, and a day Lumen was asked stays recorded (the request was to remove the copy, whatever the cause).
    """
    submission = (LumenSubmission.objects.select_for_update()
                  .filter(record_id=record.pk, status=LumenSubmission.Status.SUBMITTED).first())
    if submission is None:
        return None
    if unless_lumen_holds_it and submission.payload_digest:
        written = PublicRecord.objects.prefetch_related("items").get(pk=record.pk)  # its items as written
        if lumen_holds(submission, written):
            logger.info("lumen.removal_not_needed %s lumen id %s: Lumen holds the payload the log gives now",
                        record.public_id, submission.lumen_id)
            _close_as_held_again(submission, written)
            return None
    removal, created = LumenRemoval.objects.select_for_update().get_or_create(
        submission=submission, lumen_id=submission.lumen_id, defaults={"withdrawn_at": since, "cause": cause})
    if created:
        logger.info("lumen.removal_needed %s lumen id %s (%s)", record.public_id, submission.lumen_id, cause)
        return removal
    if removal.removed_on:
        return None
    if removal.not_needed_at is not None:
        removal.not_needed_at, removal.not_needed_by, removal.not_needed_note = None, None, ""
        removal.cause = cause
        removal.save(update_fields=["not_needed_at", "not_needed_by", "not_needed_note", "cause"])
        logger.info("lumen.removal_reopened %s lumen id %s (%s)", record.public_id, removal.lumen_id, cause)
    elif _STRENGTH[cause] > _STRENGTH[removal.cause]:
        removal.cause = cause
        removal.save(update_fields=["cause"])
    return removal


def _day(when, *, field: str, missing: str, not_before: date | None, too_early: str) -> date:
    """The day a step was taken: given, not in the future, not before the step it follows."""
    if isinstance(when, datetime):
        when = timezone.localdate(when) if timezone.is_aware(when) else when.date()
    if not isinstance(when, date):
        raise DomainError(missing, code="required", field=field)
    if when > timezone.localdate():
        raise DomainError(_("The day cannot be in the future."), code="in_future", field=field)
    if not_before is not None and when < not_before:
        raise DomainError(too_early % {"day": not_before.isoformat()}, code="too_early", field=field)
    return when


def _note(note) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(_("Keep the note under %(max)d characters.") % {"max": NOTE_MAX}, code="too_long",
                          field="note")
    return note


def _notice(removal: LumenRemoval) -> str:
    """The notice as the audit trail names it: its public id and why Lumen's copy is to go."""
    public_id = LumenSubmission.objects.filter(pk=removal.submission_id).values_list("record__public_id",
                                                                                     flat=True).get()
    return f"notice {public_id} ({_AUDIT_CAUSE[removal.cause]})"


@transaction.atomic
def record_lumen_removal_asked(removal: LumenRemoval, by, when, note: str = "") -> LumenRemoval:
    """``by`` asked Lumen on ``when`` to remove its copy (``note``: where, how). Recorded once: of two people
    recording it at the same moment, one is told it was already done."""
    require(by, PERMISSION, doing=_("record that Lumen was asked to remove a notice"))
    when = _day(when, field="when", missing=_("Give the day Lumen was asked to remove the notice."),
                not_before=None, too_early="")
    note = _note(note)
    if not LumenRemoval.objects.filter(pk=removal.pk, asked_on__isnull=True, not_needed_at__isnull=True).update(
            asked_on=when, asked_by=by, asked_note=note):
        if LumenRemoval.objects.filter(pk=removal.pk, not_needed_at__isnull=False).exists():
            raise Conflict(_not_needed_already(), code="not_needed")
        raise Conflict(_("Someone already recorded that Lumen was asked to remove this notice."),
                       code="already_asked")
    removal.refresh_from_db()
    record_access(by, "lumen_removal", obj=removal,
                  purpose=f"recorded that Lumen was asked on {when.isoformat()} to remove its copy "
                          f"(Lumen id {removal.lumen_id}) of {_notice(removal)}")
    return removal


@transaction.atomic
def record_lumen_removed(removal: LumenRemoval, by, when, note: str = "") -> LumenRemoval:
    """Lumen removed its copy on ``when`` (``by`` checked, e.g. its page is gone): the item is closed. Only after
    Lumen was asked (the page's order); recorded once.

    A notice still in the log (redacted further, published again, or withdrawn and published again since) then has
    no copy at Lumen: its current text is sent again (:func:`_send_again`)."""
    require(by, PERMISSION, doing=_("record that Lumen removed a notice"))
    removal.refresh_from_db()
    if removal.asked_on is None:
        raise DomainError(_("First record the day Lumen was asked to remove the notice."), code="not_asked")
    when = _day(when, field="when", missing=_("Give the day Lumen removed the notice."),
                not_before=removal.asked_on,
                too_early=_("Lumen was asked on %(day)s; give that day or a later one."))
    note = _note(note)
    if not LumenRemoval.objects.filter(pk=removal.pk, removed_on__isnull=True).update(
            removed_on=when, removed_by=by, removed_note=note):
        raise Conflict(_("Someone already recorded that Lumen removed this notice."), code="already_removed")
    removal.refresh_from_db()
    record_access(by, "lumen_removal", obj=removal,
                  purpose=f"recorded that Lumen removed on {when.isoformat()} its copy "
                          f"(Lumen id {removal.lumen_id}) of {_notice(removal)}")
    _send_again(removal)
    return removal


def _send_again(removal: LumenRemoval) -> bool:
    """Queue the notice's current text for Lumen when the copy just removed was the one Lumen holds and the notice is
    in the log: Lumen's archive should hold what the log shows, no less. A withdrawn notice is not sent (``due``
    sends public ones only, and this leaves it stored); a copy sent since is left alone."""
    if not PublicRecord.objects.filter(lumen_submission=removal.submission_id, is_public=True,
                                       unpublished_at__isnull=True).exists():
        return False
    sent_again = LumenSubmission.objects.filter(
        pk=removal.submission_id, status=LumenSubmission.Status.SUBMITTED, lumen_id=removal.lumen_id).update(
        status=LumenSubmission.Status.PENDING, attempts=0, lumen_id="", submitted_at=None, next_attempt_at=None,
        last_status_code=None, last_error="", payload_digest="")
    if sent_again:
        logger.info("lumen.send_again lumen id %s removed; the notice's current text is queued", removal.lumen_id)
    return bool(sent_again)


def _not_needed_already() -> str:
    return _("Someone already recorded that there is no need to ask Lumen about this notice.")


#: Why "no need to ask" is refused for a cause: Lumen's copy may hold personal data the log no longer shows.
_MUST_ASK = {
    Cause.WITHDRAWN: lambda: _("Lumen must be asked to remove its copy of a notice withdrawn from the log. "
                               "Only a notice published again by staff may be closed without asking."),
    Cause.RECHECKED: lambda: _("Lumen must be asked to remove its copy: the re-check found personal data in the "
                               "notice. Only a notice published again by staff may be closed without asking."),
}


@transaction.atomic
def record_lumen_removal_not_needed(removal: LumenRemoval, by, note: str) -> LumenRemoval:
    """``by`` judged that Lumen need not be asked: staff published the notice again, and what changed (``note``,
    required: a date, the decision) concerned no personal data, so Lumen's copy shows nothing the log withholds.
    The item is closed. Only for that cause (a withdrawal or the re-check's finding always needs the request) and
    before Lumen was asked (then record that Lumen removed it); recorded once."""
    require(by, PERMISSION, doing=_("record that there is no need to ask Lumen to remove a notice"))
    removal = LumenRemoval.objects.select_for_update().get(pk=removal.pk)
    if removal.cause in _MUST_ASK:
        raise DomainError(_MUST_ASK[removal.cause](), code="must_ask")
    if removal.removed_on is not None:
        raise Conflict(_("Someone already recorded that Lumen removed this notice."), code="already_removed")
    if removal.not_needed_at is not None:
        raise Conflict(_not_needed_already(), code="not_needed")
    if removal.asked_on is not None:
        raise DomainError(_("Lumen was already asked to remove this notice; record the day it removed it instead."),
                          code="already_asked")
    note = _note(note)
    if not note:
        raise DomainError(_("Say what changed when the notice was published again, and why it concerns no "
                            "personal data."), code="required", field="note")
    return _close_not_needed(removal, by, note, why="the change concerned no personal data")


def _close_not_needed(removal: LumenRemoval, by, note: str, *, why: str) -> LumenRemoval:
    """Close ``removal`` (locked, open, not asked) as "no need to ask Lumen", ``by`` (a user, or a label for the audit
    trail), with ``note`` kept on the item and ``why`` in the audit trail: staff's judgement
    (:func:`record_lumen_removal_not_needed`) and Lumen's copy matching the log again (:func:`_close_as_held_again`)
    record it alike."""
    removal.not_needed_at, removal.not_needed_note = timezone.now(), note
    removal.not_needed_by = None if isinstance(by, str) else by
    removal.save(update_fields=["not_needed_at", "not_needed_by", "not_needed_note"])
    record_access(by, "lumen_removal", obj=removal,
                  purpose=f"recorded that there is no need to ask Lumen to remove its copy "
                          f"(Lumen id {removal.lumen_id}) of {_notice(removal)}: {why}")
    return removal


#: The note kept on an item closed because Lumen's copy matches the log again (English: it is shown on no page, and
#: the audit trail's purposes are English too).
HELD_AGAIN_NOTE = ("Closed when the notice was published again: the payload Lumen would get now is byte for byte the "
                   "copy Lumen stored (same digest), so Lumen shows nothing the log does not.")


def _close_as_held_again(submission: LumenSubmission, record) -> LumenRemoval | None:
    """Staff published the notice again and Lumen's copy is exactly the payload ``record`` gives now (the caller,
    :func:`_open`, checked it with the submission's row locked): an open item of that copy, opened when the log
    stopped showing it (a withdrawal, or an earlier republication), has nothing left to remove. Nobody asked Lumen
    yet: it is closed as "no need to ask", by the publisher, with :data:`HELD_AGAIN_NOTE`; whatever its cause, since
    Lumen now holds what the log shows. Lumen already asked: left open, since Lumen may remove the copy, and staff
    then record it (the copy is sent again, :func:`_send_again`). Returns the item closed, or None."""
    removal = (LumenRemoval.objects.select_for_update().still_open()
               .filter(submission=submission, lumen_id=submission.lumen_id, asked_on__isnull=True).first())
    if removal is None:
        return None
    by = record.published_by or "system"  # publish_as_system keeps no publisher
    _close_not_needed(removal, by, HELD_AGAIN_NOTE,
                      why="the notice was published again as Lumen holds it (same payload digest)")
    logger.info("lumen.removal_closed %s lumen id %s: published again as Lumen holds it", record.public_id,
                removal.lumen_id)
    return removal


# --- What the staff page reads -----------------------------------------------------------------------------------


def open_removals():
    """Items still open, oldest first (by the day the log stopped showing Lumen's text), with what the page shows of
    their notice (its public id, a withdrawal's public statement of why) and nothing else of it."""
    return (LumenRemoval.objects.still_open()
            .select_related("submission__record", "asked_by")
            .only("lumen_id", "cause", "withdrawn_at", "asked_on", "asked_note", "asked_by__username",
                  "submission__record__public_id", "submission__record__unpublish_reason"))


def counts() -> dict[str, int]:
    """{"to_ask": open items nobody has asked Lumen about yet, "asked": asked and waiting for Lumen}."""
    found = LumenRemoval.objects.still_open().aggregate(
        to_ask=Count("pk", filter=Q(asked_on__isnull=True)), asked=Count("pk", filter=Q(asked_on__isnull=False)))
    return {"to_ask": found["to_ask"] or 0, "asked": found["asked"] or 0}


def notice_url(lumen_id: str) -> str:
    """Lumen's page of the copy it stored (``{RIGHTSDESK_LUMEN_URL}/notices/<id>``); "" without a URL or an id."""
    base = (conf.lumen().get("URL") or "").rstrip("/")
    return f"{base}/notices/{lumen_id}" if base and lumen_id else ""
