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
