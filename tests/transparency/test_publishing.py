"""Publishing a decided case: proposed redaction, staff corrections, approval, publication, withdrawal."""

from __future__ import annotations

import pytest

from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.cases.models import CaseHistory
from rightsdesk.cases.services import update_case
from rightsdesk.core.errors import Conflict, DomainError, NotPermitted
from rightsdesk.transparency import publishing
from rightsdesk.transparency.models import PublicRecord, RedactionReview

pytestmark = pytest.mark.django_db

PRIVATE = {"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.INDIVIDUAL, "name": "Ottilie Brennecke",
           "email": "ottilie@example.org", "phone": "+49 171 2345678", "postal_address": "Lindenallee 7b\n80331 München"}


def text_case(decided_case, **fields):
    fields.setdefault("description", "I am Ottilie Brennecke, write to ottilie@example.org or call 0171 2345678. "
                                     "I live at Lindenallee 7b. The article lies about me.")
    return decided_case(parties=[PRIVATE], **fields)


def test_the_proposed_redaction_covers_every_private_value_and_keeps_the_rest(decided_case, approver):
    case = text_case(decided_case)
    review = publishing.propose_redaction(case, approver)
    body = publishing.redacted_texts(review)["body"]
    assert body == ("I am [NAME], write to [EMAIL] or call [PHONE]. I live at [ADDRESS]. The article lies about me.")
    assert review.status == RedactionReview.Status.DRAFT
    assert {s["type"] for s in review.spans["body"]} == {"NAME", "EMAIL", "PHONE", "ADDRESS"}


def test_proposing_again_keeps_staff_corrections_while_the_case_is_unchanged(decided_case, reviewer):
    case = text_case(decided_case)
    review = publishing.propose_redaction(case, reviewer)
    review = publishing.add_phrase(review, reviewer, "body", "article", "REDACTED")
    again = publishing.propose_redaction(case, reviewer)
    assert again.pk == review.pk and "[REDACTED]" in publishing.redacted_texts(again)["body"]


def test_staff_remove_add_and_retype_spans_and_each_correction_is_recorded_without_text(decided_case, reviewer):
    case = text_case(decided_case)
    review = publishing.propose_redaction(case, reviewer)
    review = publishing.remove_span(review, reviewer, "body", 3)  # the address: staff decide to keep it
    review = publishing.add_phrase(review, reviewer, "*", "lies", "REDACTED")
    review = publishing.change_span_type(review, reviewer, "body", 0, "ACCOUNT")
    body = publishing.redacted_texts(review)["body"]
    assert "Lindenallee 7b" in body and "[REDACTED] about me" in body and body.startswith("I am [ACCOUNT]")
    assert [e["action"] for e in review.corrections] == ["removed", "added", "retyped"]
    assert "Ottilie" not in str(review.corrections) and "lies" not in str(review.corrections)


def test_a_correction_sends_an_approved_redaction_back_to_draft(decided_case, reviewer):
    case = text_case(decided_case)
    review = publishing.approve_redaction(publishing.propose_redaction(case, reviewer), reviewer)
    assert review.status == RedactionReview.Status.APPROVED and review.approved_by == reviewer
    review = publishing.add_phrase(review, reviewer, "title", "Test", "REDACTED")
    assert review.status == RedactionReview.Status.DRAFT and review.approved_by is None


def test_bad_corrections_are_refused_with_a_reason(decided_case, reviewer):
    review = publishing.propose_redaction(text_case(decided_case), reviewer)
    with pytest.raises(DomainError, match="do not occur"):
        publishing.add_phrase(review, reviewer, "body", "no such words", "NAME")
    with pytest.raises(DomainError):
        publishing.remove_span(review, reviewer, "body", 99)
    with pytest.raises(DomainError):
        publishing.add_span(review, reviewer, "body", 5, 500000, "NAME")
    with pytest.raises(DomainError):
        publishing.add_span(review, reviewer, "body", 0, 3, "NOT_A_TYPE")


def test_publishing_needs_an_approved_redaction_and_the_publish_permission(decided_case, reviewer, approver):
    case = text_case(decided_case)
    review = publishing.propose_redaction(case, reviewer)
    with pytest.raises(DomainError, match="not been approved"):
        publishing.publish(case, approver)
    publishing.approve_redaction(review, reviewer)
    with pytest.raises(NotPermitted, match="transparency.publish_notice"):
        publishing.publish(case, reviewer)
    with pytest.raises(NotPermitted):
        publishing.publish(case, "requester")
    notice = publishing.publish(case, approver)
    assert notice.public_id == case.reference and notice.published_by == approver and notice.is_public


