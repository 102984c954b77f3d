"""Reading account actions: the chains, where an action's chain stands, the staff lists, the report's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from .choices import Decision, PolicyGround, Restriction, Status
from .models import AccountAction, ApprovalStep, SignOff
from .policy import RESTRICTING, restriction_of


def chain_for(action_type: str) -> list[str]:
    """The roles that must sign an action of this type now (the configured chain, in order)."""
    return list(ApprovalStep.objects.filter(action_type=action_type).order_by("position", "id")
                .values_list("role", flat=True))


def chains() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for step in ApprovalStep.objects.order_by("action_type", "position", "id"):
        out.setdefault(step.action_type, []).append(step.role)
    return out


@dataclass
class ChainStep:
    role: str
    signoff: SignOff | None

    @property
    def state(self) -> str:
        return self.signoff.decision if self.signoff else "waiting"


def chain_state(action: AccountAction) -> list[ChainStep]:
    """Each required role of the action with its sign-off, if given (refusals included)."""
    given = {s.role: s for s in action.signoffs.select_related("signer")}
    return [ChainStep(role, given.get(role)) for role in action.required_roles]


def missing_roles(action: AccountAction) -> list[str]:
    signed = set(action.signoffs.filter(decision=Decision.APPROVE).values_list("role", flat=True))
    return [role for role in action.required_roles if role not in signed]


def staff_list(status: str = "") -> QuerySet[AccountAction]:
    qs = AccountAction.objects.select_related("proposed_by", "case").prefetch_related("signoffs")
    if status in Status.values:
        qs = qs.filter(status=status)
    return qs


def signable_roles(action: AccountAction, user) -> list[str]:
    """The roles of the chain this user could sign now (the services still decide; this only shapes the page)."""
    if action.status != Status.PENDING or user.pk == action.proposed_by_id:
        return []
    if action.signoffs.filter(signer=user).exists():
        return []
    held = set(user.groups.values_list("name", flat=True))
    return [role for role in missing_roles(action) if role in held]


def approved_unpublished() -> QuerySet[AccountAction]:
    return AccountAction.objects.filter(status=Status.APPROVED, public_entry__isnull=True)


def restriction_counts(first_day, last_day, *, own_initiative_only: bool = False) -> dict[str, dict[str, int]]:
    """Approved actions taking effect between the two days (inclusive), by policy ground: how many were taken on the
    platform's own initiative, and how many suspended or terminated an account (``policy.restriction_of``).
    ``own_initiative_only``: count only the actions taken on the platform's own initiative (the EU template's
    parts 5 and 6)."""
    counts = {g: {"own_initiative": 0, "suspension": 0, "termination": 0} for g in PolicyGround.values}
    rows = AccountAction.objects.filter(status=Status.APPROVED, starts_on__gte=first_day, starts_on__lte=last_day)
    if own_initiative_only:
        rows = rows.filter(own_initiative=True)
    for action_type, ground, ends_on, own in rows.values_list("action_type", "ground", "ends_on", "own_initiative"):
        row = counts.setdefault(ground, {"own_initiative": 0, "suspension": 0, "termination": 0})
        row["own_initiative"] += int(own)
        restriction = restriction_of(action_type, ends_on)
        if restriction != Restriction.NONE:
            row[restriction] += 1
    return counts


def article_23_suspensions(first_day, last_day) -> int:
    """Approved suspensions for frequently providing manifestly illegal content (DSA Art. 23(1)) taking effect
    between the two days (inclusive): the EU template's part 7."""
    return AccountAction.objects.filter(status=Status.APPROVED, manifestly_illegal_content=True,
                                        starts_on__gte=first_day, starts_on__lte=last_day).count()


def in_effect(today: date) -> QuerySet[AccountAction]:
    """Approved bans and locks still in effect on ``today``: not lifted by an approved lifting, and without an end
    date or with one not yet past (an action ending today is in effect today)."""
    return (AccountAction.objects.filter(status=Status.APPROVED, action_type__in=RESTRICTING)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
            .exclude(lifted_by__status=Status.APPROVED))


def keeping_their_case(case, today: date) -> tuple[list[AccountAction], list[AccountAction]]:
    """The actions recorded against ``case`` that keep its personal data from the retention purge: those in effect
    (``in_effect``) and the bans and locks still awaiting sign-off (they may yet take effect)."""
    effective = list(in_effect(today).filter(case=case).order_by("pk"))
    pending = list(AccountAction.objects.filter(case=case, status=Status.PENDING, action_type__in=RESTRICTING)
                   .order_by("pk"))
    return effective, pending
