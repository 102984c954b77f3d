from datetime import datetime
from datetime import timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c

UTC = dt_timezone.utc

ACCOUNTS = "Canary-Preserved-Account-7f3a\nSecondCanaryAccount-91"


def at(y, m, d, h=0, minute=0):
    return datetime(y, m, d, h, minute, tzinfo=UTC)


@pytest.fixture
def legal(make_staff):
    """A legal approver who also reviews (the demo's approver): may record, renew and release."""
    return make_staff("legal approver", "reviewer")


@pytest.fixture
def reviewer(make_staff):
    return make_staff("reviewer")


@pytest.fixture
def preservation_case(make_case):
    def make(country="US", received_at=at(2026, 11, 20, 12), **fields):
        return make_case(c.Kind.PRESERVATION_REQUEST, country=country, authority_country=country,
                         requester_type=c.RequesterType.LAW_ENFORCEMENT, received_at=received_at,
                         law_invoked="18 U.S.C. § 2703(f)", parties=[], items=[], **fields)
    return make


def request_values(country="US", accounts=ACCOUNTS) -> dict:
    return {"authority_name": "Federal Bureau of Investigation", "authority_country": country,
            "legal_basis": "18 U.S.C. § 2703(f)", "authority_reference": "FBI-26-0412", "accounts": accounts}
