"""The staff queues: which cases, in which order, with which counts.

Emergencies come first in every queue, then the cases of a running crisis (crisis.rules), then the soonest due,
then the oldest.
All filtering happens in the database so the queues stay fast with many cases.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Case as When_, Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import OPEN_STATES
from rightsdesk.cases.services import appeal_title
from rightsdesk.clocks import selectors as clock_selectors
from rightsdesk.core.bidi import isolated_text, ltr_text
from rightsdesk.core.lists import semicolon_list
from rightsdesk.crisis.rules import in_running_crisis_q
from rightsdesk.transparency import search_text

from . import deadlines
from .services import emergency_queue_filter

VIEWS = {
    "open": _("All open cases"),
    "mine": _("My cases"),
    "unassigned": _("Unclaimed"),
    "emergency": _("Emergencies"),
    "overdue": _("Overdue"),
    "soon": _("Due soon"),
    "approval": _("Awaiting approval"),
    "all": _("All cases, including closed"),
}
SORTS = {
    "priority": _("Priority (emergencies, then crisis cases, then soonest due)"),
    "received": _("Oldest received first"),
    "-received": _("Newest received first"),
    "reference": _("Reference"),
    "kind": _("Kind"),
    "state": _("State"),
    "statutory": clock_selectors.SORT_LABEL,
}


@dataclass
class QueueFilters:
    view: str = "open"
    kind: str = ""
    state: str = ""
    language: str = ""
    q: str = ""
    sort: str = "priority"
    #: What the query asked for and the queue does not know ((parameter, value) pairs), left out and said.
    ignored: list = field(default_factory=list, compare=False)

    @classmethod
    def from_query(cls, data) -> "QueueFilters":
        f = cls(view=data.get("view") or "open", kind=data.get("kind", ""), state=data.get("state", ""),
                language=data.get("language", "").strip()[:16], q=data.get("q", "").strip()[:200],
                sort=data.get("sort") or "priority")
        for key, known, default in (("view", VIEWS, "open"), ("kind", c.Kind.values, ""),
                                    ("state", c.State.values, ""), ("sort", SORTS, "priority")):
            if getattr(f, key) and getattr(f, key) not in known:
                f.ignored.append((key, getattr(f, key)))
                setattr(f, key, default)
        return f


#: The names of the queue's parameters, as its filter form labels them.
PARAMETER_LABELS = {"view": _("Queues"), "kind": _("Kind"), "state": _("State"), "sort": _("Sort")}


def not_understood(filters: QueueFilters, asked_page: str | None, page) -> list[str]:
    """What the page says of a query it could not follow (a mistyped bookmark, a hand-edited address): the values
    it left out, and a page number that does not exist, with the page shown instead."""
    said = []
    if filters.ignored:
        said.append(_("Left out of the address because the queue does not know it: %(items)s.") % {
            "items": semicolon_list(_("%(name)s: “%(value)s”") % {"name": PARAMETER_LABELS[key],
                                                                  "value": isolated_text(value[:40])}
                                    for key, value in filters.ignored)})
    if asked_page not in (None, "") and asked_page != str(page.number):
        said.append(_("There is no page “%(asked)s”: this is page %(shown)d of %(total)d.")
                    % {"asked": ltr_text(asked_page[:20]), "shown": page.number, "total": page.paginator.num_pages})
    return said


def soon_threshold(now=None):
    return (now or timezone.now()) + timedelta(hours=deadlines.SOON_HOURS)


def with_priority(qs: QuerySet) -> QuerySet:
    return qs.annotate(emergency_rank=When_(When(emergency_queue_filter(), then=Value(0)), default=Value(1),
                                            output_field=IntegerField()),
                       crisis_rank=When_(When(in_running_crisis_q(), then=Value(0)), default=Value(1),
                                         output_field=IntegerField()))


#: The most words of a search the queue looks for (the rest of a pasted paragraph is left out).
SEARCH_WORDS = 12


def search_q(q: str) -> Q:
    """The one rule of the queue's search: a case is found when each word typed is in its reference or in its
    title as the reader sees it.

    The title is shown in the reader's language, composed when shown (``cases.services.display_title_parts``: the
    kind's label, for an appeal "Appeal of" the case appealed, then the site and the day), and stored once, neutral,
    in the site's default language. So a word is looked for in the reference, the stored title and the reference an
    appeal appeals (in the database), and in the words the reader's language shows for each kind (here: the kinds
    whose shown words hold it). Both sides of the last are folded by the log's one rule of how text is searched
    (``transparency.search_text.fold``: طعن finds طَعْن and طعـن, Persian ی and ک are ي and ك, cafe finds café,
    ٢٠٢٦ is 2026) and case-folded, so the same cases are found on SQLite and PostgreSQL. What a person typed (the
    requester's subject, the request, an appeal's grounds) is private and encrypted, and never searched here: the
    queue shows its results to every staff role."""
    shown = _shown_kind_words()
    condition = Q()
    for word in q.split()[:SEARCH_WORDS]:
        folded = search_text.fold(word).casefold()
        either = Q(kind__in=[kind for kind, words in shown.items() if folded and folded in words])
        for text in {word, folded} - {""}:
            either |= (Q(reference__icontains=text) | Q(subject__icontains=text)
                       | Q(kind=c.Kind.APPEAL, appeal_of__reference__icontains=text))
        condition &= either
    return condition


def _shown_kind_words() -> dict[str, str]:
    """Each kind with the words its cases' titles show in the active language, folded (an appeal: its kind's label
    and "Appeal of" without the reference)."""
    shown = {}
    for kind in c.Kind:
        words = [str(kind.label)]
        if kind == c.Kind.APPEAL:
            words.append(appeal_title(""))
        shown[kind.value] = search_text.fold(" ".join(words)).casefold()
    return shown


def cases_for(user, filters: QueueFilters) -> QuerySet:
    now = timezone.now()
    qs = with_priority(Case.objects.select_related("assigned_to", "appeal_of"))  # an appeal's title names it
    if filters.view != "all" and not filters.state:
        qs = qs.filter(state__in=OPEN_STATES)
    if filters.view == "mine":
        qs = qs.filter(assigned_to=user)
    elif filters.view == "unassigned":
        qs = qs.filter(assigned_to__isnull=True)
    elif filters.view == "emergency":
        qs = qs.filter(emergency_queue_filter())
    elif filters.view == "overdue":
        # The service deadline or a statutory clock (clocks) past its date.
        qs = qs.filter(Q(due_at__lte=now) | clock_selectors.overdue_q(now))
    elif filters.view == "soon":
        qs = qs.filter(due_at__gt=now, due_at__lte=soon_threshold(now))
    elif filters.view == "approval":
        qs = qs.filter(state=c.State.AWAITING_APPROVAL)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.language:
        qs = qs.filter(language__iexact=filters.language)
    if filters.q:
        qs = qs.filter(search_q(filters.q))
    order = {
        "priority": ["emergency_rank", "crisis_rank", F("due_at").asc(nulls_last=True), "received_at"],
        "received": ["received_at"],
        "-received": ["-received_at"],
        "reference": ["reference"],
        "kind": ["kind", "received_at"],
        "state": ["state", "received_at"],
        "statutory": [F("statutory_due").asc(nulls_last=True), "received_at"],
    }[filters.sort]
    if filters.sort == "statutory":
        qs = qs.annotate(statutory_due=clock_selectors.next_due())
    return qs.order_by(*order, "id")


def counts(user) -> dict:
    """Counts for the queue tabs and the breakdowns by kind, state and language (open cases only)."""
    now = timezone.now()
    open_cases = Case.objects.filter(state__in=OPEN_STATES)
    summary = open_cases.aggregate(
        open=Count("id"),
        mine=Count("id", filter=Q(assigned_to=user)),
        unassigned=Count("id", filter=Q(assigned_to__isnull=True)),
        emergency=Count("id", filter=emergency_queue_filter()),
        overdue=Count("id", filter=Q(due_at__lte=now) | clock_selectors.overdue_q(now)),
        soon=Count("id", filter=Q(due_at__gt=now, due_at__lte=soon_threshold(now))),
        approval=Count("id", filter=Q(state=c.State.AWAITING_APPROVAL)),
    )
    by = {}
    for column, labels in (("kind", dict(c.Kind.choices)), ("state", dict(c.State.choices)), ("language", None)):
        rows = open_cases.values(column).annotate(n=Count("id")).order_by("-n", column)
        by[column] = [{"value": r[column], "label": labels.get(r[column], r[column]) if labels else r[column],
                       "n": r["n"]} for r in rows]
    return {"tabs": summary, "by": by}


def countdown(due_at, now=None) -> str:
    """The time left to a deadline in words: "due in 3 hours", "overdue by 2 days" (translated)."""
    from django.utils.timesince import timesince, timeuntil

    if not due_at:
        return ""
    now = now or timezone.now()
    if due_at > now:
        return _("due in %(time)s") % {"time": timeuntil(due_at, now, depth=1)}
    return _("overdue by %(time)s") % {"time": timesince(due_at, now, depth=1)}
