"""What the appellant is told of the decision on their appeal: only the notice we sent them, and never who the private
requester of the case they appealed is.

An affected user (the uploader) who appeals becomes the requester of the appeal case; the private person who asked
for the removal is the requester of the case appealed, no party of the appeal. The check that keeps a private
requester out of a message to an affected user (notices.services._refuse_if_it_names_the_requester) follows them
there, and the public appeal page shows the decision as it was sent (intake.outcome.decision_for_requester of the
appeal), never the case's decision summary, which staff write for themselves.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from rightsdesk.appeals import services
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError
from rightsdesk.notices import services as notice_services
from rightsdesk.notices.models import LegalHold, Notice

pytestmark = pytest.mark.django_db

#: Staff's reasons, naming the requester of the case appealed (a private person: the takedown fixture's Erika).
REASONS = "Upheld: Erika Mustermann (erika@example.org) showed the court judgment."
IN_GENERAL_TERMS = "Upheld: the requester showed a court judgment."
#: In French: the appellant filed through the French link of their statement of reasons.
SENT_ON = "Voici le message que nous vous avons envoyé le"
WILL_BE_EMAILED = "Nous vous enverrons notre décision et nos motifs par e-mail."
UNDER_REVIEW = "En cours d'examen par une personne qui n'a pas participé à la première décision."
DECIDED, OUTCOME, DECIDED_ON = "<dd>Décidée</dd>", "Résultat", "Décidé le"


@pytest.fixture
def uploaders_appeal(takedown, decide, staff, smtp, immediate_tasks, client, checked):
    """The uploader appeals through the link in their statement of reasons; an uninvolved reviewer upholds the
    decision with reasons that name the requester. Returns (appeal, the appeal page's path)."""
    decided = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    statement = decided.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).order_by("id").first()
    notice_services.send_notice(statement, staff["reviewer"])
    body = next(b for b in smtp.bodies() if "/appeal/" in b)
    path = re.search(r"http://[^/]+(/fr/appeal/\S+/)", body).group(1)
    assert client.post(path, {"text": "The photo is my own work, published under a free licence."}).status_code == 302
    appeal = Case.objects.get(kind=c.Kind.APPEAL)
    checked(appeal, staff["other"])
    services.decide_appeal(appeal, c.Outcome.REJECTED, REASONS, staff["other"])
    appeal.refresh_from_db()
    return appeal, path


def _decision_notice(appeal) -> Notice:
    return appeal.notices.get(purpose=Notice.Purpose.APPEAL_DECISION)


def _in_general_terms(notice, actor) -> Notice:
    notice_services.edit_notice(notice, actor, subject=notice.subject,
                                body=notice.body.replace(REASONS, IN_GENERAL_TERMS))
    notice.refresh_from_db()
    return notice


