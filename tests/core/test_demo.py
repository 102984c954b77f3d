"""The demo data set is realistic, deterministic, and loading it twice keeps it."""

import hashlib
import io

import pytest
from django.core.management import call_command

from rightsdesk import demo
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case

pytestmark = pytest.mark.django_db


def fingerprint() -> str:
    """Everything drawn from the seed. Open cases are dated relative to today, so their dates are left out."""
    decided = Case.objects.filter(state=c.State.CLOSED).order_by("received_at", "subject").values_list(
        "kind", "country", "requester_type", "outcome", "received_at", "decided_at", "subject")
    still_open = Case.objects.exclude(state=c.State.CLOSED).order_by("subject", "kind", "country").values_list(
        "kind", "country", "requester_type", "state", "subject")
    return hashlib.sha256(repr((list(decided), sorted(still_open))).encode()).hexdigest()


def test_the_demo_covers_every_kind_two_half_years_and_open_work():
    demo.build(seed=7, write=lambda *_: None)
    cases = Case.objects.all()
    assert 300 <= cases.count() <= 600
    assert set(cases.values_list("kind", flat=True)) == set(c.Kind.values)
    assert cases.filter(received_at__year=2025, received_at__month__gte=7).count() > 100
    assert cases.filter(received_at__year=2026, received_at__month__lte=6).count() > 100
    assert cases.exclude(state=c.State.CLOSED).count() > 10
    assert cases.values("country").distinct().count() > 15
    granted = cases.filter(kind=c.Kind.CONTENT_TAKEDOWN, outcome__in=c.GRANTING_OUTCOMES).count()
    assert granted < cases.filter(kind=c.Kind.CONTENT_TAKEDOWN).count() * 0.1  # "grants almost none"


def test_the_demo_is_the_same_every_time():
    from django.db import transaction

    with transaction.atomic():
        demo.build(seed=7, write=lambda *_: None)
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Case.objects.exists()
    demo.build(seed=7, write=lambda *_: None)
    assert fingerprint() == first


def test_the_demo_command_twice_keeps_the_data_and_the_logins(settings, tmp_path):
    settings.HOME = tmp_path
    out = io.StringIO()
    call_command("demo", no_serve=True, stdout=out)
    count = Case.objects.count()
    assert "Loaded" in out.getvalue() and "reviewer" in out.getvalue()
    again = io.StringIO()
    call_command("demo", no_serve=True, stdout=again)
    assert Case.objects.count() == count and "keeping it" in again.getvalue()
    password = (tmp_path / "demo_password").read_text().strip()
    assert password in again.getvalue()
    from django.contrib.auth import authenticate

    assert authenticate(username="approver", password=password) is not None


def test_the_demo_links_its_emails_to_the_port_it_runs_on(settings, tmp_path, monkeypatch):
    from rightsdesk.intake.tracking import tracking_url

    monkeypatch.delenv("RIGHTSDESK_PUBLIC_BASE_URL", raising=False)
    settings.HOME = tmp_path
    call_command("demo", no_serve=True, port=8123, stdout=io.StringIO())
    assert tracking_url("abc", "en").startswith("http://127.0.0.1:8123/en/track/abc/")


def test_an_explicit_public_address_wins_over_the_port(settings, monkeypatch):
    from rightsdesk.core.management.commands.serve import use_local_base_url

    monkeypatch.setenv("RIGHTSDESK_PUBLIC_BASE_URL", "https://requests.example.org")
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PUBLIC_BASE_URL": "https://requests.example.org"}
    assert use_local_base_url("0.0.0.0", 8123) == "https://requests.example.org"


def test_demo_cases_read_like_real_ones_a_typed_subject_and_items_that_are_what_the_case_is_about():
    """The typed subject is the requester's words (never our kind label), and each item is named in the request:
    a takedown's article, a copyright notice's uploads, a user-data request's or emergency's accounts."""
    demo.build(seed=7, write=lambda *_: None)
    kind_labels = [str(label) for label in c.Kind.labels]
    item_types = {
        c.Kind.CONTENT_TAKEDOWN: {c.ItemType.PAGE, c.ItemType.REVISION},
        c.Kind.COPYRIGHT_NOTICE: {c.ItemType.FILE}, c.Kind.COPYRIGHT_COUNTER_NOTICE: {c.ItemType.FILE},
        c.Kind.TRADEMARK_NOTICE: {c.ItemType.FILE, c.ItemType.PAGE},
        c.Kind.USER_DATA_REQUEST: {c.ItemType.ACCOUNT}, c.Kind.EMERGENCY_DISCLOSURE: {c.ItemType.ACCOUNT},
        c.Kind.HARM_REPORT: {c.ItemType.ACCOUNT, c.ItemType.REVISION},
        c.Kind.APPEAL: set(), c.Kind.GRIEVANCE: set(),
    }
    for case in Case.objects.prefetch_related("items"):
        typed = case.requester_subject
        assert typed and not any(typed.startswith(label) for label in kind_labels), typed
        assert typed not in case.subject and case.subject.startswith(str(c.Kind(case.kind).label))
        items = list(case.items.all())
        assert {item.item_type for item in items} <= item_types[case.kind], (case.kind, typed)
        if case.kind not in (c.Kind.APPEAL, c.Kind.GRIEVANCE):
            assert items, (case.kind, typed)
        for item in items:
            named = item.account_name if item.item_type == c.ItemType.ACCOUNT else item.page_title
            assert named and named in case.description, (case.kind, named, case.description)
        if case.kind == c.Kind.CONTENT_TAKEDOWN:
            assert len({item.page_title for item in items}) == 1  # one article, and revisions of it
        if case.kind == c.Kind.COPYRIGHT_COUNTER_NOTICE:
            assert len(items) == 1
        if case.kind == c.Kind.APPEAL and case.appeal_of_id:
            assert case.appeal_of.reference in typed
        for item in items:
            if item.item_type == c.ItemType.REVISION:
                assert item.url.endswith(f"oldid={item.revision_id}")  # a revision is named by its address