def test_a_change_to_the_case_after_approval_voids_it(decided_case, approver):
    case = text_case(decided_case)
    publishing.approve_redaction(publishing.propose_redaction(case, approver), approver)
    update_case(case, {"description": "New text naming Ottilie Brennecke again."}, approver)
    with pytest.raises(Conflict, match="changed"):
        publishing.publish(case, approver)
    review = publishing.propose_redaction(case, approver)
    assert review.status == RedactionReview.Status.DRAFT


def test_only_decided_content_and_copyright_cases_are_published(make_case, decided_case, approver):
    with pytest.raises(DomainError, match="Only decided"):
        publishing.propose_redaction(make_case(state=c.State.UNDER_REVIEW), approver)
    with pytest.raises(DomainError, match="not published one by one"):
        publishing.propose_redaction(decided_case(c.Kind.USER_DATA_REQUEST), approver)


def test_the_notice_holds_only_redacted_copies_and_public_facts(decided_case, publish):
    case = text_case(decided_case, requester_type=c.RequesterType.INDIVIDUAL, country="DE",
                     law_invoked="BGB § 823", subject="Remove the claims about Ottilie Brennecke")
    notice = publish(case)
    assert notice.title == "Remove the claims about [NAME]"
    assert "Ottilie" not in notice.body and notice.sender_name == "" and notice.sender_label == "A private individual"
    assert (notice.kind, notice.country, notice.outcome, notice.law_invoked) == (case.kind, "DE", case.outcome, "BGB § 823")
    assert notice.items.count() == case.items.count() and notice.projects == ["de.wikipedia.org"]
    assert notice.decided_on == case.decided_at.date()


def test_an_organisation_sender_is_named(decided_case, publish):
    case = decided_case(c.Kind.COPYRIGHT_NOTICE, requester_type=c.RequesterType.COMPANY,
                        requester_organisation="Global Photo Agency",
                        parties=[{"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.ORGANIZATION,
                                  "organisation": "Global Photo Agency", "name": "Hubertus Quell"}],
                        description="Hubertus Quell for Global Photo Agency.")
    notice = publish(case)
    assert notice.sender_name == "Global Photo Agency" and notice.sender_kind == c.EntityKind.ORGANIZATION
    assert "Hubertus" not in notice.body and "Quell" not in notice.body


def test_publication_and_withdrawal_are_in_the_history_and_the_audit_trail(decided_case, publish, approver):
    case = text_case(decided_case)
    notice = publish(case)
    events = list(case.history.filter(event=CaseHistory.Event.PUBLICATION).values_list("changes", flat=True))
    assert {"redaction": "approved"} in events and {"published": notice.public_id} in events
    assert AuditEntry.objects.filter(case=case, action="publish_notice", actor=approver).exists()
    with pytest.raises(DomainError, match="Say why"):
        publishing.unpublish(notice, approver, "")
    publishing.unpublish(notice, approver, "Court order to withdraw; Ottilie Brennecke asked.")
    notice.refresh_from_db()
    assert not notice.is_public and notice.unpublish_reason == "Court order to withdraw; [NAME] asked."
    assert case.history.filter(changes__unpublished=notice.public_id).exists()
    assert AuditEntry.objects.filter(case=case, action="unpublish_notice").exists()
    with pytest.raises(Conflict):
        publishing.unpublish(notice, approver, "twice over")


def test_republishing_updates_the_one_notice(decided_case, publish, approver):
    case = text_case(decided_case)
    first = publish(case)
    publishing.unpublish(first, approver, "Withdrawn for a correction.")
    again = publish(case)
    assert again.pk == first.pk and again.is_public and PublicRecord.objects.count() == 1


def test_the_queue_lists_decided_publishable_cases_not_yet_published(decided_case, publish):
    waiting = decided_case()
    done = decided_case()
    publish(done)
    decided_case(c.Kind.HARM_REPORT)
    assert list(publishing.redaction_queue()) == [waiting]


def test_publish_as_system_is_for_labels_only(decided_case, approver):
    case = decided_case()
    with pytest.raises(NotPermitted):
        publishing.publish_as_system(case, approver)
    notice = publishing.publish_as_system(case, "demo")
    assert notice.published_by is None and case.history.filter(actor_label="demo", changes__published=notice.public_id).exists()


def test_a_legal_hold_on_all_notices_bars_publication_until_lifted(decided_case, approver):
    from django.utils import timezone

    from rightsdesk.notices.models import LegalHold

    case = decided_case()
    hold = LegalHold.objects.create(case=case, scope=LegalHold.Scope.ALL, reason="Non-disclosure order")
    with pytest.raises(DomainError, match="legal hold"):
        publishing.propose_redaction(case, approver)
    LegalHold.objects.filter(pk=hold.pk).update(lifted_at=timezone.now())
    assert publishing.publish_as_system(case, "test").is_public


