"""Copies Lumen stored of notices since withdrawn from the public log: staff ask Lumen to remove each one.

Withdrawal is the remedy when a notice published something it should not have. A notice not yet sent to Lumen is
never sent then (``lumen_client.due`` sends listed notices only), but a copy Lumen already stored stays there:
Lumen's API has no withdrawal, so a person has to ask Lumen (by e-mail or its web form) to take it down. So that
nobody has to remember which, the withdrawal opens a :class:`~.models.LumenRemoval` (:func:`open_after_withdrawal`,
called by name from ``case_followups.record_withdrawn``; ``lumen_client`` calls it too when Lumen's 201 comes back
for a notice withdrawn while it was being sent). It stays on the staff page (``staff_views.lumen_page``) until
someone records that they asked Lumen (:func:`record_lumen_removal_asked`) and then that Lumen removed the copy
(:func:`record_lumen_removed`); each is written to the audit trail, as staff's other actions on open data are.

Those who may withdraw a notice from the log (``transparency.publish_notice``) are those who ask Lumen to remove it.
The page reads no case: Lumen's id, the withdrawal's day and its public statement (the redacted reason the notice's
own page shows), and what staff recorded here.
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
from rightsdesk.transparency.publishing import PUBLISH_PERMISSION

from . import conf
from .models import LumenRemoval, LumenSubmission

logger = logging.getLogger("rightsdesk.opendata.lumen")

#: Who asks Lumen to remove a copy and records it: who may withdraw a notice from the log.
PERMISSION = PUBLISH_PERMISSION
#: The longest note kept with a step (where and how Lumen was asked: an e-mail's subject, a ticket number).
NOTE_MAX = 1000


def open_after_withdrawal(record) -> LumenRemoval | None:
    """The notice ``record`` was withdrawn: if Lumen stored a copy, it is to be removed (the item, opened once).

    The submission's row is locked so that a 201 being recorded at the same moment is seen: either this finds the
    notice stored, or ``lumen_client.submit_one`` finds it withdrawn and calls this again. Returns the open item,
    or None when Lumen holds no copy (never sent, refused, failed) or its removal was already recorded.
    """
    submission = (LumenSubmission.objects.select_for_update()
                  .filter(record_id=record.pk, status=LumenSubmission.Status.SUBMITTED).first())
    if submission is None:
        return None
    withdrawn_at = record.unpublished_at or timezone.now()
    removal, created = LumenRemoval.objects.get_or_create(
        submission=submission, defaults={"lumen_id": submission.lumen_id, "withdrawn_at": withdrawn_at})
    if created:
        logger.info("lumen.removal_needed %s lumen id %s", record.public_id, submission.lumen_id)
    return None if removal.removed_on else removal


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


def _public_id(removal: LumenRemoval) -> str:
    return LumenSubmission.objects.filter(pk=removal.submission_id).values_list("record__public_id", flat=True).get()


@transaction.atomic
def record_lumen_removal_asked(removal: LumenRemoval, by, when, note: str = "") -> LumenRemoval:
    """``by`` asked Lumen on ``when`` to remove its copy (``note``: where, how). Recorded once: of two people
    recording it at the same moment, one is told it was already done."""
    require(by, PERMISSION, doing=_("record that Lumen was asked to remove a notice"))
    when = _day(when, field="when", missing=_("Give the day Lumen was asked to remove the notice."),
                not_before=None, too_early="")
    note = _note(note)
    if not LumenRemoval.objects.filter(pk=removal.pk, asked_on__isnull=True).update(
            asked_on=when, asked_by=by, asked_note=note):
        raise Conflict(_("Someone already recorded that Lumen was asked to remove this notice."),
                       code="already_asked")
    removal.refresh_from_db()
    record_access(by, "lumen_removal", obj=removal,
                  purpose=f"recorded that Lumen was asked on {when.isoformat()} to remove its copy "
                          f"(Lumen id {removal.lumen_id}) of withdrawn notice {_public_id(removal)}")
    return removal


@transaction.atomic
def record_lumen_removed(removal: LumenRemoval, by, when, note: str = "") -> LumenRemoval:
    """Lumen removed its copy on ``when`` (``by`` checked, e.g. its page is gone): the item is closed. Only after
    Lumen was asked (the page's order); recorded once."""
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
                          f"(Lumen id {removal.lumen_id}) of withdrawn notice {_public_id(removal)}")
    return removal


# --- What the staff page reads -----------------------------------------------------------------------------------


def open_removals():
    """Copies not yet removed, oldest withdrawal first, with what the page shows of their notice (its public id,
    its public statement of why it was withdrawn) and nothing else of it."""
    return (LumenRemoval.objects.filter(removed_on__isnull=True)
            .select_related("submission__record", "asked_by")
            .only("lumen_id", "withdrawn_at", "asked_on", "asked_note", "asked_by__username",
                  "submission__record__public_id", "submission__record__unpublish_reason"))


def counts() -> dict[str, int]:
    """{"to_ask": open items nobody has asked Lumen about yet, "asked": asked and waiting for Lumen}."""
    found = LumenRemoval.objects.filter(removed_on__isnull=True).aggregate(
        to_ask=Count("pk", filter=Q(asked_on__isnull=True)), asked=Count("pk", filter=Q(asked_on__isnull=False)))
    return {"to_ask": found["to_ask"] or 0, "asked": found["asked"] or 0}


def notice_url(lumen_id: str) -> str:
    """Lumen's page of the copy it stored (``{RIGHTSDESK_LUMEN_URL}/notices/<id>``); "" without a URL or an id."""
    base = (conf.lumen().get("URL") or "").rstrip("/")
    return f"{base}/notices/{lumen_id}" if base and lumen_id else ""
