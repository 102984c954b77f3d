"""The preservation part of the demo: five preservation requests, one in each state (requested, preserved, renewed
and released, released, refused), from authorities of three countries. Closed ones have fixed dates in the demo's
report periods; open ones count back from today so their 90 days still run. The same on every machine: nothing is
drawn at random, and the steps go through the preservation services (history, audit, the clocks)."""

from __future__ import annotations

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.utils import timezone

from rightsdesk.demo import demo_login, register

UTC = dt_timezone.utc

#: (subject typed, country, authority, legal basis, accounts, received (a datetime, or days before today), steps).
REQUESTS = [
    ("Letter 26-FBI-0412: please preserve the records", "US", "Federal Bureau of Investigation", "18 U.S.C. § 2703(f)",
     ["Riverbank42", "Riverbank42-alt"], 3, []),
    ("Preservation letter, case 2026-1187", "US", "Federal Bureau of Investigation", "18 U.S.C. § 2703(f)",
     ["Mapmaker_77"], 12, ["preserved"]),
    ("Request to preserve records, ref. 25-0931", "US", "Department of Homeland Security", "18 U.S.C. § 2703(f)",
     ["OldTownEditor", "OldTownEditor2", "Photo-Uploader-9"], datetime(2025, 9, 8, 14, 30, tzinfo=UTC),
     ["preserved", "renewed", "released"]),
    ("Sicherungsanordnung Az. 4 Js 112/26", "DE", "Bundeskriminalamt",
     "Budapest Convention on Cybercrime, Art. 29 (expedited preservation)", ["Bergwanderer"],
     datetime(2026, 2, 16, 9, 0, tzinfo=UTC), ["preserved", "released"]),
    ("Operation ref. MPS-88: request to keep account records", "GB", "Metropolitan Police Service",
     "Investigatory Powers Act 2016 (preservation request)", ["NoSuchUser-2026"],
     datetime(2026, 4, 2, 11, 0, tzinfo=UTC), ["refused"]),
]

PRESERVED = ("Sign-in logs and IP addresses of the named accounts for the 90 days before the request, kept in the "
             "legal-hold store; no content.")
RELEASED = "The legal-hold snapshot was deleted; the records returned to the normal retention schedule."


def _staff():
    return demo_login("approver")


def _close(case, at, outcome) -> None:
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.models import Case, CaseHistory

    Case.objects.filter(pk=case.pk).update(state=c.State.CLOSED, outcome=outcome, acknowledged_at=case.received_at,
                                           decided_at=at, closed_at=at,
                                           decision_summary="Handled under the preservation policy.")
    CaseHistory.objects.create(case=case, at=at, actor_label="demo", event=CaseHistory.Event.TRANSITION,
                               from_state=c.State.RECEIVED, to_state=c.State.CLOSED, changes={"transition": "close"})


@register("preservation", order=50)
def build(rng, write) -> None:
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.models import Case
    from rightsdesk.cases.services import create_case

    from . import services

    if Case.objects.filter(kind=c.Kind.PRESERVATION_REQUEST).exists():
        return
    staff = _staff()
    today = timezone.now().replace(microsecond=0)
    for number, (subject, country, authority, basis, accounts, received, steps) in enumerate(REQUESTS, 1):
        if isinstance(received, int):
            received = today - timedelta(days=received)
        case = create_case(fields={
            "kind": c.Kind.PRESERVATION_REQUEST, "subject": subject, "requester_type": c.RequesterType.LAW_ENFORCEMENT,
            "requester_organisation": authority, "country": country, "authority_country": country,
            "law_invoked": basis,
            "description": f"Please preserve the records of the accounts {', '.join(accounts)} pending legal process "
                           f"({basis}).",
            "received_at": received, "accounts_potentially_affected": len(accounts),
        }, parties=[{"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.ORGANIZATION, "organisation": authority,
                     "country": country}],
            items=[{"item_type": c.ItemType.ACCOUNT, "account_name": name, "project": "en.wikipedia.org"}
                   for name in accounts], actor="demo")
        p = services.record_request(case, {"authority_name": authority, "authority_country": country,
                                           "legal_basis": basis, "authority_reference": subject,
                                           "accounts": "\n".join(accounts)}, staff)
        at = received + timedelta(days=1)
        for step in steps:
            if step == "preserved":
                p = services.record_preserved(p, f"Legal-hold store, snapshot LH-DEMO-{number:02d}", PRESERVED, staff, at=at)
            elif step == "renewed":
                at = p.ends_at - timedelta(days=5)
                p = services.renew(p, f"Renewed request of {at:%Y-%m-%d}, same reference", staff, at=at)
            elif step == "released":
                at = p.current_end
                p = services.release(p, RELEASED, staff, at=at)
                _close(case, at, c.Outcome.GRANTED)
            elif step == "refused":
                p = services.refuse(p, "No account of that name exists on the platform.", staff, at=at)
                _close(case, at, c.Outcome.REJECTED)
    write(f"  preservation requests: {len(REQUESTS)}")
