"""The legal-support workflow: eligibility before a decision with reasons, referral from the counsel list, a budget
whose spending never silently exceeds the commitment, closing with an outcome; the state machine in one module; the
e-mail hand-over from the staff inbox; retention."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from rightsdesk.core.errors import DomainError, NotPermitted
from rightsdesk.legalsupport import services, workflow
from rightsdesk.legalsupport.models import Counsel, LegalSupportRequest, State

from .conftest import CANARY_NAME

pytestmark = pytest.mark.django_db


def supported(r, staff):
    services.record_eligibility(r, staff, good_faith=True, threat_related=True, country_risk="high", notes="Edits sourced.")
    return services.decide(r, staff, support=True, reasons="Within policy; the suit targets the edits.")


def test_a_decision_needs_the_whole_checklist_and_reasons(filed, legal_staff):
    r, _ = filed
    with pytest.raises(DomainError, match="checklist first"):
        services.decide(r, legal_staff, support=True, reasons="Yes.")
    services.record_eligibility(r, legal_staff, good_faith=True, threat_related=None, country_risk="")
    with pytest.raises(DomainError, match="checklist") as info:
        services.decide(r, legal_staff, support=True, reasons="Yes.")
    assert "country's risk" in info.value.message
    services.record_eligibility(r, legal_staff, good_faith=True, threat_related=True, country_risk="high")
    with pytest.raises(DomainError, match="Write this"):
        services.decide(r, legal_staff, support=True, reasons="  ")
    r = services.decide(r, legal_staff, support=True, reasons="Within policy.")
    assert r.state == State.SUPPORTED and r.decided_at and r.decided_by == legal_staff


def test_support_is_refused_when_the_checklist_says_the_contribution_is_not_in_good_faith(filed, legal_staff):
    r, _ = filed
    services.record_eligibility(r, legal_staff, good_faith=False, threat_related=True, country_risk="low")
    with pytest.raises(DomainError, match="good-faith"):
        services.decide(r, legal_staff, support=True, reasons="Anyway.")
    assert services.decide(r, legal_staff, support=False, reasons="Vandalism.").state == State.DECLINED


def test_spending_over_the_commitment_needs_a_reason(filed, legal_staff):
    r, _ = filed
    r = supported(r, legal_staff)
    services.set_budget(r, legal_staff, committed="5000", spent="1000")
    with pytest.raises(DomainError, match="more than the 5000.00 committed") as info:
        services.set_budget(r, legal_staff, committed="5000", spent="6000.50")
    assert info.value.field == "overspend_reason"
    r.refresh_from_db()
    assert r.budget_spent == Decimal("1000.00")  # nothing stored
    r = services.set_budget(r, legal_staff, committed="5000", spent="6000.50", overspend_reason="Appeal hearing.")
    assert r.over_budget and r.overspend_reason == "Appeal hearing."
    for bad in ("-1", "abc", "1e20", "NaN"):
        with pytest.raises(DomainError, match="amount"):
            services.set_budget(r, legal_staff, committed=bad, spent="0")


def test_referral_only_to_an_active_lawyer_once_support_is_granted(filed, legal_staff):
    r, _ = filed
    lawyer = Counsel.objects.create(name="A", country="TR", languages="tr en", contact="a@example.org")
    retired = Counsel.objects.create(name="B", country="TR", active=False)
    with pytest.raises(DomainError, match="once support is granted"):
        services.refer(r, legal_staff, counsel=lawyer, shared=True)
    r = supported(r, legal_staff)
    with pytest.raises(DomainError, match="takes no referrals"):
        services.refer(r, legal_staff, counsel=retired, shared=False)
    assert services.refer(r, legal_staff, counsel=lawyer, shared=True).counsel == lawyer


def test_closing_needs_an_outcome_and_ends_the_work(filed, legal_staff):
    r, _ = filed
    r = supported(r, legal_staff)
    with pytest.raises(DomainError, match="outcome"):
        services.close(r, legal_staff, outcome="")
    r = services.close(r, legal_staff, outcome="resolved", note="Claim withdrawn by the claimant.")
    assert r.state == State.CLOSED and r.closed_at
    with pytest.raises(DomainError):
        services.close(r, legal_staff, outcome="resolved")
    with pytest.raises(DomainError):
        services.set_budget(r, legal_staff, committed="1", spent="0")
    assert [e.action for e in r.events.all()] == ["received", "start", "eligibility", "support", "close"]


def test_the_state_machine_is_one_table_and_only_legal_support_moves_it(filed, make_staff):
    r, _ = filed
    assert {t.name for t in workflow.available(r)} == {"start", "close"}
    for role in ("administrator", "legal approver", "auditor"):
        with pytest.raises(NotPermitted):
            services.start_assessment(r, make_staff(role))


def test_the_events_name_fields_never_values(filed, legal_staff):
    r, _ = filed
    supported(r, legal_staff)
    for event in r.events.all():
        assert "Edits sourced" not in repr(event.fields) and CANARY_NAME not in repr(event.fields)


def test_the_staff_pages_send_back_a_refused_step_with_what_to_fix_and_keep_what_was_typed(filed, legal_staff,
                                                                                             verified_login):
    r, _ = filed
    client = Client()
    verified_login(client, legal_staff)
    client.post(reverse("legalsupport:start", args=[r.reference]))
    response = client.post(reverse("legalsupport:decide", args=[r.reference]),
                           {"decision": "support", "reasons": "My careful reasons"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Complete the eligibility checklist first" in page and "My careful reasons" in page


def test_an_email_in_the_inbox_becomes_a_request_and_leaves_the_inbox(settings, tmp_path, legal_staff, make_staff,
                                                                         verified_login):
    from rightsdesk.mail import services as mail_services
    from rightsdesk.mail.models import InboundMessage
    from tests.mail.corpus import make_inboxes

    settings.MEDIA_ROOT = str(tmp_path / "media")
    make_inboxes()
    received = mail_services.receive_message("legal", (
        b"From: Zeb <zeb@example.org>\r\nSubject: I am being sued\r\nMessage-ID: <ls-1@example.org>\r\n\r\n"
        b"A company sued me over my edits to an article. Can you help?\r\n")).message
    inbox_user = make_staff("intake")
    both = make_staff("intake", "legal support")
    page_for = lambda user: (verified_login(c := Client(), user), c.get(reverse("mail:message", args=[received.pk])))[1]  # noqa: E731,E501
    assert "This is a request for legal support" not in page_for(inbox_user).content.decode()
    assert "This is a request for legal support" in page_for(both).content.decode()
    outsider = Client()
    verified_login(outsider, inbox_user)
    assert outsider.post(reverse("legalsupport:from_mail", args=[received.pk])).status_code == 403
    client = Client()
    verified_login(client, both)
    response = client.post(reverse("legalsupport:from_mail", args=[received.pk]))
    r = LegalSupportRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/staff/legal-support/{r.reference}/")
    assert r.source == "email" and r.requester_email == "zeb@example.org" and "sued me" in r.description
    message = InboundMessage.objects.get(pk=received.pk)
    assert message.status == "ignored" and not message.body_text and not message.sender_email and not message.raw
    # Twice is refused, nothing doubled.
    with pytest.raises(DomainError, match="already"):
        services.request_from_message(message, both)
    assert LegalSupportRequest.objects.count() == 1


def test_the_retention_run_blanks_closed_requests_after_the_retention_time(filed, legal_staff):
    from rightsdesk.privacy.retention import run_retention

    r, _ = filed
    r = services.close(r, legal_staff, outcome="withdrawn")
    LegalSupportRequest.objects.filter(pk=r.pk).update(closed_at=timezone.now() - timedelta(days=2556))
    result = run_retention()
    assert result.unattached["legalsupport"] == 1
    r.refresh_from_db()
    assert r.personal_data_purged_at and not r.description and not r.requester_name and not r.attachments.exists()
    assert run_retention().unattached["legalsupport"] == 0


def test_the_public_form_files_a_request_and_shows_the_receipt_once(client, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = str(tmp_path / "media")
    url = reverse("legalsupport:request")
    form = client.get(url).content.decode()
    token = form.split('name="form_token" value="', 1)[1].split('"', 1)[0]
    refused = client.post(url, {"form_token": token, "threat_kind": "lawsuit", "description": "",
                                "requester_email": "not-an-address"})
    assert refused.status_code == 200 and "Tell us what happened." in refused.content.decode()
    assert not LegalSupportRequest.objects.exists()
    bad_file = client.post(url, {"form_token": token, "threat_kind": "lawsuit", "description": "Sued.",
                                 "attachments": SimpleUploadedFile("order.pdf", b"MZ\x90\x00 not a pdf")})
    assert "are not a PDF file" in bad_file.content.decode() and not LegalSupportRequest.objects.exists()
    sent = client.post(url, {"form_token": token, "threat_kind": "lawsuit", "description": "Sued over my edits.",
                             "attachments": SimpleUploadedFile("letter.txt", b"Dear editor")})
    assert sent.status_code == 302 and sent["Location"].endswith("/legal-support/received/")
    again = client.post(url, {"form_token": token, "threat_kind": "lawsuit", "description": "Sued over my edits.",
                              "attachments": SimpleUploadedFile("letter.txt", b"Dear editor")})
    assert again.status_code == 302 and LegalSupportRequest.objects.count() == 1  # a double click files nothing
    receipt = client.get(sent["Location"]).content.decode()
    r = LegalSupportRequest.objects.get()
    assert r.reference in receipt and "/legal-support/track/" in receipt and r.attachments.count() == 1
    assert "/legal-support/track/" not in client.get(sent["Location"]).content.decode()  # shown once


#: A step a colleague made impossible meanwhile: (the step, what was typed, what the colleague did first, given back).
MOVED_ON = [
    ("decide", {"decision": "decline", "reasons": "The threat is over a dispute with a neighbour, not the edits."},
     "decided", "The threat is over a dispute with a neighbour, not the edits."),
    ("eligibility", {"good_faith": "yes", "threat_related": "yes", "country_risk": "high",
                     "notes": "The letter from the ministry names the article."}, "decided",
     "The letter from the ministry names the article."),
    ("close", {"outcome": "resolved", "note": "The claimant dropped the suit in May."}, "closed",
     "The claimant dropped the suit in May."),
    ("budget", {"committed": "2500", "spent": "3000", "overspend_reason": "The hearing was moved twice."}, "closed",
     "If more was spent than committed: why: The hearing was moved twice."),
    ("message", {"message": "Your lawyer will call you on Monday."}, "closed", "Your lawyer will call you on Monday."),
]


@pytest.mark.parametrize(("step", "sent", "meanwhile", "given_back"), MOVED_ON)
def test_a_refused_step_a_colleague_made_impossible_comes_back_with_what_was_typed(filed, legal_staff, make_staff,
                                                                                  verified_login, step, sent,
                                                                                  meanwhile, given_back):
    r, _ = filed
    client = Client()
    verified_login(client, legal_staff)
    client.get(reverse("legalsupport:staff_detail", args=[r.reference]))  # the page opened; then, meanwhile:
    colleague = make_staff("legal support")
    r = supported(r, colleague)
    if meanwhile == "closed":
        services.close(r, colleague, outcome="resolved", note="Closed by a colleague.")
    response = client.post(reverse(f"legalsupport:{step}", args=[r.reference]), sent)
    page = response.content.decode()
    assert response.status_code == 409 and 'id="error-summary"' in page and 'href="#unsent"' in page
    assert f"{given_back}</textarea>" in page


@pytest.mark.parametrize(("step", "sent", "meanwhile", "given_back"), MOVED_ON)
def test_a_step_a_colleague_made_impossible_says_who_decided_what_and_that_nothing_was_saved(
        filed, legal_staff, make_staff, verified_login, step, sent, meanwhile, given_back):
    """A colleague declined (or granted, or closed) first: the page said "This request is “Support granted”: “Decline
    support” is not possible now" (the state machine's words) or "This request is closed; nothing can be changed",
    which neither names the colleague nor says nothing was saved. It says who made the request what, when, as the
    appeals do (core.meanwhile), with the words typed given back."""
    r, _ = filed
    client = Client()
    verified_login(client, legal_staff)
    colleague = make_staff("legal support", username="colleague.first")
    r = supported(r, colleague)
    if meanwhile == "closed":
        services.close(r, colleague, outcome="resolved", note="Closed by a colleague.")
    r.refresh_from_db()
    response = client.post(reverse(f"legalsupport:{step}", args=[r.reference]), sent)
    page = response.content.decode()
    assert response.status_code == 409
    summary = page[page.index('id="error-summary"'):page.index('id="unsent"')]
    assert "colleague.first" in summary and f"“{r.get_state_display()}”" in summary
    assert "Nothing was saved" in summary
    assert "not possible now" not in page and "nothing can be changed" not in page
    assert f"{given_back}</textarea>" in page


def test_a_budget_sent_after_a_colleague_declined_support_says_who_declined_when_and_that_nothing_was_saved(
        filed, legal_staff, make_staff, verified_login):
    """Support was never granted: the page was opened while the request was assessed, a colleague declined support,
    and the budget sent from the older page was refused with the rule's words ("Budget is committed only to a
    request whose support is granted and not closed"), which named no one and did not say nothing was saved. It
    says who made the request “Support declined”, when, and that nothing was saved, as the other steps do
    (core.meanwhile), with what was typed given back."""
    r, _ = filed
    client = Client()
    verified_login(client, legal_staff)
    services.start_assessment(r, legal_staff)
    client.get(reverse("legalsupport:staff_detail", args=[r.reference]))  # the page opened; then, meanwhile:
    colleague = make_staff("legal support", username="colleague.declined")
    r = LegalSupportRequest.objects.get(pk=r.pk)
    services.record_eligibility(r, colleague, good_faith=True, threat_related=False, country_risk="low",
                                notes="A dispute with a neighbour.")
    services.decide(r, colleague, support=False, reasons="Not about the edits.")
    response = client.post(reverse("legalsupport:budget", args=[r.reference]),
                           {"committed": "2500", "spent": "3000", "overspend_reason": "The hearing was moved twice."})
    page = response.content.decode()
    assert response.status_code == 409
    summary = page[page.index('id="error-summary"'):page.index('id="unsent"')]
    assert "colleague.declined" in summary and f"“{State.DECLINED.label}”" in summary
    assert "Nothing was saved" in summary and "Budget is committed only" not in page
    assert "The hearing was moved twice.</textarea>" in page
    assert LegalSupportRequest.objects.get(pk=r.pk).budget_committed == 0
