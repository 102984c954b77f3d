import pytest

from rightsdesk.cases import choices as c


@pytest.fixture
def evidence_case(make_case):
    return make_case(c.Kind.HARM_REPORT, subject="Threats against an editor")


@pytest.fixture
def propose(evidence_case):
    """propose(user, action_type, **fields) -> a proposed action on the evidence case."""
    from rightsdesk.accountactions import services

    def make(user, action_type, **fields):
        base = dict(action_type=action_type, ground="harassment", accounts="Example Account",
                    projects="en.wikipedia.org", case=evidence_case, notes="Private evidence.")
        base.update(fields)
        return services.propose(user, **base)

    return make


@pytest.fixture
def publish(make_staff):
    """publish(action, summary, **draft) -> its public entry: drafted by one legal approver, approved by another
    (four-eyes, services.draft_entry and approve_entry)."""
    from rightsdesk.accountactions import services
    from rightsdesk.accounts.roles import LEGAL_APPROVER

    def make(action, summary, *, drafter=None, approver=None, **draft):
        services.draft_entry(action, drafter or make_staff(LEGAL_APPROVER), summary=summary, **draft)
        return services.approve_entry(action, approver or make_staff(LEGAL_APPROVER))

    return make
