"""Demo crises: one past with its summary, one running (deterministic: the same dates, countries and cases on every
machine, drawn from the seeded demo cases)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from rightsdesk.cases.models import Case
from rightsdesk.demo import register

from . import rules, services, stats
from .models import Crisis, CrisisCase, CrisisKind


def _coordinator():
    """The demo's trust-and-safety login (the demo command sets its password and roles after the data is built)."""
    user, _created = get_user_model().objects.get_or_create(username="safety", defaults={"is_staff": True})
    return user


def _busiest_countries(cases, n: int) -> list[str]:
    counts: dict[str, int] = {}
    for code in cases.exclude(country="").values_list("country", flat=True):
        counts[str(code)] = counts.get(str(code), 0) + 1
    return [code for code, _n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


@register("crisis", order=80)
def build_crises(rng: random.Random, write) -> None:
    if Crisis.objects.exists():
        return
    coordinator = _coordinator()
    today = timezone.localdate()
    # A past crisis: an election some months ago in the countries with the most decided cases then.
    past_start, past_end = today - timedelta(days=200), today - timedelta(days=170)
    past_cases = Case.objects.filter(received_at__date__gte=past_start, received_at__date__lte=past_end)
    past = Crisis.objects.create(
        title="General election", kind=CrisisKind.ELECTION, countries=_busiest_countries(past_cases, 2) or ["TR"],
        projects=[], starts_on=past_start, ends_on=past_end, coordinator=coordinator, declared_by=coordinator,
        description="Demo: requests to remove articles about candidates and to unmask editors expected.",
        public_draft="During a national election we handled requests from the country's authorities with a "
                     "dedicated team and stricter review.",
    )
    for case in past_cases:
        if rules.matches(past, case):
            CrisisCase.objects.get_or_create(crisis=past, case=case, defaults={"via": CrisisCase.Via.SWEEP})
    past.ended_at, past.ended_by = timezone.now(), coordinator
    past.summary = stats.summary(past)
    past.public_text, past.public_reviewed_at, past.public_reviewed_by = past.public_draft, timezone.now(), coordinator
    past.save()
    # A running crisis: a campaign against the editors of one community, with its open cases tagged by the sweep.
    recent = Case.objects.filter(received_at__date__gte=today - timedelta(days=30))
    running = Crisis.objects.create(
        title="Campaign against editors", kind=CrisisKind.TARGETED_CAMPAIGN,
        countries=_busiest_countries(recent, 2) or ["BY"], projects=[], starts_on=today - timedelta(days=30),
        coordinator=coordinator, declared_by=coordinator,
        description="Demo: coordinated reports and data requests aimed at one community's editors.",
        public_draft="A coordinated campaign targeted the volunteers of one community.",
    )
    tagged = services.sweep(running)
    write(f"  crisis: 1 past crisis ({past.tags.count()} cases), 1 running ({tagged} open cases tagged)")
