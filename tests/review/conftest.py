"""Fixtures for the review tests: people in each role and cases ready for each step."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.review import checklist, services

#: make_staff's default password.
PASSWORD = "correct horse battery staple"


def sign_in_with_password(page, live_server, username, lang="en"):
    """Sign the browser in through the sign-in form, with the keyboard only, and land on the queues."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/{lang}/staff/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"**/{lang}/staff/")


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def reviewer(make_staff):
    return make_staff("reviewer", username="rita")


@pytest.fixture
def approver(make_staff):
    return make_staff("legal approver", username="alex")


@pytest.fixture
def data_request(make_case):
    """A court-ordered request for data about two accounts, under review."""
    return make_case(
        c.Kind.USER_DATA_REQUEST, state=c.State.UNDER_REVIEW, requester_type=c.RequesterType.LAW_ENFORCEMENT,
        requester_organisation="Federal Bureau of Investigation", authority_country="US",
        legal_process=c.LegalProcess.COURT_ORDER, legal_basis_reference="Order 123/2026",
        description="Provide IP addresses and e-mail of User:Alpha and User:Beta.",
        items=[{"url": "https://en.wikipedia.org/wiki/User:Alpha", "item_type": c.ItemType.ACCOUNT, "account_name": "Alpha"},
               {"url": "https://en.wikipedia.org/wiki/User:Beta", "item_type": c.ItemType.ACCOUNT, "account_name": "Beta"}],
    )


def full_checklist(case, **overrides) -> dict:
    """Answers that complete the checklist for ``case`` ("yes", or the first option, with a note)."""
    answers = {}
    for q in checklist.questions_for(case):
        answer = "yes" if "yes" in q.values else q.options[0][0]
        answers[q.key] = (answer, "Checked.")
    for key, value in overrides.items():
        answers[key] = value if isinstance(value, tuple) else (value, "Checked.")
    return answers


@pytest.fixture
def complete_checklist():
    def fill(case, user, **overrides):
        missing = services.save_checklist(case, user, full_checklist(case, **overrides))
        assert missing == []
        case.refresh_from_db()
        return case

    return fill
