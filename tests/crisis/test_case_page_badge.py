"""The case page names the running crisis a case belongs to; it links to the crisis page only for a reader allowed to
open it (a link to a page that answers 403 is a dead end: found clicking through the demo as legal support, who
also holds the intake role, and as executive)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(("role", "linked"), [
    ("reviewer", True),
    ("trust and safety", True),
    ("intake", False),
    ("executive", False),
])
def test_the_crisis_badge_links_to_the_crisis_only_for_those_who_may_see_crises(
        role, linked, declare, data_request, make_staff, client):
    crisis = declare(title="Election week")
    case = data_request()
    reader = make_staff(role, username=f"badge-{role.replace(' ', '-')}")
    client.force_login(reader)

    page = client.get(reverse("review:case", args=[case.reference]))
    crisis_page = client.get(reverse("crisis:detail", args=[crisis.pk]))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Crisis: Election week" in html
    link = f'href="{reverse("crisis:detail", args=[crisis.pk])}"'
    assert (link in html) is linked
    assert (crisis_page.status_code == 200) is linked
