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
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases.models import Case
from rightsdesk.core import languages
from rightsdesk.core.errors import DomainError
from rightsdesk.core.public_urls import public_url
from rightsdesk.review import history_reasons

from . import conf, ratelimit

logger = logging.getLogger("rightsdesk.intake")

SALT = "rightsdesk.intake.tracking-recovery"


def requests_of(email_index: str) -> list[Case]:
    """The requests whose requester gave this address (by its blind index) and that still have a tracking link
    (a purged case has none), the most recent first, at most ``RECOVERY_MOST_REQUESTS``."""
    if not email_index:
        return []
    most = int(conf.get("RECOVERY_MOST_REQUESTS"))
    found = Case.objects.filter(parties__role=c.PartyRole.REQUESTER, parties__email_index=email_index)
    return list(found.exclude(tracking_token_digest="").distinct().order_by("-received_at", "-pk")[:most])


def _version(cases: list[Case]) -> str:
    """A digest of the links the code replaces: it changes when any of them is replaced, so a code works once."""
    text = "\n".join(f"{case.pk}:{case.tracking_token_digest}" for case in sorted(cases, key=lambda case: case.pk))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def recovery_code(email_index: str, cases: list[Case]) -> str:
    """The signed code of the link e-mailed to the address (the address's blind index and the links' digest)."""
    return signing.dumps({"i": email_index, "v": _version(cases)}, salt=SALT)


class RecoveryRefused(DomainError):
    """The code is not ours, has expired, or was used."""


@dataclass(frozen=True)
class Renewed:
    case: Case
    token: str


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


def _open(code: str) -> tuple[str, list[Case]]:
    try:
        data = signing.loads(code, salt=SALT, max_age=timedelta(hours=link_hours()))
    except signing.SignatureExpired:
        raise _refused("expired") from None
    except signing.BadSignature:
        raise _refused("invalid") from None
    cases = requests_of(str(data.get("i", "")))
    if not cases or _version(cases) != data.get("v"):
        raise _refused("used")
    return data["v"], cases


def opened(code: str) -> list[Case]:
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
    version, cases = _open(code)
    locked = list(Case.objects.select_for_update().filter(pk__in=[case.pk for case in cases]).order_by("pk"))
    if _version(locked) != version:
        raise _refused("used")
    order = {case.pk: n for n, case in enumerate(cases)}
    renewed = [Renewed(case, case_services.issue_tracking_token(case, reason=history_reasons.TRACKING_LINK_RENEWED))
               for case in locked]
    return sorted(renewed, key=lambda r: order[r.case.pk])


@task()
def send_recovery_link(email_index: str, language: str) -> bool:
    """E-mail the link to new tracking links (``recovery``) to the address whose blind index this is, when requests
    list it as their requester's and the address has not had too many such e-mails lately. The address is read from
    the requests, so the tasks table holds only its keyed digest."""
    cases = requests_of(email_index)
    if not cases:
        logger.info("intake.recovery_nothing_found")
        return False
    if ratelimit.hit_digest(email_index, "recovery", window=int(conf.get("RECOVERY_WINDOW_SECONDS")),
                            limit=int(conf.get("RECOVERY_EMAILS_PER_WINDOW"))):
        logger.warning("intake.recovery_refused (too many e-mails to one address)")
        return False
    requester = next(party for party in cases[0].parties.filter(role=c.PartyRole.REQUESTER, email_index=email_index))
    language = languages.supported(language)
    with translation.override(language):
        link = public_url(reverse("intake:track_recover", kwargs={"code": recovery_code(email_index, cases)}))
        context = {"cases": cases, "link": link, "hours": link_hours(),
                   "platform_name": settings.RIGHTSDESK["PLATFORM_NAME"]}
        subject = render_to_string("intake/email/recovery_subject.txt", context).strip()
        body = render_to_string("intake/email/recovery.txt", context)
    EmailMultiAlternatives(subject=subject, body=body, to=[requester.email],
                           headers={"Auto-Submitted": "auto-generated"}).send()
    logger.info("intake.recovery_sent requests=%d", len(cases))
    return True
