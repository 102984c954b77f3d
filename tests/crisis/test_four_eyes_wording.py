"""Four-eyes on the public wording of the human-rights report: whoever wrote the draft cannot approve it.

The wording of a crisis, an impact assessment, a risk or a mitigation becomes public only once a reviewer approves
it; a reviewer who also wrote the draft would approve their own words, the hole the four-eyes rule closes for
decisions and account actions. The refusal (403) says why on the page, at the item, and the draft stays unapproved;
a colleague's approval of the same draft is made.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.crisis import services
from rightsdesk.crisis.models import Crisis
from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

pytestmark = pytest.mark.django_db

WORDING = "During the election we handled 12 requests from the authorities."


@pytest.fixture
def items(people):
    today = timezone.localdate()
    a = Assessment.objects.create(title="Requests from high-risk jurisdictions", subject="Data requests",
                                  status=Assessment.Status.COMPLETED, assessed_on=today,
                                  review_on=today + timedelta(days=365))
    risk = Risk.objects.create(assessment=a, description="Volunteers could be persecuted.", right=Right.PRIVACY,
                               severity=4, likelihood=3)
    mitigation = Mitigation.objects.create(risk=risk, description="Minimise what is kept.", due_on=today,
                                           status=Mitigation.Status.DONE)
    crisis = Crisis.objects.create(title="Election", kind="election", countries=["TR"], starts_on=today,
                                   coordinator=people["safety"])
    return {"assessment": a, "risk": risk, "mitigation": mitigation, "crisis": crisis}


@pytest.mark.parametrize("item", ["assessment", "risk", "mitigation", "crisis"])
@pytest.mark.parametrize("approver, approved", [
    ("approver1", False),  # wrote the draft: refused, 403, the reason on the page
    ("approver2", True),   # a colleague: approved
])
def test_the_public_wording_is_approved_only_by_someone_other_than_its_writer(client, items, people, item,
                                                                              approver, approved):
    obj = items[item]
    services.save_public_draft(obj, people["approver1"], WORDING)
    client.force_login(people[approver])
    year = timezone.localdate().year
    response = client.post(reverse("crisis:wording_save", args=[item, obj.pk]),
                           {"action": "approve", "reviewed": WORDING, "year": str(year),
                            "next": reverse("crisis:wording", args=[year])})
    obj.refresh_from_db()
    if approved:
        assert response.status_code == 302
        assert (obj.public_text, obj.public_reviewed_by) == (WORDING, people["approver2"])
        return
    assert response.status_code == 403
    assert "you wrote this draft, so someone else must approve it" in response.content.decode()
    assert (obj.public_text, obj.public_reviewed_at, obj.public_reviewed_by) == ("", None, None)
    assert obj.public_draft == WORDING  # the draft is kept, for a colleague to approve


@pytest.mark.parametrize("item", ["assessment", "risk", "mitigation", "crisis"])
@pytest.mark.parametrize("reader, offered", [
    ("approver1", False),  # wrote the draft: the page says who approves it, and offers no button that is refused
    ("approver2", True),   # a colleague: the approve form
])
def test_the_wording_page_offers_the_approval_only_to_someone_other_than_the_writer(client, items, people, item,
                                                                                   reader, offered):
    obj = items[item]
    services.save_public_draft(obj, people["approver1"], WORDING)
    client.force_login(people[reader])
    page = client.get(reverse("crisis:wording", args=[timezone.localdate().year])).content.decode()
    section = page[page.index(f'id="w-{item}-{obj.pk}"'):]
    section = section[:section.index("</section>")]
    assert ('value="approve"' in section) is offered
    assert ("data-four-eyes" in section) is not offered
