"""Re-checking published notices with the current redaction rules (``publishing.recheck_published``,
``rightsdesk redaction-recheck``): a notice approved under older rules is redacted further at once where the
rules now find personal data, and goes back to staff; what staff deliberately un-redacted stays theirs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command

from rightsdesk.cases.models import CaseHistory
from rightsdesk.privacy import redaction
from rightsdesk.transparency import publishing
from rightsdesk.transparency.models import PublicRecord, RedactionReview

pytestmark = pytest.mark.django_db

#: Written by a requester who is not a party of record, so only the rules (not the case's known data) can find it.
TEXT = "Please remove the photo. Contact: Kwame Dubois, k.dubois@example.net, for the rights holder."


def published_under_older_rules(decided_case, publish, monkeypatch, *, missed=("NAME", "EMAIL")):
    """A notice approved and published while the rules did not recognise the ``missed`` kinds."""
    real = redaction.find_spans_in_texts

    def older(texts, known=None, policy=None):
        return {key: [s for s in spans if s.type not in missed] for key, spans in real(texts, known, policy).items()}

    case = decided_case(description=TEXT)
    with monkeypatch.context() as patch:
        patch.setattr(redaction, "find_spans_in_texts", older)
        notice = publish(case)
    assert "Kwame Dubois" in notice.body and "k.dubois@example.net" in notice.body
    return case


def test_what_the_current_rules_find_in_a_published_notice_is_redacted_at_once_and_queued_for_review(
        decided_case, publish, monkeypatch):
    case = published_under_older_rules(decided_case, publish, monkeypatch)
    counts = publishing.recheck_published()
    assert counts == {"checked": 1, "redacted_further": 1, "changed": 0}
    notice = PublicRecord.objects.get(case=case)
    assert "Kwame Dubois" not in notice.body and "k.dubois@example.net" not in notice.body
    assert "Kwame" not in notice.search_text and "[NAME]" in notice.body and "[EMAIL]" in notice.body
    review = RedactionReview.objects.get(case=case)
    assert review.status == RedactionReview.Status.DRAFT and review.rechecked_at is not None
    assert case in publishing.redaction_queue()
    entry = case.history.filter(event=CaseHistory.Event.PUBLICATION).latest("pk")
    assert entry.changes == {"redaction": "rechecked", "spans": 2}
    assert "Kwame" not in str(review.corrections) and "Kwame" not in str(entry.changes)


def test_redacting_further_keeps_the_notices_published_date_and_publisher(decided_case, publish, monkeypatch):
    case = published_under_older_rules(decided_case, publish, monkeypatch)
    before = PublicRecord.objects.get(case=case)
    PublicRecord.objects.filter(pk=before.pk).update(published_at=before.published_at - timedelta(days=30))
    before.refresh_from_db()
    assert publishing.recheck_published()["redacted_further"] == 1
    after = PublicRecord.objects.get(case=case)
    assert "[NAME]" in after.body, "the notice was written again"
    assert (after.published_at, after.published_by_id) == (before.published_at, before.published_by_id)


def test_a_second_run_finds_nothing_new_and_staff_publishing_the_review_again_closes_it(
        decided_case, publish, monkeypatch, approver):
    case = published_under_older_rules(decided_case, publish, monkeypatch)
    publishing.recheck_published()
    assert publishing.recheck_published()["redacted_further"] == 0
    review = publishing.approve_redaction(RedactionReview.objects.get(case=case), approver)
    assert case in publishing.redaction_queue(), "approved but not yet published again"
    publishing.publish(case, approver)
    assert RedactionReview.objects.get(case=case).rechecked_at is None
    assert case not in publishing.redaction_queue()
    assert "Kwame Dubois" not in PublicRecord.objects.get(case=case).body


def test_a_span_staff_un_redacted_is_their_decision_and_is_not_redacted_again(decided_case, publish, monkeypatch,
                                                                             approver):
    case = decided_case(description=TEXT)
    review = publishing.propose_redaction(case, approver)
    names = [i for i, s in enumerate(review.spans["body"]) if s["type"] == "NAME"]
    assert names, "the current rules find the name"
    review = publishing.remove_span(review, approver, "body", names[0])  # staff: the rights agent's name is public
    publishing.approve_redaction(review, approver)
    publishing.publish(case, approver)
    assert publishing.recheck_published()["redacted_further"] == 0
    assert "Kwame Dubois" in PublicRecord.objects.get(case=case).body


@pytest.mark.parametrize("how", ["withdrawn", "case changed since approval"])
def test_withdrawn_notices_and_changed_cases_are_left_to_their_own_review(decided_case, publish, monkeypatch, approver,
                                                                          how):
    case = published_under_older_rules(decided_case, publish, monkeypatch)
    notice = PublicRecord.objects.get(case=case)
    if how == "withdrawn":
        publishing.unpublish(notice, approver, "A court order.")
    else:
        type(case).objects.filter(pk=case.pk).update(description=TEXT + " More.")
    counts = publishing.recheck_published()
    assert counts["redacted_further"] == 0
    assert counts["changed"] == (1 if how != "withdrawn" else 0)
    body = PublicRecord.objects.get(case=case).body
    if how == "withdrawn":
        assert body == ""  # withdrawal emptied it, and the re-check did not write it again
    else:
        assert "Kwame Dubois" in body  # unchanged until staff act on it


def test_the_command_prints_counts_and_never_what_it_found(decided_case, publish, monkeypatch, capsys):
    published_under_older_rules(decided_case, publish, monkeypatch)
    call_command("redaction_recheck")
    out = capsys.readouterr().out
    assert "Checked 1 published notices: 1 redacted further" in out
    assert "Kwame" not in out and "example.net" not in out


def test_an_address_the_older_rule_missed_in_a_published_url_or_bounce_address_is_redacted_by_the_recheck(
        decided_case, publish, monkeypatch):
    """Notices published before the redactor knew an address's other shapes (a URL's ``%40``, a bounce address's
    encoded local part) are redacted further by the re-check the upgrade asks for (docs/operations.md)."""
    import re

    older_rule = re.compile(r"(?<![\w.+'-])'?([\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+)")  # before 7 December 2026
    case = decided_case(
        description="My returned letter names wilhelmine=example.org@bounce.example.net.",
        items=[{"url": "https://de.wikipedia.org/w/index.php?title=Beispiel&email=hildegard%40example.org",
                "project": "de.wikipedia.org", "page_title": "Beispiel"}])
    with monkeypatch.context() as patch:
        patch.setattr(redaction, "_EMAIL_RE", older_rule)
        notice = publish(case)
    assert "wilhelmine=" in notice.body and "hildegard" in notice.items.get().url
    assert publishing.recheck_published()["redacted_further"] == 1
    notice = PublicRecord.objects.get(case=case)
    assert notice.body == "My returned letter names [EMAIL]."
    assert notice.items.get().url == "https://de.wikipedia.org/w/index.php?title=Beispiel&email=[EMAIL]"
    assert "wilhelmine" not in notice.search_text and "hildegard" not in notice.search_text
