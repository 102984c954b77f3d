"""Retention removes personal data after the configured time and keeps every count the report needs."""

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest
from django.core.management import call_command

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.privacy import retention
from rightsdesk.privacy.subject_export import export_subject

pytestmark = pytest.mark.django_db
NOW = datetime(2030, 1, 1, tzinfo=dt_timezone.utc)


def closed(make_case, kind, closed_days_ago, **fields):
    case = make_case(kind=kind, state=c.State.CLOSED, description="Contact me at +49 30 1234567",
                     parties=[{"role": "requester", "name": "Erika Mustermann", "email": "erika@example.org"},
                              {"role": "affected_user", "account_name": "Volunteer42"}],
                     items=[{"url": "https://de.wikipedia.org/wiki/X", "project": "de.wikipedia.org",
                             "account_name": "Volunteer42", "action": c.Action.NO_ACTION}], **fields)
    Case.objects.filter(pk=case.pk).update(closed_at=NOW - timedelta(days=closed_days_ago), outcome=c.Outcome.REJECTED,
                                           accounts_potentially_affected=1)
    return Case.objects.get(pk=case.pk)


def test_only_cases_past_their_kinds_retention_are_due(make_case):
    old_harm = closed(make_case, c.Kind.HARM_REPORT, 400)        # harm reports: 1 year
    young_content = closed(make_case, c.Kind.CONTENT_TAKEDOWN, 400)  # content: 3 years
    open_case = make_case(kind=c.Kind.HARM_REPORT)
    due = set(retention.due_for_purge(NOW))
    assert old_harm in due and young_content not in due and open_case not in due


def test_a_purge_blanks_identities_and_keeps_the_figures(make_case):
    case = closed(make_case, c.Kind.HARM_REPORT, 400, country="FR", requester_type=c.RequesterType.INDIVIDUAL)
    before = Case.objects.filter(pk=case.pk).values("kind", "country", "requester_type", "outcome", "received_at",
                                                    "decided_at", "accounts_potentially_affected").get()

    assert retention.purge_case(case, now=NOW)

    case.refresh_from_db()
    assert Case.objects.filter(pk=case.pk).values(*before).get() == before
    assert case.description == retention.PURGED_TEXT and case.personal_data_purged_at == NOW
    assert all(not p.name and not p.email and not p.account_name for p in case.parties.all())
    assert case.parties.count() == 2  # the roles stay, so "accounts affected" can still be counted
    item = case.items.get()
    assert item.account_name == "" and item.project == "de.wikipedia.org" and item.action == c.Action.NO_ACTION
    assert case.history.last().reason.startswith("Personal data removed")
    assert export_subject(email="erika@example.org")["cases"] == []


def test_a_purged_case_is_not_purged_twice_and_open_cases_never(make_case):
    case = closed(make_case, c.Kind.HARM_REPORT, 400)
    assert retention.purge_case(case, now=NOW)
    assert not retention.purge_case(case, now=NOW)
    assert not retention.purge_case(make_case(kind=c.Kind.HARM_REPORT), now=NOW)


def test_the_retention_time_is_configurable(make_case, settings):
    case = closed(make_case, c.Kind.CONTENT_TAKEDOWN, 40)
    assert case not in set(retention.due_for_purge(NOW))
    settings.RIGHTSDESK_RETENTION_DAYS = {c.Kind.CONTENT_TAKEDOWN: 30}
    assert case in set(retention.due_for_purge(NOW))
    settings.RIGHTSDESK_RETENTION_DAYS = {"no_such_kind": 30}
    with pytest.raises(ValueError, match="no_such_kind"):
        retention.retention_days()


def test_the_command_dry_run_changes_nothing(make_case, capsys):
    case = closed(make_case, c.Kind.HARM_REPORT, 5000)
    call_command("retention", dry_run=True)
    assert case.reference in capsys.readouterr().out
    assert Case.objects.get(pk=case.pk).personal_data_purged_at is None
    call_command("retention")
    assert Case.objects.get(pk=case.pk).personal_data_purged_at is not None


def test_a_data_subject_export_holds_their_data_and_not_other_peoples(make_case):
    mine = closed(make_case, c.Kind.CONTENT_TAKEDOWN, 1)
    make_case(parties=[{"role": "requester", "name": "Someone Else", "email": "else@example.org"}])
    document = export_subject(email="ERIKA@example.org ", actor="test")
    assert [c_["reference"] for c_ in document["cases"]] == [mine.reference]
    held = document["cases"][0]
    assert held["what_we_hold_about_you"][0]["name"] == "Erika Mustermann"
    assert held["your_request_as_received"].startswith("Contact me")
    assert held["other_parties"] == ["affected_user"]
    assert "Someone Else" not in repr(document)
    by_account = export_subject(account="volunteer42", actor="test")
    assert by_account["cases"][0]["items_concerning_your_account"][0]["url"] == "https://de.wikipedia.org/wiki/X"
    assert "erika@example.org" not in repr(by_account)


