"""Deciding a case drafts the notices it owes, from translated templates, in each recipient's language."""

from __future__ import annotations

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.appeals import services as appeals
from rightsdesk.notices.models import Notice, Placeholder
from rightsdesk.notices.rendering import APPEAL_LINK_MARKER

pytestmark = pytest.mark.django_db


def test_deciding_drafts_a_notice_to_the_requester_and_a_statement_of_reasons_to_each_affected_user(
        takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.HIDE_REVISION, [])})
    notices = list(case.notices.order_by("id"))
    assert [(n.purpose, n.recipient_role) for n in notices] == [
        (Notice.Purpose.DECISION, c.PartyRole.REQUESTER),
        (Notice.Purpose.STATEMENT_OF_REASONS, c.PartyRole.AFFECTED_USER),  # the party Uploader1
        (Notice.Purpose.STATEMENT_OF_REASONS, c.PartyRole.AFFECTED_USER),  # SecondEditor, known only from the item
    ]
    assert all(n.status == Notice.Status.DRAFT for n in notices)
    assert notices[1].party.account_name == "Uploader1"
    assert list(notices[1].items.values_list("page_title", flat=True)) == ["Beispiel"]
    assert notices[2].party is None and notices[2].recipient_account == "SecondEditor"
    assert list(notices[2].items.values_list("page_title", flat=True)) == ["Anderes"]


def test_approval_of_a_four_eyes_decision_drafts_notices_too(takedown, staff):
    """Through the review's services, as staff take it: checklist, item decision, submission, approval."""
    from rightsdesk.review import services as review
    from tests.review.conftest import full_checklist

    case = takedown()
    review.take_step(case, "start_review", staff["reviewer"])
    review.save_checklist(case, staff["reviewer"], full_checklist(case))
    first, *others = case.items.order_by("id")
    review.decide_item(first, staff["reviewer"], action=c.Action.REMOVE, ground="StGB §186",
                       reason="A court found the paragraph defamatory.")
    for item in others:
        review.decide_item(item, staff["reviewer"], action=c.Action.NO_ACTION, ground="StGB §186", reason="Not named.")
    assert review.conclude(case, staff["reviewer"], "Removed after a court judgment.") == "submit_for_approval"
    assert case.notices.count() == 0
    review.approve(case, staff["approver"])
    assert case.notices.filter(purpose=Notice.Purpose.STATEMENT_OF_REASONS).count() == 1


def test_statement_of_reasons_says_what_dsa_article_17_requires(takedown, decide, staff):
    case = decide(takedown(requester_organisation="", automated_detection=False), staff["reviewer"],
                  actions={0: (c.Action.RESTRICT_COUNTRY, ["DE", "AT"])})
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS, party__isnull=False)
    assert notice.language == "fr"
    from django.utils import translation

    with translation.override("en"):
        from rightsdesk.notices import rendering

        subject, body = rendering.render(case, notice.purpose, "en", list(notice.items.all()), appealable=True)
    # which content, the measure, its territorial scope and duration
    assert "https://de.wikipedia.org/wiki/Beispiel" in body
    assert "Restricted in some countries" in body and "Germany" in body and "Austria" in body
    assert "indefinitely" in body
    # the facts, and whether it followed a notice and from whom in general terms
    assert "court-confirmed falsehood" in body
    assert "a notice from: Individual, in Germany" in body
    # automated means
    assert "not detected by automated means" in body and "Not automated" in body
    # the legal ground and explanation
    assert "Illegal content" in body and "StGB §186" in body and "Defamation law §186" in body
    # remedies: internal appeal, out-of-court settlement, courts
    assert APPEAL_LINK_MARKER in body and "out-of-court dispute settlement" in body and "court" in body


