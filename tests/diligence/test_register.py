"""The due-diligence register: assessments with rights, risks and mitigations; filterable; exported as CSV."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from rightsdesk.diligence.models import Assessment, Mitigation, Risk

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_data():
    today = timezone.localdate()
    data = Assessment.objects.create(title="User-data requests from high-risk jurisdictions", subject="Data requests",
                                     rights_at_stake=["privacy", "life_security"], status="completed",
                                     review_on=today - timedelta(days=1))
    risk = Risk.objects.create(assessment=data, description="Volunteers could be persecuted.", right="life_security",
                               severity=4, likelihood=3)
    Mitigation.objects.create(risk=risk, description="=HYPERLINK(\"http://evil\")", due_on=today + timedelta(days=30))
    geo = Assessment.objects.create(title="Country restrictions", subject="Geo-blocking", rights_at_stake=["expression"],
                                    status="draft", review_on=today + timedelta(days=200))
    return data, geo


def test_the_register_lists_and_filters_assessments(client, make_staff, register_data):
    data, geo = register_data
    client.force_login(make_staff("auditor"))

    def titles(query=""):
        html = client.get("/en/staff/diligence/?" + query).content.decode()
        return {a.title for a in (data, geo) if a.title in html}

    assert titles() == {data.title, geo.title}
    assert titles("right=privacy") == {data.title}
    assert titles("status=draft") == {geo.title}
    assert titles("review=overdue") == {data.title}
    assert titles("severity=4") == {data.title}
    assert titles("q=geo") == {geo.title}


def test_the_csv_export_has_one_row_per_mitigation_and_neutralises_formulas(client, make_staff, register_data):
    client.force_login(make_staff("auditor"))
    response = client.get("/en/staff/diligence/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    first = next(r for r in rows if r["risk"])
    assert (first["severity"], first["likelihood"], first["score"]) == ("4", "3", "12")
    assert first["rights_at_stake"] == "privacy;life_security"
    assert first["mitigation"].startswith("'=")
    assert len(list(csv.DictReader(io.StringIO(client.get("/en/staff/diligence/export.csv?status=draft").content.decode())))) == 1


def test_a_reviewer_records_an_assessment_its_risks_and_mitigations(client, make_staff):
    reviewer = make_staff("reviewer")
    client.force_login(reviewer)
    response = client.post("/en/staff/diligence/new/", {
        "title": "Harassment reporting form", "subject": "Harm reports", "rights_at_stake": ["privacy", "non_discrimination"],
        "status": "in_progress", "owner": reviewer.pk, "assessed_on": "2026-03-01", "review_on": "2026-09-01"})
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and assessment.rights_at_stake == ["privacy", "non_discrimination"]
    client.post(f"/en/staff/diligence/{assessment.pk}/risks/", {
        "description": "Reports used to silence minorities.", "right": "non_discrimination", "severity": 2, "likelihood": 3})
    risk = assessment.risks.get()
    client.post(f"/en/staff/diligence/{assessment.pk}/risks/{risk.pk}/mitigations/", {
        "description": "Human review of every report.", "owner": reviewer.pk, "due_on": "2026-05-01", "status": "planned"})
    mitigation = risk.mitigations.get()
    assert (mitigation.owner, mitigation.due_on) == (reviewer, date(2026, 5, 1))
    client.post(f"/en/staff/diligence/{assessment.pk}/mitigations/{mitigation.pk}/status/", {"status": "done"})
    mitigation.refresh_from_db()
    assert mitigation.status == "done"
    page = client.get(f"/en/staff/diligence/{assessment.pk}/").content.decode()
    assert "severity 2 × likelihood 3 = 6" in page


def test_bad_input_is_refused_with_what_to_fix(client, make_staff, register_data):
    data, _geo = register_data
    client.force_login(make_staff("reviewer"))
    response = client.post("/en/staff/diligence/new/", {"title": "", "subject": "x", "rights_at_stake": ["nonsense"],
                                                        "status": "draft", "assessed_on": "2026-03-01",
                                                        "review_on": "2026-01-01"})
    html = response.content.decode()
    assert response.status_code == 400 and "error-summary" in html and "cannot be before" in html
    page = client.post(f"/en/staff/diligence/{data.pk}/risks/", {"description": "x", "right": "privacy",
                                                                 "severity": 9, "likelihood": 1}, follow=True)
    assert "Severity" in page.content.decode() and data.risks.count() == 1


def test_only_roles_with_the_permission_may_change_the_register(client, make_staff, register_data):
    data, _geo = register_data
    client.force_login(make_staff("auditor"))
    assert client.get("/en/staff/diligence/new/").status_code == 403
    assert client.post(f"/en/staff/diligence/{data.pk}/risks/", {"description": "x", "right": "privacy",
                                                                  "severity": 1, "likelihood": 1}).status_code == 403
    assert data.risks.count() == 1
    client.force_login(make_staff())
    assert client.get("/en/staff/diligence/").status_code == 403


def _open_details(html: str) -> list[str]:
    """The summaries of the <details> shown open."""
    import re

    return re.findall(r"<details open><summary>([^<]*)</summary>", html)


@pytest.mark.parametrize("what, posted, typed, opened, field_id", [
    ("a risk", {"description": "Editors in the region could self-censor.", "right": "expression",
                           "severity": 9, "likelihood": 1},
     "Editors in the region could self-censor.", "Add a risk", "risk-severity"),
    ("a mitigation", {"description": "Train the regional volunteers.", "due_on": "soon",
                                                    "status": "planned"},
     "Train the regional volunteers.", "Add a mitigation", "m{risk}-due_on"),
    ("the assessment", {"title": "Requests from high-risk jurisdictions, revised", "subject": "x",
                                  "rights_at_stake": ["privacy"], "status": "completed", "assessed_on": "2026-03-01",
                                  "review_on": "2026-01-01"},
     "Requests from high-risk jurisdictions, revised", "Edit the assessment", "a-review_on"),
])
def test_a_refused_form_on_the_assessment_page_keeps_what_was_typed_open_where_it_was(
        client, make_staff, register_data, what, posted, typed, opened, field_id):
    """A refusal used to redirect to the page with the errors as messages, and what was typed was gone."""
    from django.urls import reverse

    data, _geo = register_data
    risk = data.risks.get()
    client.force_login(make_staff("reviewer"))
    action = {"a risk": reverse("diligence:add_risk", args=[data.pk]),
              "a mitigation": reverse("diligence:add_mitigation", args=[data.pk, risk.pk]),
              "the assessment": reverse("diligence:update", args=[data.pk])}[what]
    response = client.post(action, posted)
    html = response.content.decode()
    assert response.status_code == 400
    assert typed in html                                              # what was typed is in the form again
    assert _open_details(html) == [opened]                            # the form is open where it was
    assert f'<a href="#{field_id.format(risk=risk.pk)}">' in html     # the summary leads to the field
    assert data.risks.count() == 1 and risk.mitigations.count() == 1  # nothing stored
    data.refresh_from_db()
    assert data.title == "User-data requests from high-risk jurisdictions"
    assert f"<h1>{data.title}</h1>" in html                            # the facts shown are the stored ones


def test_every_field_on_the_assessment_page_has_an_id_of_its_own(client, make_staff, register_data):
    """The risk's, each mitigation's and the assessment's fields were all id_<name>: a label of the second risk's
    mitigation form led to the first one's field."""
    import re
    from collections import Counter

    data, _geo = register_data
    Risk.objects.create(assessment=data, description="A second risk.", right="privacy", severity=2, likelihood=2)
    client.force_login(make_staff("reviewer"))
    html = client.get(f"/en/staff/diligence/{data.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [name for name, n in ids.items() if n > 1] == []
    for target in re.findall(r'<label for="([^"]+)"', html):
        assert ids[target] == 1, target


def test_two_editors_of_one_assessment_the_later_save_is_refused_with_their_words_kept(make_staff, register_data):
    """Both open the assessment; the first saves; the second's save, from a page older than the first's, used to
    replace it without a word. It is refused (409): nothing saved, the assessment as it is now on the page, and
    the second editor's words still in the form, which sends the new version: sent again, it is saved."""
    import re

    from django.test import Client
    from django.urls import reverse

    data, _geo = register_data
    page, action = reverse("diligence:detail", args=[data.pk]), reverse("diligence:update", args=[data.pk])
    amal, bilal = Client(), Client()
    amal.force_login(make_staff("reviewer", username="amal"))
    bilal.force_login(make_staff("reviewer", username="bilal"))

    def opened(html: str) -> dict:
        form = html.split(f'action="{action}"')[1].split("</form>")[0]
        version = re.search(r'name="version" value="([^"]*)"', form)
        return {"version": version.group(1)} if version else {}

    fields = {"title": data.title, "subject": data.subject, "rights_at_stake": ["privacy"], "status": "completed",
              "assessed_on": data.assessed_on.isoformat(), "review_on": "2030-01-01"}
    amal_seen, bilal_seen = opened(amal.get(page).content.decode()), opened(bilal.get(page).content.decode())
    assert amal.post(action, {**fields, **amal_seen, "summary": "SUMMARY-BY-AMAL"}).status_code == 302
    refused = bilal.post(action, {**fields, **bilal_seen, "summary": "SUMMARY-BY-BILAL"})

    data.refresh_from_db()
    assert data.summary == "SUMMARY-BY-AMAL"
    assert refused.status_code == 409
    html = refused.content.decode()
    assert ("Someone else changed the summary, rights at stake, and review date of this assessment after you "
            "opened the page") in html
    top, form = html.split(f'action="{action}"')
    assert "SUMMARY-BY-AMAL" in top and "SUMMARY-BY-BILAL" in form.split("</form>")[0]
    again = bilal.post(action, {**fields, **opened(html), "summary": "SUMMARY-BY-BOTH"})
    assert again.status_code == 302
    data.refresh_from_db()
    assert data.summary == "SUMMARY-BY-BOTH"
