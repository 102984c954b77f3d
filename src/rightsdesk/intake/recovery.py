"""A requester who lost their private tracking link gets new ones through the mailbox of their requests.

The link is shown once and only its digest is kept, so it cannot be sent again; a new one replaces it. The way back
is the one people know from passwords:

1. On the public "Lost your tracking link?" page a person gives an e-mail address (:func:`ask`). The page answers
   the same whatever the address: it never tells whether we hold a request from it. The search for the requests
   runs in the task that sends the e-mail (:func:`send_recovery_link`), so the answer's timing does not tell
   either; the task is given the address's blind index, never the address.
2. When requests list that address as their requester's, the address is sent a signed link, valid for
   ``RECOVERY_LINK_HOURS``, naming them (:func:`recovery_code`). Nothing changes yet: the current links keep
   working, so a person who asks for someone else's address cannot take their links away.
3. Opening that link shows the requests; a button (a POST: mail scanners open links, they do not press buttons)
   gives each a new tracking link, shown once, and the old ones stop working (:func:`renew`). The signed code
   carries a digest of the links it replaces, so it works once: after the renewal it no longer matches.

An address is sent at most ``RECOVERY_EMAILS_PER_WINDOW`` such e-mails a window, from however many networks they
are asked for (``ratelimit.hit_digest``); the page itself is limited per network like every public form.

This module is the one home of that rule for every kind of request with a tracking link. Each app that hands out
such links says in its ``lost_links.py`` how to find its requests by the address's blind index and how to renew
one (a :class:`Source`, found through ``core.registry.lost_link_sources``): intake's requests (cases) and legal
support's. One page, one e-mail and one code cover them all, so a person need not know which form they used, and
one address gets at most the limit's e-mails whichever kinds of request it sent.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from rightsdesk.core import languages, registry
from rightsdesk.core.errors import DomainError
from rightsdesk.core.public_urls import public_url
from rightsdesk.core.tasks import task

from . import conf, ratelimit

logger = logging.getLogger("rightsdesk.intake")

SALT = "rightsdesk.intake.tracking-recovery"


@dataclass(frozen=True)
class Tracked:
    """One request with a private tracking link, whichever app holds it, as the way back shows and renews it."""

    source: Source
    pk: int
    reference: str
    label: object  # what kind of request, in words (may be lazy: translated when shown)
    received_at: datetime
    digest: str  # the digest of its current tracking link: the code's version is made of these
    row: object = field(compare=False, repr=False)  # the app's own model instance, for the app's source


class Source:
    """What an app tells the way back about its requests with a private tracking link (its ``lost_links.SOURCE``).

    The rule (who is sent what, when a code works, the limit) is this module's; a source only finds, locks and
    renews its own requests, and writes their history."""

    #: Names the app's requests in the code's digest; never changes.
    key = ""

    def requests_of(self, email_index: str, most: int) -> list[Tracked]:
        """The ``most`` most recent requests whose requester gave the address of this blind index and that still
        have a tracking link (a purged request has none)."""
        raise NotImplementedError

    def locked(self, pks: list[int]) -> list[Tracked]:
        """The requests with these keys as they are now, locked for the renewal's transaction."""
        raise NotImplementedError

    def address(self, tracked: Tracked, email_index: str) -> str:
        """The requester's address as they gave it, to send the e-mail to."""
        raise NotImplementedError

    def renew(self, tracked: Tracked) -> str:
        """Give the (locked) request a new tracking link, recorded in its history; return the raw token."""
        raise NotImplementedError

    def tracking_url(self, token: str, request=None) -> str:
        """The absolute address of the request's tracking page for this token, in the current language."""
        raise NotImplementedError


def sources() -> tuple[Source, ...]:
    return registry.lost_link_sources()


def _newest_first(tracked: list[Tracked]) -> list[Tracked]:
    return sorted(tracked, key=lambda t: (t.received_at, t.source.key, t.pk), reverse=True)


def requests_of(email_index: str) -> list[Tracked]:
    """The requests of every kind whose requester gave this address (by its blind index) and that still have a
    tracking link, the most recent first, at most ``RECOVERY_MOST_REQUESTS`` in all."""
    if not email_index:
        return []
    most = int(conf.get("RECOVERY_MOST_REQUESTS"))
    return _newest_first([t for source in sources() for t in source.requests_of(email_index, most)])[:most]


