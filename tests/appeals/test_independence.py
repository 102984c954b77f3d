"""An appeal goes to a person who took no part in the decision appealed: no claim, take-over, assignment or decision
by the first decision's reviewer or its (four-eyes) approver, on any path; the decision page says so and shows the
appellant's text and the decision appealed beside the form."""

from __future__ import annotations

import pytest

from rightsdesk.appeals import services
from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.review import bulk
from rightsdesk.review import services as review
from rightsdesk.review.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(takedown, decide, staff):
    """A takedown decided by the reviewer and, four-eyes, approved by a second person."""
    case = decide(takedown(), staff["reviewer"])
    assert case.history.filter(changes__transition="approve").exists()
    return case


@pytest.fixture
def appeal(decided):
    return services.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The article is accurate and well sourced.", "en",
                                "affected_user")


@pytest.fixture
def first_approver(decided):
    return decided.history.get(changes__transition="approve").actor


def test_the_first_decisions_approver_and_reviewer_can_neither_claim_nor_take_over_the_appeal(
        appeal, staff, first_approver):
    holder = appeal.assigned_to
    assert holder is not None and holder not in (first_approver, staff["reviewer"])
    for involved in (first_approver, staff["reviewer"]):
        with pytest.raises(DomainError, match="took part in the decision appealed") as refused:
            review.claim(appeal, involved, takeover_reason="I know this case best.")
        assert refused.value.code == "not_independent"
    review.release(appeal, holder)
    for involved in (first_approver, staff["reviewer"]):  # an unclaimed appeal, and the claim implied by working
        with pytest.raises(DomainError, match="took part in the decision appealed"):
            review.claim(appeal, involved)
    appeal.refresh_from_db()
    assert appeal.assigned_to is None
    assert not Assignment.objects.filter(case=appeal, assignee__in=[first_approver, staff["reviewer"]]).exists()
    review.claim(appeal, staff["other"])  # someone uninvolved may
    appeal.refresh_from_db()
    assert appeal.assigned_to == staff["other"]


def test_nobody_can_give_the_appeal_to_someone_who_took_part(appeal, staff, first_approver):
    with pytest.raises(DomainError, match="took part in the decision appealed") as refused:
        review.reassign(appeal, first_approver, staff["other"], reason="They approved it, they know it.")
    assert refused.value.field == "assignee"
    appeal.refresh_from_db()
    assert appeal.assigned_to != first_approver


def test_the_queues_bulk_claim_and_assign_refuse_the_appeal_and_say_why(appeal, staff, first_approver):
    review.release(appeal, appeal.assigned_to)
    result = bulk.run("claim", [appeal.reference], first_approver)
    assert result.done == [] and result.refused and "took part in the decision appealed" in result.refused[0][1]
    result = bulk.run("assign", [appeal.reference], staff["other"], assignee_id=str(first_approver.pk),
                      reason="Workload.")
    assert result.done == [] and "took part in the decision appealed" in result.refused[0][1]
    appeal.refresh_from_db()
    assert appeal.assigned_to != first_approver


def test_the_case_page_refuses_the_take_over_next_to_the_form_with_the_reason(appeal, first_approver, client):
    client.force_login(first_approver)
    response = client.post(f"/en/staff/cases/{appeal.reference}/claim/", {"reason": "Mine."})
    assert response.status_code == 400
    assert "took part in the decision appealed" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.assigned_to != first_approver


def test_the_appeal_panel_carries_a_warning_for_the_top_of_the_case_page(appeal, first_approver, staff):
    from django.test import RequestFactory

    from rightsdesk.appeals import panels

    request = RequestFactory().get("/")
    request.user = first_approver
    [panel] = panels.case_panels(request, appeal)
    assert "you may not claim, take over, review or decide this appeal" in panel["alert"]
    request.user = staff["other"]
    [panel] = panels.case_panels(request, appeal)
    assert "alert" not in panel


def test_the_decision_page_shows_the_appellants_text_and_the_decision_appealed(appeal, decided, staff, client,
                                                                              first_approver):
    services.add_information(appeal, "Here is the source: a court ruling of 2024.", "affected_user")
    client.force_login(staff["other"])
    page = client.get(f"/en/staff/notices/appeals/{appeal.pk}/decide/").content.decode()
    assert "The article is accurate and well sourced." in page
    assert "a court ruling of 2024" in page
    assert decided.reference in page and decided.get_outcome_display() in page
    assert "The article repeats a court-confirmed falsehood." in page  # the reasons of the decision appealed
    assert f"proposed by {staff['reviewer'].get_username()}" in page
    assert f"approved by {first_approver.get_username()}" in page
    from rightsdesk.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="view_appeal", case=appeal).exists()


def test_the_decision_page_keeps_the_appellants_text_from_staff_without_private_data_access(appeal, make_staff,
                                                                                          client):
    from django.contrib.auth.models import Permission

    reviewer = make_staff("reviewer", username="no-private")
    reviewer.user_permissions.remove(*Permission.objects.filter(codename="access_private_data"))
    for group in reviewer.groups.all():
        reviewer.groups.remove(group)
    reviewer.user_permissions.add(Permission.objects.get(codename="review_case"))
    client.force_login(reviewer)
    page = client.get(f"/en/staff/notices/appeals/{appeal.pk}/decide/").content.decode()
    assert "The article is accurate and well sourced." not in page
    assert "you need access to private data" in page


@pytest.mark.parametrize(("lang", "between"), [("en", "; "), ("ar", "؛ "), ("zh-hans", "；")])
def test_the_steps_of_the_decision_appealed_are_separated_by_the_readers_semicolon(appeal, decided, staff, client,
                                                                                   first_approver, lang, between):
    client.force_login(staff["other"])
    page = client.get(f"/{lang}/staff/notices/appeals/{appeal.pk}/decide/").content.decode()
    steps = page.split("<dd>")
    [decided_by] = [dd.split("</dd>")[0] for dd in steps if first_approver.get_username() in dd.split("</dd>")[0]]
    assert between in decided_by
    assert (between == "; ") == ("; " in decided_by)
