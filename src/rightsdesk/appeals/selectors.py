"""Reading appeals: who took part in the decision appealed, who may review an appeal, what it may restore, until when
one may appeal, and who filed it. Plain functions over the database; nothing here writes."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases import policy
from rightsdesk.cases.models import Case, CaseHistory
from rightsdesk.core.digests import link_digest
from rightsdesk.intake.models import Attachment
from rightsdesk.notices import config
from rightsdesk.notices.models import Notice

from .models import AppealFiling


def involved_staff_ids(original: Case) -> set[int]:
    """Staff who took part in the first decision: took a transition or decided an item, or were assigned."""
    ids = set(original.history.filter(
        actor__isnull=False,
        event__in=[CaseHistory.Event.TRANSITION, CaseHistory.Event.ITEM, CaseHistory.Event.DECISION],
    ).values_list("actor_id", flat=True))
    if original.assigned_to_id:
        ids.add(original.assigned_to_id)
    return ids


def is_involved(appeal: Case, user) -> bool:
    """Whether ``user`` took part in the decision ``appeal`` challenges (False for a case that is no appeal)."""
    if appeal.kind != c.Kind.APPEAL or not appeal.appeal_of_id or user is None or not getattr(user, "pk", None):
        return False
    return user.pk in involved_staff_ids(appeal.appeal_of)


def reviewers():
    """Active staff who may review cases (any of policy.REVIEWER_PERMISSIONS, or a superuser)."""
    User = get_user_model()
    perms = Q()
    for perm in policy.REVIEWER_PERMISSIONS:
        app_label, codename = perm.split(".")
        perms |= Q(groups__permissions__codename=codename, groups__permissions__content_type__app_label=app_label)
        perms |= Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return User.objects.filter(is_active=True).filter(perms | Q(is_superuser=True)).distinct()


def eligible_reviewers(appeal: Case):
    """Active staff who may review cases and took no part in the decision appealed, least busy first."""
    if not appeal.appeal_of_id:
        return reviewers().none()
    excluded = involved_staff_ids(appeal.appeal_of)
    open_states = list(policy.OPEN_STATES)
    return (reviewers().exclude(pk__in=excluded)
            .annotate(open_cases=Count("assigned_cases", filter=Q(assigned_cases__state__in=open_states),
                                       distinct=True))
            .order_by("open_cases", "pk"))


def restorable_items(original: Case):
    """Items of the decision appealed that were removed or restricted and are not restored yet."""
    return original.items.filter(action__in=list(c.RESTRICTING_ACTIONS), restored_at__isnull=True)


def filing_of(appeal: Case) -> AppealFiling | None:
    return AppealFiling.objects.filter(appeal=appeal).select_related("notice").first()


def filed_by_requester(appeal: Case) -> bool:
    return AppealFiling.objects.filter(appeal=appeal, appellant_role=c.PartyRole.REQUESTER).exists()


def has_decision_to_appeal(original: Case) -> bool:
    """Whether ``original`` stands decided, so it can be appealed: not before its decision, not while a reopened
    decision is made anew (an appeal reversed it, or staff correct it), not when the request was withdrawn."""
    return original.state in policy.DECIDED_STATES and original.outcome != c.Outcome.WITHDRAWN


def how_closed(appeal: Case) -> str:
    """How a closed appeal ended, for the staff page that no longer offers the decision form: ``"withdrawn"`` (the
    appellant withdrew it), ``"decided"`` (a reviewer decided it) or ``"closed"`` (closed without a decision, e.g.
    as a duplicate). Saying "decided" of every closed appeal told staff a decision existed where none was made."""
    if appeal.outcome == c.Outcome.WITHDRAWN:
        return "withdrawn"
    return "decided" if appeal.decided_at else "closed"


def closed_by(appeal: Case) -> CaseHistory | None:
    """The step that closed ``appeal`` (decided, withdrew or closed it): its latest transition, with who and when."""
    return appeal.history.filter(event=CaseHistory.Event.TRANSITION).select_related("actor").order_by("-id").first()


def appeal_deadline(original: Case, appellant_role: str, notice: Notice | None = None):
    """The last moment to appeal: the window counted from the notice that told the appellant.

    Without a sent notice (it is held, or was never sent) the window counts
    from the decision, and it is never shorter than from today's filing page.
    """
    months = config.appeal_window_months()
    if notice is not None and notice.sent_at:
        return config.add_months(notice.sent_at, months)
    sent = original.notices.filter(recipient_role=appellant_role, status=Notice.Status.SENT,
                                   sent_at__isnull=False).order_by("-sent_at").values_list("sent_at", flat=True).first()
    if sent:
        return config.add_months(sent, months)
    start = original.decided_at or timezone.now()
    if original.notices.filter(recipient_role=appellant_role, status=Notice.Status.HELD).exists():
        return None  # the person was not told yet: the window has not started
    return config.add_months(start, months)


def notice_for_token(token: str) -> Notice | None:
    """The notice whose appeal link carries ``token`` (only the token's digest is stored), or None."""
    if not token or len(token) < 20:
        return None
    return Notice.objects.select_related("case", "appeal").filter(appeal_token_digest=link_digest(token)).first()


def decision_steps(original: Case) -> list:
    """Who decided the case appealed, and when: its ``decide``, ``submit_for_approval`` and ``approve`` history
    entries (the decision proposed and approved, four-eyes), oldest first."""
    return list(original.history.filter(event=CaseHistory.Event.TRANSITION,
                                        changes__transition__in=["decide", "submit_for_approval", "approve"])
                .select_related("actor").order_by("at", "id"))


def documents(appeal: Case) -> list:
    """The documents sent with an appeal (names and sizes, for the appellant's own page)."""
    return list(Attachment.objects.filter(case=appeal).only("original_name", "size", "uploaded_at").order_by("id"))


def out_of_court_disputes(first_day, last_day) -> list[dict]:
    """Out-of-court disputes (DSA Art. 21) received between the two days (inclusive), as plain rows."""
    from .models import OutOfCourtDispute

    return list(OutOfCourtDispute.objects.filter(received_on__gte=first_day, received_on__lte=last_day)
                .values("case__appeal_of__decision_ground", "case__kind", "case__decision_ground", "received_on",
                        "decided_on", "outcome", "implemented"))


def processing_suspensions(first_day, last_day) -> dict[str, int]:
    """Suspensions of processing (DSA Art. 23(2)) taking effect between the two days (inclusive), by reason."""
    from .models import ProcessingSuspension

    rows = ProcessingSuspension.objects.filter(starts_on__gte=first_day, starts_on__lte=last_day)
    out = dict.fromkeys(ProcessingSuspension.Reason.values, 0)
    for row in rows.order_by().values("reason").annotate(n=Count("id")):
        out[row["reason"]] = row["n"]
    return out
