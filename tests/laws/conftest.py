"""Fixtures for the laws app: decided cases (as the public log's tests make them) and the registry by key."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case


@pytest.fixture
def law(db):
    from rightsdesk.laws.models import Instrument

    return lambda key: Instrument.objects.get(key=key)


@pytest.fixture
def authority(db):
    from rightsdesk.laws.models import Authority

    return lambda key: Authority.objects.get(key=key)


@pytest.fixture
def decided_case(make_case):
    """decided_case(kind, outcome=..., received=datetime, **fields) -> a closed case with its outcome."""

    def make(kind=c.Kind.CONTENT_TAKEDOWN, *, outcome=c.Outcome.REJECTED, received=None, **fields):
        fields.setdefault("decision_summary", "Refused: the content is lawful and in the public interest.")
        received = received or datetime(2026, 3, 2, 10, 0, tzinfo=dt_timezone.utc)
        case = make_case(kind, state=c.State.CLOSED, received_at=received, **fields)
        Case.objects.filter(pk=case.pk).update(outcome=outcome, decided_at=received + timedelta(days=3),
                                               closed_at=received + timedelta(days=3))
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def reviewer(make_staff):
    return make_staff("reviewer")


@pytest.fixture
def staff_client(client, reviewer, verified_login):
    verified_login(client, reviewer)
    return client
