"""The yearly human-rights report shows only reviewed public wording and counts (canaries)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.crisis import services
from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

pytestmark = pytest.mark.django_db

PRIVATE = ["PRIVATE-SUMMARY-CANARY", "PRIVATE-RISK-CANARY", "PRIVATE-MITIGATION-CANARY", "PRIVATE-CRISIS-NOTE",
           "PRIVATE-CRISIS-TITLE", "PRIVATE-ASSESSMENT-TITLE", "UNREVIEWED-RISK-WORDING", "EDITED-DRAFT-NOT-REVIEWED",
           "UNREVIEWED-CRISIS-WORDING"]
PUBLIC = ["PUBLIC-ASSESSMENT-WORDING", "PUBLIC-RISK-WORDING", "PUBLIC-MITIGATION-WORDING", "PUBLIC-CRISIS-WORDING"]


@pytest.fixture
def register(people, make_staff):
    """A register with reviewed and unreviewed wording, private texts everywhere, and two crises."""
    today = timezone.localdate()
    approver, writer = people["approver1"], people["approver2"]  # four-eyes: a colleague approves the draft
    a = Assessment.objects.create(title="PRIVATE-ASSESSMENT-TITLE", subject="Data requests",
                                  summary="PRIVATE-SUMMARY-CANARY", status=Assessment.Status.COMPLETED,
                                  assessed_on=today, review_on=today + timedelta(days=365))
    reviewed_risk = Risk.objects.create(assessment=a, description="PRIVATE-RISK-CANARY", right=Right.PRIVACY,
                                        severity=4, likelihood=3)
    unreviewed_risk = Risk.objects.create(assessment=a, description="PRIVATE-RISK-CANARY second", right=Right.EXPRESSION,
                                          severity=4, likelihood=4)
    mitigation = Mitigation.objects.create(risk=reviewed_risk, description="PRIVATE-MITIGATION-CANARY", due_on=today,
                                           status=Mitigation.Status.DONE)
    for obj, text in ((a, "PUBLIC-ASSESSMENT-WORDING"), (reviewed_risk, "PUBLIC-RISK-WORDING"),
                      (mitigation, "PUBLIC-MITIGATION-WORDING")):
        services.save_public_draft(obj, writer, text)
        services.approve_public_wording(obj, approver, text=text)
    services.save_public_draft(unreviewed_risk, writer, "UNREVIEWED-RISK-WORDING")
    # Approved, then the draft edited: the public keeps the reviewed copy until the new draft is reviewed.
    services.save_public_draft(a, writer, "EDITED-DRAFT-NOT-REVIEWED")
    reviewed = services.declare({"title": "PRIVATE-CRISIS-TITLE", "kind": "election", "countries": "TR",
                                 "starts_on": today - timedelta(days=3), "coordinator": people["safety"],
                                 "description": "PRIVATE-CRISIS-NOTE"}, people["safety"])
    services.save_public_draft(reviewed, writer, "PUBLIC-CRISIS-WORDING")
    services.approve_public_wording(reviewed, approver, text="PUBLIC-CRISIS-WORDING")
    unreviewed = services.declare({"title": "PRIVATE-CRISIS-TITLE 2", "kind": "coup", "countries": "MM",
                                   "starts_on": today - timedelta(days=3), "coordinator": people["safety"],
                                   "description": "PRIVATE-CRISIS-NOTE 2"}, people["safety"])
    services.save_public_draft(unreviewed, writer, "UNREVIEWED-CRISIS-WORDING")
    return {"year": today.year}


def test_the_human_rights_report_shows_only_reviewed_wording_in_its_page_and_json(client, register):
    year = register["year"]
    pages = {f"/{lang}/transparency/human-rights/{year}/": None for lang in ("en", "ar")}
    pages[f"/en/transparency/human-rights/{year}/report.json"] = None
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        if url.endswith(".json"):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        for canary in PRIVATE:
            assert canary not in text, f"{canary} leaked into {url}"
        for public in PUBLIC:
            assert public in text, f"{public} missing from {url}"
    data = client.get(f"/en/transparency/human-rights/{year}/report.json").json()
    assert data["assessments"]["completed"] == 1
    assert data["crises"]["handled"] == 2 and len(data["crises"]["items"]) == 1
    assert [r["text"] for r in data["salient_risks"]] == ["PUBLIC-RISK-WORDING"]
    assert data["mitigations"]["completed"] == 1


def test_the_canary_check_finds_a_canary_that_is_there(client, register, people):
    """Guards the test above: once the unreviewed risk's wording is approved, the page shows it."""
    risk = Risk.objects.get(public_draft="UNREVIEWED-RISK-WORDING")
    services.approve_public_wording(risk, people["approver1"], text="UNREVIEWED-RISK-WORDING")
    assert "UNREVIEWED-RISK-WORDING" in client.get(f"/en/transparency/human-rights/{register['year']}/").content.decode()


def test_wording_is_approved_only_as_read_and_only_by_a_reviewer_of_public_wording(register, people):
    risk = Risk.objects.get(public_draft="UNREVIEWED-RISK-WORDING")
    with pytest.raises(NotPermitted):
        services.approve_public_wording(risk, people["reviewer"], text="UNREVIEWED-RISK-WORDING")
    with pytest.raises(DomainError) as changed:
        services.approve_public_wording(risk, people["approver1"], text="an older draft")
    assert changed.value.code == "wording_changed"
    risk.refresh_from_db()
    assert risk.public_reviewed_at is None


def test_the_public_report_module_reads_only_the_report_builder():
    """The import contracts of .importlinter (hr-report-public and hr-report-page-reads-only-the-report) hold."""
    import configparser
    from pathlib import Path

    config = configparser.ConfigParser()
    config.read(Path(__file__).resolve().parents[2] / ".importlinter")
    assert "rightsdesk.crisis.public_views" in config["importlinter:contract:hr-report-public"]["source_modules"]
    assert "rightsdesk.crisis.services" in config["importlinter:contract:hr-report-public"]["forbidden_modules"]


@pytest.mark.parametrize("lang, where", [
    ("en", "Syria and Türkiye"),  # stored sorted by code
    ("ar", "سوريا وتركيا"),  # Arabic's own "and" (core.lists), where the page had "تركيا, سوريا"
])
def test_a_crisis_in_several_countries_names_them_in_the_pages_language(client, people, lang, where):
    today = timezone.localdate()
    crisis = services.declare({"title": "Earthquake", "kind": "disaster", "countries": "TR, SY",
                               "starts_on": today - timedelta(days=3), "coordinator": people["safety"],
                               "description": "Notes."}, people["safety"])
    services.save_public_draft(crisis, people["approver2"], "A reviewed sentence.")
    services.approve_public_wording(crisis, people["approver1"], text="A reviewed sentence.")
    html = client.get(f"/{lang}/transparency/human-rights/{today.year}/").content.decode()
    assert where in html
