from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone


@pytest.fixture
def people(make_staff):
    return {
        "safety": make_staff("trust and safety", username="crisis-safety"),
        "reviewer": make_staff("reviewer", username="crisis-reviewer"),
        "approver1": make_staff("legal approver", username="crisis-approver-1"),
        "approver2": make_staff("legal approver", username="crisis-approver-2"),
    }


@pytest.fixture
def declare(people):
    """declare(countries=["TR"], starts_on=..., ends_on=None, projects=[]) -> a crisis declared by trust and safety."""
    from rightsdesk.crisis import services

    def run(countries=("TR",), *, projects=(), starts_on=None, ends_on=None, kind="election", title="Election"):
        return services.declare({
            "title": title, "kind": kind, "countries": list(countries), "projects": list(projects),
            "starts_on": starts_on or (timezone.localdate() - timedelta(days=10)), "ends_on": ends_on,
            "coordinator": people["safety"], "description": "PRIVATE-CRISIS-NOTE canary: who is targeted.",
        }, people["safety"])

    return run


@pytest.fixture
def data_request(make_case):
    """data_request(country="TR", received_at=now) -> a request for user information about one account."""
    from rightsdesk.cases import choices as c

    def make(country="TR", received_at=None, project="tr.wikipedia.org"):
        return make_case(
            c.Kind.USER_DATA_REQUEST, country=country, authority_country=country,
            requester_type=c.RequesterType.LAW_ENFORCEMENT, requester_organisation="Prosecutor of Ankara",
            received_at=received_at or timezone.now(),
            parties=[{"role": c.PartyRole.REQUESTER, "name": "Prosecutor office", "email": "office@example.org", "kind": c.EntityKind.ORGANIZATION}],
            items=[{"url": f"https://{project}/wiki/User:Editor1", "project": project, "item_type": c.ItemType.ACCOUNT,
                    "account_name": "Editor1"}],
        )

    return make


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


@pytest.fixture
def two_browsers(make_staff):
    """two_browsers(role) -> two members of staff with ``role`` (amal, bilal), each signed in on a browser of their
    own: for the tests of two people editing one thing."""
    from django.test import Client

    def make(role: str) -> list:
        browsers = []
        for name in ("amal", "bilal"):
            browser = Client()
            browser.force_login(make_staff(role, username=name))
            browsers.append(browser)
        return browsers

    return make
