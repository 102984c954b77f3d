"""The staff navigation marks the page's own item (aria-current), and only that one (core.registry.staff_nav)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from rightsdesk.accounts.roles import REVIEWER
from rightsdesk.core.registry import staff_nav

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path, current", [
    ("/en/staff/laws/analytics/", ["/en/staff/laws/analytics/"]),  # not also "Laws and authorities", /staff/laws/
    ("/en/staff/laws/", ["/en/staff/laws/"]),
    ("/en/staff/laws/instruments/new/", ["/en/staff/laws/"]),
    ("/en/staff/notices/holds/", ["/en/staff/notices/holds/"]),  # not also the outbox, /staff/notices/
    ("/en/staff/notices/12/", ["/en/staff/notices/"]),
    ("/en/staff/", []),  # the workspace's home (the queues) is no item's page below it
])
def test_the_current_item_is_the_one_whose_address_the_page_is_most_within(make_staff, path, current):
    request = RequestFactory().get(path)
    request.user = make_staff(REVIEWER)
    assert [item["url"] for item in staff_nav(request) if item["current"]] == current