def test_statement_of_reasons_never_names_a_private_requester(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"])
    for notice in case.notices.filter(recipient_role=c.PartyRole.AFFECTED_USER):
        assert "Erika" not in notice.body and "Mustermann" not in notice.body and "erika@" not in notice.body


def test_an_authority_is_named_by_its_public_name(takedown, decide, staff):
    case = decide(takedown(requester_type=c.RequesterType.COURT, requester_organisation="Landgericht Hamburg"),
                  staff["reviewer"], actions={1: (c.Action.REMOVE, [])})
    notice = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert notice.language == "en"
    assert "Court (Landgericht Hamburg)" in notice.body
    assert "A government authority or court was involved" in notice.body


def test_notices_are_written_in_the_recipients_language_with_fallbacks(takedown, decide, staff):
    case = takedown(language="es")
    case.parties.filter(role=c.PartyRole.REQUESTER).update(language="ja")
    case = decide(case, staff["reviewer"], actions={0: (c.Action.REMOVE, []), 1: (c.Action.REMOVE, [])})
    requester = case.notices.get(purpose=Notice.Purpose.DECISION)
    assert requester.language == "es"  # Japanese is not offered: the case's language
    french = case.notices.get(party__isnull=False, recipient_role=c.PartyRole.AFFECTED_USER)
    assert french.language == "fr"
    assert "Pourquoi" in french.subject or "déclaration des motifs" in french.body
    item_holder = case.notices.get(party__isnull=True)
    assert item_holder.language == "es"


def test_items_on_which_nothing_was_done_owe_their_holders_nothing(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"], actions={}, summary="Refused: the content is lawful.")
    assert case.outcome == c.Outcome.REJECTED
    assert [n.purpose for n in case.notices.all()] == [Notice.Purpose.DECISION]
    assert "Refused: the content is lawful." in case.notices.get().body


def test_user_data_request_tells_the_account_holder_before_disclosure(make_case, decide, staff):
    case = make_case(c.Kind.USER_DATA_REQUEST, requester_type=c.RequesterType.LAW_ENFORCEMENT,
                     requester_organisation="Police nationale", legal_process=c.LegalProcess.COURT_ORDER,
                     items=[{"item_type": c.ItemType.ACCOUNT, "account_name": "Target1",
                             "url": "https://fr.wikipedia.org/wiki/Utilisateur:Target1"}],
                     parties=[{"role": c.PartyRole.REQUESTER, "kind": c.EntityKind.ORGANIZATION,
                               "organisation": "Police nationale", "email": "officer@police.example"},
                              {"role": c.PartyRole.AFFECTED_USER, "account_name": "Target1",
                               "email": "target1@users.example.net", "language": "en"}])
    from rightsdesk.cases import services

    services.update_item(case.items.get(), {"disclosed_fields": ["registration_date"]}, staff["reviewer"])
    case = decide(case, staff["reviewer"], actions={0: (c.Action.DISCLOSE, [])})
    prior = case.notices.get(recipient_role=c.PartyRole.AFFECTED_USER)
    assert prior.purpose == Notice.Purpose.PRIOR_DISCLOSURE
    assert "before we hand over anything" in prior.body and "Account registration date" in prior.body
    from rightsdesk.notices.services import disclosure_allowed_from

    assert disclosure_allowed_from(case) is None  # not before the account holder was told
    assert not Placeholder.objects.filter(item__case=case).exists()  # accounts have no public placeholder


def test_emergency_disclosure_tells_the_account_holder_afterwards(make_case, decide, staff):
    case = make_case(c.Kind.EMERGENCY_DISCLOSURE, requester_type=c.RequesterType.LAW_ENFORCEMENT,
                     items=[{"item_type": c.ItemType.ACCOUNT, "account_name": "AtRisk"}])
    case = decide(case, staff["reviewer"], actions={0: (c.Action.DISCLOSE, [])})
    notice = case.notices.get(recipient_role=c.PartyRole.AFFECTED_USER)
    assert notice.purpose == Notice.Purpose.DISCLOSURE and notice.recipient_account == "AtRisk"


def test_reopening_a_decision_cancels_its_unsent_notices(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"])
    appeals.reopen(case, staff["reviewer"], reason="Correction.")
    assert set(case.notices.values_list("status", flat=True)) == {Notice.Status.CANCELLED}


def test_why_a_notice_was_cancelled_is_stored_in_english_and_shown_in_the_readers_language(
        takedown, decide, staff, client):
    """The system's reason for not sending a notice is a sentence of review.history_reasons, read on the staff
    notice page in the reader's language; a reason a person typed is shown as typed."""
    from django.utils import translation

    from rightsdesk.notices import services

    case = decide(takedown(), staff["reviewer"])
    with translation.override("fr"):
        appeals.reopen(case, staff["reviewer"], reason="Correction.")
    notice = case.notices.first()
    assert notice.cancel_reason == "The decision was reopened."
    client.force_login(staff["reviewer"])
    assert "أُعيد فتح القرار." in client.get(f"/ar/staff/notices/{notice.pk}/").content.decode()
    typed = decide(takedown(), staff["reviewer"]).notices.first()
    services.cancel_notice(typed, staff["reviewer"], "La personne est injoignable.")
    assert "La personne est injoignable." in client.get(f"/ar/staff/notices/{typed.pk}/").content.decode()


def test_deciding_again_replaces_the_drafts_of_the_earlier_decision(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"])
    appeals.reopen(case, staff["reviewer"], reason="Correction.")
    case = decide(case, staff["reviewer"], actions={})
    live = case.notices.exclude(status=Notice.Status.CANCELLED)
    assert [n.purpose for n in live] == [Notice.Purpose.DECISION]


def test_removed_and_restricted_items_get_a_placeholder(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})
    assert Placeholder.objects.filter(item__case=case).count() == 1
    assert Placeholder.objects.get(item__case=case).legal_demand is True


def test_notice_history_is_recorded_without_private_data(takedown, decide, staff):
    case = decide(takedown(), staff["reviewer"])
    entries = list(case.history.filter(event="notice"))
    assert len(entries) == case.notices.count() == 2 and all(e.changes["event"] == "drafted" for e in entries)
    dumped = str([e.changes for e in entries]) + "".join(e.reason for e in entries)
    assert "Uploader1" not in dumped and "@" not in dumped


def test_a_message_to_an_affected_user_that_names_a_private_requester_is_refused(takedown, decide, staff):
    from rightsdesk.core.errors import DomainError
    from rightsdesk.notices import services

    case = decide(takedown(), staff["reviewer"], summary="Erika Mustermann showed the claim is false.")
    statement = case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    with pytest.raises(DomainError, match="names or reaches the requester") as err:
        services.send_notice(statement, staff["reviewer"])
    assert err.value.code == "names_requester"
    statement.refresh_from_db()
    assert statement.status == Notice.Status.DRAFT
    services.edit_notice(statement, staff["reviewer"], subject=statement.subject,
                         body=statement.body.replace("Erika Mustermann", "The requester"))
    services.send_notice(statement, staff["reviewer"])  # in general terms now: it goes
    statement.refresh_from_db()
    assert statement.status != Notice.Status.DRAFT