def test_the_decision_on_an_uploaders_appeal_may_not_name_the_private_requester(uploaders_appeal, staff, smtp,
                                                                                takedown, decide, checked):
    appeal, _path = uploaders_appeal
    notice = _decision_notice(appeal)
    assert notice.recipient_role == c.PartyRole.REQUESTER  # the appellant is the appeal's requester
    mails_before = len(smtp.messages)
    with translation.override("en"), pytest.raises(
            DomainError, match="names or reaches the requester, a private person") as refused:
        notice_services.send_notice(notice, staff["other"])
    assert refused.value.code == "names_requester" and refused.value.field == "body"
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DRAFT and len(smtp.messages) == mails_before
    # Her e-mail address alone is refused too.
    notice_services.edit_notice(notice, staff["other"], subject=notice.subject,
                                body=notice.body.replace(REASONS, "Upheld: see the order sent by ERIKA@example.org."))
    with pytest.raises(DomainError) as refused:
        notice_services.send_notice(notice, staff["other"])
    assert refused.value.code == "names_requester"
    # In general terms it goes.
    notice_services.edit_notice(notice, staff["other"], subject=notice.subject,
                                body=notice.body.replace("Upheld: see the order sent by ERIKA@example.org.",
                                                         IN_GENERAL_TERMS))
    notice_services.send_notice(notice, staff["other"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    sent = [m for m in smtp.messages if "uploader1" in str(m["To"])][-1].get_content()
    assert IN_GENERAL_TERMS in sent and "Erika" not in sent

    # The rule keeps the requester from the affected user: the decision on her own appeal may name her.
    refused_request = decide(takedown(), staff["reviewer"], actions={})
    her_appeal = services.file_appeal(refused_request, c.PartyRole.REQUESTER, "The article still defames me.", "de",
                                      "requester")
    checked(her_appeal, staff["other"])
    services.decide_appeal(her_appeal, c.Outcome.REJECTED, REASONS, staff["other"])
    to_her = _decision_notice(her_appeal)
    notice_services.send_notice(to_her, staff["other"])
    to_her.refresh_from_db()
    assert to_her.status == Notice.Status.SENT and to_her.party.email == "erika@example.org"


def test_the_appeal_page_shows_the_decision_as_sent_never_the_internal_summary(uploaders_appeal, staff, client):
    appeal, path = uploaders_appeal
    notice = _in_general_terms(_decision_notice(appeal), staff["other"])
    notice_services.send_notice(notice, staff["other"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    assert "Erika Mustermann" in appeal.decision_summary  # staff's own summary still names her

    page = client.get(path).content.decode()
    assert SENT_ON in page and IN_GENERAL_TERMS in page
    assert appeal.reference in page  # the sent notice's own words (its subject names the appeal)
    assert "Erika" not in page and "erika@example.org" not in page
    assert WILL_BE_EMAILED not in page


def test_before_the_decision_is_sent_the_appeal_page_says_it_will_come_by_email(uploaders_appeal, staff, client):
    appeal, path = uploaders_appeal
    notice = _in_general_terms(_decision_notice(appeal), staff["other"])
    assert notice.status == Notice.Status.DRAFT

    page = client.get(path).content.decode()
    assert WILL_BE_EMAILED in page and DECIDED in page
    assert "Erika" not in page and "erika@example.org" not in page  # not the summary
    assert IN_GENERAL_TERMS not in page and SENT_ON not in page  # nor the notice that was not sent


# --- A gag order keeps the decision from the appellant's page too (intake.outcome.decision_withheld) ---------------

#: A court's order barring every notice of the appeal, or one on the case appealed covering affected users.
HOLDS = [pytest.param("appeal", LegalHold.Scope.ALL, id="all parties, on the appeal"),
         pytest.param("case appealed", LegalHold.Scope.AFFECTED_USERS, id="affected users, on the case appealed")]


def _gagged(appeal, staff, on: str, scope: str) -> Notice:
    notice = _in_general_terms(_decision_notice(appeal), staff["other"])
    held_case = appeal if on == "appeal" else appeal.appeal_of
    notice_services.place_hold(held_case, staff["approver"], reason="Non-disclosure order of the court.", scope=scope)
    notice_services.send_notice(notice, staff["other"])  # approved; the hold keeps it
    notice.refresh_from_db()
    assert notice.status == Notice.Status.HELD
    return notice


@pytest.mark.parametrize("on, scope", HOLDS)
def test_while_a_gag_order_holds_the_decision_the_appeal_page_says_what_it_said_before(uploaders_appeal, staff,
                                                                                       client, on, scope):
    appeal, path = uploaders_appeal
    _gagged(appeal, staff, on, scope)
    page = client.get(path).content.decode()
    assert UNDER_REVIEW in page
    for told in (DECIDED, OUTCOME, DECIDED_ON, WILL_BE_EMAILED, IN_GENERAL_TERMS, SENT_ON):
        assert told not in page, told
    assert 'name="text"' in page  # the form to add information stays, as before the decision


@pytest.mark.parametrize("on, scope", HOLDS)
def test_words_added_while_a_gag_order_holds_the_decision_are_taken_as_before_it(uploaders_appeal, staff, client,
                                                                                 on, scope):
    from rightsdesk.appeals.models import AppealMessage

    appeal, path = uploaders_appeal
    _gagged(appeal, staff, on, scope)
    page = client.get(path).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    response = client.post(path, {"text": "One more document: the licence page.", "form_token": token})
    assert response.status_code == 302  # not a refusal that would say the appeal was decided
    assert [m.text for m in AppealMessage.objects.filter(appeal=appeal)][-1] == "One more document: the licence page."
    assert DECIDED not in client.get(path).content.decode()


def test_once_the_hold_is_lifted_and_the_decision_sent_the_appeal_page_shows_it(uploaders_appeal, staff, client):
    appeal, path = uploaders_appeal
    notice = _gagged(appeal, staff, "case appealed", LegalHold.Scope.AFFECTED_USERS)
    notice_services.lift_hold(notice.hold, staff["approver"], "The court lifted its order.")
    notice.refresh_from_db()
    if notice.status != Notice.Status.SENT:  # released to the outbox: sent by the delivery task
        notice_services.send_notice(notice, staff["other"])
        notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT
    page = client.get(path).content.decode()
    assert DECIDED in page and OUTCOME in page and SENT_ON in page and IN_GENERAL_TERMS in page
    assert UNDER_REVIEW not in page


# --- What protects the affected user follows them into their appeal (cases.policy.speaks_to_affected_user) ---------


def test_a_gag_order_on_the_case_appealed_holds_the_decision_on_the_uploaders_appeal(uploaders_appeal, staff):
    appeal, _path = uploaders_appeal
    notice = _in_general_terms(_decision_notice(appeal), staff["other"])
    notice_services.place_hold(appeal.appeal_of, staff["approver"], reason="Court order 12/2026 bars notice.",
                               scope=LegalHold.Scope.AFFECTED_USERS)
    notice_services.send_notice(notice, staff["other"])
    notice.refresh_from_db()
    assert notice.status == Notice.Status.HELD and notice.hold.case == appeal.appeal_of


def test_a_crisis_on_the_case_appealed_asks_for_the_safety_review_of_the_decision_on_the_appeal(
        uploaders_appeal, staff, make_staff):
    from django.utils import timezone

    from rightsdesk.crisis import services as crisis_services
    from rightsdesk.crisis.models import CrisisCase

    appeal, _path = uploaders_appeal
    notice = _in_general_terms(_decision_notice(appeal), staff["other"])
    safety = make_staff("trust and safety")
    crisis = crisis_services.declare({
        "title": "Election", "kind": "election", "countries": ["TR"], "projects": [],
        "starts_on": timezone.localdate(), "ends_on": None, "coordinator": safety, "description": "Who is targeted.",
    }, safety)
    CrisisCase.objects.get_or_create(crisis=crisis, case=appeal.appeal_of, defaults={"via": CrisisCase.Via.SWEEP})
    with pytest.raises(DomainError) as held:
        notice_services.send_notice(notice, staff["other"])
    assert held.value.code == "crisis_safety_review"


@pytest.mark.parametrize("kind, role, appellant, speaks", [
    (c.Kind.CONTENT_TAKEDOWN, c.PartyRole.AFFECTED_USER, None, True),
    (c.Kind.CONTENT_TAKEDOWN, c.PartyRole.REQUESTER, None, False),
    (c.Kind.APPEAL, c.PartyRole.REQUESTER, c.PartyRole.AFFECTED_USER, True),   # the uploader who appealed
    (c.Kind.APPEAL, c.PartyRole.REQUESTER, c.PartyRole.REQUESTER, False),      # the requester who appealed
    (c.Kind.APPEAL, c.PartyRole.REQUESTER, "", True),                          # nobody recorded who: the safe side
])
def test_who_a_notice_speaks_to(kind, role, appellant, speaks):
    from types import SimpleNamespace

    from rightsdesk.cases.policy import speaks_to_affected_user

    filing = SimpleNamespace(appellant_role=appellant) if appellant is not None else None
    case = SimpleNamespace(kind=kind, appeal_of_id=1 if kind == c.Kind.APPEAL else None, appeal_filing=filing)
    assert speaks_to_affected_user(case, role) is speaks


def test_a_gag_order_on_the_case_appealed_keeps_the_uploaders_appeal_out_of_their_data_export(uploaders_appeal, staff):
    from rightsdesk.privacy.subject_export import export_subject

    appeal, _path = uploaders_appeal
    appellant = appeal.parties.get(role=c.PartyRole.REQUESTER).email

    def exported() -> list[str]:
        return [case["reference"] for case in export_subject(email=appellant, actor="test")["cases"]]

    assert appeal.reference in exported()
    _gagged(appeal, staff, "case appealed", LegalHold.Scope.AFFECTED_USERS)
    assert appeal.reference not in exported()
