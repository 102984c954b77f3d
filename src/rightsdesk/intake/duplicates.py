"""Possible duplicates of a request: the same requester or the same content, sent within a few days.

Personal fields are encrypted, so nothing is compared by decrypting every row:
the requester's e-mail is matched through its keyed digest (``Party.email_index``),
and URLs only among the items of cases received within the window on the same
project (a plain column), which bounds what is decrypted.
"""

from __future__ import annotations

from datetime import timedelta

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, Party, TargetItem

from . import conf

#: The most items decrypted to compare URLs, whatever the window holds.
MAX_ITEMS_COMPARED = 2000


def window() -> timedelta:
    """How far apart two requests may be received and still be possible duplicates (one setting: DUPLICATE_DAYS)."""
    return timedelta(days=int(conf.get("DUPLICATE_DAYS")))


def _nearby(case: Case):
    span = window()
    return (Case.objects.exclude(pk=case.pk)
            .filter(received_at__gte=case.received_at - span, received_at__lte=case.received_at + span))


def possible_duplicates(case: Case, limit: int = 10) -> list[dict]:
    """Cases received within the window from the same requester e-mail or about the same URLs, newest first.

    Each entry: ``case`` and ``why`` (a set of "email" and "urls").
    """
    nearby = _nearby(case)
    found: dict[int, set] = {}
    digests = [d for d in Party.objects.filter(case=case, role=c.PartyRole.REQUESTER)
               .exclude(email_index="").values_list("email_index", flat=True)]
    if digests:
        same_sender = Party.objects.filter(role=c.PartyRole.REQUESTER, email_index__in=digests,
                                           case__in=nearby).values_list("case_id", flat=True)
        for pk in same_sender[:limit * 5]:
            found.setdefault(pk, set()).add("email")
    own = list(TargetItem.objects.filter(case=case).exclude(url="").only("url", "project"))
    urls = {_normal(item.url) for item in own}
    projects = {item.project for item in own}
    if urls:
        candidates = (TargetItem.objects.filter(case__in=nearby, project__in=projects).exclude(url="")
                      .only("url", "case_id")[:MAX_ITEMS_COMPARED])
        for item in candidates:
            if _normal(item.url) in urls:
                found.setdefault(item.case_id, set()).add("urls")
    cases = Case.objects.filter(pk__in=found).only("reference", "kind", "state", "received_at").order_by("-received_at")
    return [{"case": other, "why": found[other.pk]} for other in cases[:limit]]


def _normal(url: str) -> str:
    return url.strip().rstrip("/").casefold()
