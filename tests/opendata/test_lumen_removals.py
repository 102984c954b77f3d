"""A withdrawn notice whose copy Lumen already stored is listed for staff until Lumen removes it (/<lang>/staff/lumen/).

- Lumen's API has no withdrawal. Withdrawing a notice from the log whose submission Lumen stored (201, with its id)
  opens an item "ask Lumen to remove it"; a notice Lumen holds no copy of (never sent, failed, refused) opens none.
  A 201 that comes back after the notice was withdrawn (it was on its way) opens one too.
- The page lists each open item: the notice's public id, Lumen's id and its page there, when the notice was
  withdrawn and the public statement of why (redacted, as the notice's page shows it); never the case's texts,
  names or addresses. Its summary counts the items to ask and asked, beside the notices' states with Lumen.
- Staff record "asked" (a day, an optional note), then "removed"; each is written to the audit trail, and a removed
  copy leaves the list. A refused form comes back (400) with what was typed and the message beside its field.
- Who: those who may withdraw a notice from the log (transparency.publish_notice: the legal approver).
- A notice written again while it stays in the log (redacted further by the re-check, or published again by staff)
  leaves Lumen's copy showing the old text: the same item is opened, its cause saying which (CAUSES_AND_STEPS).
  A notice published again by staff may have changed only a date or the decision: for that cause alone, staff may
  close the item with a note, "no need to ask: the change did not concern personal data" (audited). One item per
  submission: a later cause reopens one closed as "no need" and a stronger cause replaces a weaker one while it is
  open; a copy Lumen removed stays closed (EXISTING_ITEM). A 201 that comes back after a rewrite opens one too.
- Lumen's 201 keeps the digest of the bytes sent. Staff publishing again without changing the payload Lumen would
  get (its digest equals the one kept) opens nothing: Lumen holds what the log shows. A changed payload, or a digest
  unknown (a copy stored before digests were kept), opens the item; the re-check always does (WRITTEN_AGAIN).
- So a notice withdrawn, then published again as Lumen holds it, closes its item as "no need to ask" (a note says
  why, audited, logged) unless someone already asked Lumen; published again changed, it stays open
  (PUBLISHED_AGAIN_AFTER_WITHDRAWAL).
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import date, timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from rightsdesk.accounts import roles
from rightsdesk.audit.models import AuditEntry
from rightsdesk.cases import choices as c
from rightsdesk.core.errors import Conflict, DomainError
from rightsdesk.core.registry import staff_nav
from rightsdesk.opendata import lumen_client, lumen_removals
from rightsdesk.opendata.models import LumenRemoval, LumenSubmission
from rightsdesk.transparency import publishing
from rightsdesk.transparency.exports import lumen
from rightsdesk.transparency.models import PublicRecord

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db
S = LumenSubmission.Status
PAGE = "/en/staff/lumen/"

#: What the cases hold that is private: none of it may be on the page.
REQUESTER = {"role": c.PartyRole.REQUESTER, "name": "Ottilie Quarzfeld", "email": "ottilie.q@private.example",
             "phone": "+49 30 1234567", "postal_address": "Lindenstraße 12, 10115 Berlin",
             "account_name": "OttiQ"}
DESCRIPTION = "Please remove the paragraph about my sister Wilhelmina."
SUMMARY = "Refused: the paragraph about Wilhelmina is sourced and lawful."
#: The reason staff type when withdrawing: it names the requester, which the withdrawal redacts from what it keeps.
REASON = "It published ottilie.q@private.example, the requester's e-mail address."
PRIVATE = ["Ottilie", "Quarzfeld", "ottilie.q@private.example", "1234567", "Lindenstraße", "OttiQ", "Wilhelmina"]

#: Who may open the page and record the steps: the roles of accounts/roles.py holding transparency.publish_notice.
MAY_USE_THE_PAGE = {
    roles.INTAKE: False,
    roles.REVIEWER: False,
    roles.LEGAL_APPROVER: True,
    roles.TRUST_AND_SAFETY: False,
    roles.ADMINISTRATOR: False,
    roles.AUDITOR: False,
    roles.LEGAL_SUPPORT: False,
    roles.EXECUTIVE: False,
}


@pytest.fixture
def notices(decided_case):
    """Three notices in the public log, their cases holding a requester's name, e-mail, phone and address."""
    for n in range(3):
        decided_case(c.Kind.COPYRIGHT_NOTICE, outcome=c.Outcome.REJECTED, subject=f"Notice {n}",
                     description=DESCRIPTION, decision_summary=SUMMARY, parties=[REQUESTER],
                     received_at=utc(2026, 1, 1 + n), decided_at=utc(2026, 2, 1 + n))
    publish_all()
    return list(PublicRecord.objects.listed().order_by("sort_key"))


@pytest.fixture
def stored(notices, fake_lumen):
    """The three notices, each stored by Lumen (ids 90001, 90002, 90003)."""
    lumen_client.submit_due()
    assert set(LumenSubmission.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    return notices


@pytest.fixture
def as_approver(client, approver):
    client.force_login(approver)
    return client


def withdraw(record, who, reason=REASON):
    return publishing.unpublish(PublicRecord.objects.get(pk=record.pk), who, reason)


def open_item(record) -> LumenRemoval:
    return LumenRemoval.objects.get(submission__record=record)


def rows_of(page: str, table: str) -> list[str]:
    """The rows of one of the page's tables, as text (the empty table's one row says so)."""
    body = page.split(f'<table id="{table}">', 1)[1].split("</table>", 1)[0].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split()) for row in rows]


