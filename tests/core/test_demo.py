"""The demo data set is realistic, deterministic, and loading it twice keeps it."""

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from tests import demo_snapshot

pytestmark = pytest.mark.django_db


#: The day that ends a case's title (cases.services.neutral_title: kind · site · day received).
TITLE_DAY = re.compile(r"\d{4}-\d{2}-\d{2}$")


def fingerprint() -> str:
    """Everything drawn from the seed. Open cases arrived some minutes or days before the build (the demo dates them
    back from the moment it runs), so their dates are left out, the day that ends their titles too: a case dated
    back 6 days and 1 h 29 min from a build at 01:28:44 arrived a day earlier than from one at 01:29:48."""
    decided = Case.objects.filter(state=c.State.CLOSED).order_by("received_at", "subject").values_list(
        "kind", "country", "requester_type", "outcome", "received_at", "decided_at", "subject")
    still_open = [(kind, country, requester, state, TITLE_DAY.sub("", subject)) for kind, country, requester, state,
                  subject in Case.objects.exclude(state=c.State.CLOSED).values_list(
                      "kind", "country", "requester_type", "state", "subject")]
    return hashlib.sha256(repr((list(decided), sorted(still_open))).encode()).hexdigest()


def test_the_demo_is_the_same_every_time_and_the_command_run_twice_keeps_the_data_and_the_logins(settings, tmp_path):
    """The demo of seed 7 as the other test modules receive it (the copy of this process's build, see
    tests/demo_snapshot.py), then the command's own build from the same seed: the same data.

    (The two rules share a test because each demo build takes a minute on PostgreSQL.)
    """
    from django.contrib.auth import authenticate
    from django.db import transaction

    with transaction.atomic():
        demo_snapshot.load(seed=7)  # builds it if no module of this process has yet
        transaction.set_rollback(True)
    with transaction.atomic():
        demo_snapshot.load(seed=7)  # the copy written back
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Case.objects.exists()
    settings.HOME = tmp_path
    out = io.StringIO()
    began = timezone.now().date()
    call_command("demo", no_serve=True, seed=7, stdout=out)
    if len({*demo_snapshot.built_on(seed=7), began, timezone.now().date()}) > 1:
        # The open cases' titles name the day they arrived, counted back from the day of the build.
        pytest.skip("the two builds were made on two days (UTC): their open cases arrived on other days")
    assert fingerprint() == first
    count = Case.objects.count()
    assert "Loaded" in out.getvalue() and "reviewer" in out.getvalue()
    again = io.StringIO()
    call_command("demo", no_serve=True, seed=7, stdout=again)
    assert Case.objects.count() == count and "keeping it" in again.getvalue()
    password = (tmp_path / "demo_password").read_text().strip()
    assert password in again.getvalue()
    assert authenticate(username="approver", password=password) is not None


def test_a_restored_copy_of_the_demo_is_the_database_as_the_build_left_it_table_by_table():
    """What the demo's test modules receive is the build itself: every row of every table, the search index's
    rows included, written back over an emptied database."""
    from django.db import transaction

    def contents(copy):
        return {t.name: sorted(t.rows.splitlines()) if isinstance(t.rows, bytes) else sorted(map(repr, t.rows))
                for t in copy.tables}

    with transaction.atomic():
        demo_snapshot.load(seed=7)
        built = demo_snapshot.capture()
        Case.objects.update(subject="changed by the module before")  # modules change what they find
        demo_snapshot.restore(built)
        restored = demo_snapshot.capture()
        transaction.set_rollback(True)
    assert contents(restored) == contents(built)
    assert len(contents(built)["cases_case"]) > 300
    assert sum(len(rows) for rows in contents(built).values()) > 5000


def test_the_demo_links_its_emails_to_the_port_it_runs_on(settings, tmp_path, monkeypatch, make_case):
    from rightsdesk.intake.tracking import tracking_url

    make_case()  # data already loaded: the command keeps it, so this test does not wait for a whole build
    monkeypatch.delenv("RIGHTSDESK_PUBLIC_BASE_URL", raising=False)
    settings.HOME = tmp_path
    call_command("demo", no_serve=True, port=8123, stdout=io.StringIO())
    assert tracking_url("abc", "en").startswith("http://127.0.0.1:8123/en/track/abc/")


def test_an_explicit_public_address_wins_over_the_port(settings, monkeypatch):
    from rightsdesk.core.management.commands.serve import use_local_base_url

    monkeypatch.setenv("RIGHTSDESK_PUBLIC_BASE_URL", "https://requests.example.org")
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PUBLIC_BASE_URL": "https://requests.example.org"}
    assert use_local_base_url("0.0.0.0", 8123) == "https://requests.example.org"
