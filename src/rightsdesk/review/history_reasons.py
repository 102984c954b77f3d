"""The sentences the system writes into a case's history (and into a notice's reason for being cancelled), in one
place for the writers and the readers (``review.timeline``, the staff notice page).

The history is a record: a reason the system writes is stored in English, whoever acted and in whichever language
they work, and is read in the reader's language. So a writer never passes a translated text (``_()``, or a choice's
label, which is translated in the actor's language when it is turned into text): it passes one of these messages,
marked ``gettext_noop`` so that the catalogues have it, filled with values that are not words (references, names,
numbers, codes).

Why here: the sentences of the intake, the appeals, the notices and the mail are read only by staff, on the case
page. Marked in those apps, they would belong to catalogues the public reads in fourteen languages; here they belong
to the review's, which staff read in theirs. The writers of those apps already build on the review (its
deadlines). The reasons written below the review (``cases``, ``privacy``, ``clocks``, ``transparency``) are marked
where they are written; the reader finds every fixed sentence in the catalogues alike.

A stored reason is read as one of these messages, or as several written one after the other (the intake's "Received
… Statements made: … Signed electronically."). A reason a person typed matches none and is shown as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from types import MappingProxyType

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from rightsdesk.cases import choices as c

# --- The review --------------------------------------------------------------------------------------------------

#: The case was marked as a duplicate (an edit of ``duplicate_of``, when staff gave no reason of their own).
DUPLICATE_OF = gettext_noop("Duplicate of %(ref)s.")
#: The case was closed as a duplicate.
CLOSED_AS_DUPLICATE = gettext_noop("Closed as a duplicate of %(ref)s.")

# --- The intake: how a request arrived (a case's first entry) --------------------------------------------------

#: How a request arrived, by its source; a request through the API names the organisation (RECEIVED_THROUGH_API).
RECEIVED = MappingProxyType({
    c.Source.WEB_FORM: gettext_noop("Received through the online form."),
    c.Source.POST: gettext_noop("Received by post; entered by staff."),
    c.Source.FAX: gettext_noop("Received by fax; entered by staff."),
    c.Source.PHONE: gettext_noop("Received by phone; entered by staff."),
    c.Source.EMAIL: gettext_noop("Received by e-mail; entered by staff."),
})
# Translators: %(organisation)s is the name of the organisation whose API token sent the request.
RECEIVED_THROUGH_API = gettext_noop("Received through the API from %(organisation)s.")
#: Written after how it arrived: the statements of the declaration made (their codes), and a signature.
# Translators: %(codes)s is a list of the statements, already in words ("the good-faith statement and …").
STATEMENTS_MADE = gettext_noop("Statements made: %(codes)s.")
SIGNED = gettext_noop("Signed electronically.")

# --- The requester, later -----------------------------------------------------------------------------------------

#: The ways a requester adds to their case: the tracking page, a reply by e-mail, or an e-mail staff filed.
TRACKING_PAGE, EMAIL_REPLY, EMAIL_FILED = "tracking_page", "email_reply", "email_filed"
ADDED_INFORMATION = MappingProxyType({
    TRACKING_PAGE: gettext_noop("The requester added information through the private tracking page."),
    EMAIL_REPLY: gettext_noop("The requester added information through an e-mail reply."),
    # Translators: %(who)s is the user name of the staff member who filed the e-mail into the case.
    EMAIL_FILED: gettext_noop("The requester added information through an e-mail filed by %(who)s."),
})
ANSWERED = MappingProxyType({
    TRACKING_PAGE: gettext_noop("The requester answered through the private tracking page."),
    EMAIL_REPLY: gettext_noop("The requester answered through an e-mail reply."),
    EMAIL_FILED: gettext_noop("The requester answered through an e-mail filed by %(who)s."),
})
# Translators: %(codes)s is a list of what was missing, already in words ("the requester's signature").
COMPLETED = gettext_noop("The requester completed: %(codes)s.")
WITHDRAWN = gettext_noop("The requester withdrew the request through the private tracking page.")
#: The requester lost their tracking link and asked for a new one (intake.recovery); the old link stops working.
TRACKING_LINK_RENEWED = gettext_noop(
    "The requester asked for a new tracking link through the e-mail address of the request; the old link no longer "
    "works.")

# --- The mail: a case opened from a received message ----------------------------------------------------------------

OPENED_FROM_EMAIL = gettext_noop("Received by e-mail in the inbox '%(inbox)s' (message %(number)s).")
OPENED_FROM_EMAIL_FORWARDED_BY_COLLEAGUE = gettext_noop(
    "Received by e-mail in the inbox '%(inbox)s' (message %(number)s). Forwarded by %(who)s; opened in the name of "
    "the original sender.")
OPENED_FROM_EMAIL_FORWARDED = gettext_noop(
    "Received by e-mail in the inbox '%(inbox)s' (message %(number)s). Forwarded by the sender of that message; "
    "opened in the name of the original sender.")

# --- The mail: a received message a person filed into a case (mail.services.file_into_case) -----------------------

#: Who the person said the message is from (mail.services.FiledAs), the first sentence; only the requester's words
#: reach the requester's tracking page and export, the others' are a staff note.
FILED_AS = MappingProxyType({
    # Translators: %(number)s is the number of the received e-mail in the staff inbox; %(who)s the user name of the
    # staff member who filed it into the case.
    c.PartyRole.REQUESTER: gettext_noop("E-mail %(number)s, filed by %(who)s as the requester's information: the "
                                        "requester sees it on their tracking page."),
    # Translators: %(number)s is the number of the received e-mail in the staff inbox; %(who)s the user name of the
    # staff member who filed it into the case.
    c.PartyRole.AFFECTED_USER: gettext_noop("E-mail %(number)s, filed by %(who)s as from the affected user: a staff "
                                            "note, which the requester does not see."),
    # Translators: %(number)s is the number of the received e-mail in the staff inbox; %(who)s the user name of the
    # staff member who filed it into the case.
    "other": gettext_noop("E-mail %(number)s, filed by %(who)s as from someone else: a staff note, which the "
                          "requester does not see."),
})
#: Whose address the message came from (mail.services.whose_address), the second sentence.
SENT_FROM = MappingProxyType({
    c.PartyRole.REQUESTER: gettext_noop("It came from the requester's address."),
    c.PartyRole.AFFECTED_USER: gettext_noop("It came from the affected user's address."),
    "other": gettext_noop("It came from an address of no party to the case."),
})
#: Filed as the requester's although it came from another address: the person confirmed it, the third sentence.
CONFIRMED_REQUESTER = gettext_noop("The staff member confirmed that the requester sent it.")

# --- The appeals ---------------------------------------------------------------------------------------------------

#: The appeal's own first entry, by who appealed (appeals.services.APPELLANT_ROLES).
APPEAL_BY = MappingProxyType({
    c.PartyRole.REQUESTER: gettext_noop("Appeal by the requester."),
    c.PartyRole.AFFECTED_USER: gettext_noop("Appeal by the affected user."),
})
APPEAL_FILED = gettext_noop("An appeal was filed.")
APPEAL_ASSIGNED = gettext_noop("Assigned to a reviewer who took no part in the decision appealed.")
APPELLANT_ADDED_INFORMATION = gettext_noop("The appellant added information.")
APPEAL_REVIEW_STARTED = gettext_noop("Review of the appeal started.")
APPEAL_OUTCOME = gettext_noop("Outcome of the appeal.")
APPEAL_DECIDED = gettext_noop("The appeal was decided; its reasons are in the appeal's decision.")
#: An item restored by an appeal that reversed the decision, fully or in part.
RESTORED_BY_APPEAL = MappingProxyType({
    c.Outcome.GRANTED: gettext_noop("Restored: appeal %(ref)s reversed the decision."),
    c.Outcome.PARTIALLY_GRANTED: gettext_noop("Restored: appeal %(ref)s partly reversed the decision."),
})
#: A requester's appeal that reversed the decision, fully or in part, reopens the request.
REOPENED_BY_APPEAL = MappingProxyType({
    c.Outcome.GRANTED: gettext_noop("Appeal %(ref)s was reversed: the request is decided anew."),
    c.Outcome.PARTIALLY_GRANTED: gettext_noop("Appeal %(ref)s was partly reversed: the request is decided anew."),
})
DECISION_REOPENED = gettext_noop("The decision was reopened.")

# --- The notices ------------------------------------------------------------------------------------------------------

ACCOUNTS_NOTIFIED = gettext_noop("Notices to the affected accounts were sent.")
#: A notice not sent because a new decision replaced it (its ``cancel_reason``).
NOTICE_SUPERSEDED = gettext_noop("Replaced by the notices of a new decision.")
RELEASED_UNAPPROVED = gettext_noop("Released for review: it was never approved.")
# Translators: %(date)s is the moment the legal hold ended, as stored (2026-12-06T10:00:00+00:00).
HOLD_ENDED = gettext_noop("The hold ended on %(date)s.")


def in_english(label) -> str:
    """The English text of a translatable label (a choice's), to store in the record: ``str(label)`` would store it
    in the language of whoever acted. The reader finds it in the catalogues as it finds a fixed sentence."""
    with translation.override("en"):
        return str(label)


# --- Reading --------------------------------------------------------------------------------------------------------

#: What each placeholder may hold when it is read back from a stored text. A placeholder not named here holds any
#: text (a name); it is shown as stored.
_VALUES = {
    "ref": r"[A-Z0-9][\w-]*",
    "number": r"\d+",
    "codes": r"[a-z_]+(?:, [a-z_]+)*",
    "date": r"[\d\-:T+.]+",
}


#: A stored reason of this many sentences or more is not the system's: it writes three at most (how a request
#: arrived), with room for names that hold a full stop ("Acme Inc. Ltd.").
_MOST_SENTENCES = 8


def _messages() -> list[str]:
    """Every message above: the module's upper-case names that hold a sentence, or a table of sentences."""
    found = []
    for name, value in globals().items():
        if name.startswith("_") or not name.isupper():
            continue
        for message in value.values() if isinstance(value, Mapping) else [value]:
            if isinstance(message, str) and " " in message:
                found.append(message)
    return found


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """Each message with a placeholder, as a pattern that finds its values in a stored text (the longest first, so
    that a message that begins like another is tried before it)."""
    patterns = []
    for message in _messages():
        parts = re.split(r"%\((\w+)\)s", message)
        if len(parts) == 1:
            continue
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>{_VALUES.get(part, '.+?')})"
                        for i, part in enumerate(parts))
        patterns.append((message, re.compile(regex)))
    return sorted(patterns, key=lambda pair: -len(pair[0]))


