"""The case page's timeline: history events, staff notes, messages both ways and attachments, in one list.

History rows keep raw values (state names, transition names, field names,
question keys); here they become sentences in the reader's language, using
the vocabularies of cases.choices, the models' field names and the checklist.
Private values are masked when they are recorded (cases.services); the
private texts of notes and messages are only given to readers with the
private-data permission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem
from rightsdesk.cases.services import MASK
from rightsdesk.core.bidi import isolated_text
from rightsdesk.core.lists import and_list
from rightsdesk.intake import attachments as intake_files
from rightsdesk.intake.kinds import missing_labels

from . import checklist, history_reasons
from .models import Assignment

MASKED = MASK  # how cases.services records a private value
#: Files the case page previews: raster images a browser shows without running anything (an SVG can carry
#: scripts: it is only downloaded) and PDFs (in the browser's viewer, in a frame). Only types the intake's
#: sniffing can prove from the first bytes.
PREVIEW_IMAGES = frozenset({"image/png", "image/jpeg"})
PREVIEW_KINDS = {"image/png": "image", "image/jpeg": "image", "application/pdf": "pdf"}


def preview_kind(attachment, data: bytes | None = None) -> str:
    """"image", "pdf" or "" (not previewed): a file is previewed only when its first bytes prove its stored type.

    A file stored as a PNG whose contents are something else (HTML, a script) is never shown inline, only
    downloaded; ``data`` is the file's contents when the caller has read them already.
    """
    kind = PREVIEW_KINDS.get(attachment.content_type, "")
    if not kind:
        return ""
    try:
        head = (data if data is not None else intake_files.read(attachment))[:2048]
    except Exception:  # a missing or unreadable file is not previewed; the download says what is wrong
        return ""
    return kind if intake_files.sniff(head) == attachment.content_type else ""


def step_label(name: str) -> str:
    """A workflow step in words (history rows store its name)."""
    labels = {
        "triage": _("Accepted into triage"), "start_review": _("Review started"),
        "request_information": _("Information requested from the requester"),
        "information_received": _("Information received"), "submit_for_approval": _("Submitted for approval"),
        "return_for_changes": _("Returned for changes"), "approve": _("Decision approved"),
        "decide": _("Decision recorded"), "mark_notified": _("Marked notified"), "close": _("Closed"),
        "withdraw": _("Withdrawn by the requester"), "reopen": _("Reopened"),
    }
    return str(labels.get(name, name.replace("_", " ")))


def _field_label(model, name: str) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except Exception:
        return capfirst(name.replace("_", " "))


def _value_label(model, name: str, value) -> str:
    if value in ("", None, []):
        return "—"
    if value == MASKED:
        return ""
    try:
        fld = model._meta.get_field(name)
    except Exception:
        fld = None
    if fld is not None and fld.choices:
        return str(dict(fld.choices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return and_list(value)
    return str(value)


def _changed(model, name: str, change) -> str:
    """“Field: old → new”, or “Field changed (private)” when the values are masked."""
    label = _field_label(model, name)
    if not isinstance(change, dict) or "new" not in change:
        return label
    if change.get("new") == MASKED or change.get("old") == MASKED:
        return _("%(field)s changed (private value)") % {"field": label}
    return _("%(field)s: %(old)s → %(new)s") % {"field": label, "old": _value_label(model, name, change.get("old")),
                                                 "new": _value_label(model, name, change.get("new"))}


def _answer_label(key: str, value: str) -> str:
    question = checklist.BY_KEY.get(key)
    if not value:
        return "—"
    return str(dict(question.options).get(value, value)) if question else value


def _notice_words(changes: dict) -> str:
    from rightsdesk.notices.models import Notice

    events = {
        "drafted": _("drafted"), "edited": _("text edited"), "approved": _("approved"), "queued": _("queued for sending"),
        "retry": _("queued again"), "sent": pgettext("notice delivery", "sent"),
        "delivery_failed": _("delivery failed"),
        "cancelled": _("cancelled"), "superseded": _("replaced by a new decision's notice"), "held": _("held"),
        "released": _("released from a legal hold"), "hold_placed": _("legal hold placed"),
        "hold_lifted": _("legal hold lifted"),
    }
    event = str(events.get(changes.get("event", ""), changes.get("event", "")))
    purpose = changes.get("purpose", "")
    recipient = changes.get("recipient", "")
    parts = []
    if purpose:
        parts.append(str(dict(Notice.Purpose.choices).get(purpose, purpose)))
    if recipient:
        parts.append(_("to: %(role)s") % {"role": dict(c.PartyRole.choices).get(recipient, recipient)})
    if changes.get("notice"):
        parts.append(f"#{changes['notice']}")
    return _("Notice %(what)s: %(event)s") % {"what": " ".join(str(p) for p in parts), "event": event} if parts \
        else _("Notice: %(event)s") % {"event": event}


def _reason(entry: CaseHistory) -> str:
    """The history's reason in the reader's language where the system wrote it.

    The history is a record: a reason the system writes is stored in English (review.history_reasons, or marked
    ``gettext_noop`` where it is written, so the catalogues have it), whoever acted and in whichever language they
    work, and is translated here, when it is read. A reason a person typed is shown as typed (it matches no message).
    The intake's statement codes are put in words. A case opened from an e-mail forwarded by a colleague stores the
    colleague's address (mail.services._origin_reason); the case page says "a colleague": the address stays on the
    received message, which only readers of the inbox see."""
    words = {"codes": _codes_in_words}
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if entry.event == CaseHistory.Event.NOTE and "inbound_message" in changes and "filed_as" not in changes:
        # Translators: who forwarded an e-mail a case was opened from ("Forwarded by a colleague; opened in the
        # name of the original sender."), in place of their address.
        words["who"] = lambda address: pgettext("forwarded by", "a colleague")
    return history_reasons.shown(entry.reason, words)


def _codes_in_words(codes: str) -> str:
    """"good_faith, accuracy": the statements and elements a requester made or completed, in words."""
    return and_list(missing_labels((code.strip() for code in codes.split(",") if code.strip()), staff=True))


def actor_name(label: str) -> str:
    """Who acted, for rows not made by a staff account: the requester and the system in words."""
    return str({"requester": _("requester"), "system": _("system"), "": _("system")}.get(label, label))


def describe(entry: CaseHistory) -> tuple[str, list[str]]:
    """(headline, details) of one history entry, in the reader's language."""
    ch = entry.changes if isinstance(entry.changes, dict) else {}
    E = CaseHistory.Event
    if entry.event == E.CREATED:
        kind = dict(c.Kind.choices).get(ch.get("kind", ""), "")
        source = dict(c.Source.choices).get(ch.get("source", ""), "")
        return _("Request received"), [str(x) for x in (kind, source) if x]
    if entry.event == E.TRANSITION:
        states = dict(c.State.choices)
        headline = step_label(ch.get("transition", "")) if ch.get("transition") else _("State changed")
        return str(headline), [_("State: %(old)s → %(new)s") % {"old": states.get(entry.from_state, entry.from_state or "—"),
                                                               "new": states.get(entry.to_state, entry.to_state)}]
    if entry.event == E.ASSIGNMENT:
        kinds = dict(Assignment.Kind.choices)
        who = (ch.get("assigned_to") or {}).get("new") or ""
        old = (ch.get("assigned_to") or {}).get("old") or ""
        headline = str(kinds.get(ch.get("assignment", ""), _("Assignment")))
        details = []
        if who:
            details.append(_("Now with %(who)s") % {"who": isolated_text(who)})
        if old and old != who:
            details.append(_("Before: %(who)s") % {"who": isolated_text(old)})
        return headline, details
    if entry.event == E.CHECKLIST:
        details = []
        for key, change in ch.items():
            question = checklist.BY_KEY.get(key)
            text = str(question.text) if question else key
            if not isinstance(change, dict):
                continue
            old, new = _answer_label(key, change.get("old", "")), _answer_label(key, change.get("new", ""))
            if old == new:
                details.append(_("%(question)s %(answer)s (note changed)") % {"question": text, "answer": new})
            else:
                details.append(_("%(question)s %(old)s → %(new)s") % {"question": text, "old": old, "new": new})
        return _("Checklist answered"), details
    if entry.event == E.ITEM:
        number = ch.get("item") or ch.get("added_item")
        if "added_item" in ch:
            return _("Item #%(n)s added") % {"n": number}, []
        details = [_changed(TargetItem, name, change) for name, change in ch.items() if name != "item"]
        return _("Item #%(n)s changed") % {"n": number}, details
    if entry.event == E.EDIT:
        if "added_party" in ch:
            return _("Person added: %(role)s") % {"role": dict(c.PartyRole.choices).get(ch["added_party"], ch["added_party"])}, []
        if "party" in ch:
            role = dict(c.PartyRole.choices).get(ch["party"], ch["party"])
            return _("Person changed: %(role)s") % {"role": role}, [
                _changed(Party, name, change) for name, change in ch.items() if name != "party"]
        if "voluntary_disclosure" in ch:
            details = [_("Voluntary disclosure: %(v)s") % {"v": _("yes") if ch.get("voluntary_disclosure") else _("no")}]
            if ch.get("disclosed_to"):
                details.append(_("Disclosed to: %(who)s") % {"who": ch["disclosed_to"]})
            return _("Emergency record saved"), details
        if "tracking_token" in ch:
            return _("Tracking link renewed"), []
        return _("Case details changed"), [_changed(Case, name, change) for name, change in ch.items()]
    if entry.event == E.NOTE and "filed_as" in ch:  # mail.services.file_into_case: the reason says as what
        return _("E-mail filed into the case"), []
    if entry.event == E.NOTE and "inbound_message" in ch:  # mail.services.open_case_from_message: the reason says
        return _("Case opened from an e-mail"), []  # which message of which inbox, and who forwarded it
    if entry.event == E.NOTE:
        return _("Note added"), []
    if entry.event == E.MESSAGE:
        purpose = ch.get("purpose", "")
        from .models import MessageToRequester

        return _("Message to the requester"), [str(dict(MessageToRequester.Purpose.choices).get(purpose, purpose))] if purpose else []
    if entry.event == E.NOTICE:
        if ch.get("event") == "hold_placed" or "legal_hold" in ch:
            return _("Legal hold: %(event)s") % {"event": {"hold_placed": _("placed"), "hold_lifted": _("lifted")}.get(
                ch.get("event", ""), ch.get("event", ""))}, []
        return _notice_words(ch), []
    label = str(dict(CaseHistory.Event.choices).get(entry.event, entry.event))
    details = []
    for name, change in ch.items():
        if isinstance(change, dict):
            details.append(_changed(Case, name, change))
        elif name in ("outcome",):
            details.append(f"{_field_label(Case, name)}: {_value_label(Case, name, change)}")
    return label, details


