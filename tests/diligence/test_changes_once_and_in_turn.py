"""Every change of the register is done once however often its form is sent, never silently over a colleague's
change, and is in the audit trail.

A double click (or the back button) recorded an assessment, a risk or a mitigation twice, and the second sending of
an edit was refused as if someone else had saved the assessment. Each form carries a one-time token
(core.form_once): sent again, nothing is done again, and the second sending is told what the first did. A
mitigation's status set from a page older than a colleague's change replaced it without a word; it is refused
(409, core.versions), naming the status as it is now, with the status chosen still chosen. An assessment saved from
an old page was refused without saying what had changed; the refusal names the fields the colleague changed.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from rightsdesk.audit.models import AuditEntry
from rightsdesk.core.errors import NotPermitted
from rightsdesk.diligence.models import Assessment, Mitigation, Right, Risk

pytestmark = pytest.mark.django_db

SECRET = "CANARY-SUMMARY"


@pytest.fixture
def assessment():
    a = Assessment.objects.create(title="Reporting form in Arabic", subject="Harm reports", rights_at_stake=["privacy"],
                                  summary=SECRET, assessed_on=date(2026, 3, 1), review_on=date(2026, 9, 1))
    risk = Risk.objects.create(assessment=a, description="Reporters could be identified.", right=Right.PRIVACY,
                               severity=3, likelihood=2)
    Mitigation.objects.create(risk=risk, description="Strip metadata from uploads.", due_on=date(2026, 6, 1))
    return a


@pytest.fixture
def two_reviewers(make_staff):
    amal, bilal = Client(), Client()
    amal.force_login(make_staff("reviewer", username="amal"))
    bilal.force_login(make_staff("reviewer", username="bilal"))
    return amal, bilal


def _form(html: str, action: str) -> dict:
    """The hidden fields of the form of ``html`` that posts to ``action`` (its one-time token, its version)."""
    form = html.split(f'action="{action}"')[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="(form_token|version)" value="([^"]*)"', form))


def _assessment_fields(a: Assessment, **changes) -> dict:
    return {"title": a.title, "subject": a.subject, "summary": a.summary, "rights_at_stake": a.rights_at_stake,
            "status": a.status, "assessed_on": a.assessed_on.isoformat(), "review_on": a.review_on.isoformat(),
            **changes}


def _mitigation(a: Assessment) -> Mitigation:
    return Mitigation.objects.get(risk__assessment=a)


#: (the form, the page it is on, where it posts, what it sends, what it makes, the confirmation)
FORMS = [
    ("new assessment",
     lambda a: reverse("diligence:create"), lambda a: reverse("diligence:create"),
     lambda a: {"title": "Entering a new language market", "subject": "Market entry", "rights_at_stake": ["culture"],
                "status": "draft", "assessed_on": "2026-03-01", "review_on": "2026-09-01"},
     lambda a: Assessment.objects.filter(title="Entering a new language market").count(),
     "Assessment created. Add the risks you found."),
    ("risk",
     lambda a: reverse("diligence:detail", args=[a.pk]), lambda a: reverse("diligence:add_risk", args=[a.pk]),
     lambda a: {"description": "Reports used to silence minorities.", "right": "non_discrimination", "severity": 2,
                "likelihood": 3},
     lambda a: a.risks.filter(description="Reports used to silence minorities.").count(), "Risk added."),
    ("mitigation",
     lambda a: reverse("diligence:detail", args=[a.pk]),
     lambda a: reverse("diligence:add_mitigation", args=[a.pk, a.risks.get().pk]),
     lambda a: {"description": "Human review of every report.", "due_on": "2026-05-01", "status": "planned"},
     lambda a: Mitigation.objects.filter(description="Human review of every report.").count(), "Mitigation added."),
    ("mitigation status",
     lambda a: reverse("diligence:detail", args=[a.pk]),
     lambda a: reverse("diligence:mitigation_status", args=[a.pk, _mitigation(a).pk]),
     lambda a: {"status": "done"},
     lambda a: Mitigation.objects.filter(status="done").count(), "Mitigation status saved."),
    ("assessment edit",
     lambda a: reverse("diligence:detail", args=[a.pk]), lambda a: reverse("diligence:update", args=[a.pk]),
     lambda a: _assessment_fields(a, review_on="2027-01-01"),
     lambda a: Assessment.objects.filter(review_on=date(2027, 1, 1)).count(), "Assessment saved."),
]


@pytest.mark.parametrize(("page", "action", "sent", "made", "said"), [row[1:] for row in FORMS],
                         ids=[row[0] for row in FORMS])
def test_a_form_of_the_register_sent_twice_is_done_once_and_the_second_sending_is_told_it_was_done(
        two_reviewers, assessment, page, action, sent, made, said):
    amal, _bilal = two_reviewers
    url = action(assessment)
    carried = _form(amal.get(page(assessment)).content.decode(), url)
    assert carried.get("form_token"), "the form carries no one-time token (core.form_once)"
    values = {**sent(assessment), **carried}
    first, second = amal.post(url, values), amal.post(url, values)
    assert (first.status_code, second.status_code) == (302, 302)
    assert second.url == first.url                               # the second sending leads where the first did
    assert made(assessment) == 1                                 # done once
    shown = amal.get(first.url).content.decode()
    assert shown.count(said) == 1                                # and said once


def test_a_mitigation_status_set_from_an_old_page_is_refused_naming_the_status_as_it_is_now(two_reviewers,
                                                                                          assessment):
    amal, bilal = two_reviewers
    mitigation = _mitigation(assessment)
    page = reverse("diligence:detail", args=[assessment.pk])
    url = reverse("diligence:mitigation_status", args=[assessment.pk, mitigation.pk])
    hers, his = _form(amal.get(page).content.decode(), url), _form(bilal.get(page).content.decode(), url)
    assert hers.get("version")
    assert amal.post(url, {**hers, "status": "done"}).status_code == 302

    refused = bilal.post(url, {**his, "status": "dropped"})
    mitigation.refresh_from_db()
    assert refused.status_code == 409 and mitigation.status == "done"   # hers kept
    html = refused.content.decode()
    field = f"ms-{mitigation.pk}"
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert "Someone else set this mitigation&#x27;s status to “Done”" in summary and f'href="#{field}"' in summary
    chosen = html.split(f'<select id="{field}"')[1].split("</select>")[0]
    assert '<option value="dropped" selected>' in chosen                 # his choice, still chosen
    again = bilal.post(url, {**_form(html, url), "status": "dropped"})   # sent again: a change of the status now
    mitigation.refresh_from_db()
    assert again.status_code == 302 and mitigation.status == "dropped"


def test_an_assessment_saved_from_an_old_page_is_refused_naming_what_the_colleague_changed(two_reviewers,
                                                                                         assessment):
    amal, bilal = two_reviewers
    page, url = reverse("diligence:detail", args=[assessment.pk]), reverse("diligence:update", args=[assessment.pk])
    hers, his = _form(amal.get(page).content.decode(), url), _form(bilal.get(page).content.decode(), url)
    assert amal.post(url, {**_assessment_fields(assessment, review_on="2027-01-01", status="completed"),
                           **hers}).status_code == 302
    refused = bilal.post(url, {**_assessment_fields(assessment, summary="SUMMARY-BY-BILAL"), **his})
    assert refused.status_code == 409
    html = refused.content.decode()
    summary = html.split('id="error-summary"')[1].split("</div>")[0]
    assert "Someone else changed the status and review date of this assessment after you opened the page" in summary
    assert "SUMMARY-BY-BILAL" in html.split(f'action="{url}"')[1].split("</form>")[0]


def test_each_change_of_the_register_is_in_the_audit_trail_naming_fields_never_values(two_reviewers, assessment):
    amal, _bilal = two_reviewers
    risk, mitigation = assessment.risks.get(), _mitigation(assessment)
    amal.post(reverse("diligence:create"), {"title": "Market entry", "subject": "Markets", "summary": SECRET,
                                            "rights_at_stake": ["culture"], "status": "draft",
                                            "assessed_on": "2026-03-01", "review_on": "2026-09-01"})
    amal.post(reverse("diligence:add_risk", args=[assessment.pk]),
              {"description": SECRET, "right": "privacy", "severity": 1, "likelihood": 1})
    amal.post(reverse("diligence:add_mitigation", args=[assessment.pk, risk.pk]),
              {"description": SECRET, "due_on": "2026-05-01", "status": "planned"})
    amal.post(reverse("diligence:mitigation_status", args=[assessment.pk, mitigation.pk]), {"status": "done"})
    amal.post(reverse("diligence:update", args=[assessment.pk]), _assessment_fields(assessment, title="Renamed"))
    entries = AuditEntry.objects.filter(purpose__startswith="diligence: ").order_by("id")
    assert [(e.object_type, e.purpose) for e in entries] == [
        ("diligence.assessment", "diligence: assessment created"),
        ("diligence.risk", "diligence: risk added"),
        ("diligence.mitigation", "diligence: mitigation added"),
        ("diligence.mitigation", "diligence: mitigation status changed"),
        ("diligence.assessment", "diligence: assessment changed"),
    ]
    assert all(e.actor.username == "amal" for e in entries)
    assert entries.last().fields == ["title"]                            # the fields changed, by name
    assert not any(SECRET in repr(e.fields) + e.purpose for e in entries)


#: (the change, called by a member of staff who may only read the register)
CHANGES = [
    ("create", lambda services, user, a: services.create_assessment(user, {"title": "x", "subject": "y",
                                                                 "review_on": date(2026, 9, 1)})),
    ("update", lambda services, user, a: services.update_assessment(a, user, {"title": "x"})),
    ("add a risk", lambda services, user, a: services.add_risk(a, user, {"description": "x", "right": "privacy",
                                                               "severity": 1, "likelihood": 1})),
    ("add a mitigation", lambda services, user, a: services.add_mitigation(a.risks.get(), user,
                                                                 {"description": "x", "due_on": date(2026, 5, 1)})),
    ("set a status", lambda services, user, a: services.set_mitigation_status(_mitigation(a), user, "done")),
]


@pytest.mark.parametrize("change", [row[1] for row in CHANGES], ids=[row[0] for row in CHANGES])
def test_the_services_refuse_a_change_to_staff_who_may_only_read_the_register(make_staff, assessment, change):
    from rightsdesk.diligence import services

    before = (Assessment.objects.count(), Risk.objects.count(), list(Mitigation.objects.values_list("status")))
    with pytest.raises(NotPermitted):
        change(services, make_staff("auditor"), assessment)
    assert (Assessment.objects.count(), Risk.objects.count(),
            list(Mitigation.objects.values_list("status"))) == before
    assessment.refresh_from_db()
    assert assessment.title == "Reporting form in Arabic"
