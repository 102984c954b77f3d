"""A mitigation's status that is not one of the list is refused with 400 on the assessment's page: the error in the
summary and at the mitigation's status, the stored status unchanged and still chosen in the form. It answered a
redirect with the error as a passing message, which a client or an assistive tool could not tell from a save."""

from __future__ import annotations

from datetime import date

import pytest

from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

pytestmark = pytest.mark.django_db

#: (the status sent, the answer, the status stored after)
SENT = [
    ("",         400, "planned"),
    ("finished", 400, "planned"),
    ("DONE",     400, "planned"),
    ("done",     302, "done"),
]


@pytest.fixture
def mitigation():
    a = Assessment.objects.create(title="Reporting form in Arabic", subject="Harm reports",
                                  assessed_on=date(2026, 3, 1), review_on=date(2026, 9, 1))
    risk = Risk.objects.create(assessment=a, description="Reporters could be identified.", right=Right.PRIVACY,
                               severity=3, likelihood=2)
    return Mitigation.objects.create(risk=risk, description="Strip metadata from uploads.", due_on=date(2026, 6, 1))


@pytest.mark.parametrize(("sent", "answer", "stored"), SENT, ids=["nothing", "not a status", "wrong case", "done"])
def test_a_mitigation_status_not_in_the_list_is_refused_with_400_at_the_field(client, make_staff, mitigation,
                                                                             sent, answer, stored):
    client.force_login(make_staff("reviewer"))
    a = mitigation.risk.assessment
    response = client.post(f"/en/staff/diligence/{a.pk}/mitigations/{mitigation.pk}/status/", {"status": sent})
    mitigation.refresh_from_db()
    assert response.status_code == answer and mitigation.status == stored
    if answer != 400:
        return
    page = response.content.decode()
    field = f"ms-{mitigation.pk}"
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    assert f'href="#{field}"' in summary and "Choose a status from the list." in summary  # leads to the field
    assert "Choose a status from the list." in page.split(f'id="{field}-error"')[1].split("</ul>")[0]
    select = page.split(f'<select id="{field}"')[1].split(">")[0]
    assert 'aria-invalid="true"' in select and f"{field}-error" in select
    chosen = page.split(f'<select id="{field}"')[1].split("</select>")[0]
    assert '<option value="planned" selected>' in chosen  # the form, as it was
