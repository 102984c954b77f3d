"""What the case page and the period report read of preservations (read-only)."""

from __future__ import annotations

from collections import Counter, defaultdict

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.policy import ACCESS_PRIVATE_DATA

from .models import Preservation, State

#: The session key carrying a refused form back to the panel, with what was typed.
FAILED_KEY = "preservation_failed"


def preservation_of(case) -> Preservation | None:
    return Preservation.objects.filter(case=case).first()


def may_see_accounts(user) -> bool:
    return user.has_perm(ACCESS_PRIVATE_DATA)


#: The report's rows, in order: (key, what is counted).
REPORT_ROWS = ("received", "accounts", "preserved", "renewed", "released", "refused")


def counts_for_report(start, end) -> dict:
    """Preservation requests whose case was received in [start, end): how many, how many accounts they named (a
    count, never a name), how many had records preserved, renewed, released, refused; and the same by the
    authority's country. A preservation request without its facts recorded yet counts as received, with the
    accounts the intake counted (Case.accounts_potentially_affected)."""

    cases = Case.objects.filter(kind=c.Kind.PRESERVATION_REQUEST, received_at__gte=start, received_at__lt=end)
    rows = cases.values_list("authority_country", "accounts_potentially_affected", "preservation__authority_country",
                             "preservation__accounts_count", "preservation__preserved_at",
                             "preservation__renewed_at", "preservation__released_at", "preservation__state")
    total: Counter = Counter()
    by_country: dict[str, Counter] = defaultdict(Counter)
    for case_country, case_accounts, country, accounts, preserved, renewed, released, state in rows:
        one = Counter(received=1, accounts=accounts if state else (case_accounts or 0),
                      preserved=int(preserved is not None), renewed=int(renewed is not None),
                      released=int(released is not None), refused=int(state == State.REFUSED))
        total.update(one)
        by_country[str(country or case_country or "")].update(one)
    return {"total": {key: total.get(key, 0) for key in REPORT_ROWS},
            "by_country": {code: {key: n.get(key, 0) for key in REPORT_ROWS}
                           for code, n in sorted(by_country.items())}}
