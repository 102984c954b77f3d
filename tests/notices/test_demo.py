"""The demo's notices, holds, appeals and placeholders: realistic and the same on every run."""

import hashlib

import pytest
from django.db import transaction

from rightsdesk import demo
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.appeals.models import AppealFiling
from rightsdesk.notices import stats
from rightsdesk.notices.models import Notice, Placeholder

pytestmark = pytest.mark.django_db


def fingerprint() -> str:
    notices = list(Notice.objects.order_by("case__reference", "purpose", "recipient_role", "status").values_list(
        "case__received_at", "purpose", "recipient_role", "status", "language"))
    placeholders = sorted(Placeholder.objects.values_list("public_id", "legal_demand", "withdrawn_at"))
    return hashlib.sha256(repr((sorted(map(repr, notices)), placeholders)).encode()).hexdigest()


def test_the_demo_builds_notices_holds_appeals_and_placeholders_deterministically():
    import random

    from rightsdesk.appeals.demo import build_appeals
    from rightsdesk.cases.demo import build_cases
    from rightsdesk.notices.demo import build_notices

    # The cases' own determinism is tested with the cases app; build them once and this part twice.
    build_cases(random.Random("7:cases"), lambda *_: None)
    with transaction.atomic():
        build_notices(random.Random("7:notices"), lambda *_: None)
        build_appeals(random.Random("7:appeals"), lambda *_: None)  # the appeals app files the demo appeals
        first = fingerprint()
        statuses = set(Notice.objects.values_list("status", flat=True))
        assert {Notice.Status.SENT, Notice.Status.HELD, Notice.Status.FAILED} <= statuses
        assert stats.legally_barred_notices(Case.objects.all()) > 0
        assert Notice.objects.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).exists()
        assert AppealFiling.objects.count() == Case.objects.filter(kind=c.Kind.APPEAL, appeal_of__isnull=False).count()
        assert Placeholder.objects.filter(legal_demand=True).exists()
        assert "[[" in Notice.objects.filter(purpose=Notice.Purpose.DECISION).first().body  # markers, no token
        transaction.set_rollback(True)
    assert not Notice.objects.exists()
    build_notices(random.Random("7:notices"), lambda *_: None)
    build_appeals(random.Random("7:appeals"), lambda *_: None)
    assert fingerprint() == first


def test_the_notices_part_is_registered_after_the_cases_and_the_appeals_after_it():
    from rightsdesk.appeals import demo as appeals_demo  # noqa: F401
    from rightsdesk.notices import demo as notices_demo  # noqa: F401

    orders = {name: order for order, name, _fn in demo._builders}
    assert orders["notices"] == 40 and orders["notices"] > orders.get("cases", 10)
    assert orders["appeals"] > orders["notices"]