def _version(tracked: list[Tracked]) -> str:
    """A digest of the links the code replaces: it changes when any of them is replaced, so a code works once."""
    text = "\n".join(sorted(f"{t.source.key}:{t.pk}:{t.digest}" for t in tracked))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def recovery_code(email_index: str, tracked: list[Tracked]) -> str:
    """The signed code of the link e-mailed to the address (the address's blind index and the links' digest)."""
    return signing.dumps({"i": email_index, "v": _version(tracked)}, salt=SALT)


class RecoveryRefused(DomainError):
    """The code is not ours, has expired, or was used."""


@dataclass(frozen=True)
class Renewed:
    request: Tracked
    token: str

    def link(self, request=None) -> str:
        """The new tracking link, absolute (for the page of ``request`` when given)."""
        return self.request.source.tracking_url(self.token, request)


def link_hours() -> int:
    """How long the link in the e-mail works."""
    return int(conf.get("RECOVERY_LINK_HOURS"))


def _refused(code: str) -> RecoveryRefused:
    again = _("Ask for a new e-mail on the page “Lost your tracking link?”.")
    if code == "expired":
        return RecoveryRefused(_("This link has expired.") + " " + again, code=code)
    if code == "used":
        return RecoveryRefused(_("This link was already used, or newer tracking links were issued since.") + " "
                               + again, code=code)
    return RecoveryRefused(_("This link is not complete. Copy the whole link from the e-mail, or ask for a new "
                             "e-mail."), code="invalid")


def _open(code: str) -> tuple[str, list[Tracked]]:
    try:
        data = signing.loads(code, salt=SALT, max_age=timedelta(hours=link_hours()))
    except signing.SignatureExpired:
        raise _refused("expired") from None
    except signing.BadSignature:
        raise _refused("invalid") from None
    tracked = requests_of(str(data.get("i", "")))
    if not tracked or _version(tracked) != data.get("v"):
        raise _refused("used")
    return data["v"], tracked


def opened(code: str) -> list[Tracked]:
    """The requests a code from the e-mail names, as they are now. Refused (saying what to do) when the code was
    altered or cut, has expired, or its links were replaced since (it was used)."""
    return _open(code)[1]


def ask(email: str, language: str) -> None:
    """Queue the e-mail with the link to new tracking links (sent only when requests list this address)."""
    from rightsdesk.privacy.crypto import blind_index

    index = blind_index(email)
    if index:
        transaction.on_commit(lambda: send_recovery_link.enqueue(index, language))


@transaction.atomic
def renew(code: str) -> list[Renewed]:
    """Give each request the code names a new tracking link, shown once; the old links stop working. Refused as
    :func:`opened` refuses, and for the second of two presses: the requests are locked and the code checked again."""
    version, tracked = _open(code)
    locked = []
    for source in sources():  # always in the same order, each source's rows by key: two renewals cannot deadlock
        pks = sorted(t.pk for t in tracked if t.source is source)
        if pks:
            locked.extend(source.locked(pks))
    if _version(locked) != version:
        raise _refused("used")
    return [Renewed(t, t.source.renew(t)) for t in _newest_first(locked)]


@task()
def send_recovery_link(email_index: str, language: str) -> bool:
    """E-mail the link to new tracking links (``recovery``) to the address whose blind index this is, when requests
    list it as their requester's and the address has not had too many such e-mails lately. The address is read from
    the requests, so the tasks table holds only its keyed digest."""
    tracked = requests_of(email_index)
    if not tracked:
        logger.info("intake.recovery_nothing_found")
        return False
    if ratelimit.hit_digest(email_index, "recovery", window=int(conf.get("RECOVERY_WINDOW_SECONDS")),
                            limit=int(conf.get("RECOVERY_EMAILS_PER_WINDOW"))):
        logger.warning("intake.recovery_refused (too many e-mails to one address)")
        return False
    address = tracked[0].source.address(tracked[0], email_index)
    language = languages.supported(language)
    with translation.override(language):
        link = public_url(reverse("intake:track_recover", kwargs={"code": recovery_code(email_index, tracked)}))
        context = {"tracked": tracked, "link": link, "hours": link_hours(),
                   "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"]}
        subject = render_to_string("intake/email/recovery_subject.txt", context).strip()
        body = render_to_string("intake/email/recovery.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[address],
                           headers={"Auto-Submitted": "auto-generated"}).send()
    logger.info("intake.recovery_sent requests=%d", len(tracked))
    return True