def field_of(page: str, row_pk: int, name: str) -> dict:
    """One field of one row's form: its errors and the value it holds."""
    block = re.search(rf'<div class="field( has-error)?">((?:(?!</div>).)*?id="lumen-{row_pk}-{name}".*?)</div>',
                      page, re.S)
    errors = re.findall(r"<li>(.*?)</li>", "".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>',
                                                              block.group(2), re.S)))
    value = (re.search(r'<input[^>]* value="([^"]*)"', block.group(2))
             or re.search(r"<textarea[^>]*>\n?(.*?)</textarea>", block.group(2), re.S))
    return {"marked": bool(block.group(1)), "errors": [html.unescape(e) for e in errors],
            "value": html.unescape(value.group(1)) if value else ""}


# --- which withdrawals open an item ---------------------------------------------------------------------------------

#: Where the notice stood with Lumen when it was withdrawn -> whether someone must ask Lumen to remove it.
WHERE_IT_STOOD = [
    ("stored by Lumen (201)", S.SUBMITTED, True),
    ("never queued", None, False),
    ("queued, not yet sent", S.PENDING, False),
    ("failed, to retry", S.FAILED, False),
    ("refused by Lumen (422)", S.REJECTED, False),
]


@pytest.mark.parametrize("status,listed", [(s, listed) for _n, s, listed in WHERE_IT_STOOD],
                         ids=[n for n, _s, _l in WHERE_IT_STOOD])
def test_only_a_withdrawn_notice_lumen_stored_is_to_be_removed_from_lumen(notices, approver, as_approver,
                                                                          status, listed):
    record = notices[0]
    if status is not None:
        LumenSubmission.objects.create(record=record, status=status,
                                       lumen_id="90123" if status == S.SUBMITTED else "")
    withdraw(record, approver)

    assert LumenRemoval.objects.filter(submission__record=record).exists() is listed
    page = as_approver.get(PAGE).content.decode()
    assert (record.public_id in " ".join(rows_of(page, "lumen-to-ask"))) is listed
    assert lumen_removals.counts() == {"to_ask": int(listed), "asked": 0}


def test_a_notice_still_in_the_log_is_not_listed(stored, as_approver):
    assert not LumenRemoval.objects.exists()
    assert rows_of(as_approver.get(PAGE).content.decode(), "lumen-to-ask") == ["Nothing to ask Lumen."]


def send_while(record, fake_lumen, monkeypatch, meanwhile) -> LumenSubmission:
    """Send ``record`` to the fake Lumen, calling ``meanwhile()`` once Lumen has stored it and before its 201 is
    recorded (the change the 201 must see); returns the submission as recorded."""
    real_post = lumen_client.post
    called = []

    def post_then_change(url, token, payload, timeout):
        answer = real_post(url, token, payload, timeout)
        if not called:
            called.append(meanwhile())
        return answer

    monkeypatch.setattr(lumen_client, "post", post_then_change)
    lumen_client.queue_published()
    sent = LumenSubmission.objects.get(record=record)
    lumen_client.submit_one(sent, url=fake_lumen.url, token=fake_lumen.token, timeout=1)
    sent.refresh_from_db()
    return sent


def test_a_201_that_comes_back_after_the_withdrawal_opens_the_item(notices, approver, fake_lumen, monkeypatch):
    """The notice was withdrawn while on its way to Lumen: Lumen stored it anyway."""
    record = notices[0]
    sent = send_while(record, fake_lumen, monkeypatch, lambda: withdraw(record, approver))
    assert sent.status == S.SUBMITTED and sent.lumen_id == "90001"
    item = open_item(record)
    assert item.lumen_id == "90001" and item.asked_on is None


def test_the_item_is_opened_once(stored, approver):
    record = stored[0]
    withdraw(record, approver)
    lumen_removals.open_after_withdrawal(PublicRecord.objects.get(pk=record.pk))  # e.g. the late 201's call
    assert LumenRemoval.objects.count() == 1


# --- the page ---------------------------------------------------------------------------------------------------


def test_the_table_of_roles_names_every_role():
    assert set(MAY_USE_THE_PAGE) == set(roles.ROLES)


@pytest.mark.parametrize("role,allowed", MAY_USE_THE_PAGE.items(), ids=list(MAY_USE_THE_PAGE))
def test_who_sees_the_link_and_may_open_the_page_and_record(client, make_staff, stored, approver, role, allowed):
    withdraw(stored[0], approver)
    item = open_item(stored[0])
    user = make_staff(role)
    request = RequestFactory().get("/en/staff/")
    request.user = user
    assert (PAGE in [entry["url"] for entry in staff_nav(request)]) is allowed

    client.force_login(user)
    opened = client.get(PAGE)
    asked = client.post(f"{PAGE}{item.pk}/asked/", {"when": timezone.localdate().isoformat(), "note": ""})
    item.refresh_from_db()
    if allowed:
        assert opened.status_code == 200 and asked.status_code == 302 and item.asked_on is not None
    else:
        assert opened.status_code == 403 and asked.status_code == 403 and item.asked_on is None


