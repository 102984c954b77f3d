"""Data-subject access: everything rightsdesk holds on one person, as one JSON document.

A person is found by e-mail address or account name through the blind
indexes on Party (the fields themselves are encrypted), and by account name on
targeted items. Other apps add what they hold through their
``privacy_hooks.subject_data(cases, parties, email=..., account=...)`` (the address and the account searched:
what the person sent outside any case, and what names only their account, e.g. an account action, is theirs too). The export is for the person
themself: it includes their own submissions but not other people's personal
data in the same cases (other parties are listed by role only).

A case an app bars telling the person about (``privacy_hooks.export_withheld(case, roles)``: a legal hold, a gag
order, covering their role in it) is left out of every part of the export, and the document does not mention it
(saying that something is held under a legal hold can itself be what the order forbids). The caller learns how many
were left out (``withheld``) and the audit trail which; staff decide what the person is told.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, Party, TargetItem
from rightsdesk.core.errors import DomainError
from rightsdesk.privacy.crypto import blind_index
from rightsdesk.privacy.hooks import app_label, hook_modules

PARTY_FIELDS = ["role", "kind", "name", "organisation", "official_title", "email", "phone", "postal_address",
                "account_name", "language"]


def find_parties(*, email: str = "", account: str = ""):
    if not email and not account:
        raise DomainError("Give the person's e-mail address or account name.", code="required", field="email")
    if email:
        # A mistyped address matches no one, and the export would tell the person nothing is held on them.
        try:
            validate_email(" ".join(email.split()))
        except ValidationError:
            raise DomainError("The e-mail address is not one (it needs a name, an @ and a domain, e.g. "
                              "name@example.org): check it for a typo.", code="invalid_email", field="email") from None
    parties = Party.objects.none()
    if email:
        parties |= Party.objects.filter(email_index=blind_index(email))
    if account:
        parties |= Party.objects.filter(account_index=blind_index(account))
    return parties.select_related("case")


def withheld(case, roles) -> bool:
    """Whether an app bars telling a person with these roles in the case about it (a legal hold covering them)."""
    for module in hook_modules():
        fn = getattr(module, "export_withheld", None)
        if fn and fn(case, roles):
            return True
    return False


def export_subject(*, email: str = "", account: str = "", actor=None, withheld_cases: list | None = None) -> dict:
    """The export for one person. With ``withheld_cases`` (a list), the cases left out under a legal hold are
    appended to it (for the staff who answer the request; the document says nothing of them)."""
    parties = list(find_parties(email=email, account=account))
    case_ids = {p.case_id for p in parties}
    items = []
    if account:
        # Item account names are encrypted and cannot be filtered: compare after decryption,
        # only among items of cases that hold any account (the cost is bounded by such cases).
        wanted = account.strip().casefold()
        for item in TargetItem.objects.exclude(account_name="").only("id", "case_id", "url", "account_name", "action"):
            if item.account_name.strip().casefold() == wanted:
                items.append(item)
                case_ids.add(item.case_id)
    cases = Case.objects.filter(pk__in=case_ids).order_by("received_at")
    held = []
    for case in cases:
        roles = {p.role for p in parties if p.case_id == case.pk}
        if any(i.case_id == case.pk for i in items):  # the account's content was acted on: an affected user
            roles.add(c.PartyRole.AFFECTED_USER)
        if withheld(case, roles):
            held.append(case)
    if held:
        held_ids = {case.pk for case in held}
        cases = cases.exclude(pk__in=held_ids)
        parties = [p for p in parties if p.case_id not in held_ids]
        items = [i for i in items if i.case_id not in held_ids]
    document = {
        "subject": {"email": email or None, "account": account or None},
        "cases": [],
    }
    for case in cases:
        own = [p for p in parties if p.case_id == case.pk]
        document["cases"].append({
            "reference": case.reference,
            "kind": case.kind,
            "state": case.state,
            "outcome": case.outcome,
            "received_at": case.received_at.isoformat(),
            "decided_at": case.decided_at.isoformat() if case.decided_at else None,
            "your_roles": sorted({p.role for p in own}),
            "what_we_hold_about_you": [{f: getattr(p, f) for f in PARTY_FIELDS} for p in own],
            "your_request_as_received": case.description if any(p.role == "requester" for p in own) else None,
            "items_concerning_your_account": [
                {"url": i.url, "action": i.action} for i in items if i.case_id == case.pk
            ],
            "other_parties": sorted(p.role for p in case.parties.all() if p not in own),
            "personal_data_purged_at": case.personal_data_purged_at.isoformat() if case.personal_data_purged_at else None,
        })
    for module in hook_modules():
        fn = getattr(module, "subject_data", None)
        # The address searched too: what a person sent without being a party to any case (a request for legal
        # support, an e-mail never filed) is theirs as well.
        # And the account searched: what an app holds that names the account only (an account action) is theirs.
        extra = fn(cases, parties, email=(email or "").strip(), account=(account or "").strip()) if fn else None
        if extra:
            document[app_label(module)] = extra
    for case in cases:
        record_access(actor or "system", AuditEntry.Action.EXPORT, case=case, fields=["data-subject export"],
                      purpose="data-subject access request")
    for case in held:
        record_access(actor or "system", AuditEntry.Action.OTHER, case=case, fields=["data-subject export"],
                      purpose="data-subject access request: case left out under a legal hold")
    if withheld_cases is not None:
        withheld_cases.extend(held)
    return document
