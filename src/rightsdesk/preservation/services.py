"""Every change to a preservation, one function each: record the request, record that the records were preserved,
renew once, release, refuse. Each checks the permission (accounts.access), validates (nothing is stored when it
refuses), writes in one transaction, notes the step in the case history (field names, never the accounts) and writes
an audit entry.

The 90 days are the clocks app's rule ``us-2703f-preservation`` (18 U.S.C. § 2703(f)(2)): preserving starts the
case's clocks, the renewal is the clock's extension (clocks.services.extend, allowed once), and the release meets
the clock (the rule's on-expiry step is "release the records"). An authority outside the United States has no
statutory clock: the platform keeps the records for the same 90 days (renewable once), counted here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop  # history reasons: stored in English (review.timeline)

from rightsdesk.accounts import access
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.cases.policy import APPROVER_PERMISSIONS, PRESERVATION_PERSONAL_FIELDS, WORKER_PERMISSIONS
from rightsdesk.cases.services import record
from rightsdesk.clocks import services as clocks
from rightsdesk.clocks.models import Clock, ClockRule, ClockType
from rightsdesk.core.country_codes import is_country_code
from rightsdesk.core.errors import DomainError
from rightsdesk.core.meanwhile import taken_meanwhile
from rightsdesk.core.moments import moment_text

from . import validation
from .models import KEPT_STATES, Preservation, State

#: The rule that keeps the 90 days (clocks/migrations/0004_preservation_kind.py).
RULE_KEY = "us-2703f-preservation"
#: The period, and the one renewal, if that rule were ever deleted.
PERIOD = timedelta(days=90)


def _terms() -> tuple[timedelta, timedelta]:
    """The period and the renewal when no statutory clock runs (an authority outside the United States): the same
    terms as the rule's, as an administrator keeps them, so that one period is counted one way for every authority."""
    rule = ClockRule.objects.filter(key=RULE_KEY, clock_type=ClockType.HOURS).first()
    if rule is None:
        return PERIOD, PERIOD
    return timedelta(hours=rule.duration), timedelta(hours=rule.extension or rule.duration)
PURPOSE = "preservation request"


def _note(case: Case, actor, step: str, fields=(), reason: str = "") -> None:
    record(case, CaseHistory.Event.NOTE, actor, reason=reason, changes={"preservation": step, "fields": list(fields)})
    record_access(actor, "other", case=case, fields=fields, purpose=f"{PURPOSE}: {step}")


def _locked(preservation: Preservation) -> Preservation:
    return Preservation.objects.select_for_update().select_related("case").get(pk=preservation.pk)


def _moved_on(preservation: Preservation) -> DomainError | None:
    """Who released or refused ``preservation`` (a colleague, after the page was opened), and when, as the refusal of
    a step that makes impossible (core.meanwhile); None when it is neither, or its case's history does not say."""
    if preservation.state not in (State.RELEASED, State.REFUSED):
        return None
    entry = (preservation.case.history.filter(event=CaseHistory.Event.NOTE, changes__preservation=preservation.state)
             .select_related("actor").order_by("-id").first())
    if entry is None:
        return None
    return taken_meanwhile(entry.who, preservation.get_state_display(), entry.at)


def clock_of(case: Case) -> Clock | None:
    return Clock.objects.filter(case=case, rule__key=RULE_KEY).select_related("rule").first()


@transaction.atomic
def record_request(case: Case, values: dict, actor) -> Preservation:
    """Record (or correct, while nothing is preserved yet) who asks to keep which records and on what basis.

    ``values``: authority_name, authority_country, legal_basis, authority_reference, accounts (one per line)."""
    access.require(actor, WORKER_PERMISSIONS, doing=_("record a preservation request"))
    if case.kind != c.Kind.PRESERVATION_REQUEST:
        raise DomainError(_("Only a case of kind 'Preservation request' records a preservation: change the case's "
                            "kind first."), code="not_a_preservation_request")
    existing = Preservation.objects.select_for_update().filter(case=case).first()
    if existing is not None and existing.state != State.REQUESTED:
        raise DomainError(_("The records are already preserved: the request can no longer be changed."),
                          code="preservation_started")
    name = validation.required_text(values.get("authority_name"), "authority_name",
                                    _("Name the requesting authority."), 200)
    country = (values.get("authority_country") or "").strip().upper()
    if not country:
        raise DomainError(_("Choose the country of the authority."), code="authority_country_required",
                          field="authority_country")
    if not is_country_code(country):
        raise DomainError(_("'%(code)s' is not a country code: choose the country of the authority from the list.")
                          % {"code": country[:10]}, code="authority_country_unknown", field="authority_country")
    basis = validation.required_text(values.get("legal_basis"), "legal_basis",
                                     _("Give the legal basis the authority relies on (e.g. 18 U.S.C. § 2703(f))."))
    reference = (values.get("authority_reference") or "").strip()
    if len(reference) > 300:
        raise DomainError(_("At most %(n)d characters.") % {"n": 300}, code="authority_reference_too_long",
                          field="authority_reference")
    names = validation.accounts(values.get("accounts"))
    preservation = existing or Preservation(case=case)
    preservation.authority_name, preservation.authority_country, preservation.legal_basis = name, country, basis
    preservation.authority_reference = reference
    preservation.accounts, preservation.accounts_count = "\n".join(names), len(names)
    preservation.full_clean(exclude=["case"])
    preservation.save()
    _note(case, actor, "requested" if existing is None else "corrected",
          fields=("authority_name", "authority_country", "legal_basis", "authority_reference", "accounts"))
    return preservation


