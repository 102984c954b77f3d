"""The demo's crises: one past with its summary and reviewed public wording, one running with its open cases tagged;
the same on every run."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.crisis.demo import build_crises
from rightsdesk.crisis.models import Crisis

pytestmark = pytest.mark.django_db


def test_the_demo_builds_a_past_crisis_with_its_summary_and_a_running_one_deterministically(make_case):
    now = timezone.now()
    for days, country in ((185, "TR"), (180, "TR"), (175, "BY"), (10, "MM"), (5, "MM"), (3, "DE")):
        make_case(c.Kind.USER_DATA_REQUEST, country=country, received_at=now - timedelta(days=days))
    build_crises(random.Random("20250701:crisis"), lambda *args: None)
    past, running = Crisis.objects.order_by("starts_on")
    assert not past.is_running() and past.summary["cases"] == 3 and past.public_reviewed_at is not None
    assert past.countries == ["TR", "BY"] and past.tags.count() == 3
    # The two busiest countries of the last 30 days: MM (2 cases) and DE (1).
    assert running.is_running() and running.countries == ["MM", "DE"] and running.tags.count() == 3
    first = [(x.title, x.kind, x.countries, x.starts_on, x.ends_on, x.tags.count()) for x in (past, running)]
    build_crises(random.Random("20250701:crisis"), lambda *args: None)  # a second run keeps the data as it is
    assert [(x.title, x.kind, x.countries, x.starts_on, x.ends_on, x.tags.count())
            for x in Crisis.objects.order_by("starts_on")] == first