def test_a_purge_reaches_what_the_other_apps_keep(make_case, make_staff):
    from rightsdesk.intake.models import Declaration, MessageFromRequester
    from rightsdesk.notices.models import LegalHold
    from rightsdesk.review.models import MessageToRequester, Note

    case = closed(make_case, c.Kind.HARM_REPORT, 400)
    staff = make_staff("reviewer")
    MessageFromRequester.objects.create(case=case, text="My address is Hauptstraße 5")
    Declaration.objects.create(case=case, statements=["good_faith"], signature="Erika Mustermann")
    Note.objects.create(case=case, author=staff, body="Called Erika on +49 30 1234567")
    MessageToRequester.objects.create(case=case, author=staff, body="Dear Erika, please narrow the request.")

    assert retention.purge_case(case, now=NOW)

    assert MessageFromRequester.objects.get(case=case).text == ""
    assert Declaration.objects.get(case=case).signature == "" and Declaration.objects.get(case=case).statements == ["good_faith"]
    assert "Erika" not in Note.objects.get(case=case).body
    assert "Erika" not in MessageToRequester.objects.get(case=case).body


def test_a_case_under_a_legal_hold_is_not_purged(make_case, make_staff):
    from rightsdesk.notices.models import LegalHold

    case = closed(make_case, c.Kind.USER_DATA_REQUEST, 5000)
    LegalHold.objects.create(case=case, reason="Non-disclosure order of the court", until=None)
    result = retention.run_retention(now=NOW)
    assert result.kept == {case.reference: "under an active legal hold"}
    assert Case.objects.get(pk=case.pk).personal_data_purged_at is None


def test_the_subject_export_includes_what_they_wrote_through_intake(make_case):
    from rightsdesk.intake.models import MessageFromRequester

    case = closed(make_case, c.Kind.CONTENT_TAKEDOWN, 1)
    MessageFromRequester.objects.create(case=case, text="Here is the court judgment you asked for.")
    document = export_subject(email="erika@example.org", actor="test")
    assert document["intake"]["your_messages"][0]["text"].startswith("Here is the court judgment")


def test_a_purge_removes_every_personal_field_cases_policy_lists(make_case):
    """The list lives in cases.policy: a field added there is purged without touching retention."""
    from rightsdesk.cases import policy
    from rightsdesk.cases.services import update_case, update_item

    case = closed(make_case, c.Kind.HARM_REPORT, 400, subject="Photo of Erika at home",
                  requester_organisation="Erika's own company", legal_basis_reference="Mustermann v. X")
    update_case(case, {"decision_summary": "Removed: it shows where Erika Mustermann lives."}, "test")
    update_item(case.items.get(), {"page_title": "User:Volunteer42/Erika", "ground": "Privacy of Erika",
                                   "reason": "Shows Erika's street.", "copyrighted_work": "Erika's photo"}, "test")
    assert retention.purge_case(case, now=NOW)
    case.refresh_from_db()
    item, parties = case.items.get(), list(case.parties.all())
    left = ([f"case.{f}" for f in policy.CASE_PERSONAL_FIELDS - {"description"} if getattr(case, f)]
            + [f"item.{f}" for f in policy.ITEM_PERSONAL_FIELDS if getattr(item, f)]
            + [f"party.{f}" for p in parties for f in policy.PARTY_PERSONAL_FIELDS if getattr(p, f)])
    assert left == []
    assert case.subject.startswith("Harm or harassment report · de.wikipedia.org")  # neutral: names nobody


#: A task's row: its status, days since it finished (None: not finished) -> deleted by the retention run?
TASK_ROWS = [
    ("SUCCESSFUL", 15, True),
    ("FAILED", 15, True),        # its masked traceback goes too
    ("SUCCESSFUL", 13, False),   # within RIGHTSDESK_TASK_RESULT_DAYS (14)
    ("READY", None, False),      # still to run: never touched
    ("RUNNING", None, False),
]


def test_the_retention_run_deletes_the_rows_of_tasks_finished_long_ago(db, settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.RIGHTSDESK_TASK_RESULT_DAYS = 14
    now = timezone.now()
    rows = {}
    for status, days, _deleted in TASK_ROWS:
        row = DBTaskResult.objects.create(
            status=status, task_path="rightsdesk.intake.tasks.send_receipt", args_kwargs={"args": [], "kwargs": {}},
            queue_name="default", backend_name="default", priority=0, run_after=now,
            finished_at=now - timedelta(days=days) if days is not None else None)
        rows[row.pk] = _deleted
    call_command("retention", "--dry-run")
    assert DBTaskResult.objects.count() == len(TASK_ROWS)  # a dry run deletes nothing
    call_command("retention")
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert {pk for pk, deleted in rows.items() if not deleted} == left
