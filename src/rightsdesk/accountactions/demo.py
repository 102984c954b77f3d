"""Demo account actions: an approved global ban with its public entry (drafted by one publisher, approved by
another), a chain still waiting, a refused one.

Recorded against the demo's harm reports (their evidence cases), proposed and signed by the demo staff through
the services, so the demo shows the rules at work. Deterministic: fixed cases (by reference), fixed dates.
"""

from __future__ import annotations

from datetime import date

from rightsdesk.demo import register

#: The second publisher of the demo, who drafts the public entry the legal approver "approver" approves.
DEMO_DRAFTER = "counsel"


def _staff():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from rightsdesk.demo import DEMO_USERS, demo_login

    User = get_user_model()
    users = {username: demo_login(username) for username, _full_name, _roles in DEMO_USERS}
    # The demo's logins hold one publisher (the legal approver "approver"); the public entry is drafted by one
    # publisher and approved by another (four-eyes), so a second legal approver, without a login, drafts it.
    counsel, created = User.objects.get_or_create(username=DEMO_DRAFTER, defaults={"is_staff": True})
    if created:
        counsel.set_unusable_password()
        counsel.save()
    counsel.groups.set(Group.objects.filter(name="legal approver"))
    users[DEMO_DRAFTER] = User.objects.get(pk=counsel.pk)
    return users


@register("account actions", order=70)
def build_account_actions(rng, write) -> None:
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.models import Case

    from . import services
    from .choices import ActionType, Decision, PolicyGround

    cases = list(Case.objects.filter(kind=c.Kind.HARM_REPORT).order_by("reference")[:3])
    if len(cases) < 3:
        cases = list(Case.objects.order_by("reference")[:3])
    if len(cases) < 3:
        return
    staff = _staff()
    ban = services.propose(
        staff["reviewer"], action_type=ActionType.GLOBAL_BAN, ground=PolicyGround.HARASSMENT,
        accounts="Demo Harasser\nDemo Harasser (alt)", projects="de.wikipedia.org\ncommons.wikimedia.org",
        case=cases[0], starts_on=date(2026, 11, 20),
        notes="Repeated threats to an editor by e-mail and on talk pages; two accounts of the same person.")
    services.sign(ban, staff["approver"], role="legal approver", decision=Decision.APPROVE)
    services.sign(ban, staff["executive"], role="executive", decision=Decision.APPROVE)
    services.sign(ban, staff["safety"], role="trust and safety", decision=Decision.APPROVE)
    ban.refresh_from_db()
    services.draft_entry(ban, staff[DEMO_DRAFTER], summary=(
        "Globally banned from all projects for sustained harassment of contributors, after review by the "
        "Trust and Safety team, legal counsel and an executive."))
    services.approve_entry(ban, staff["approver"])
    # The drafter has no login: kept as a former colleague's account (inactive), so no page offers them work
    # (an appeal's reviewers, an assignment) that nobody could sign in to do.
    type(staff[DEMO_DRAFTER]).objects.filter(pk=staff[DEMO_DRAFTER].pk).update(is_active=False)
    pending = services.propose(
        staff["reviewer"], action_type=ActionType.EVENT_BAN, ground=PolicyGround.EVENT_CONDUCT,
        accounts="Demo Attendee", projects="meta.wikimedia.org", case=cases[1], starts_on=date(2026, 12, 1),
        ends_on=date(2027, 12, 1), notes="Disruptive conduct reported by two organisers of a regional conference.")
    services.sign(pending, staff["safety"], role="trust and safety", decision=Decision.APPROVE)
    refused = services.propose(
        staff["reviewer"], action_type=ActionType.LOCK, ground=PolicyGround.SOCKPUPPETRY,
        accounts="Demo Newcomer", projects="fr.wikipedia.org", case=cases[2], starts_on=date(2026, 11, 25),
        notes="Suspected second account of a blocked user.")
    services.sign(refused, staff["safety"], role="trust and safety", decision=Decision.REFUSE,
                  reason="The check found different devices and writing styles: not the same person.")
    write(f"  account actions: {ban.reference} approved and published, {pending.reference} awaiting the legal "
          f"approver, {refused.reference} refused")

