"""A member of staff's username on the crisis, due-diligence and legal-support pages is isolated (<bdi>), as on
every other staff page: in an Arabic page a username such as "Ali (WMF)" showed as "(Ali (WMF" and one beside a
date or a dot was reordered with it.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.accounts.roles import LEGAL_APPROVER

pytestmark = pytest.mark.django_db

NAME = "Ali (WMF)"


def isolated(page: str) -> bool:
    return f"<bdi>{NAME}</bdi>" in page


#: What may hold the name outside a <bdi>: an attribute (a tooltip), and a choice of a list, which holds text only.
NOT_RUNNING_TEXT = re.compile(r'(title="|<option[^>]*>)$')


def bare(page: str) -> list[str]:
    """Where the name stands in running text outside a <bdi>."""
    return [page[max(0, m.start() - 60):m.end() + 10] for m in re.finditer(re.escape(NAME), page)
            if not page[:m.start()].endswith("<bdi>") and not NOT_RUNNING_TEXT.search(page[:m.start()])]


@pytest.fixture
def named(people, django_user_model):
    """The trust-and-safety member, now called ``NAME``."""
    django_user_model.objects.filter(pk=people["safety"].pk).update(username=NAME)
    people["safety"].refresh_from_db()
    return people["safety"]


@pytest.fixture
def pages(client, verified_login, make_staff, named, declare, settings, tmp_path):
    """The Arabic staff pages that show ``NAME``: as a crisis's coordinator and a case's claimant, a register's owner,
    and a legal-support decision's author."""
    from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk
    from rightsdesk.legalsupport import services as legal

    crisis = declare()
    today = timezone.localdate()
    assessment = Assessment.objects.create(title="Data requests", subject="Data requests", owner=named,
                                           assessed_on=today, review_on=today + timedelta(days=30))
    risk = Risk.objects.create(assessment=assessment, description="Risk", right=Right.PRIVACY, severity=2,
                               likelihood=2)
    Mitigation.objects.create(risk=risk, description="Mitigation", owner=named, due_on=today)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    request, _token = legal.submit({"requester_name": "Zeb", "requester_email": "zeb@example.org",
                                    "threat_kind": "lawsuit", "description": "Sued."}, [], language="en")
    legal_support = make_staff("legal support", username="ls-member")
    legal.record_eligibility(request, legal_support, good_faith=True, threat_related=True, country_risk="high",
                             notes="")
    # The decision's author is the renamed member: they hold the legal-support role for it.
    named.groups.add(*legal_support.groups.all())
    legal.decide(request, type(named).objects.get(pk=named.pk), support=True, reasons="Eligible.")

    def read(user, path):
        verified_login(client, user)
        return html.unescape(client.get(path).content.decode())

    approver = make_staff(LEGAL_APPROVER)
    return {
        "crisis list": read(approver, "/ar/staff/crises/"),
        "crisis page": read(approver, f"/ar/staff/crises/{crisis.pk}/"),
        "crisis form": read(named, f"/ar/staff/crises/{crisis.pk}/edit/"),
        "register": read(approver, "/ar/staff/diligence/"),
        "assessment": read(approver, f"/ar/staff/diligence/{assessment.pk}/"),
        "legal-support request": read(legal_support, f"/ar/staff/legal-support/{request.reference}/"),
    }


@pytest.mark.parametrize("name", ["crisis list", "crisis page", "crisis form", "register", "assessment",
                                  "legal-support request"])
def test_a_username_is_isolated_on_the_page(pages, name):
    page = pages[name]
    assert NAME in page, f"the {name} shows the name"
    assert not bare(page), bare(page)
