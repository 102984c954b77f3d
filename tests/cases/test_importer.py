"""``rightsdesk import FILE``: historic cases from JSON lines, each line validated, all or nothing per line."""

from __future__ import annotations

import copy
import io
import json

import pytest
from django.core.management import CommandError, call_command

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem

pytestmark = pytest.mark.django_db


def by_subject(typed: str) -> Case:
    """The case whose requester typed this subject (kept encrypted, so found after decryption)."""
    matches = [case for case in Case.objects.all() if case.requester_subject == typed]
    assert len(matches) == 1, (typed, len(matches))
    return matches[0]

TAKEDOWN = {
    "id": "WMF-2019-0042", "kind": "content_takedown", "received_at": "2019-03-02T10:00:00Z",
    "acknowledged_at": "2019-03-02T15:30:00Z", "closed_at": "2019-03-20T09:00:00Z",
    "subject": "Request to remove a paragraph of a biography", "description": "Please remove what you say about me.",
    "language": "de", "source": "email", "country": "DE", "content_ground": "defamation",
    "dsa_category": "ILLEGAL_OR_HARMFUL_SPEECH", "law_invoked": "§ 186 StGB",
    "requester": {"type": "law_firm", "organisation": "Kanzlei Beispiel", "kind": "organization",
                  "name": "Dr. Erika Beispiel", "email": "erika@kanzlei.example", "country": "DE"},
    "items": [{"url": "https://de.wikipedia.org/wiki/Beispielperson", "project": "de.wikipedia.org",
               "page_title": "Beispielperson", "action": "no_action", "ground": "Terms of Use",
               "reason": "Sourced and in the public interest."}],
    "decision": {"decided_at": "2019-03-18T12:00:00Z", "ground": "incompatible_content",
                 "summary": "Refused: the content is lawful and in the public interest."},
    "notices": {"notified_at": "2019-03-18T12:05:00Z"},
}
DATA_REQUEST = {
    "id": "WMF-2019-0043", "kind": "user_data_request", "received_at": "2019-04-10T08:00:00+02:00",
    "subject": "Subpoena for account information", "country": "US", "legal_process": "civil_subpoena",
    "non_content_data_requested": True, "accounts_potentially_affected": 2, "accounts_actually_affected": 1,
    "requester": {"type": "court", "organisation": "Superior Court", "authority_country": "US",
                  "authority_level": "regional"},
    "items": [{"url": "https://en.wikipedia.org/wiki/User:Example1", "project": "en.wikipedia.org",
               "item_type": "account", "account_name": "Example1", "action": "disclose",
               "disclosed_fields": ["registration_date"]},
              {"url": "https://en.wikipedia.org/wiki/User:Example2", "project": "en.wikipedia.org",
               "item_type": "account", "account_name": "Example2", "action": "no_action"}],
    "parties": [{"role": "affected_user", "account_name": "Example1", "email": "example1@users.example"}],
    "decision": {"decided_at": "2019-05-01T12:00:00Z"},
    "notices": {"notified_at": "2019-05-02T12:00:00Z", "accounts_notified": 1},
}
APPEAL = {
    "id": "WMF-2019-0050", "kind": "appeal", "received_at": "2019-04-01T10:00:00Z", "subject": "Appeal",
    "appeal_of": "WMF-2019-0042", "requester": {"type": "individual"},
    "decision": {"decided_at": "2019-04-20T10:00:00Z", "outcome": "rejected"},
}


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def run_import(tmp_path, text: str, **options):
    path = tmp_path / "history.jsonl"
    path.write_text(text, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_cases", str(path), stdout=out, stderr=err, **options)
        raised = None
    except CommandError as exc:
        raised = str(exc)
    return out.getvalue(), err.getvalue(), raised


def stored_counts():
    return (Case.objects.count(), Party.objects.count(), TargetItem.objects.count(), CaseHistory.objects.count())


def test_good_lines_become_decided_cases_with_their_own_dates_and_history(tmp_path):
    out, err, raised = run_import(tmp_path, jsonl(TAKEDOWN, DATA_REQUEST, APPEAL))
    assert raised is None and err == ""
    assert "3 lines read: 3 imported, 0 skipped (already imported), 0 refused." in out
    takedown = by_subject(TAKEDOWN["subject"])
    assert takedown.state == c.State.CLOSED
    assert takedown.outcome == c.Outcome.REJECTED  # derived from the items: nothing was acted on
    assert takedown.received_at.isoformat() == "2019-03-02T10:00:00+00:00"
    assert takedown.decided_at.isoformat() == "2019-03-18T12:00:00+00:00"
    assert takedown.reference.startswith("RD-2019-")
    assert takedown.source == c.Source.EMAIL and takedown.decision_ground == "incompatible_content"
    assert takedown.requester.email == "erika@kanzlei.example"
    # The history keeps the historic events at their own dates, before the import that recorded them.
    events = list(takedown.history.values_list("event", flat=True))
    assert events == ["decision", "notice", "transition", "created", "note", "edit"]  # edit: the derived outcome
    note = takedown.history.get(event="note")
    assert note.changes["import_id"] == "WMF-2019-0042" and note.changes["import_line"] == 1
    assert takedown.history.get(event="decision").at.isoformat() == "2019-03-18T12:00:00+00:00"

    data = by_subject(DATA_REQUEST["subject"])
    assert data.state == c.State.NOTIFIED  # notified, not closed
    assert data.outcome == c.Outcome.PARTIALLY_GRANTED  # one of two accounts disclosed
    assert data.received_at.isoformat() == "2019-04-10T06:00:00+00:00"  # offsets are kept as UTC
    assert (data.accounts_potentially_affected, data.accounts_actually_affected, data.accounts_notified) == (2, 1, 1)
    assert data.parties.count() == 2 and data.items.count() == 2

    appeal = by_subject("Appeal")
    assert appeal.appeal_of == takedown and appeal.state == c.State.DECIDED


@pytest.mark.parametrize("change, field, message", [
    (lambda r: r["decision"].update(outcome="approved"), "decision.outcome", "Input should be 'granted'"),
    (lambda r: r.update(country="Germany"), "country", "is not a country code: use ISO 3166-1 alpha-2"),
    (lambda r: r.pop("received_at"), "received_at", "Field required"),
    (lambda r: r.update(received_at="2019-03-02 10:00"), "received_at", "timezone"),
    (lambda r: r["decision"].update(decided_at="2019-01-01T00:00:00Z"), "decision.decided_at", "is before received_at"),
    (lambda r: r.update(closed_at="2019-03-01T00:00:00Z"), "closed_at", "is before decision.decided_at"),
    (lambda r: r["items"][0].update(url="de.wikipedia.org/wiki/X"), "items.0.url", "full http(s) URL"),
    (lambda r: r["requester"].update(email="not-an-address"), "requester.email", "is not an e-mail address"),
    (lambda r: r.update(kind="harm_report"), "harm_category", "is required for a case of kind harm_report"),
    (lambda r: r.update(colour="blue"), "colour", "Extra inputs are not permitted"),
    (lambda r: r.update(appeal_of="WMF-1999-0001"), "appeal_of", "no case with the id or reference"),
    (lambda r: r["items"][0].update(revision_id=2 ** 63), "revision_id", "less than or equal"),
])
def test_a_bad_line_is_reported_with_its_number_and_field_and_nothing_of_it_is_stored(tmp_path, change, field, message):
    bad = copy.deepcopy(TAKEDOWN)
    bad["id"] = "bad"
    change(bad)
    before = stored_counts()
    out, err, raised = run_import(tmp_path, jsonl(DATA_REQUEST, bad))
    assert f"line 2, field {field}: " in err and message in err, err
    assert "1 refused" in raised and "1 imported" in raised
    assert stored_counts()[0] == before[0] + 1  # only the good line
    # The typed subject, URLs and names are encrypted: compared after decryption, not in SQL.
    assert not [c for c in Case.objects.all() if c.requester_subject == TAKEDOWN["subject"]]
    assert not [i for i in TargetItem.objects.all() if "Beispielperson" in i.url]
    assert not [p for p in Party.objects.all() if p.name == "Dr. Erika Beispiel"]


def test_lines_that_are_not_json_objects_are_reported_and_the_rest_imported(tmp_path):
    text = jsonl(TAKEDOWN, '{"id": "x", "kind": ', "[1, 2]", DATA_REQUEST)
    out, err, raised = run_import(tmp_path, text)
    assert "line 2: not valid JSON" in err and "line 3: must be one JSON object" in err
    assert "4 lines read: 2 imported, 0 skipped (already imported), 2 refused." in raised
    assert Case.objects.count() == 2


@pytest.mark.parametrize("first_line, hinted", [
    ("[", True),                              # a pretty-printed list of cases
    ("{", True),                              # one case pretty-printed
    ('[{"id": "h-1", "kind": "content_takedown",', True),
    ('{"id": "x", "kind": ', True),           # a case cut off: the same advice fits
    ("not json at all", False),               # nothing like JSON over several lines: no advice about it
])
def test_a_json_document_written_over_several_lines_is_told_to_be_one_case_a_line(tmp_path, first_line, hinted):
    out, err, raised = run_import(tmp_path, first_line + "\n")
    assert "line 1: not valid JSON" in err
    assert ("one case per line (JSON Lines)" in err) is hinted
    assert Case.objects.count() == 0


def test_errors_do_not_repeat_private_values(tmp_path):
    bad = copy.deepcopy(TAKEDOWN)
    bad["requester"]["email"] = "erika.private@@example.org"
    out, err, raised = run_import(tmp_path, jsonl(bad))
    assert "requester.email" in err and "erika.private" not in err + (raised or "") + out


def test_a_dry_run_validates_everything_and_stores_nothing(tmp_path):
    before = stored_counts()
    out, err, raised = run_import(tmp_path, jsonl(TAKEDOWN, DATA_REQUEST, APPEAL), dry_run=True)
    assert raised is None
    assert "3 would be imported" in out and "Dry run: nothing was stored." in out
    assert stored_counts() == before


def test_importing_the_same_file_again_skips_the_lines_already_imported(tmp_path):
    run_import(tmp_path, jsonl(TAKEDOWN, DATA_REQUEST))
    before = stored_counts()
    out, err, raised = run_import(tmp_path, jsonl(TAKEDOWN, DATA_REQUEST, APPEAL))
    assert raised is None
    assert "3 lines read: 1 imported, 2 skipped (already imported), 0 refused." in out
    assert "skipped line 1, field id: 'WMF-2019-0042' was already imported as RD-2019-" in out
    assert stored_counts()[0] == before[0] + 1
    assert by_subject("Appeal").appeal_of.requester_subject == TAKEDOWN["subject"]


def test_a_missing_file_is_explained(tmp_path):
    with pytest.raises(CommandError, match="is not a file"):
        call_command("import_cases", str(tmp_path / "nope.jsonl"))


def test_the_console_script_maps_import_to_the_command(tmp_path, monkeypatch):
    from rightsdesk import cli

    path = tmp_path / "history.jsonl"
    path.write_text(jsonl(TAKEDOWN), encoding="utf-8")
    seen = {}
    monkeypatch.setattr("django.core.management.execute_from_command_line", lambda argv: seen.setdefault("argv", argv))
    cli.main(["rightsdesk", "import", str(path)])
    assert seen["argv"][1] == "import_cases"


def test_the_example_line_of_the_documentation_imports(tmp_path):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-model.md").read_text(encoding="utf-8")
    section = doc.split("## Historic import", 1)[1]
    example = section.split("```json\n", 1)[1].split("\n```", 1)[0]
    out, err, raised = run_import(tmp_path, example + "\n")
    assert raised is None and "1 imported" in out, err


# Historic data as operators really have it (issue #18, part 3) ------------------------------------------------------

def test_a_date_without_a_time_is_read_as_noon_utc_and_a_time_without_a_zone_is_refused_saying_so(tmp_path):
    line = copy.deepcopy(TAKEDOWN)
    line.update(received_at="2019-03-02", acknowledged_at=None, closed_at="2019-03-20")
    line["decision"]["decided_at"] = "2019-03-18"
    line["notices"]["notified_at"] = "2019-03-18"
    out, err, raised = run_import(tmp_path, jsonl(line))
    assert raised is None, err
    case = by_subject(TAKEDOWN["subject"])
    assert case.received_at.isoformat() == "2019-03-02T12:00:00+00:00"
    assert case.decided_at.isoformat() == "2019-03-18T12:00:00+00:00"
    bad = copy.deepcopy(TAKEDOWN)
    bad.update(id="bad", received_at="2019-03-02 10:00")
    out, err, raised = run_import(tmp_path, jsonl(bad))
    assert "line 1, field received_at: must be a date and time with its timezone" in err
    assert "or a date alone (2019-03-02, read as 12:00 UTC)" in err
    bad.update(received_at="2019-02-30")
    out, err, raised = run_import(tmp_path, jsonl(bad))
    assert "line 1, field received_at: is not a calendar date" in err


def test_an_unknown_requester_type_and_an_unknown_decision_date_are_kept_as_unknown_not_invented(tmp_path):
    line = copy.deepcopy(TAKEDOWN)
    line["requester"] = {"type": "unknown"}
    line["decision"] = {"outcome": "rejected"}
    line.pop("closed_at")
    line["notices"] = {}
    out, err, raised = run_import(tmp_path, jsonl(line))
    assert raised is None, err
    case = by_subject(TAKEDOWN["subject"])
    assert case.state == c.State.DECIDED and case.outcome == c.Outcome.REJECTED
    assert case.decided_at is None  # not invented
    assert case.requester_type == c.RequesterType.UNKNOWN  # nor the type
    note = case.history.get(event="note").changes
    assert note["decided_at"] == "unknown"
    from rightsdesk.reports.periods import parse_period
    from rightsdesk.reports.sections import build_report

    report = build_report(parse_period("2019-H1"))
    assert report.value("content", "summary", "rejected", "count") == 1
    assert report.value("content", "requester_type", "unknown", "received") == 1  # shown as not known
    assert report.value("overview", "by_kind", "content_takedown", "decided") == 0  # no decision date to count
    assert report.value("overview", "by_kind", "content_takedown", "median_days") is None


@pytest.mark.parametrize("outcome, actions, message", [
    ("granted", ["remove", "no_action"], "decision.outcome: is granted, but nothing was done to items.1 (no_action)"),
    ("rejected", ["remove"], "decision.outcome: is rejected, but items.0 (remove) was acted on"),
    ("withdrawn", ["no_action", "hide_revision"], "decision.outcome: is withdrawn, but items.1 (hide_revision) was"),
    ("partially_granted", ["no_action"], "decision.outcome: is partially_granted, but no item was acted on"),
    ("partially_granted", ["remove", "remove"], "decision.outcome: is partially_granted, but every item was acted on"),
    ("granted", ["disclose"], "items.0.action: 'disclose' cannot be done on a case of kind content_takedown"),
])
def test_an_outcome_that_disagrees_with_the_items_actions_is_refused_naming_the_line_and_what_disagrees(
        tmp_path, outcome, actions, message):
    line = copy.deepcopy(TAKEDOWN)
    line["items"] = [{"project": "de.wikipedia.org", "action": action} for action in actions]
    line["decision"]["outcome"] = outcome
    out, err, raised = run_import(tmp_path, jsonl(DATA_REQUEST, line))
    assert f"line 2, field {message}" in err, err
    assert "1 refused" in raised


def test_kosovo_is_a_country_for_the_import(tmp_path):
    line = copy.deepcopy(TAKEDOWN)
    line["country"] = "xk"
    line["requester"]["country"] = "XK"
    out, err, raised = run_import(tmp_path, jsonl(line))
    assert raised is None, err
    assert by_subject(TAKEDOWN["subject"]).country.code == "XK"


def test_the_bulk_path_stores_the_same_cases_and_history_as_the_line_by_line_path(tmp_path):
    line = copy.deepcopy(TAKEDOWN)
    line["decision"]["outcome"] = "rejected"
    bad = copy.deepcopy(line)
    bad.update(id="bad", country="Germany")
    out, err, raised = run_import(tmp_path, jsonl(line, bad, APPEAL, line), bulk=True)
    assert "line 2, field country: " in err
    assert "4 lines read: 2 imported, 1 skipped (already imported), 1 refused." in raised
    takedown = by_subject(TAKEDOWN["subject"])
    assert takedown.state == c.State.CLOSED and takedown.outcome == c.Outcome.REJECTED
    assert by_subject("Appeal").appeal_of == takedown  # stored after the chunk it appeals
    assert list(takedown.history.values_list("event", flat=True)) == ["decision", "notice", "transition", "created", "note"]
    assert takedown.history.get(event="note").changes["import_line"] == 1
    assert takedown.requester.email == "erika@kanzlei.example" and takedown.items.get().project == "de.wikipedia.org"
    from rightsdesk.audit.chain import verify

    assert verify(CaseHistory.objects.all(), "case_history") is None  # the chain holds


# Files in the wrong encoding: refused line by line, never half-stored behind one error about the whole file ----------

def run_import_bytes(tmp_path, data: bytes):
    path = tmp_path / "history.jsonl"
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_cases", str(path), stdout=out, stderr=err)
        raised = None
    except CommandError as exc:
        raised = str(exc)
    return out.getvalue(), err.getvalue(), raised


LATIN1_LINE = json.dumps({**DATA_REQUEST, "subject": "Données"}, ensure_ascii=False).encode("latin-1") + b"\n"


@pytest.mark.parametrize("data, summary, refused, cases", [
    # A line saved in Latin-1 between two good ones, after 60 good ones (past the first read buffer): before, the
    # lines read so far were stored and the command said only that the file "is not UTF-8" and to try again.
    (jsonl(*[{**TAKEDOWN, "id": f"X-{n}"} for n in range(60)]).encode() + LATIN1_LINE + jsonl({**APPEAL, "appeal_of": "X-0"}).encode(),
     "62 lines read: 61 imported, 0 skipped (already imported), 1 refused.",
     ["line 61: is not UTF-8 text (byte 114 of the line); save the file as UTF-8 and import it again"], 61),
    (jsonl(TAKEDOWN).encode("utf-16"), "lines read: 0 imported", ["line 1: is not UTF-8 text (byte 1 of the line)"], 0),
    (b"\xef\xbb\xbf" + jsonl(TAKEDOWN).encode(), "1 lines read: 1 imported", [], 1),  # UTF-8 with a byte-order mark
])
def test_a_line_not_in_utf8_is_refused_by_number_and_the_summary_counts_what_was_stored(tmp_path, data, summary,
                                                                                      refused, cases):
    out, err, raised = run_import_bytes(tmp_path, data)
    assert summary in (raised or out)
    for line in refused:
        assert line in err
    assert Case.objects.count() == cases


def test_standard_input_not_in_utf8_is_refused_by_line_not_with_a_traceback(monkeypatch):
    import sys

    stdin = io.TextIOWrapper(io.BytesIO(jsonl(TAKEDOWN).encode() + LATIN1_LINE), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 lines read: 1 imported, 0 skipped .already imported., 1 refused"):
        call_command("import_cases", "-", stdout=io.StringIO(), stderr=err)
    assert "line 2: is not UTF-8 text" in err.getvalue()
