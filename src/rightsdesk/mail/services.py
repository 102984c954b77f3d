"""Receiving e-mail and turning it into cases: the only code that writes this app's rows.

- :func:`receive_message`: one message from the pipe (``rightsdesk mail receive``) or from IMAP (``mail.imap``).
  It stores the message (the original whole and encrypted), decides what it is and returns a :class:`Received`
  with the one line the mail server logs. It is idempotent: the same message again is a duplicate and stores
  nothing. Machine mail (auto-replies, bounces, list mail) is kept but ignored: it never opens a case and never
  changes one. A reply to a case from its requester is filed into it as a message from the requester; a reply
  from anyone else (the affected user answering their notice...) stays in the inbox, the case it answers shown.
- :func:`open_case_from_message` and :func:`file_into_case`: what a person does from the inbox page. Filing, the
  person says who the message is from (:class:`FiledAs`): only the requester's words go where the requester reads
  them (their tracking page, their data-subject export); the affected user's or anyone else's become a staff note.

Nothing received is lost: a message too large, broken or carrying files we refuse is stored as far as it can be
and flagged, with its problems listed, for a person.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.core import mailrefs
from rightsdesk.core.errors import DomainError
from rightsdesk.intake import attachments as files
from rightsdesk.intake import services as intake_services
from rightsdesk.intake.kinds import SPECS
from rightsdesk.intake.validation import clean_submission, requester_type_choices
from rightsdesk.privacy import crypto
from rightsdesk.review import history_reasons
from rightsdesk.review import services as review_services

from . import parsing, quoting, triage
from .models import InboundAttachment, InboundMessage, Inbox

logger = logging.getLogger("rightsdesk.mail")

DEFAULTS = {
    "MAX_MESSAGE_BYTES": 25 * 2**20,
    "MAX_ATTACHMENTS": 50,
    "MAX_ARCHIVE_RATIO": parsing.ARCHIVE_MAX_RATIO,
    "MAX_UNPACKED_BYTES": parsing.ARCHIVE_MAX_UNPACKED,
}
IGNORED_LINES = {
    InboundMessage.IgnoreReason.AUTO_REPLY: "auto-reply",
    InboundMessage.IgnoreReason.BOUNCE: "bounce",
    InboundMessage.IgnoreReason.MAILING_LIST: "mailing list",
}


def limit(name: str) -> int:
    """A limit of received mail: ``settings.RIGHTSDESK_MAIL`` (environment variables) over the defaults."""
    configured = getattr(settings, "RIGHTSDESK_MAIL", {}) or {}
    return int(configured.get(name, DEFAULTS[name]))


def authserv_id() -> str:
    """The name our mail server writes its ``Authentication-Results`` under (``RIGHTSDESK_MAIL_AUTHSERV_ID``; empty:
    senders are not checked, see mail.authresults)."""
    return str((getattr(settings, "RIGHTSDESK_MAIL", {}) or {}).get("AUTHSERV_ID", "") or "").strip()


class MailStoreError(Exception):
    """The message could not be stored (database or disk): the mail server should try again later."""


class UnknownInbox(LookupError):
    """No inbox of that name: a configuration mistake of the mail server, not a message to retry."""

    def __init__(self, name: str):
        self.name = name
        known = ", ".join(Inbox.objects.order_by("name").values_list("name", flat=True)) or "none configured"
        super().__init__(f"no inbox named '{name}' (inboxes: {known})")


@dataclass
class Received:
    #: "new", "filed", "duplicate", "ignored" or "flagged".
    outcome: str
    message: InboundMessage | None
    #: One line for the mail server's log; says what happened, names no person.
    line: str


# --- Receiving ------------------------------------------------------------------------------------------------------

def receive_message(inbox_name: str, raw: bytes, *, imap_uid: int | None = None) -> Received:
    """Store one received message and say what became of it (see the module's docstring).

    Raises :class:`UnknownInbox` for an inbox that does not exist and :class:`MailStoreError` when the message
    could not be stored; any other outcome means the message is safe.
    """
    try:
        inbox = Inbox.objects.filter(name=inbox_name).first()
        if inbox is None:
            raise UnknownInbox(inbox_name)
        return _receive(inbox, raw, imap_uid)
    except (DatabaseError, OSError) as exc:
        logger.error("mail.not_stored inbox=%s error=%s", inbox_name, type(exc).__name__)
        raise MailStoreError(f"the message could not be stored ({type(exc).__name__}); try again later") from exc


def _synthetic_message_id(raw: bytes) -> str:
    """A stand-in Message-ID for a message without one, the same for the same bytes (so a retry is a duplicate)."""
    return f"<no-message-id.{hashlib.sha256(raw).hexdigest()[:40]}@rightsdesk.invalid>"


def _receive(inbox: Inbox, raw: bytes, imap_uid: int | None) -> Received:
    oversize = len(raw) > limit("MAX_MESSAGE_BYTES")
    if oversize:
        parsed = parsing.parse_headers(raw, authserv_id=authserv_id())
        parsed.problem("oversize")
    else:
        parsed = parsing.parse(raw, archive_ratio=limit("MAX_ARCHIVE_RATIO"),
                               archive_limit=limit("MAX_UNPACKED_BYTES"), authserv_id=authserv_id())
    message_id = (parsed.message_id or _synthetic_message_id(raw))[:998]

    with transaction.atomic():
        Inbox.objects.select_for_update().filter(pk=inbox.pk).first()  # one message of an inbox at a time
        same = InboundMessage.objects.filter(message_id=message_id).order_by("id").first()
        if same is not None:
            return Received("duplicate", same, f"duplicate of message {same.pk}")

        message = InboundMessage(
            inbox=inbox, message_id=message_id, sent_at=parsed.sent_at, imap_uid=imap_uid,
            sender_email=parsed.sender_email, sender_name=parsed.sender_name, subject=parsed.subject[:2000],
            body_text=parsed.body_text, problems=list(parsed.problems),
        )
        if parsed.forwarded is not None:
            message.original_sender_email = parsed.forwarded.email
            message.original_sender_name = parsed.forwarded.name
            message.forwarded_by = parsed.sender_email
        if parsed.body_text:
            message.body_hash = parsed.body_hash
        message.suggested_kind = triage.suggest_kind(inbox, parsed.forwarded.subject if parsed.forwarded and
                                                     parsed.forwarded.subject else parsed.subject, parsed.body_text)
        requester_name = parsed.requester_name
        message.suggested_requester_type = triage.requester_type_for(
            parsed.requester_email, triage.organisation_from(requester_name) or requester_name)

        earlier = None
        if message.body_hash and not parsed.ignore_reason:
            earlier = (InboundMessage.objects.filter(body_hash=message.body_hash, duplicate_of__isnull=True)
                       .order_by("id").first())
        case, how = (None, "") if oversize else thread_case(parsed)

        if parsed.ignore_reason:
            message.status = InboundMessage.Status.IGNORED
            message.ignore_reason = parsed.ignore_reason
            message.case = case  # shown on the case's side as context; the case itself is not touched
        elif earlier is not None:
            message.status = InboundMessage.Status.IGNORED
            message.ignore_reason = InboundMessage.IgnoreReason.DUPLICATE
            message.duplicate_of = earlier
        elif any(p not in parsing.HARMLESS_PROBLEMS for p in parsed.problems):
            message.status = InboundMessage.Status.FLAGGED
        message.raw.save("raw", ContentFile(crypto.encrypt_bytes(parsing.header_block(raw) if oversize else raw)),
                         save=False)
        message.save()
        kept = _store_attachments(message, parsed)
        if message.problems != parsed.problems:
            InboundMessage.objects.filter(pk=message.pk).update(problems=parsed.problems)
            message.problems = list(parsed.problems)
            if message.status == InboundMessage.Status.NEW:
                message.status = InboundMessage.Status.FLAGGED
                InboundMessage.objects.filter(pk=message.pk).update(status=message.status)

        from_requester = case is not None and _sender_is_requester(case, parsed.sender_email)
        if message.status == InboundMessage.Status.IGNORED and message.duplicate_of_id:
            outcome, line = "duplicate", f"duplicate of message {earlier.pk}"
        elif message.status == InboundMessage.Status.IGNORED:
            outcome, line = "ignored", f"ignored: {IGNORED_LINES.get(message.ignore_reason, message.ignore_reason)}"
        elif case is not None and (not from_requester or parsed.sender_verified is False):
            # Not the requester, or the requester's address our mail server did not verify (anyone can write an
            # address): a person reads it and decides.
            _keep_for_a_person(message, case, how)
            outcome = "flagged" if message.status == InboundMessage.Status.FLAGGED else "new"
            whose = ("from its requester's address, not verified by the mail server"
                     if from_requester else "but not from its requester")
            line = f"{outcome} message {message.pk} in inbox {inbox.name}: it answers case {case.reference} {whose}"
        elif case is not None and _file_reply(message, case, parsed, kept, how):
            outcome, line = "filed", f"filed into case {case.reference}"
        elif case is not None:
            outcome = "flagged"
            line = f"flagged message {message.pk} in inbox {inbox.name}: {', '.join(message.problems)}"
        elif message.status == InboundMessage.Status.FLAGGED:
            outcome = "flagged"
            line = f"flagged message {message.pk} in inbox {inbox.name}: {', '.join(message.problems)}"
        else:
            outcome, line = "new", f"new message {message.pk} in inbox {inbox.name}"
    logger.info("mail.received inbox=%s message=%s outcome=%s", inbox.name, message.pk, outcome)
    return Received(outcome, message, line)


def _store_attachments(message: InboundMessage, parsed: parsing.Parsed) -> list[tuple[InboundAttachment, bytes]]:
    """Keep the files (encrypted), list the refused ones; returns the kept rows with their bytes."""
    maximum = limit("MAX_ATTACHMENTS")
    kept: list[tuple[InboundAttachment, bytes]] = []
    rows = []
    for part in parsed.attachments:
        row = InboundAttachment(message=message, filename=part.filename, content_type=part.content_type[:255],
                                size=part.size, refused_reason=part.refused)
        if not part.refused and len(kept) >= maximum:
            row.refused_reason = "over_limit"
            parsed.problem("too_many_attachments")
        if not row.refused_reason:
            row.file.save("attachment", ContentFile(crypto.encrypt_bytes(part.data)), save=False)
            kept.append((row, part.data))
        rows.append(row)
    InboundAttachment.objects.bulk_create(rows)
    return kept


def read_raw(message: InboundMessage) -> bytes:
    """The original message as received (decrypted); for an oversize message, its headers."""
    with message.raw.open("rb") as stored:
        return crypto.decrypt_bytes(stored.read())


def read_attachment(attachment: InboundAttachment) -> bytes:
    """A kept attachment's bytes (decrypted); b"" for a refused one."""
    if not attachment.file:
        return b""
    with attachment.file.open("rb") as stored:
        return crypto.decrypt_bytes(stored.read())


# --- Threading ------------------------------------------------------------------------------------------------------

def _sender_is(case: Case, email: str, role: str) -> bool:
    """Whether ``email`` is the address of one of the case's parties of ``role`` (letter case aside)."""
    email = (email or "").lower()
    return bool(email) and any((p.email or "").lower() == email for p in case.parties.all() if p.role == role)


def _sender_is_requester(case: Case, email: str) -> bool:
    """Whether ``email`` is the address of the case's requester (letter case aside): the one rule for a received
    message to be filed by itself as the requester's information, and for a person filing one to file it so without
    confirming it (:func:`file_into_case`). Our notices also go to the affected user, and anyone may write a case
    reference: their mail waits in the inbox for a person."""
    return _sender_is(case, email, c.PartyRole.REQUESTER)


def whose_address(case: Case, email: str) -> str:
    """Whose address ``email`` is on the case, as a :class:`FiledAs` value: the requester's
    (:func:`_sender_is_requester`), else the affected user's, else "other" (no party's). It is also the choice a
    person filing the message starts from: the requester's only for the requester's address."""
    if _sender_is_requester(case, email):
        return FiledAs.REQUESTER.value
    if _sender_is(case, email, c.PartyRole.AFFECTED_USER):
        return FiledAs.AFFECTED_USER.value
    return FiledAs.SOMEONE_ELSE.value


def thread_case(parsed: parsing.Parsed) -> tuple[Case | None, str]:
    """The case a message answers, and how it was found ("message-id", "subject", "earlier-message"), or (None, "").

    A Message-ID rightsdesk made (In-Reply-To/References, checked by its keyed digest) shows which case the message
    answers, but not who wrote it: the notices about a case go to the affected user too, so the message is filed by
    itself only when its sender is the requester (:func:`_sender_is_requester`, checked by :func:`_receive`). A
    reference typed in the subject is anyone's to write, so it counts only when the sender is the requester;
    otherwise a person files it.
    """
    ids = parsed.in_reply_to + parsed.references
    reference = mailrefs.reference_in_message_ids(ids)
    if reference:
        case = Case.objects.filter(reference=reference).first()
        if case is not None:
            return case, "message-id"
    if ids:
        earlier = (InboundMessage.objects.filter(message_id__in=ids, case__isnull=False)
                   .select_related("case").order_by("-id").first())
        if earlier is not None and (earlier.sender_email or "").lower() == parsed.sender_email:
            return earlier.case, "earlier-message"
    reference = mailrefs.reference_in(parsed.subject)
    if reference:
        case = Case.objects.filter(reference=reference).first()
        if case is not None and _sender_is_requester(case, parsed.sender_email):
            return case, "subject"
    return None, ""


def _checked(row: InboundAttachment, data: bytes) -> files.CheckedFile:
    """An attachment as intake stores it (its type from its first bytes when they prove one)."""
    name = row.filename or "attachment"
    return files.CheckedFile(name=name[-200:], content_type=files.sniff(data[:2048]) or row.content_type
                             or "application/octet-stream", data=data, sha256=hashlib.sha256(data).hexdigest())


def _keep_for_a_person(message: InboundMessage, case: Case, how: str) -> None:
    """A message that answers a case but not from its requester (the affected user answering their notice,
    someone else): it is not filed; it stays in the inbox (new, or flagged for its problems) with the case it
    answers shown, for a person to read and decide."""
    InboundMessage.objects.filter(pk=message.pk).update(case=case)
    message.case = case
    logger.info("mail.reply_from_other message=%s case=%s by=%s", message.pk, case.reference, how)


def _file_reply(message: InboundMessage, case: Case, parsed: parsing.Parsed, kept, how: str) -> bool:
    """File a reply into its case; if the case refuses it, the message stays (flagged) for a person. True if filed."""
    text = quoting.fold(parsed.body_text)
    try:
        with transaction.atomic():
            intake_services.add_information(case, text, uploads=[_checked(row, data) for row, data in kept],
                                            via=history_reasons.EMAIL_REPLY)
    except (DomainError, ValueError) as exc:
        logger.warning("mail.reply_not_filed message=%s case=%s error=%s", message.pk, case.reference,
                       type(exc).__name__)
        message.problems = [*message.problems, "reply_not_filed"]
        message.status = InboundMessage.Status.FLAGGED
        InboundMessage.objects.filter(pk=message.pk).update(problems=message.problems, status=message.status)
        return False
    InboundMessage.objects.filter(pk=message.pk).update(case=case, status=(
        InboundMessage.Status.FLAGGED if message.status == InboundMessage.Status.FLAGGED
        else InboundMessage.Status.FILED))
    message.case = case
    if message.status != InboundMessage.Status.FLAGGED:
        message.status = InboundMessage.Status.FILED
    logger.info("mail.filed message=%s case=%s by=%s", message.pk, case.reference, how)
    return True


# --- What staff do from the inbox -----------------------------------------------------------------------------------

def _locked(message: InboundMessage) -> InboundMessage:
    locked = InboundMessage.objects.select_for_update().select_related("inbox").get(pk=message.pk)
    if locked.case_id and locked.status == InboundMessage.Status.FILED:
        raise DomainError(_("This message is already filed in case %(reference)s.")
                          % {"reference": locked.case.reference}, code="already_filed")
    return locked


def _kept_files(message: InboundMessage) -> list[files.CheckedFile]:
    return [_checked(row, read_attachment(row)) for row in message.attachments.filter(refused_reason="")
            if row.file]


def _strip_forward_prefix(subject: str) -> str:
    return re.sub(r"^\s*((fwd?|fw|tr|wg|rv|enc|i)\s*:\s*)+", "", subject or "", flags=re.I).strip()


def prefill(message: InboundMessage) -> dict:
    """The values a new case from this message starts with (the staff form shows them to confirm)."""
    forwarded = bool(message.original_sender_email)
    name = message.original_sender_name if forwarded else message.sender_name
    return {
        "name": name,
        "email": message.original_sender_email if forwarded else message.sender_email,
        "organisation": triage.organisation_from(name),
        "requester_type": message.suggested_requester_type,
        "subject": _strip_forward_prefix(message.subject)[:300],
        "description": message.body_text,
        "legal_process": triage.suggest_legal_process(message.subject, message.body_text),
    }


def open_case_from_message(message: InboundMessage, *, kind: str, actor, values: dict) -> Case:
    """Open a case of ``kind`` from a received message, with the values a person confirmed.

    The case is received by e-mail on the message's date (which starts its deadlines), in the name of the original
    sender of a forward; the forwarder is recorded in the case history, and the kept attachments are copied.
    """
    if kind not in SPECS:
        raise DomainError(_("Choose a kind of request from the list (“%(kind)s” is not one).") % {"kind": kind},
                          code="invalid", field="kind")
    spec = SPECS[kind]
    raw_values = {**prefill(message), **{k: v for k, v in (values or {}).items() if v is not None}}
    if raw_values.get("requester_type") and "requester_type" in spec.field_names:
        if raw_values["requester_type"] not in dict(requester_type_choices(spec)):
            raw_values.pop("requester_type")
    cleaned = clean_submission(spec, raw_values)
    if cleaned.errors:
        first = cleaned.errors[0]
        raise DomainError(first.message, code=first.code, field=first.field)
    with transaction.atomic():
        locked = _locked(message)
        received_at = locked.sent_at or locked.received_at
        if received_at > locked.received_at:
            received_at = locked.received_at  # a Date header in the future does not move the deadlines
        language = (values or {}).get("language") or settings.LANGUAGE_CODE
        receipt = intake_services.open_staff_case(spec, cleaned, source=c.Source.EMAIL, received_at=received_at,
                                                  language=language, actor=actor, uploads=_kept_files(locked))
        case = receipt.case
        case_services.record(case, CaseHistory.Event.NOTE, actor, changes={"inbound_message": locked.pk},
                             reason=_origin_reason(locked))
        locked.case = case
        locked.status = InboundMessage.Status.FILED
        locked.save(update_fields=["case", "status"])
    message.case, message.status = case, locked.status
    logger.info("mail.case_opened message=%s case=%s", message.pk, case.reference)
    return case


def _origin_reason(message: InboundMessage) -> str:
    """The history's account of where a case came from; a forwarder is named when they are of our own domain
    (a colleague), otherwise pointed to (their address stays on the received message, which is private)."""
    values = {"inbox": message.inbox.name, "number": message.pk}
    if not message.original_sender_email:
        return history_reasons.OPENED_FROM_EMAIL % values
    forwarder = (message.forwarded_by or "").lower()
    own_domains = {(message.inbox.address or "").rsplit("@", 1)[-1].lower(),
                   (settings.DEFAULT_FROM_EMAIL or "").rsplit("@", 1)[-1].lower()}
    if forwarder and forwarder.rsplit("@", 1)[-1] in own_domains:
        return history_reasons.OPENED_FROM_EMAIL_FORWARDED_BY_COLLEAGUE % {**values, "who": forwarder}
    return history_reasons.OPENED_FROM_EMAIL_FORWARDED % values


class FiledAs(models.TextChoices):
    """Who a person filing a message says it is from; the values are the parties' roles (cases.choices.PartyRole)
    and "other". Only the requester's words go where the requester reads them."""

    REQUESTER = c.PartyRole.REQUESTER.value, gettext_lazy("The requester: their information, shown on their "
                                                          "tracking page")
    AFFECTED_USER = c.PartyRole.AFFECTED_USER.value, gettext_lazy("The affected user: a staff note, which the "
                                                                  "requester does not see")
    SOMEONE_ELSE = "other", gettext_lazy("Someone else: a staff note, which the requester does not see")


def file_into_case(message: InboundMessage, case: Case, *, actor, filed_as: str = "",
                   confirmed: bool = False) -> str:
    """File a received message into an existing case, as from whom ``filed_as`` says; returns that choice.

    The requester's information (:func:`intake.services.add_information`, with the attachments) is what the
    requester reads on their tracking page and gets in their data-subject export, and it resumes a case waiting for
    them. So a message is filed so only from the requester's address (:func:`_sender_is_requester`, the rule of
    automatic threading), or when the person confirms (``confirmed``) that the requester wrote from another one.
    From the affected user or anyone else, its text becomes a staff note (``review.services.add_note``), which
    neither the requester nor anyone outside sees; its attachments stay on the received message, not among the
    case's documents (the tracking page lists those). Without a choice, whose address it is decides
    (:func:`whose_address`). The history says the choice, whose address it came from, and the confirmation; not the
    address itself, which stays on the message (the history cannot be purged).
    """
    sender = whose_address(case, message.sender_email)
    filed_as = filed_as or sender
    if filed_as not in FiledAs.values:
        raise DomainError(_("Choose who the message is from."), code="invalid", field="filed_as")
    # The requester's address that our mail server did not verify may be forged: a person confirms it too.
    unverified = "sender_not_verified" in (message.problems or [])
    confirming = filed_as == FiledAs.REQUESTER and (sender != FiledAs.REQUESTER or unverified)
    if confirming and not confirmed and sender == FiledAs.REQUESTER:
        raise DomainError(_("The sender's address is the requester's on case %(reference)s, but our mail server did "
                            "not verify it: it may be forged, and what is filed as the requester's shows on their "
                            "tracking page. Choose who the message is from, or confirm that the requester sent it.")
                          % {"reference": case.reference}, code="not_the_requester", field="confirmed")
    if confirming and not confirmed:
        raise DomainError(_("The sender's address is not the requester's on case %(reference)s, and what is filed as "
                            "the requester's shows on their tracking page. Choose who the message is from, or "
                            "confirm that the requester sent it.") % {"reference": case.reference},
                          code="not_the_requester", field="confirmed")
    with transaction.atomic():
        locked = _locked(message)
        who = getattr(actor, "get_username", lambda: str(actor))()
        changes = {"inbound_message": locked.pk, "filed_as": filed_as, "sender": sender}
        if filed_as == FiledAs.REQUESTER:
            intake_services.add_information(case, locked.body_text, uploads=_kept_files(locked),
                                            via=history_reasons.EMAIL_FILED, filed_by=who)
        elif locked.body_text.strip():
            changes["note"] = review_services.add_note(case, actor, locked.body_text).pk
        reasons = [history_reasons.FILED_AS[filed_as] % {"number": locked.pk, "who": who},
                   history_reasons.SENT_FROM[sender]]
        if confirming:
            changes["confirmed"] = True
            reasons.append(history_reasons.CONFIRMED_REQUESTER)
        case_services.record(case, CaseHistory.Event.NOTE, actor, changes=changes, reason=" ".join(reasons))
        locked.case = case
        locked.status = InboundMessage.Status.FILED
        locked.save(update_fields=["case", "status"])
    message.case, message.status = case, InboundMessage.Status.FILED
    logger.info("mail.filed message=%s case=%s by=staff as=%s sender=%s", message.pk, case.reference, filed_as,
                sender)
    return filed_as


def ignore_message(message: InboundMessage, *, actor, reason: str = "") -> None:
    """A person decides a message needs no case (spam, a duplicate...): it stays stored, marked ignored."""
    with transaction.atomic():
        locked = _locked(message)
        locked.status = InboundMessage.Status.IGNORED
        locked.ignore_note = (reason or "")[:500]
        locked.save(update_fields=["status", "ignore_note"])
    message.status, message.ignore_note = InboundMessage.Status.IGNORED, locked.ignore_note
    logger.info("mail.ignored message=%s by=staff", message.pk)