@dataclass
class Entry:
    at: datetime
    kind: str  # event, note, message_out, message_in, attachment
    who: str
    headline: str
    details: list = field(default_factory=list)
    reason: str = ""
    body: str = ""
    obj: object = None
    order: int = 0
    preview: str = ""  # for a file: "image" or "pdf" when the case page previews it (see preview_kind)


def build(case: Case, *, history, notes, messages_out, replies, attachments) -> list[Entry]:
    """Everything that happened on the case, oldest first (newest last); notes and messages appear once, as themselves."""
    entries: list[Entry] = []
    own_rows = {CaseHistory.Event.NOTE, CaseHistory.Event.MESSAGE}
    for h in history:
        if h.event in own_rows and "inbound_message" not in h.changes:
            continue  # the note or message itself is on the timeline; an e-mail's entries (a case opened from it,
            # one filed into it, saying who it is from) have no row of their own there
        headline, details = describe(h)
        entries.append(Entry(h.at, "event", h.who if h.actor_id else actor_name(h.actor_label), str(headline), [str(d) for d in details if d], _reason(h), obj=h,
                             order=h.pk))
    for n in notes:
        entries.append(Entry(n.created_at, "note", n.author.get_username() if n.author_id else "—", _("Staff note"),
                             body=n.body, obj=n))
    for m in messages_out:
        entries.append(Entry(m.created_at, "message_out", m.author.get_username() if m.author_id else "—",
                             _("Message to the requester"), [str(m.get_purpose_display())]
                             + ([_("e-mailed")] if m.emailed else []), body=m.body, obj=m))
    reply_files = set()
    for r in replies:
        if r.attachment_id:
            reply_files.add(r.attachment_id)
        entries.append(Entry(r.created_at, "message_in", _("requester"), _("Message from the requester"), body=r.text,
                             obj=r))
    for a in attachments:
        entries.append(Entry(a.uploaded_at, "attachment", actor_name(a.uploaded_by or "requester"), _("File received"),
                             obj=a))
    entries.sort(key=lambda e: (e.at, e.order))
    return entries
