"""Every write to a legal-support request: filing (web form, staff inbox), assessment, decision, referral, budget,
messages to the contributor, closing; and the counsel list.

Each function checks the permission (``accounts.access``), validates, writes in one transaction, logs the step in
the request's events (names of fields, never values) and writes an audit entry. Views only call these.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rightsdesk.accounts.access import require
from rightsdesk.audit.services import record_access
from rightsdesk.cases.policy import LEGAL_SUPPORT_PERSONAL_FIELDS, RECEIVED_MAIL_PERSONAL_FIELDS
from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.dates import western_digits
from rightsdesk.core.digests import link_digest, new_link_token
from rightsdesk.core.errors import DomainError, refuse_if_too_long, validated
from rightsdesk.core.lists import and_list
from rightsdesk.core.versions import refuse_if_changed, text_version
from rightsdesk.intake.attachments import CheckedFile
from rightsdesk.mail.models import InboundMessage
from rightsdesk.mail.services import read_attachment as read_mail_attachment
from rightsdesk.privacy import crypto

from . import workflow
from .models import (COLUMN_TEXTS, Counsel, CountryRisk, LegalSupportAttachment, LegalSupportRequest, Outcome, Source,
                     State, ThreatKind, longest)
from .workflow import CHANGE, DECIDE

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PURPOSE = "legal support"


def _new_reference(year: int) -> str:
    for _attempt in range(10):
        reference = f"LS-{year}-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))
        if not LegalSupportRequest.objects.filter(reference=reference).exists():
            return reference
    raise DomainError("Could not find a free reference; try again.", code="reference")


def _audit(actor, request: LegalSupportRequest, step: str, fields=()):
    record_access(actor, "other", obj=request, fields=fields, purpose=f"{PURPOSE}: {step}")


def _store_files(request: LegalSupportRequest, checked_files) -> None:
    for checked in checked_files:
        attachment = LegalSupportAttachment(request=request, original_name=checked.name,
                                            content_type=checked.content_type, size=len(checked.data),
                                            sha256=checked.sha256)
        attachment.file.save("attachment", ContentFile(crypto.encrypt_bytes(checked.data)), save=False)
        attachment.save()


def read_attachment(attachment: LegalSupportAttachment) -> bytes:
    with attachment.file.open("rb") as stored:
        return crypto.decrypt_bytes(stored.read())


@transaction.atomic
def submit(values: dict, uploads=(), *, language: str, source: str = Source.WEB,
           actor="requester") -> tuple[LegalSupportRequest, str]:
    """File a request from checked values (forms.LegalSupportForm.cleaned_data, or an e-mail's); returns it and its
    raw tracking token, which is never stored (only its digest, core.digests) and shown to the requester once. A text
    longer than its column takes, or a value the model refuses (an e-mail's sender address), is refused in words
    (``DomainError`` on the field, led by its name; the limit: ``models.longest``)."""
    for name in COLUMN_TEXTS:  # the form checked them; an e-mail's sender name did not pass through it
        refuse_if_too_long(values.get(name) or "", longest(name), name, named_by=LegalSupportRequest)
    token = new_link_token()
    now = timezone.now()
    request = LegalSupportRequest(
        reference=_new_reference(now.year), tracking_token_digest=link_digest(token), source=source,
        language=language or "en", received_at=now,
        **{name: values.get(name) or "" for name in ("requester_name", "requester_email", "contributor_account",
                                                     "country", "project", "threat_kind", "adversary",
                                                     "description")},
    )
    validated(request, exclude=["reference", "tracking_token_digest"])  # an e-mail's sender address, too
    request.save()
    _store_files(request, uploads)
    workflow.log(request, actor, "received", to_state=State.RECEIVED)
    return request, token


@transaction.atomic
def renew_tracking_token(request: LegalSupportRequest, actor="requester") -> str:
    """Give the request a new private tracking link and return its token (shown once, stored as a digest); the old
    link stops working. The request's history and the audit trail record that it was renewed, never the link. The
    contributor asks for it through the way back to a lost link (``lost_links``, ``intake.recovery``)."""
    token = new_link_token()
    LegalSupportRequest.objects.filter(pk=request.pk).update(tracking_token_digest=link_digest(token))
    request.tracking_token_digest = link_digest(token)
    workflow.log(request, actor, "tracking_link_renewed", fields=["tracking_token_digest"])
    _audit(actor, request, "new tracking link", fields=["tracking_token_digest"])
    return token


def request_for_tracking_token(token: str) -> LegalSupportRequest | None:
    if not token or len(token) > 100:
        return None
    return LegalSupportRequest.objects.filter(tracking_token_digest=link_digest(token)).first()


def request_from_message(message, actor) -> tuple[LegalSupportRequest, str]:
    """Turn an e-mail of the staff inbox (mail.InboundMessage) into a legal-support request.

    The text, sender and attachments move into the request; the message stays in the inbox as "ignored" with its
    personal parts and files removed, so people who see the inbox no longer see what it said."""
    require(actor, CHANGE, doing=_("turn an e-mail into a legal-support request"))
    with transaction.atomic():
        locked = InboundMessage.objects.select_for_update().get(pk=message.pk)
        if locked.status not in (InboundMessage.Status.NEW, InboundMessage.Status.FLAGGED):
            raise DomainError(_("This message was already dealt with (it is “%(status)s”).")
                              % {"status": locked.get_status_display()}, code="already_handled")
        files = []
        for attachment in locked.attachments.all():
            if attachment.file and not attachment.refused_reason:
                data = read_mail_attachment(attachment)
                files.append(CheckedFile(name=attachment.filename or "attachment", data=data,
                                         content_type=attachment.content_type,
                                         sha256=hashlib.sha256(data).hexdigest()))
        values = {
            "requester_name": locked.original_sender_name or locked.sender_name,
            "requester_email": locked.original_sender_email or locked.sender_email,
            "threat_kind": ThreatKind.OTHER,
            "description": ((locked.subject + "\n\n") if locked.subject else "") + (locked.body_text or "—"),
        }
        request, token = submit(values, files, language="en", source=Source.EMAIL, actor=actor)
        for attachment in locked.attachments.all():
            if attachment.file:
                attachment.file.delete(save=False)
        locked.attachments.update(file="", filename="")
        if locked.raw:
            locked.raw.delete(save=False)
        blank = {name: "" for name in sorted(RECEIVED_MAIL_PERSONAL_FIELDS)}
        InboundMessage.objects.filter(pk=locked.pk).update(
            raw="", status=InboundMessage.Status.IGNORED, **{**blank, "ignore_note": "legal support"})
        _audit(actor, request, "filed from an e-mail", fields=["description", "requester_email"])
    return request, token


#: What each edit form of a request's page changes: its version is theirs (:func:`form_version`).
FORM_FIELDS = {
    "eligibility": ("good_faith", "threat_related", "country_risk", "eligibility_notes"),
    "budget": ("budget_committed", "budget_spent", "overspend_reason"),
    "message": ("message_to_requester",),
}


def form_version(request: LegalSupportRequest, form: str) -> str:
    """The version of what the form ``form`` showed (core.versions), sent back with the changes: two of the team
    with the same request open each save the checklist, the budget or the message, and the later save from the older
    page would silently undo the colleague's."""
    return text_version(*(str(getattr(request, name)) for name in FORM_FIELDS[form]))


def _changed_since() -> str:
    return _("Someone else saved this form after you opened the page. Nothing was saved: what is saved now is shown "
             "above the form, what you typed is in it. Put them together, then save again.")


def _locked(request: LegalSupportRequest) -> LegalSupportRequest:
    return LegalSupportRequest.objects.select_for_update().get(pk=request.pk)


def _text(value, field: str, *, required: bool = False, max_length: int = 20000) -> str:
    value = (value or "").strip()
    if "\x00" in value:
        raise DomainError(_("Remove the invisible NUL character from this text."), code="invalid_text", field=field)
    if required and not value:
        raise DomainError(_("Write this: it is needed."), code="required", field=field)
    refuse_if_too_long(value, max_length, field)
    return value


@transaction.atomic
def start_assessment(request: LegalSupportRequest, actor) -> LegalSupportRequest:
    locked = _locked(request)
    workflow.transition(locked, "start", actor)
    locked.save()
    _audit(actor, locked, "started the assessment")
    return locked


def _open_for_work(locked: LegalSupportRequest) -> None:
    if locked.state == State.CLOSED:
        raise workflow.moved_on(locked) or DomainError(_("This request is closed; nothing can be changed."),
                                                       code="closed")


@transaction.atomic
def record_eligibility(request: LegalSupportRequest, actor, *, good_faith, threat_related, country_risk: str,
                       notes: str = "", version: str | None = None) -> LegalSupportRequest:
    """The eligibility checklist, which decides whether support can be granted. ``version`` (:func:`form_version`)
    is the checklist the editor's page showed: a colleague's checklist saved since is not overwritten unseen."""
    require(actor, CHANGE, doing=_("record the eligibility checklist"))
    locked = _locked(request)
    _open_for_work(locked)
    if locked.state not in (State.RECEIVED, State.ASSESSING):
        raise workflow.moved_on(locked) or DomainError(_("The checklist is kept as it was when the decision was "
                                                         "taken."), code="decided")
    refuse_if_changed(version, form_version(locked, "eligibility"), _changed_since())
    if country_risk not in CountryRisk.values:
        raise DomainError(_("Choose the country's risk from the list."), code="invalid_choice", field="country_risk")
    locked.good_faith, locked.threat_related, locked.country_risk = good_faith, threat_related, country_risk
    locked.eligibility_notes = _text(notes, "eligibility_notes")
    if locked.state == State.RECEIVED:
        workflow.transition(locked, "start", actor)
    locked.save()
    fields = ["good_faith", "threat_related", "country_risk", "eligibility_notes"]
    workflow.log(locked, actor, "eligibility", fields=fields)
    _audit(actor, locked, "recorded eligibility", fields=fields)
    return locked


def checklist_missing(request: LegalSupportRequest) -> list[str]:
    missing = []
    if request.good_faith is None:
        missing.append(_("whether the contribution was made in good faith within policy"))
    if request.threat_related is None:
        missing.append(_("whether the threat is over the contributions"))
    if not request.country_risk:
        missing.append(_("the country's risk"))
    return missing


@transaction.atomic
def decide(request: LegalSupportRequest, actor, *, support: bool, reasons: str) -> LegalSupportRequest:
    require(actor, DECIDE, doing=_("decide on legal support"))
    locked = _locked(request)
    if locked.state not in (State.RECEIVED, State.ASSESSING):  # a colleague decided (or closed) it first: who, when
        workflow.refuse_if_moved_on(locked, "support" if support else "decline")
    reasons = _text(reasons, "decision_reasons", required=True)
    missing = checklist_missing(locked)
    if missing:
        raise DomainError(_("Complete the eligibility checklist first: %(missing)s.") % {"missing": and_list(missing)},
                          code="checklist_incomplete", field="good_faith")
    if support and not (locked.good_faith and locked.threat_related):
        raise DomainError(_("Support can be granted only for a good-faith contribution within policy and a threat "
                            "over the contributions; the checklist says otherwise. Correct it or decline."),
                          code="not_eligible", field="decision_reasons")
    locked.decision_reasons = reasons
    locked.decided_by = actor
    workflow.transition(locked, "support" if support else "decline", actor, fields=["decision_reasons"])
    locked.save()
    _audit(actor, locked, "decided", fields=["decision_reasons"])
    return locked


@transaction.atomic
def refer(request: LegalSupportRequest, actor, *, counsel: Counsel | None, shared: bool) -> LegalSupportRequest:
    require(actor, CHANGE, doing=_("refer to counsel"))
    locked = _locked(request)
    if locked.state != State.SUPPORTED:
        raise DomainError(_("Refer to counsel once support is granted."), code="wrong_state", field="counsel")
    if counsel is not None and not counsel.active:
        raise DomainError(_("%(name)s takes no referrals now; choose another lawyer.")
                          % {"name": isolated_text(counsel.name)}, code="inactive", field="counsel")
    locked.counsel, locked.counsel_shared = counsel, bool(shared and counsel)
    locked.save()
    workflow.log(locked, actor, "referral", fields=["counsel", "counsel_shared"])
    _audit(actor, locked, "referred to counsel", fields=["counsel"])
    return locked


#: An amount as the budget's fields take it: figures, the thousands grouped by commas if at all, a decimal point.
#: Not "1e9" (Decimal reads exponents; nobody types a budget so), not "1,5" (a decimal comma, read as 15).
_AMOUNT = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")


def _amount(value, field: str) -> Decimal:
    """What was typed in the budget's field ``field`` as an amount, or a refusal on the field saying what to type:
    digits of any script read as 0-9 (``core.dates.western_digits``, as dates and references are read); never
    rounded: more figures after the point than the column keeps (its ``decimal_places``) are refused, not cut."""
    typed = western_digits(str(value if value is not None else "").strip())
    if not typed:
        return Decimal("0")
    if typed.startswith("-"):
        raise DomainError(_("Write an amount from 0 to 9,999,999,999.99."), code="invalid_amount", field=field)
    if not _AMOUNT.fullmatch(typed):
        raise DomainError(_("Write an amount in figures, e.g. 2500 or 2500.50."), code="invalid_amount", field=field)
    amount = Decimal(typed.replace(",", ""))
    places = LegalSupportRequest._meta.get_field(field).decimal_places
    if -amount.as_tuple().exponent > places:
        raise DomainError(_("Write at most %(places)s figures after the decimal point, e.g. 2500.50.")
                          % {"places": places}, code="invalid_amount", field=field)
    if amount >= Decimal("1e10"):
        raise DomainError(_("Write an amount from 0 to 9,999,999,999.99."), code="invalid_amount", field=field)
    return amount.quantize(Decimal(1).scaleb(-places))


@transaction.atomic
def set_budget(request: LegalSupportRequest, actor, *, committed, spent, overspend_reason: str = "",
               version: str | None = None) -> LegalSupportRequest:
    """Budget committed and spent. Spending more than committed needs a written reason: it never happens silently.

    ``version`` (:func:`form_version`) is the budget the editor's page showed: when a colleague saved it since,
    nothing is saved, rather than the colleague's figures going back to those of the older page."""
    require(actor, DECIDE, doing=_("commit or record budget"))
    locked = _locked(request)
    if locked.state == State.CLOSED:
        raise workflow.moved_on(locked) or DomainError(_("This request is closed; nothing can be changed."),
                                                       code="closed")
    if locked.state != State.SUPPORTED:
        meanwhile = workflow.moved_on(locked) if locked.state == State.DECLINED else None
        if meanwhile:  # a colleague declined support: who, when, nothing saved (core.meanwhile)
            raise meanwhile
        raise DomainError(_("Budget is committed only to a request whose support is granted and not closed."),
                          code="wrong_state", field="budget_committed")
    refuse_if_changed(version, form_version(locked, "budget"), _changed_since())
    committed, spent = _amount(committed, "budget_committed"), _amount(spent, "budget_spent")
    reason = _text(overspend_reason, "overspend_reason", max_length=2000)
    if spent > committed and not reason:
        raise DomainError(_("%(spent)s spent is more than the %(committed)s committed. Raise the commitment, or say "
                            "why more was spent.") % {"spent": spent, "committed": committed},
                          code="overspent", field="overspend_reason")
    locked.budget_committed, locked.budget_spent = committed, spent
    locked.overspend_reason = reason if spent > committed else ""
    locked.save()
    fields = ["budget_committed", "budget_spent"] + (["overspend_reason"] if spent > committed else [])
    workflow.log(locked, actor, "budget", fields=fields)
    _audit(actor, locked, "budget", fields=fields)
    return locked


@transaction.atomic
def tell_requester(request: LegalSupportRequest, actor, *, message: str,
                   version: str | None = None) -> LegalSupportRequest:
    """What the contributor reads on their tracking page (replaces the previous message). A closed request takes no
    new message, as it takes no other step: its page no longer offers the form, so one sent from a page opened before
    the close is refused ("closed", which the view answers 409 with the typed words given back) instead of changing
    what the contributor reads after the request was closed. ``version`` (:func:`form_version`) is the message the
    editor's page showed: a colleague's message saved since is not replaced unseen."""
    require(actor, CHANGE, doing=_("write to the contributor"))
    locked = _locked(request)
    _open_for_work(locked)
    refuse_if_changed(version, form_version(locked, "message"), _changed_since())
    locked.message_to_requester = _text(message, "message_to_requester", max_length=5000)
    locked.save()
    workflow.log(locked, actor, "message", fields=["message_to_requester"])
    _audit(actor, locked, "message to the contributor", fields=["message_to_requester"])
    return locked


@transaction.atomic
def close(request: LegalSupportRequest, actor, *, outcome: str, note: str = "") -> LegalSupportRequest:
    locked = _locked(request)
    workflow.refuse_if_moved_on(locked, "close")  # a colleague closed it first: who, when
    if outcome not in Outcome.values or not outcome:
        raise DomainError(_("Choose the outcome."), code="required", field="outcome")
    if locked.state == State.DECLINED and outcome not in (Outcome.DECLINED, Outcome.WITHDRAWN):
        raise DomainError(_("Support was declined: the outcome is “support declined” or “withdrawn”."),
                          code="invalid_choice", field="outcome")
    if locked.state == State.SUPPORTED and locked.over_budget and not locked.overspend_reason:
        raise DomainError(_("More was spent than committed without a reason: record it in the budget first."),
                          code="overspent", field="outcome")
    locked.outcome, locked.outcome_note = outcome, _text(note, "outcome_note")
    workflow.transition(locked, "close", actor, fields=["outcome", "outcome_note"])
    locked.save()
    _audit(actor, locked, "closed", fields=["outcome", "outcome_note"])
    return locked


@transaction.atomic
def save_counsel(actor, *, counsel: Counsel | None = None, name: str, country: str, languages: str = "",
                 contact: str = "", active: bool = True) -> Counsel:
    require(actor, CHANGE, doing=_("manage the list of counsel"))
    counsel = counsel or Counsel()
    longest = {field: Counsel._meta.get_field(field).max_length for field in ("name", "languages", "contact")}
    counsel.name = _text(name, "name", required=True, max_length=longest["name"])
    counsel.country = country
    # Codes separated by commas or spaces kept one space apart; longer than the column: refused, never cut.
    counsel.languages = _text(" ".join((languages or "").replace(",", " ").split()), "languages",
                              max_length=longest["languages"])
    counsel.contact = _text(contact, "contact", max_length=longest["contact"])
    counsel.active = active
    try:
        counsel.full_clean()
    except Exception as exc:  # ValidationError: name the first field
        field, errors = next(iter(getattr(exc, "message_dict", {"country": [str(exc)]}).items()))
        raise DomainError(str(errors[0]), code="invalid", field=field)
    counsel.save()
    record_access(actor, "other", obj=counsel, fields=["contact"], purpose=f"{PURPOSE}: counsel list")
    return counsel


#: Blanked by the retention run (privacy_hooks): every personal field of the request.
BLANKED_WHEN_PURGED = tuple(sorted(LEGAL_SUPPORT_PERSONAL_FIELDS))