def test_anonymous_visitors_are_sent_to_sign_in(client, stored, approver):
    withdraw(stored[0], approver)
    item = open_item(stored[0])
    for response in (client.get(PAGE), client.post(f"{PAGE}{item.pk}/asked/", {"when": "2026-12-01"})):
        assert response.status_code == 302 and "/staff/login/" in response["Location"]
    item.refresh_from_db()
    assert item.asked_on is None


def test_the_list_shows_lumens_id_and_page_when_and_why_and_never_private_data(stored, approver, as_approver):
    record = stored[1]
    withdraw(record, approver)
    item = open_item(record)

    page = as_approver.get(PAGE).content.decode()
    [row] = rows_of(page, "lumen-to-ask")
    withdrawn = PublicRecord.objects.get(pk=record.pk)
    assert row.startswith(f"{record.public_id} 90002 ")  # the notice, then Lumen's id
    assert f'href="/en/notices/{record.public_id}/"' in page  # its page in the log (it says it was withdrawn)
    assert f'href="{lumen_removals.notice_url("90002")}"' in page and lumen_removals.notice_url("90002").endswith(
        "/notices/90002")
    assert withdrawn.unpublished_at.strftime("%m/%d/%Y") in row and item.withdrawn_at == withdrawn.unpublished_at
    assert withdrawn.unpublish_reason and withdrawn.unpublish_reason in row  # the public statement, redacted
    assert "the requester's e-mail address" in row
    for secret in PRIVATE:
        assert secret not in page and html.escape(secret) not in page


def test_the_summary_counts_the_items_beside_the_notices_states_with_lumen(stored, approver, as_approver):
    for record in stored[:2]:
        withdraw(record, approver)
    LumenSubmission.objects.filter(record=stored[2]).update(status=S.FAILED)
    lumen_removals.record_lumen_removal_asked(open_item(stored[0]), approver, timezone.localdate())

    page = as_approver.get(PAGE).content.decode()
    summary = page.split('<section id="lumen-summary"', 1)[1].split("</section>", 1)[0]
    shown = dict(re.findall(r"<dt>(.*?)</dt><dd[^>]*>(\d+)</dd>", html.unescape(summary)))
    assert shown == {"Ask Lumen to remove": "1", "Asked, waiting for Lumen": "1",  # the items ...
                     "Not yet sent": "0", "Stored by Lumen (201)": "2", "Rejected by Lumen (422)": "0",
                     "Failed, to retry": "1"}  # ... beside the notices' states with Lumen
    assert 'class="alert" id="lumen-to-ask-count"' in summary  # some to ask: it stands out


# --- recording the steps ----------------------------------------------------------------------------------------


def test_asked_then_removed_each_audited_and_the_removed_copy_leaves_the_list(stored, approver, as_approver):
    record = stored[0]
    withdraw(record, approver)
    item = open_item(record)
    asked_on = timezone.localdate() - timedelta(days=2)

    answer = as_approver.post(f"{PAGE}{item.pk}/asked/", {"when": asked_on.isoformat(),
                                                          "note": "Web form, Lumen ticket 4471"})
    assert answer.status_code == 302 and answer["Location"] == PAGE
    item.refresh_from_db()
    assert (item.asked_on, item.asked_by, item.asked_note) == (asked_on, approver, "Web form, Lumen ticket 4471")
    page = as_approver.get(PAGE).content.decode()
    assert rows_of(page, "lumen-to-ask") == ["Nothing to ask Lumen."]
    [row] = rows_of(page, "lumen-asked")
    assert f"Asked on {asked_on.strftime('%m/%d/%Y')} by {approver.username}." in row and "ticket 4471" in row
    assert lumen_removals.counts() == {"to_ask": 0, "asked": 1}

    answer = as_approver.post(f"{PAGE}{item.pk}/removed/", {"when": timezone.localdate().isoformat()})
    assert answer.status_code == 302
    item.refresh_from_db()
    assert (item.removed_on, item.removed_by) == (timezone.localdate(), approver)
    page = as_approver.get(PAGE).content.decode()
    assert rows_of(page, "lumen-asked") == ["No request to Lumen is waiting."]
    assert lumen_removals.counts() == {"to_ask": 0, "asked": 0}

    entries = list(AuditEntry.objects.filter(action="lumen_removal").order_by("pk"))
    assert [(e.actor, e.object_id) for e in entries] == [(approver, str(item.pk))] * 2
    assert f"asked on {asked_on.isoformat()}" in entries[0].purpose
    assert f"removed on {timezone.localdate().isoformat()}" in entries[1].purpose
    for entry in entries:
        assert "90001" in entry.purpose and record.public_id in entry.purpose and "4471" not in entry.purpose


#: A refused form: (the step, what is typed, the field blamed, the message beside it).
REFUSED = [
    ("asked", {"when": "", "note": "E-mailed Lumen"}, "when", "Give the day Lumen was asked to remove the notice."),
    ("asked", {"when": "2026-02-31", "note": "E-mailed Lumen"}, "when", "Enter a valid date."),
    ("asked", {"when": "2999-01-01", "note": "E-mailed Lumen"}, "when", "The day cannot be in the future."),
    ("asked", {"when": "2026-12-01", "note": "x" * 1001}, "note",
     "Ensure this value has at most 1000 characters (it has 1001)."),
    ("removed", {"when": "", "note": "Gone"}, "when", "Give the day Lumen removed the notice."),
    ("removed", {"when": "2026-11-01", "note": "Gone"}, "when",
     "Lumen was asked on 2026-11-02; give that day or a later one."),
    ("removed", {"when": "2999-01-01", "note": "Gone"}, "when", "The day cannot be in the future."),
]