def _one(text: str, words: Mapping[str, Callable[[str], str]]) -> str | None:
    """``text``, one stored sentence (or a message of several), in the reader's language; None if it is none of
    these messages and no fixed sentence of the catalogues."""
    shown = gettext(text)
    if shown != text or text in _FIXED:
        return shown
    for message, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found:
            values = {name: words[name](value) if name in words else value
                      for name, value in found.groupdict().items()}
            return gettext(message) % values
    return None


def shown(text: str, words: Mapping[str, Callable[[str], str]] | None = None) -> str:
    """A stored reason as its reader reads it: the system's in their language, a person's as typed."""
    return in_readers_language(text, words) or text or ""


def in_readers_language(text: str, words: Mapping[str, Callable[[str], str]] | None = None) -> str | None:
    """``text``, a reason the system stored, in the active language; None when it is not one (typed by a person).

    ``words`` puts a placeholder's stored value in words (the reader gives the statements' codes their labels).
    A text made of several messages, one after the other with a space between, is read message by message.
    """
    words = words or {}
    if not text:
        return None
    cuts = [m.end() for m in re.finditer(r"\. ", text)]
    if len(cuts) >= _MOST_SENTENCES:  # longer than anything the system writes: typed (and not worth the search)
        return _one(text, words)

    @cache
    def read_from(start: int) -> str | None:
        # Several sentences first: a name (a placeholder of free text) could otherwise take in the sentences after
        # it. The first cut at which both sides read as system messages wins (each sentence ends in ". ").
        for cut in (cut for cut in cuts if cut > start):
            head = _one(text[start:cut - 1], words)
            if head is None:
                continue
            rest = read_from(cut)
            if rest is not None:
                return f"{head} {rest}"
        return _one(text[start:], words)

    return read_from(0)


_FIXED = frozenset(message for message in _messages() if "%(" not in message)
