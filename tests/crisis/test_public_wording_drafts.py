"""Two staff editing the same public draft of the human-rights report: the later save does not silently win.

Each draft form carries the version of the draft it showed; a save from a page older than the draft as it is now
is refused (409), and the page comes back with the editor's words in the box and the colleague's text beside it,
so nothing typed is lost and nothing saved is overwritten unseen.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rightsdesk.crisis.models import Crisis
from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

from .page_forms import draft_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(people):
    today = timezone.localdate()
    a = Assessment.objects.create(title="Requests from high-risk jurisdictions", subject="Data requests",
                                  status=Assessment.Status.COMPLETED, assessed_on=today,
                                  review_on=today + timedelta(days=365), public_draft="First wording.")
    risk = Risk.objects.create(assessment=a, description="Volunteers could be persecuted.", right=Right.PRIVACY,
                               severity=4, likelihood=3, public_draft="First wording.")
    mitigation = Mitigation.objects.create(risk=risk, description="Minimise what is kept.", due_on=today,
                                           status=Mitigation.Status.DONE, public_draft="First wording.")
    crisis = Crisis.objects.create(title="Election", kind="election", countries=["TR"], starts_on=today,
                                   coordinator=people["safety"], public_draft="First wording.")
    return {"assessment": a, "risk": risk, "mitigation": mitigation, "crisis": crisis}


@pytest.fixture
def two_editors(two_browsers):
    """Two legal approvers, each signed in on a browser of their own."""
    return two_browsers("legal approver")


@pytest.mark.parametrize("item", ["assessment", "risk", "mitigation", "crisis"])
def test_the_later_of_two_saves_of_one_draft_is_refused_with_both_texts_on_the_page(items, two_editors, item):
    obj = items[item]
    amal, bilal = two_editors
    page = reverse("crisis:wording", args=[timezone.localdate().year])
    action = reverse("crisis:wording_save", args=[item, obj.pk])
    amal_form = draft_form(amal.get(page).content.decode(), action)
    bilal_form = draft_form(bilal.get(page).content.decode(), action)

    saved = amal.post(action, {**amal_form, "draft": "Amal's wording.", "action": "draft"})
    assert saved.status_code == 302
    refused = bilal.post(action, {**bilal_form, "draft": "Bilal's wording.", "action": "draft"})

    obj.refresh_from_db()
    assert obj.public_draft == "Amal's wording."                   # nothing overwritten
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Someone else saved this draft after you opened the page" in html  # what happened, what to do
    again = draft_form(html, action)
    assert again["draft"].strip() == "Bilal's wording."            # the editor's words, in the box
    summary = html.split('id="error-summary"')[1].split('name="draft"')[0]
    assert "Amal&#x27;s wording." in summary                        # the colleague's, in the error, before the box

    # Sent again from the refused page (after reading the colleague's text), the save is made.
    merged = bilal.post(action, {**again, "draft": "Amal's and Bilal's wording.", "action": "draft"})
    assert merged.status_code == 302
    obj.refresh_from_db()
    assert obj.public_draft == "Amal's and Bilal's wording."


def test_a_save_from_a_page_that_shows_the_draft_as_it_is_is_made(items, two_editors):
    """Opened again after a colleague's save, the page carries the new version: one's own save is not refused."""
    amal, _bilal = two_editors
    obj = items["crisis"]
    page = reverse("crisis:wording", args=[timezone.localdate().year])
    action = reverse("crisis:wording_save", args=["crisis", obj.pk])
    for text in ("Once.", "Twice."):
        form = draft_form(amal.get(page).content.decode(), action)
        assert amal.post(action, {**form, "draft": text, "action": "draft"}).status_code == 302
    obj.refresh_from_db()
    assert obj.public_draft == "Twice."