@pytest.mark.parametrize("step,typed,field,message", REFUSED, ids=[f"{s}:{f}={t[f][:12]!r}" for s, t, f, _m in REFUSED])
def test_a_refused_form_comes_back_with_what_was_typed_and_the_message_beside_its_field(
        stored, approver, as_approver, step, typed, field, message):
    withdraw(stored[0], approver)
    item = open_item(stored[0])
    if step == "removed":
        lumen_removals.record_lumen_removal_asked(item, approver, utc(2026, 11, 2).date())
    before = LumenRemoval.objects.filter(pk=item.pk).values().get()

    response = as_approver.post(f"{PAGE}{item.pk}/{step}/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    shown = {name: field_of(page, item.pk, name) for name in ("when", "note")}
    assert shown[field]["errors"] == [message] and shown[field]["marked"]
    assert [name for name, f in shown.items() if f["errors"]] == [field]
    assert {name: f["value"] for name, f in shown.items()} == typed  # as typed
    assert 'id="error-summary"' in page and f'href="#lumen-{item.pk}-{field}"' in page
    assert LumenRemoval.objects.filter(pk=item.pk).values().get() == before  # nothing recorded


def test_removed_before_asked_is_refused(stored, approver):
    withdraw(stored[0], approver)
    with pytest.raises(DomainError, match="First record the day Lumen was asked"):
        lumen_removals.record_lumen_removed(open_item(stored[0]), approver, timezone.localdate())


def test_a_step_recorded_twice_says_it_was_already_recorded(stored, approver, as_approver):
    withdraw(stored[0], approver)
    item = open_item(stored[0])
    lumen_removals.record_lumen_removal_asked(item, approver, timezone.localdate())
    with pytest.raises(Conflict):
        lumen_removals.record_lumen_removal_asked(open_item(stored[0]), approver, timezone.localdate())
    stale = as_approver.post(f"{PAGE}{item.pk}/asked/", {"when": timezone.localdate().isoformat()}, follow=True)
    assert "Someone already recorded that Lumen was asked to remove this notice." in stale.content.decode()
    assert AuditEntry.objects.filter(action="lumen_removal").count() == 1


# --- a notice written again while it stays in the log -------------------------------------------------------------

C = LumenRemoval.Cause


def rewrite(record, cause):
    """What the log's change calls (case_followups.record_republished/record_withdrawn call these). A rewrite gives
    the record another public text first (the payload Lumen would get changes: staff publishing again with Lumen's
    payload unchanged opens nothing, WRITTEN_AGAIN)."""
    fresh = PublicRecord.objects.get(pk=record.pk)
    if cause == C.WITHDRAWN:
        return lumen_removals.open_after_withdrawal(fresh)
    fresh.title += " (written again)"
    fresh.save(update_fields=["title"])
    return lumen_removals.open_after_rewrite(fresh, rechecked=cause == C.RECHECKED)


def open_for(record, cause, who):
    """An open item of ``cause`` for ``record`` (stored by Lumen)."""
    if cause == C.WITHDRAWN:
        withdraw(record, who)
    else:
        rewrite(record, cause)
    return open_item(record)


@pytest.mark.parametrize("rechecked", [True, False], ids=["redacted further by the re-check", "published again"])
@pytest.mark.parametrize("status,listed", [(s, listed) for _n, s, listed in WHERE_IT_STOOD],
                         ids=[n for n, _s, _l in WHERE_IT_STOOD])
def test_only_a_rewritten_notice_lumen_stored_is_to_be_removed_from_lumen(notices, status, listed, rechecked):
    record = notices[0]
    if status is not None:
        LumenSubmission.objects.create(record=record, status=status,
                                       lumen_id="90123" if status == S.SUBMITTED else "")
    opened = lumen_removals.open_after_rewrite(PublicRecord.objects.get(pk=record.pk), rechecked=rechecked)

    assert (opened is not None) is listed
    assert LumenRemoval.objects.filter(submission__record=record).exists() is listed
    if listed:
        assert opened.cause == (C.RECHECKED if rechecked else C.REPUBLISHED) and opened.lumen_id == "90123"
        assert PublicRecord.objects.get(pk=record.pk).is_public, "the notice stays in the log"


#: Cause -> whether each step may close it: asked then removed (always), or "no need to ask" (staff's republication
#: alone: a withdrawal or the re-check's finding means Lumen's copy may hold what the log withholds).
CAUSES_AND_STEPS = {
    C.WITHDRAWN: {"asked, then removed": True, "no need to ask": False},
    C.RECHECKED: {"asked, then removed": True, "no need to ask": False},
    C.REPUBLISHED: {"asked, then removed": True, "no need to ask": True},
}
MUST_ASK = {C.WITHDRAWN: "Lumen must be asked to remove its copy of a notice withdrawn from the log.",
            C.RECHECKED: "Lumen must be asked to remove its copy: the re-check found personal data in the notice."}


def test_the_table_of_causes_names_every_cause():
    assert set(CAUSES_AND_STEPS) == set(C) and set(MUST_ASK) | {C.REPUBLISHED} == set(C)


@pytest.mark.parametrize("cause,step,allowed", [(cause, step, ok) for cause, steps in CAUSES_AND_STEPS.items()
                                                for step, ok in steps.items()],
                         ids=[f"{cause}:{step}" for cause, steps in CAUSES_AND_STEPS.items() for step in steps])
def test_which_steps_close_an_item_of_each_cause(stored, approver, cause, step, allowed):
    item = open_for(stored[0], cause, approver)
    assert item.cause == cause
    if step == "asked, then removed":
        lumen_removals.record_lumen_removal_asked(item, approver, timezone.localdate())
        lumen_removals.record_lumen_removed(item, approver, timezone.localdate())
    elif allowed:
        lumen_removals.record_lumen_removal_not_needed(item, approver, "Only the decision date was corrected.")
    else:
        with pytest.raises(DomainError, match=re.escape(MUST_ASK[cause])):
            lumen_removals.record_lumen_removal_not_needed(item, approver, "Only the decision date was corrected.")
    assert lumen_removals.counts() == {"to_ask": int(not allowed), "asked": 0}
    assert AuditEntry.objects.filter(action="lumen_removal").count() == (2 if step.startswith("asked") else
                                                                          int(allowed))


def test_no_need_to_ask_needs_a_note_is_audited_and_is_not_offered_once_lumen_was_asked(stored, approver):
    item = open_for(stored[0], C.REPUBLISHED, approver)
    for blank in ("", "   "):
        with pytest.raises(DomainError, match="Say what changed") as refused:
            lumen_removals.record_lumen_removal_not_needed(item, approver, blank)
        assert refused.value.field == "note"
    with pytest.raises(DomainError, match="Keep the note under 1000 characters"):
        lumen_removals.record_lumen_removal_not_needed(item, approver, "x" * 1001)
    assert AuditEntry.objects.filter(action="lumen_removal").count() == 0

    lumen_removals.record_lumen_removal_not_needed(item, approver, "Only the decision date was corrected.")
    item.refresh_from_db()
    assert (item.not_needed_by, item.not_needed_note) == (approver, "Only the decision date was corrected.")
    [entry] = AuditEntry.objects.filter(action="lumen_removal")
    assert entry.actor == approver and "no need to ask Lumen" in entry.purpose and "90001" in entry.purpose
    assert stored[0].public_id in entry.purpose and "published again by staff" in entry.purpose
    assert "decision date" not in entry.purpose  # the note stays on the item, as the other steps' notes do
    with pytest.raises(Conflict, match="already recorded that there is no need"):
        lumen_removals.record_lumen_removal_not_needed(item, approver, "Again.")
    with pytest.raises(Conflict, match="already recorded that there is no need"):
        lumen_removals.record_lumen_removal_asked(item, approver, timezone.localdate())

    other = open_for(stored[1], C.REPUBLISHED, approver)
    lumen_removals.record_lumen_removal_asked(other, approver, timezone.localdate())
    with pytest.raises(DomainError, match="Lumen was already asked"):
        lumen_removals.record_lumen_removal_not_needed(other, approver, "Only the date.")


#: The item a submission has already -> (the new cause -> the item's cause and state afterwards; None: closed).
EXISTING_ITEM = [
    ("open, republished", C.RECHECKED, (C.RECHECKED, "to ask")),  # the stronger cause: now it must be asked
    ("open, republished", C.WITHDRAWN, (C.WITHDRAWN, "to ask")),
    ("open, republished", C.REPUBLISHED, (C.REPUBLISHED, "to ask")),
    ("open, rechecked", C.REPUBLISHED, (C.RECHECKED, "to ask")),  # a weaker one changes nothing
    ("open, withdrawn", C.REPUBLISHED, (C.WITHDRAWN, "to ask")),  # published again after the withdrawal
    ("asked, republished", C.RECHECKED, (C.RECHECKED, "asked")),  # the request stands, whatever the cause
    ("no need, republished", C.REPUBLISHED, (C.REPUBLISHED, "to ask")),  # Lumen's copy differs by more now
    ("no need, republished", C.RECHECKED, (C.RECHECKED, "to ask")),
    ("no need, republished", C.WITHDRAWN, (C.WITHDRAWN, "to ask")),
    ("removed, republished", C.RECHECKED, None),  # the copy is gone
    ("removed, withdrawn", C.REPUBLISHED, None),
]


@pytest.mark.parametrize("before,cause,after", EXISTING_ITEM, ids=[f"{b} + {c}" for b, c, _a in EXISTING_ITEM])
def test_one_item_per_copy_and_what_a_later_change_does_to_it(stored, approver, before, cause, after):
    state, first = before.split(", ")
    item = open_for(stored[0], C(first), approver)
    opened_at = item.withdrawn_at
    if state in ("asked", "removed"):
        lumen_removals.record_lumen_removal_asked(item, approver, timezone.localdate())
    if state == "removed":
        lumen_removals.record_lumen_removed(item, approver, timezone.localdate())
    if state == "no need":
        lumen_removals.record_lumen_removal_not_needed(item, approver, "Only the decision date was corrected.")

    result = rewrite(stored[0], cause) if cause != C.WITHDRAWN else open_for(stored[0], cause, approver)
    assert LumenRemoval.objects.count() == 1
    item.refresh_from_db()
    assert item.withdrawn_at == opened_at  # the first day the log stopped showing Lumen's text
    if after is None:
        assert (result, item.cause, item.removed_on) == (None, C(first), timezone.localdate())
        assert lumen_removals.counts() == {"to_ask": 0, "asked": 0}
    else:
        assert item.cause == after[0] and item.not_needed_at is None and item.not_needed_note == ""
        assert lumen_removals.counts() == {"to_ask": int(after[1] == "to ask"), "asked": int(after[1] == "asked")}


def test_the_re_check_redacting_a_notice_lumen_stored_opens_the_item(decided_case, publish, monkeypatch,
                                                                      fake_lumen):
    from tests.transparency.test_redaction_recheck import published_under_older_rules

    case = published_under_older_rules(decided_case, publish, monkeypatch)
    lumen_client.submit_due()
    assert "Kwame Dubois" in fake_lumen.stored[0]["body"]

    assert publishing.recheck_published()["redacted_further"] == 1
    item = LumenRemoval.objects.get(submission__record__case=case)
    assert item.cause == C.RECHECKED and item.asked_on is None


# --- written again, Lumen's payload unchanged ----------------------------------------------------------------------


def sent_digest(request) -> str:
    return hashlib.sha256(request["body"]).hexdigest()


def test_the_digest_kept_with_lumens_201_is_that_of_the_bytes_lumen_received(stored, fake_lumen):
    assert len(fake_lumen.requests) == 3
    for n, request in enumerate(fake_lumen.requests, start=1):
        submission = LumenSubmission.objects.get(lumen_id=str(90000 + n))
        assert submission.payload_digest == sent_digest(request)
        assert request["payload"] == lumen.notice_json(PublicRecord.objects.get(pk=submission.record_id))


#: How the notice was written again while staying in the log, the phrase staff hid before publishing it again ("":
#: none, the payload Lumen would get is unchanged), whether the digest of Lumen's copy is known -> whether someone
#: must ask Lumen to remove its copy.
WRITTEN_AGAIN = [
    ("staff published it again, Lumen's payload unchanged", "staff", "", "known", False),
    ("staff published it again with another text", "staff", "paragraph", "known", True),
    ("staff published it again unchanged, the digest unknown (stored before it was kept)", "staff", "", "unknown",
     True),
    ("the re-check, Lumen's payload unchanged", "re-check", "", "known", True),
]


@pytest.mark.parametrize("how,phrase,digest,opened", [row[1:] for row in WRITTEN_AGAIN],
                         ids=[row[0] for row in WRITTEN_AGAIN])
def test_a_rewrite_that_left_lumens_payload_unchanged_opens_nothing_when_staff_published_it(
        stored, approver, how, phrase, digest, opened):
    """Before, every republication opened an item, even one that changed nothing Lumen holds."""
    record = stored[0]
    if digest == "unknown":
        LumenSubmission.objects.filter(record=record).update(payload_digest="")
    if how == "staff":
        publish_again_changing(record, approver, phrase)  # publishing calls case_followups.record_republished
    else:
        lumen_removals.open_after_rewrite(PublicRecord.objects.get(pk=record.pk), rechecked=True)

    items = list(LumenRemoval.objects.filter(submission__record=record))
    assert bool(items) is opened
    if opened:
        assert items[0].cause == (C.REPUBLISHED if how == "staff" else C.RECHECKED) and items[0].lumen_id == "90001"
    assert lumen_removals.counts() == {"to_ask": int(opened), "asked": 0}


# --- a 201 that comes back after a rewrite ----------------------------------------------------------------------


def publish_again_changing(record, approver, phrase="paragraph"):
    """Staff hide one more phrase of the notice's request and publish it again (the notice stays in the log)."""
    from rightsdesk.privacy import redaction
    from rightsdesk.transparency.models import RedactionReview

    review = RedactionReview.objects.get(case_id=record.case_id)
    if phrase:
        review = publishing.add_phrase(review, approver, "body", phrase, redaction.OTHER)
    publishing.approve_redaction(review, approver)
    return publishing.publish(record.case, approver)


#: What happened while the notice was on its way to Lumen -> the item its 201 opens (None: none).
DURING_THE_SEND = [
    ("staff published it again with another text", "paragraph", C.REPUBLISHED),
    ("staff published it again, Lumen's text unchanged", "", None),
]


@pytest.mark.parametrize("phrase,opened", [(p, o) for _n, p, o in DURING_THE_SEND],
                         ids=[n for n, _p, _o in DURING_THE_SEND])
def test_a_201_that_comes_back_after_a_rewrite_opens_the_item(notices, approver, fake_lumen, monkeypatch,
                                                               phrase, opened):
    """The record was written again while its old text was on its way: Lumen stored the old text."""
    record = notices[0]
    rewritten = []  # not stored yet when it is written again: only the 201 sees it
    sent = send_while(record, fake_lumen, monkeypatch,
                      lambda: rewritten.append(publish_again_changing(record, approver, phrase)))
    assert sent.status == S.SUBMITTED and rewritten
    assert "paragraph" in fake_lumen.stored[0]["body"]  # Lumen holds the text from before
    item = LumenRemoval.objects.filter(submission=sent).first()
    assert (item.cause if item else None) == opened


def test_a_rewrite_before_the_send_opens_nothing(notices, approver, fake_lumen):
    """Lumen got the new text: nothing to remove."""
    publish_again_changing(notices[0], approver)
    lumen_client.submit_due()
    assert "paragraph" not in fake_lumen.stored[0]["body"]
    assert not LumenRemoval.objects.exists()


# --- withdrawn, then published again ----------------------------------------------------------------------------

#: A notice Lumen stored, withdrawn from the log, then published again by staff: the phrase hidden before publishing
#: it again ("": none, Lumen's payload is the same again), whether someone had asked Lumen to remove its copy
#: meanwhile -> the item afterwards: its state (closed "no need": Lumen holds exactly what the log shows again).
PUBLISHED_AGAIN_AFTER_WITHDRAWAL = [
    ("unchanged, Lumen not asked yet", "", False, "no need"),
    ("with another text, Lumen not asked yet", "paragraph", False, "to ask"),
    ("unchanged, Lumen already asked", "", True, "asked"),  # Lumen may remove the copy: staff then record it
    ("with another text, Lumen already asked", "paragraph", True, "asked"),
]


@pytest.mark.parametrize("phrase,asked,state", [row[1:] for row in PUBLISHED_AGAIN_AFTER_WITHDRAWAL],
                         ids=[row[0] for row in PUBLISHED_AGAIN_AFTER_WITHDRAWAL])
def test_a_withdrawn_notice_published_again_as_lumen_holds_it_closes_the_item_nobody_acted_on(
        stored, approver, caplog, phrase, asked, state):
    """Before, the item stayed open though Lumen held exactly what the log showed again: nothing to remove."""
    record = stored[0]
    item = open_for(record, C.WITHDRAWN, approver)
    if asked:
        lumen_removals.record_lumen_removal_asked(item, approver, timezone.localdate())
    audited = AuditEntry.objects.filter(action="lumen_removal").count()

    with caplog.at_level("INFO", logger="rightsdesk.opendata.lumen"):
        publish_again_changing(record, approver, phrase)  # publishing calls case_followups.record_republished

    item.refresh_from_db()
    assert PublicRecord.objects.get(pk=record.pk).is_public  # in the log again
    assert LumenRemoval.objects.filter(submission__record=record).count() == 1 and item.cause == C.WITHDRAWN
    assert lumen_removals.counts() == {"to_ask": int(state == "to ask"), "asked": int(state == "asked")}
    closed = state == "no need"
    assert (item.not_needed_at is not None) is closed
    if closed:
        assert item.not_needed_by == approver and item.not_needed_note == lumen_removals.HELD_AGAIN_NOTE
        assert "byte for byte the copy Lumen stored" in item.not_needed_note
        entry = AuditEntry.objects.filter(action="lumen_removal").latest("pk")
        assert entry.actor == approver and "no need to ask Lumen" in entry.purpose and "90001" in entry.purpose
        assert "published again as Lumen holds it" in entry.purpose and record.public_id in entry.purpose
        assert f"lumen.removal_closed {record.public_id} lumen id 90001" in caplog.text
    else:
        assert item.not_needed_note == "" and "lumen.removal_closed" not in caplog.text
    assert AuditEntry.objects.filter(action="lumen_removal").count() == audited + int(closed)


def test_an_item_closed_as_lumen_holds_it_again_is_reopened_by_a_later_withdrawal(stored, approver):
    record = stored[0]
    item = open_for(record, C.WITHDRAWN, approver)
    publish_again_changing(record, approver, "")
    item.refresh_from_db()
    assert item.not_needed_at is not None

    withdraw(record, approver)
    item.refresh_from_db()
    assert (item.cause, item.not_needed_at, item.not_needed_note) == (C.WITHDRAWN, None, "")
    assert lumen_removals.counts() == {"to_ask": 1, "asked": 0}


# --- the page: each row's cause, and "no need to ask" ------------------------------------------------------------


def test_the_page_shows_each_rows_cause_and_offers_no_need_to_ask_for_a_republication_only(
        stored, approver, as_approver):
    for record, cause in zip(stored, (C.WITHDRAWN, C.RECHECKED, C.REPUBLISHED)):
        open_for(record, cause, approver)
    page = as_approver.get(PAGE).content.decode()
    rows = {row.split()[0]: row for row in rows_of(page, "lumen-to-ask")}
    assert "Withdrawn from the log" in rows[stored[0].public_id] and "requester's e-mail" in rows[stored[0].public_id]
    assert "Redacted further by the re-check" in rows[stored[1].public_id]
    assert "Published again by staff" in rows[stored[2].public_id]
    offered = [row for row in rows.values() if "Record: no need to ask" in row]
    assert offered == [rows[stored[2].public_id]]
    for secret in PRIVATE:
        assert secret not in page and html.escape(secret) not in page

    french = as_approver.get(PAGE.replace("/en/", "/fr/")).content.decode()
    for label in ("Retirée du registre", "Caviardée davantage par la revérification",
                  "Publiée à nouveau par l’équipe"):
        assert label in html.unescape(french)


def test_no_need_to_ask_through_the_page_refused_without_a_note_then_recorded(stored, approver, as_approver):
    item = open_for(stored[2], C.REPUBLISHED, approver)
    refused = as_approver.post(f"{PAGE}{item.pk}/not-needed/", {"note": "   "})
    assert refused.status_code == 400
    shown = field_of(refused.content.decode(), item.pk, "not-needed-note")
    assert shown["errors"] == ["Say what changed when the notice was published again, and why it concerns no "
                               "personal data."] and shown["marked"]

    done = as_approver.post(f"{PAGE}{item.pk}/not-needed/", {"note": "Only the decision date was corrected."})
    assert done.status_code == 302 and done["Location"] == PAGE
    assert rows_of(as_approver.get(PAGE).content.decode(), "lumen-to-ask") == ["Nothing to ask Lumen."]


def test_no_need_to_ask_is_refused_for_a_withdrawn_notice_with_a_clear_message(stored, approver, as_approver):
    item = open_for(stored[0], C.WITHDRAWN, approver)
    refused = as_approver.post(f"{PAGE}{item.pk}/not-needed/", {"note": "It was only a date."})
    assert refused.status_code == 400
    assert MUST_ASK[C.WITHDRAWN] in html.unescape(refused.content.decode())
    item.refresh_from_db()
    assert item.not_needed_at is None and lumen_removals.counts() == {"to_ask": 1, "asked": 0}


@pytest.mark.parametrize("step, first, then", [
    # (the step sent from a page opened before a colleague recorded it, what the colleague recorded, what was typed)
    ("asked", {"when": "2026-12-01", "note": "Ticket 1"}, {"when": "2026-12-02", "note": "E-mailed Lumen, ticket 77"}),
    ("removed", {"when": "2026-12-02", "note": "Gone"}, {"when": "2026-12-03", "note": "Its page answers 404 now"}),
])
def test_a_step_a_colleague_recorded_first_comes_back_with_the_note_that_was_typed(
        stored, approver, as_approver, make_staff, step, first, then):
    """Before, the refusal was a redirect with a message: the note typed was lost."""
    item = open_for(stored[0], C.WITHDRAWN, approver)
    colleague = make_staff("legal approver")
    if step == "removed":
        lumen_removals.record_lumen_removal_asked(item, approver, date(2026, 12, 1))
    record = (lumen_removals.record_lumen_removal_asked if step == "asked" else lumen_removals.record_lumen_removed)
    record(LumenRemoval.objects.get(pk=item.pk), colleague, date.fromisoformat(first["when"]), first["note"])

    refused = as_approver.post(f"{PAGE}{item.pk}/{step}/", then)

    assert refused.status_code == 409
    page = html.unescape(refused.content.decode())
    assert "Someone already recorded" in page and then["note"] in page  # the note, given back to copy
    item.refresh_from_db()
    assert (item.asked_note if step == "asked" else item.removed_note) == first["note"]  # the colleague's stays


def test_once_lumen_removed_the_copy_of_a_notice_still_in_the_log_its_current_text_is_sent_again(
        decided_case, publish, monkeypatch, fake_lumen, approver):
    """Lumen's archive should hold what the log shows: after the re-check redacted a notice and Lumen took the old
    copy down, the redacted text goes to Lumen; a later change opens an item for that new copy, the first stays
    closed. Before, the notice stayed "stored" and was never sent again."""
    from tests.transparency.test_redaction_recheck import published_under_older_rules

    case = published_under_older_rules(decided_case, publish, monkeypatch)
    lumen_client.submit_due()
    assert publishing.recheck_published()["redacted_further"] == 1
    first = LumenRemoval.objects.get(submission__record__case=case)
    lumen_removals.record_lumen_removal_asked(first, approver, date(2026, 12, 1))
    lumen_removals.record_lumen_removed(first, approver, date(2026, 12, 2))

    assert lumen_client.submit_due().submitted == 1
    sent = fake_lumen.stored[-1]
    assert "Kwame Dubois" not in json.dumps(sent) and "k.dubois@example.net" not in json.dumps(sent)
    submission = LumenSubmission.objects.get(record__case=case)
    assert submission.status == S.SUBMITTED and submission.lumen_id not in ("", first.lumen_id)
    assert submission.payload_digest == sent_digest(fake_lumen.requests[-1])  # of the new copy

    withdraw(PublicRecord.objects.get(case=case), approver)
    items = list(LumenRemoval.objects.filter(submission=submission).order_by("pk"))
    assert [(i.lumen_id, i.cause, bool(i.removed_on)) for i in items] == [
        (first.lumen_id, C.RECHECKED, True), (submission.lumen_id, C.WITHDRAWN, False)]


def test_a_withdrawn_notice_is_not_sent_again_once_lumen_removed_its_copy(stored, approver):
    item = open_for(stored[0], C.WITHDRAWN, approver)
    lumen_removals.record_lumen_removal_asked(item, approver, date(2026, 12, 1))
    lumen_removals.record_lumen_removed(item, approver, date(2026, 12, 2))
    submission = LumenSubmission.objects.get(record=stored[0])
    assert (submission.status, submission.lumen_id) == (S.SUBMITTED, item.lumen_id)
    assert lumen_client.submit_due().submitted == 0
