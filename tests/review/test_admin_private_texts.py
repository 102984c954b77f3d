"""The admin's windows onto decision proposals and checklist answers hide private texts from roles without
the private-data permission (privacy issue, finding 6)."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.review.models import ChecklistAnswer, DecisionProposal

pytestmark = pytest.mark.django_db

SUMMARY = "Removed: it gives the home of Svanhildur Jokulsdottir, ID 120398-4519, Laugavegur 88."
NOTE = "Checked the ID of Svanhildur Jokulsdottir."


@pytest.fixture
def proposal(make_case):
    case = make_case(c.Kind.HARM_REPORT, harm_category=c.HarmCategory.DOXXING)
    ChecklistAnswer.objects.create(case=case, question="identity", answer="yes", note=NOTE)
    return DecisionProposal.objects.create(case=case, summary=SUMMARY, items=[], review_note="Fine, Jokulsdottir.")


@pytest.mark.parametrize("role, sees_private_texts", [
    ("auditor", False),
    ("administrator", False),
    ("intake", False),
    ("legal approver", True),
])
def test_a_proposal_s_admin_page_shows_the_reasons_only_with_the_private_data_permission(
        client, make_staff, proposal, role, sees_private_texts):
    client.force_login(make_staff(role))
    shown = 0
    for url in (f"/admin/review/decisionproposal/{proposal.pk}/change/",
                f"/admin/review/checklistanswer/{ChecklistAnswer.objects.get().pk}/change/"):
        response = client.get(url)
        if response.status_code == 403:  # a role without any view permission on the model: nothing shown at all
            continue
        assert response.status_code == 200, (role, url)
        assert ("Jokulsdottir" in response.content.decode()) is sees_private_texts, (role, url)
        shown += 1
    assert shown or role == "intake", f"{role} should see the proposal's page (without its private texts)"