def decide_anew(case, actor, second_approver, outcome, summary):
    """The reopened case is decided again, with new reasons, the way staff decide (checklist, four eyes)."""
    from tests.flows import decide_as_staff

    action = c.Action.REMOVE if outcome == c.Outcome.GRANTED else c.Action.NO_ACTION
    case = decide_as_staff(case, actor, second_approver, actions={0: (action, [])}, summary=summary)
    assert case.outcome == outcome
    return case


def test_a_reopened_decision_stays_in_the_log_saying_so_until_the_new_one_is_published(
        decided_case, publish, approver, make_staff, client):
    from rightsdesk.appeals import services as appeals

    case = text_case(decided_case)
    notice = publish(case)
    appeals.reopen(case, approver, reason="The requester's appeal was granted.")
    notice.refresh_from_db()
    assert notice.is_public and notice.reopened_at is not None and notice.outcome == c.Outcome.REJECTED
    assert case.history.filter(event=CaseHistory.Event.PUBLICATION, changes__reopened=notice.public_id).exists()
    page = client.get(f"/en/notices/{notice.public_id}/")
    assert page.status_code == 200 and b"is being made anew" in page.content
    assert b"reopened: being decided anew" in client.get("/en/notices/").content
    assert client.get(f"/api/v1/notices/{notice.public_id}").json()["reopened_at"]
    assert case not in publishing.redaction_queue(), "not while it is being decided"

    decide_anew(case, approver, make_staff("legal approver"), c.Outcome.GRANTED, "Granted on appeal: the paragraph is removed.")
    assert case in publishing.redaction_queue()
    with pytest.raises(Conflict):  # the new reasons are not covered by the old redaction
        publishing.publish(case, approver)
    notice = publish(case)
    assert (notice.reopened_at, notice.outcome) == (None, c.Outcome.GRANTED)
    assert "Granted on appeal" in notice.summary
    assert b"is being made anew" not in client.get(f"/en/notices/{notice.public_id}/").content
    assert case not in publishing.redaction_queue()


def test_a_notice_staff_withdrew_does_not_return_to_the_queue_when_its_case_is_decided_anew(
        decided_case, publish, approver, make_staff):
    from rightsdesk.appeals import services as appeals

    case = text_case(decided_case)
    notice = publishing.unpublish(publish(case), approver, "A court ordered it withdrawn.")
    appeals.reopen(case, approver, reason="Correction.")
    notice.refresh_from_db()
    assert notice.reopened_at is None and not notice.is_public
    decide_anew(case, approver, make_staff("legal approver"), c.Outcome.REJECTED, "Refused again.")
    assert case not in publishing.redaction_queue()


def test_an_address_of_any_shape_in_the_requesters_text_or_an_items_url_is_proposed_and_never_published(
        decided_case, publish):
    """The requester's text, the subject they typed and the items' URLs and titles go through the redactor before the
    public record is written: an address a URL carries percent-escaped, a mailto: link, a bounce address and an address
    literal are proposed (EMAIL) as a plain address is, and the public record, its items and its search text keep none.
    The requester is Erika (known to the case); the addresses are of other people, found by detection alone."""
    case = decided_case(
        requester_subject="Reply to mailto:wilhelmine%40example.org",
        description=("The page quotes my returned letter: wilhelmine=example.org@bounce.example.net, and the relay "
                     "echoed gundula@[192.0.2.1]."),
        items=[{"url": "https://de.wikipedia.org/w/index.php?title=Beispiel&email=hildegard%40example.org",
                "project": "de.wikipedia.org", "page_title": "Beispiel",
                "copyrighted_url": "https://example.org/contact?to=kunigunde=example.org@bounce.example.net"}])
    review = publishing.propose_redaction(case, "test")
    item = case.items.get()
    assert {s["type"] for key in ("title", "body", f"item:{item.pk}:url", f"item:{item.pk}:copyrighted_url")
            for s in review.spans[key]} == {"EMAIL"}
    notice = publish(case)
    published = [notice.title, notice.body, notice.search_text,
                 *(f"{i.url} {i.copyrighted_url} {i.page_title}" for i in notice.items.all())]
    for private in ("wilhelmine", "gundula", "hildegard", "kunigunde"):
        assert not any(private in text for text in published), (private, published)
    assert notice.items.get().url == "https://de.wikipedia.org/w/index.php?title=Beispiel&email=[EMAIL]"
