"""What the demo data set holds: realistic cases of every kind over two half-years, and open work.

The demo (seed 7, the one tests/core/test_demo.py checks for determinism) is put in once for this module inside a
transaction rolled back at the end: built, or copied from this process's build (tests/demo_snapshot.py).
"""

import pytest
from django.db import transaction

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from tests import demo_snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_seven")]


@pytest.fixture(scope="module")
def demo_seven(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            demo_snapshot.load(seed=7)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_demo_covers_every_kind_two_half_years_and_open_work():
    cases = Case.objects.all()
    assert 300 <= cases.count() <= 600
    assert set(cases.values_list("kind", flat=True)) == set(c.Kind.values)
    assert cases.filter(received_at__year=2025, received_at__month__gte=7).count() > 100
    assert cases.filter(received_at__year=2026, received_at__month__lte=6).count() > 100
    assert cases.exclude(state=c.State.CLOSED).count() > 10
    assert cases.values("country").distinct().count() > 15
    granted = cases.filter(kind=c.Kind.CONTENT_TAKEDOWN, outcome__in=c.GRANTING_OUTCOMES).count()
    assert granted < cases.filter(kind=c.Kind.CONTENT_TAKEDOWN).count() * 0.1  # "grants almost none"


def test_demo_cases_read_like_real_ones_a_typed_subject_and_items_that_are_what_the_case_is_about():
    """The typed subject is the requester's words (never our kind label), and each item is named in the request:
    a takedown's article, a copyright notice's uploads, a user-data request's or emergency's accounts."""
    kind_labels = [str(label) for label in c.Kind.labels]
    item_types = {
        c.Kind.CONTENT_TAKEDOWN: {c.ItemType.PAGE, c.ItemType.REVISION},
        c.Kind.COPYRIGHT_NOTICE: {c.ItemType.FILE}, c.Kind.COPYRIGHT_COUNTER_NOTICE: {c.ItemType.FILE},
        c.Kind.TRADEMARK_NOTICE: {c.ItemType.FILE, c.ItemType.PAGE},
        c.Kind.USER_DATA_REQUEST: {c.ItemType.ACCOUNT}, c.Kind.EMERGENCY_DISCLOSURE: {c.ItemType.ACCOUNT},
        c.Kind.PRESERVATION_REQUEST: {c.ItemType.ACCOUNT},
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


def test_a_demo_cases_timeline_begins_when_its_request_arrived():
    """The demo makes up a life that already happened (triage, review, decision, notices): its first entry, "Request
    received", is dated when the request arrived, so the case page's timeline reads in order; it used to be dated
    when the demo ran, and came last."""
    from rightsdesk.cases.models import CaseHistory

    for case in Case.objects.filter(state=c.State.CLOSED)[:50]:
        history = list(case.history.order_by("at", "pk"))
        assert history[0].event == CaseHistory.Event.CREATED and history[0].at == case.received_at, case.reference


def test_every_active_staff_account_of_the_demo_is_one_of_its_logins():
    """A walk of the demo found the account actions' second publisher ("counsel", who has no login) offered as an
    appeal's reviewer: an account nobody can sign in to is offered no work."""
    from django.contrib.auth import get_user_model

    from rightsdesk.demo import DEMO_USERS

    active = set(get_user_model().objects.filter(is_active=True, is_staff=True).values_list("username", flat=True))
    assert active <= {username for username, _name, _roles in DEMO_USERS}