@transaction.atomic
def record_preserved(preservation: Preservation, systems_reference: str, description: str, actor,
                     at: datetime | None = None) -> Preservation:
    """The records were preserved: where (systems/snapshot reference) and what, in words. Starts the 90 days."""
    access.require(actor, WORKER_PERMISSIONS, doing=_("record a preservation"))
    preservation = _locked(preservation)
    if preservation.state != State.REQUESTED:
        raise _moved_on(preservation) or DomainError(_("The records were already preserved on %(date)s.") % {
            "date": moment_text(preservation.preserved_at)} if preservation.preserved_at else
            _("This request was refused: nothing can be preserved under it."), code="not_requested")
    systems = validation.required_text(systems_reference, "systems_reference",
                                       _("Say where the records are kept (the system and the snapshot or backup "
                                         "reference)."), 200)
    words = validation.description(description, "preserved_description", required=True)
    at = at or timezone.now()
    case = preservation.case
    clocks.start_clocks(case, actor)
    clock = clock_of(case)
    preservation.state, preservation.preserved_at = State.PRESERVED, at
    preservation.systems_reference, preservation.preserved_description = systems, words
    # Counted from the request's receipt, as the statutory clock counts (its start event): not from when staff
    # finished preserving, which would move the end by however long that took.
    preservation.ends_at = clock.due_at if clock else case.received_at + _terms()[0]
    preservation.save()
    _note(case, actor, "preserved", fields=("systems_reference", "preserved_description"))
    return preservation


@transaction.atomic
def renew(preservation: Preservation, reason: str, actor, at: datetime | None = None) -> Preservation:
    """The authority renewed its request: keep the records 90 more days. Allowed once (18 U.S.C. § 2703(f)(2))."""
    access.require(actor, APPROVER_PERMISSIONS, doing=_("renew a preservation"))
    preservation = _locked(preservation)
    if preservation.state == State.RENEWED:
        raise DomainError(_("This preservation was already renewed on %(date)s: the law allows one renewal of 90 "
                            "days (18 U.S.C. § 2703(f)(2)). Release the records at the end of the renewal, or record "
                            "a new legal process as a new case.") % {"date": f"{preservation.renewed_at:%Y-%m-%d}"},
                          code="already_renewed")
    if preservation.state != State.PRESERVED:
        raise _moved_on(preservation) or DomainError(_("Only preserved records can be renewed."),
                                                     code="not_preserved")
    reason = validation.required_text(reason, "reason", _("Give the authority's renewed request (its date and "
                                                          "reference)."))
    at = at or timezone.now()
    clock = clock_of(preservation.case)
    if clock is not None:
        clock = clocks.extend(clock, reason, actor)
        end = clock.due_at
    else:
        end = preservation.ends_at + _terms()[1]
    preservation.state, preservation.renewed_at = State.RENEWED, at
    preservation.renewal_ends_at, preservation.renewal_reason = end, reason
    preservation.save()
    _note(preservation.case, actor, "renewed", reason=reason)
    return preservation


@transaction.atomic
def release(preservation: Preservation, note: str, actor, at: datetime | None = None) -> Preservation:
    """The preserved records were released (deleted, or returned to the normal retention): what, in words."""
    access.require(actor, WORKER_PERMISSIONS, doing=_("record a release"))
    preservation = _locked(preservation)
    if preservation.state not in KEPT_STATES:
        raise _moved_on(preservation) or DomainError(_("Nothing is preserved under this request, so nothing can be "
                                                       "released."), code="not_preserved")
    words = validation.description(note, "release_note", required=True)
    at = at or timezone.now()
    preservation.state, preservation.released_at, preservation.release_note = State.RELEASED, at, words
    preservation.save()
    clock = clock_of(preservation.case)
    if clock is not None and clock.status != Clock.Status.MET:
        clocks.mark_met(clock, actor, gettext_noop("the preserved records were released"))
    _note(preservation.case, actor, "released", fields=("release_note",))
    return preservation


@transaction.atomic
def refuse(preservation: Preservation, reason: str, actor, at: datetime | None = None) -> Preservation:
    """The request is refused (no valid authority or basis, no such account): nothing is preserved."""
    access.require(actor, WORKER_PERMISSIONS, doing=_("refuse a preservation request"))
    preservation = _locked(preservation)
    if preservation.state != State.REQUESTED:
        raise _moved_on(preservation) or DomainError(_("Records were already preserved: release them instead of "
                                                       "refusing."), code="not_requested")
    reason = validation.required_text(reason, "refusal_reason", _("Say why the request is refused."))
    preservation.state, preservation.refused_at, preservation.refusal_reason = State.REFUSED, at or timezone.now(), reason
    preservation.save()
    _note(preservation.case, actor, "refused", reason=reason)
    return preservation


#: Blanked by the retention run with the case (privacy_hooks.purge_case).
BLANKED_WHEN_PURGED = tuple(sorted(PRESERVATION_PERSONAL_FIELDS | {"preserved_description", "release_note"}))
