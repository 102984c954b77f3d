"""The rule editor's service: create, change, retire and put back a statutory deadline rule, with its history.

Every change needs the administrator's permission (clocks.add_clockrule to create, clocks.change_clockrule to
change or retire), a reason, and passes ClockRule.clean (a rule that cannot be computed is refused); it writes a
ClockRuleChange (who, when, each field before and after, why). A change applies to clocks started afterwards: a
clock keeps the terms it started under (Clock.take_terms), so no deadline already running or met is rewritten.
A rule is never deleted, only retired (inactive): clocks and their history keep pointing at it.
"""

from __future__ import annotations

import json

from django.db import transaction
from django.utils.translation import gettext as _

from rightsdesk.accounts import access
from rightsdesk.core.errors import DomainError
from rightsdesk.core.versions import refuse_if_changed, text_version

from .models import ClockRule, ClockRuleChange

ADD = "clocks.add_clockrule"
CHANGE = "clocks.change_clockrule"
VIEW = "clocks.view_clockrule"

#: The fields the editor writes, in the order the history shows them.
EDITABLE = ("key", "name", "kinds", "jurisdiction", "subdivision", "ground", "law_match", "clock_type", "duration",
            "minimum", "extension", "max_extensions", "start_event", "on_expiry", "step", "source")


def snapshot(rule: ClockRule) -> dict:
    """The rule's editable values (and whether it is active), as stored in the history."""
    values = {field: getattr(rule, field) for field in EDITABLE}
    values["kinds"] = list(values["kinds"] or [])
    values["active"] = rule.active
    return values


def rule_version(rule: ClockRule) -> str:
    """The version of the rule a page showed (core.versions): the editor's form carries it back, so that a change
    sent from a page older than the rule is refused instead of silently undoing a colleague's change."""
    return text_version(json.dumps(snapshot(rule), sort_keys=True, default=str))


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the rule is changed (e.g. the law or the court decision that requires it): "
                            "the reason is kept in the rule's history."), code="reason_required", field="reason")
    return reason


def _differences(before: dict | None, after: dict) -> dict:
    if before is None:
        return {field: [None, value] for field, value in after.items() if value not in ("", None, [])}
    return {field: [before.get(field), value] for field, value in after.items() if before.get(field) != value}


@transaction.atomic
def save_rule(rule: ClockRule, actor, reason: str, *, version: str | None = None) -> ClockRuleChange:
    """Store a new rule (no pk yet) or a change of one, with history: what changed is read against the rule as
    stored, under its lock.

    ``version``: the rule's version (:func:`rule_version`) on the page the change was typed on; None when no page
    was shown (a command, the demo).

    Refuses (nothing stored): no permission, no reason, a change typed on a page older than the rule
    (core.versions.ChangedSince), a rule ClockRule.clean refuses (ValidationError), a change that changes nothing.
    """
    created = rule.pk is None
    access.require(actor, ADD if created else CHANGE,
                    doing=_("create a deadline rule") if created else _("change a deadline rule"))
    reason = _reason(reason)
    if not created:
        stored = ClockRule.objects.select_for_update().get(pk=rule.pk)
        refuse_if_changed(version, rule_version(stored), _(
            "Someone else changed this rule after you opened the page. Nothing was saved: the rule's history below "
            "shows their change, your changes are in the form. Put them together, then save again."))
    rule.full_clean()
    changes = _differences(None if created else snapshot(stored), snapshot(rule))
    if not created and not changes:
        raise DomainError(_("Nothing was changed: change a field, or cancel."), code="unchanged")
    rule.save()
    return ClockRuleChange.objects.create(rule=rule, actor=actor, reason=reason, changes=changes,
                                          action=ClockRuleChange.Action.CREATED if created
                                          else ClockRuleChange.Action.CHANGED)


@transaction.atomic
def set_active(rule: ClockRule, active: bool, actor, reason: str) -> ClockRuleChange:
    """Retire a rule (no new clocks start under it; running ones run on) or put it back into use."""
    access.require(actor, CHANGE, doing=_("retire a deadline rule") if not active else _("change a deadline rule"))
    reason = _reason(reason)
    rule = ClockRule.objects.select_for_update().get(pk=rule.pk)
    if rule.active == active:
        raise DomainError(_("This rule is already retired.") if not active else _("This rule is already in use."),
                          code="unchanged")
    if active:
        rule.full_clean()
    rule.active = active
    rule.save(update_fields=["active"])
    return ClockRuleChange.objects.create(
        rule=rule, actor=actor, reason=reason, changes={"active": [not active, active]},
        action=ClockRuleChange.Action.REACTIVATED if active else ClockRuleChange.Action.RETIRED)
