"""Gag orders: notices held until a date or until lifted, released automatically, counted as legally barred."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone as dt_timezone
import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.core.errors import DomainError
from rightsdesk.notices import delivery, services, stats
from rightsdesk.notices.models import LegalHold, Notice

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=dt_timezone.utc)


@pytest.fixture
def decided(takedown, decide, staff):
    return decide(takedown(), staff["reviewer"], actions={0: (c.Action.REMOVE, [])})


def test_a_held_notice_is_not_sent_before_its_date_and_is_sent_after(decided, staff, smtp, immediate_tasks):
    until = timezone.now() + timedelta(days=30)
    hold = services.place_hold(decided, staff["approver"], reason="Court order 12/2026 forbids notice for 30 days.",
                               until=until, legal_reference="LG Hamburg 12/2026")
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert statement.status == Notice.Status.HELD and statement.hold == hold

    services.send_notice(statement, staff["reviewer"])  # approving it does not send it
    statement.refresh_from_db()
    assert statement.status == Notice.Status.HELD and statement.approved_at

    assert delivery.send_due(now=until - timedelta(minutes=1))["holds_released"] == 0
    statement.refresh_from_db()
    assert statement.status == Notice.Status.HELD
    assert smtp.envelopes == []

    result = delivery.send_due(now=until + timedelta(minutes=1))
    assert result["holds_released"] == 1
    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT
    assert [e.rcpt_tos for e in smtp.envelopes] == [["uploader1@users.example.net"]]
    hold.refresh_from_db()
    assert hold.lifted_at and hold.lifted_by_label == "system"


def test_the_release_holds_command_releases_expired_holds_with_the_clock_moved_on(decided, staff, smtp,
                                                                                     immediate_tasks):
    until = timezone.now() + timedelta(days=3)
    services.place_hold(decided, staff["approver"], reason="Non-disclosure order.", until=until)
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    services.send_notice(statement, staff["reviewer"])
    call_command("release_holds")
    statement.refresh_from_db()
    assert statement.status == Notice.Status.HELD
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(hours=1)):
        call_command("release_holds")
    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT and len(smtp.envelopes) == 1


def test_an_open_ended_hold_lasts_until_lifted_and_a_never_approved_notice_returns_to_review(decided, staff):
    hold = services.place_hold(decided, staff["approver"], reason="National security letter.")
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    assert delivery.send_due(now=timezone.now() + timedelta(days=3650))["holds_released"] == 0
    services.lift_hold(hold, staff["approver"], "The letter's non-disclosure requirement was lifted.")
    statement.refresh_from_db()
    assert statement.status == Notice.Status.DRAFT


def test_a_send_attempt_releases_a_hold_whose_date_has_passed(decided, staff, smtp, immediate_tasks):
    services.place_hold(decided, staff["approver"], reason="Order.", until=timezone.now() + timedelta(days=1))
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    Notice.objects.filter(pk=statement.pk).update(status=Notice.Status.QUEUED)  # a queued attempt, due later
    assert delivery.deliver(statement.pk, now=timezone.now()) == Notice.Status.HELD
    Notice.objects.filter(pk=statement.pk).update(status=Notice.Status.QUEUED)
    assert delivery.deliver(statement.pk, now=timezone.now() + timedelta(days=2)) == Notice.Status.SENT


def test_held_notices_count_as_legally_barred_and_let_the_case_be_marked_notified(decided, staff, smtp,
                                                                                   immediate_tasks):
    services.place_hold(decided, staff["approver"], reason="Gag order.")
    requester = decided.notices.get(purpose=Notice.Purpose.DECISION)
    services.send_notice(requester, staff["reviewer"])
    decided.refresh_from_db()
    assert decided.state == c.State.NOTIFIED  # sent or lawfully held
    assert decided.accounts_notified == 0
    cases = Case.objects.filter(pk=decided.pk)
    assert stats.legally_barred_notices(cases) == 1
    assert stats.legally_barred_accounts(cases) == 1


def test_a_notice_released_and_sent_is_no_longer_counted_as_barred(decided, staff, smtp, immediate_tasks):
    hold = services.place_hold(decided, staff["approver"], reason="Gag order.")
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    services.send_notice(statement, staff["reviewer"])
    cases = Case.objects.filter(pk=decided.pk)
    assert stats.legally_barred_notices(cases) == 1
    services.lift_hold(hold, staff["approver"], "Order lifted on appeal.")
    assert stats.legally_barred_notices(cases) == 0
    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT


def test_a_held_notice_cancelled_later_still_counts_as_never_sent_because_of_the_hold(decided, staff):
    services.place_hold(decided, staff["approver"], reason="Gag order.")
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    services.cancel_notice(statement, staff["reviewer"], "The account was deleted while the order lasted.")
    assert stats.legally_barred_notices(Case.objects.filter(pk=decided.pk)) == 1


def test_a_hold_by_default_covers_only_notices_to_affected_users(decided, staff):
    services.place_hold(decided, staff["approver"], reason="Order.")
    assert decided.notices.get(purpose=Notice.Purpose.DECISION).status == Notice.Status.DRAFT
    services.place_hold(decided, staff["approver"], reason="Order covering everyone.", scope=LegalHold.Scope.ALL)
    assert decided.notices.get(purpose=Notice.Purpose.DECISION).status == Notice.Status.HELD


def test_a_hold_placed_before_the_decision_holds_the_new_drafts(takedown, decide, staff):
    case = takedown()
    services.place_hold(case, staff["approver"], reason="Order received with the request.")
    case = decide(case, staff["reviewer"])
    assert case.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS).status == Notice.Status.HELD


@pytest.mark.parametrize("kwargs,field", [({"reason": " "}, "reason"),
                                          ({"reason": "Order.", "until": T0 - timedelta(days=1)}, "until"),
                                          ({"reason": "Order.", "legal_reference": "Order " * 51}, "legal_reference")],
                         ids=["no reason", "an end in the past", "a reference longer than 300 characters"])
def test_a_hold_needs_a_reason_and_a_future_end(decided, staff, kwargs, field):
    with pytest.raises(DomainError) as err:
        services.place_hold(decided, staff["approver"], now=T0, **kwargs)
    assert err.value.field == field
    assert not LegalHold.objects.exists()


def test_the_history_records_the_hold_and_its_release(decided, staff):
    hold = services.place_hold(decided, staff["approver"], reason="Gag order 7.")
    services.lift_hold(hold, staff["approver"], "Lifted.")
    events = [e.changes.get("event") for e in decided.history.filter(event="notice")]
    assert "hold_placed" in events and "held" in events and "hold_lifted" in events and "released" in events


def test_only_a_legal_approver_may_lift_a_hold(decided, staff, client):
    hold = services.place_hold(decided, staff["approver"], reason="Gag order.")
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/holds/{hold.pk}/lift/", {"reason": "I think it ended."})
    assert response.status_code == 403
    hold.refresh_from_db()
    assert hold.lifted_at is None
    client.force_login(staff["approver"])
    response = client.post(f"/en/staff/notices/holds/{hold.pk}/lift/", {"reason": "The court lifted it."})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_at is not None


#: A lift refused: (whether a colleague lifted the hold meanwhile, the reason typed, the status, where it comes back).
REFUSED_LIFTS = [
    (False, "   ", 400, 'value="   " aria-invalid="true"'),
    (True, "The court of appeal set the order aside on 3 March; see the judgment in the file.", 409,
     "The court of appeal set the order aside on 3 March; see the judgment in the file.</textarea>"),
]


@pytest.mark.parametrize(("lifted_meanwhile", "typed", "status", "kept"), REFUSED_LIFTS)
def test_a_refused_lift_of_a_hold_comes_back_with_the_reason_that_was_typed(decided, staff, client, lifted_meanwhile,
                                                                            typed, status, kept):
    hold = services.place_hold(decided, staff["approver"], reason="Gag order.")
    if lifted_meanwhile:
        services.lift_hold(hold, staff["approver"], "Lifted by a colleague.")
    client.force_login(staff["approver"])
    response = client.post(f"/en/staff/notices/holds/{hold.pk}/lift/", {"reason": typed})
    page = response.content.decode()
    assert response.status_code == status and 'id="error-summary"' in page and kept in page
    assert f'href="#{"unsent" if lifted_meanwhile else f"lift-{hold.pk}"}"' in page  # the summary leads to it
    hold.refresh_from_db()
    assert hold.lift_reason == ("Lifted by a colleague." if lifted_meanwhile else "")


def test_the_hold_form_explains_a_bad_date(decided, staff, client):
    client.force_login(staff["reviewer"])
    response = client.post(f"/en/staff/notices/cases/{decided.pk}/hold/", {"reason": "Order.", "until": "soon"})
    assert response.status_code == 400
    assert "YYYY-\u2060MM-\u2060DD" in response.content.decode()  # core.dates.date_pattern
    response = client.post(f"/en/staff/notices/cases/{decided.pk}/hold/",
                           {"reason": "Order.", "until": (timezone.now() + timedelta(days=9)).date().isoformat(),
                            "scope": "affected_user"})
    assert response.status_code == 302
    assert LegalHold.objects.get().until is not None


@pytest.mark.parametrize("until", [
    "2027-02-30",           # a day the month does not have
    "2027-13-01",           # a thirteenth month
    "2027-12-31T25:00",     # an hour the day does not have
    "2027-12-31 10:61",     # a minute the hour does not have
    "٢٠٢٧-٠٢-٣٠",           # the impossible day in Arabic-Indic digits
])
def test_an_impossible_end_of_a_hold_is_explained_and_nothing_typed_is_lost(decided, staff, client, until):
    """The date is well formed but not a date: a server error lost the reason and the order's reference typed."""
    client.force_login(staff["approver"])
    notices_before = list(decided.notices.values_list("pk", "status"))
    history_before = decided.history.count()
    response = client.post(f"/en/staff/notices/cases/{decided.pk}/hold/",
                           {"reason": "Gag order of the court, ٣ months.", "until": until,
                            "legal_reference": "LG Hamburg 12/2026", "scope": "all"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "YYYY-\u2060MM-\u2060DD" in page  # core.dates.date_pattern
    assert "Gag order of the court, ٣ months." in page and "LG Hamburg 12/2026" in page and until in page
    assert not LegalHold.objects.exists()
    assert list(decided.notices.values_list("pk", "status")) == notices_before
    assert decided.history.count() == history_before


def test_with_a_worker_a_dated_hold_is_released_by_a_task_scheduled_for_its_date(decided, staff, smtp,
                                                                                  database_tasks):
    from django_tasks_db.models import DBTaskResult

    until = timezone.now() + timedelta(days=5)
    services.place_hold(decided, staff["approver"], reason="Order for five days.", until=until)
    statement = decided.notices.get(purpose=Notice.Purpose.STATEMENT_OF_REASONS)
    services.send_notice(statement, staff["reviewer"])
    release = DBTaskResult.objects.get(task_path="rightsdesk.notices.tasks.release_holds_and_send")
    assert release.run_after > until
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    statement.refresh_from_db()
    assert statement.status == Notice.Status.HELD  # not due yet: the worker left it
    with mock.patch("django.utils.timezone.now", return_value=until + timedelta(seconds=5)):
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    statement.refresh_from_db()
    assert statement.status == Notice.Status.SENT and len(smtp.envelopes) == 1


def test_an_arabic_list_of_holds_keeps_what_was_typed_and_the_reference_in_their_order(decided, staff, client):
    """Right to left, an English reason's full stop moved to its start (".The order forbids …") and a reference that
    begins with its number ("2026/8202, Regional Court") was shown as "Regional Court ,2026/8202": the reason and
    the order's reference take their own direction, and the case's reference is isolated left to right."""
    services.place_hold(decided, staff["approver"], reason="The order forbids telling the account holder.",
                        legal_reference="2026/8202, Regional Court")
    client.force_login(staff["approver"])
    page = client.get("/ar/staff/notices/holds/").content.decode()

    assert f'<bdi dir="ltr" class="ref">{decided.reference}</bdi>' in page
    assert "<bdi>The order forbids telling the account holder.</bdi>" in page
    assert "<bdi>2026/8202, Regional Court</bdi>" in page
    held = Notice.objects.filter(case=decided, hold__isnull=False).first()
    notice_page = client.get(f"/ar/staff/notices/{held.pk}/").content.decode()
    assert "<bdi>The order forbids telling the account holder.</bdi>" in notice_page, "and on a held notice's page"


class _LiftFields(HTMLParser):
    """The lift forms' reason fields (by id) and every label of the page (by its ``for``: its classes and words)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[str] = []
        self.labels: dict[str, dict] = {}
        self._lift_form = False
        self._label: dict | None = None
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._lift_form = "/lift/" in (a.get("action") or "")
        elif tag == "input" and self._lift_form and a.get("name") == "reason":
            self.fields.append(a["id"])
        elif tag == "label" and a.get("for"):
            self._label = self.labels[a["for"]] = {"class": a.get("class") or "", "words": ""}
        elif self._label is not None and "visually-hidden" in (a.get("class") or ""):
            self._hidden_depth += 1

    def handle_data(self, data):
        if self._label is not None and not self._hidden_depth:
            self._label["words"] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self._label, self._hidden_depth = None, 0
        elif tag == "form":
            self._lift_form = False


#: The list of holds in a language: (language, the words every lift field's label shows).
LIFT_LABELS = [
    ("en", "Why the hold ends"),
    ("ar", "لماذا ينتهي الحظر"),
]


@pytest.mark.parametrize(("language", "shown"), LIFT_LABELS)
def test_every_lift_field_has_a_visible_label_of_its_own(decided, staff, client, language, shown):
    """The column header "Lift" was the only words a sighted person saw by the reason field (its label was hidden,
    a placeholder stood in and went away once typing began): each field now shows its label, tied to its own id."""
    services.place_hold(decided, staff["approver"], reason="Gag order.")
    services.place_hold(decided, staff["approver"], reason="Second order.", scope=LegalHold.Scope.ALL)
    client.force_login(staff["approver"])
    page = _LiftFields()
    page.feed(client.get(f"/{language}/staff/notices/holds/").content.decode())

    assert len(page.fields) == 2 and len(set(page.fields)) == 2, "one reason field per hold, each with its own id"
    for field in page.fields:
        label = page.labels.get(field)
        assert label is not None, f"a <label for={field}>"
        assert "visually-hidden" not in label["class"] and label["words"].strip() == shown


def test_a_hold_form_sent_twice_records_one_hold_and_both_sendings_lead_to_the_list(decided, staff, client):
    """A double click on "Record the hold" recorded two holds (two history entries); lifting one left the notices held
    by the other, unseen. The form carries a one-time token (core.form_once); a refused sending frees it."""
    client.force_login(staff["approver"])
    url = f"/en/staff/notices/cases/{decided.pk}/hold/"
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    form = {"reason": "Non-disclosure order of the court.", "scope": "all",
            "form_token": token.group(1) if token else "a page without a token sends the same twice"}
    refused = client.post(url, {**form, "until": "2027-02-30"})
    assert refused.status_code == 400
    first = client.post(url, form)
    second = client.post(url, form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/en/staff/notices/holds/"
    assert LegalHold.objects.filter(case=decided).count() == 1
    assert decided.history.filter(changes__event="hold_placed").count() == 1
    assert client.get(second["Location"]).content.decode().count("Legal hold recorded") == 1
    assert f'value="{form["form_token"]}"' in refused.content.decode()  # the refused form came back with its token


@pytest.mark.parametrize("published, warned", [
    pytest.param(True, True, id="the notice is public in the log: staff are told a hold does not take it down"),
    pytest.param(False, False, id="not published: nothing to say"),
])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_hold_form_says_when_the_case_is_already_public_in_the_log(decided, staff, client, published, warned,
                                                                       language):
    """A hold on all notices stops publishing, but one recorded after the notice went public leaves it in the log:
    the form says so, and leads to the redaction editor where it is withdrawn."""
    from rightsdesk.transparency import publishing

    if published:
        record = publishing.publish_as_system(decided, "test")
    client.force_login(staff["approver"])
    page = client.get(f"/{language}/staff/notices/cases/{decided.pk}/hold/").content.decode()
    assert ('id="hold-public"' in page) is warned
    if warned:
        assert record.public_id in page
        assert f'href="/{language}/staff/redaction/{decided.reference}/"' in page


@pytest.mark.parametrize("sent, field", [
    pytest.param({"reason": "  "}, "reason", id="no reason"),
    pytest.param({"reason": "Order.", "until": "2020-01-01"}, "until", id="an end in the past"),
    pytest.param({"reason": "Order.", "legal_reference": "LG Hamburg " + "1" * 300}, "legal_reference",
                 id="an order's reference too long"),
])
def test_a_refused_hold_shows_the_problem_at_its_field_and_marks_it(decided, staff, client, sent, field):
    """The reference too long was said only in the summary at the top, with nothing at the field; no field said it
    was the one in error (aria-invalid) for a screen reader."""
    client.force_login(staff["approver"])
    response = client.post(f"/en/staff/notices/cases/{decided.pk}/hold/", {"scope": "affected_user", **sent})
    page = response.content.decode()
    assert response.status_code == 400 and not LegalHold.objects.exists()
    tag = re.search(rf'<(input|textarea) id="id_{field}"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in tag and f'aria-describedby="id_{field}-error"' in tag
    assert re.search(rf'<ul class="errorlist" id="id_{field}-error"><li>[^<]+</li></ul>', page)
    for typed in sent.values():
        assert escape(typed.strip()) in page


def test_the_reason_and_the_order_typed_into_the_hold_form_take_their_own_direction(decided, staff, client):
    """An English order's name typed on the Arabic form was set right to left, its punctuation at the wrong end."""
    client.force_login(staff["approver"])
    page = client.get(f"/ar/staff/notices/cases/{decided.pk}/hold/").content.decode()
    for field in ("reason", "legal_reference"):
        assert 'dir="auto"' in re.search(rf'<(input|textarea) id="id_{field}"[^>]*>', page).group(0)
