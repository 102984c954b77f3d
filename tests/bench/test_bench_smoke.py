"""The benchmark runs end to end at a tiny size: one command, a throwaway database, a JSON file of figures.

No timing is asserted (a shared CI machine cannot promise any); what is
checked is that every measurement was taken, beside its baseline from the
same run, and that the figures are sane.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench(tmp_path, *extra) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path / "bench.json"
    env = {**os.environ, "RIGHTSDESK_HOME": str(tmp_path / "home")}
    env.pop("DATABASE_URL", None)  # the benchmark makes its own SQLite database, whatever the suite uses
    command = [sys.executable, "-m", "rightsdesk.cli", "bench", "--size", "tiny", "--out", str(out),
               "--intake-batches", "1", "--batch-size", "40", "--search-reps", "3", "--api-reps", "2",
               "--report-reps", "1", "--http-seconds", "1", "--http-concurrency", "2", "--http-max-requests", "40",
               *extra]
    done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=170)
    return done, out


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


@pytest.fixture(scope="module")
def figures(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("bench")
    done, out = _bench(tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads(out.read_text()), done


def test_the_run_describes_its_data_and_machine(figures):
    data, _done = figures
    meta = data["meta"]
    assert meta["rows"]["cases"] == 300
    assert meta["rows"]["notices"] > 0 and meta["rows"]["history"] >= meta["rows"]["cases"]
    assert meta["versions"]["vendor"] == "sqlite"
    assert _number(meta["datagen_seconds"])


def test_bulk_intake_is_measured_through_the_api_beside_the_raw_insert_floor(figures):
    intake = figures[0]["intake"]
    assert intake["notices"] == 40
    assert _number(intake["api"]["notices_per_s"]) and intake["api"]["notices_per_s"] > 0
    assert _number(intake["floor"]["notices_per_s"]) and intake["floor"]["notices_per_s"] > 0
    assert intake["ratio_to_floor"] == pytest.approx(
        intake["api"]["notices_per_s"] / intake["floor"]["notices_per_s"], rel=0.01)
    assert intake["replay"]["notices_per_s"] > 0


def test_bulk_intake_is_also_measured_beside_a_raw_insert_of_all_the_rows_it_stored(figures):
    intake = figures[0]["intake"]
    same = intake["same_rows_floor"]
    assert same["notices"] == 40
    assert same["rows"] > 3 * 40  # a case, a party, an item, a history entry, a submission record each (at least)
    assert _number(same["notices_per_s"]) and same["notices_per_s"] > 0
    assert intake["ratio_to_same_rows_floor"] == pytest.approx(
        intake["api"]["notices_per_s"] / same["notices_per_s"], rel=0.01)


def test_bulk_intake_is_also_measured_through_two_app_server_processes_at_once(figures):
    servers = figures[0]["intake"]["servers"]
    assert servers["servers"] == 2 and servers["notices"] == 2 * 40  # every answer read and checked: all created
    assert _number(servers["notices_per_s"]) and servers["notices_per_s"] > 0
    assert _number(servers["server_cpu_seconds"]) and servers["server_cpu_seconds"] > 0


def test_every_search_query_has_service_api_and_raw_sql_percentiles(figures):
    search = figures[0]["search"]
    assert {"selective_text", "broad_text", "broad_text_filtered", "deep_page_broad_text", "project_common"} <= set(
        search["queries"])
    for name, query in search["queries"].items():
        for path in ("service", "api", "raw_sql"):
            stats = query[path]
            assert stats["n"] >= 2, (name, path)
            assert all(_number(stats[k]) for k in ("p50_ms", "p95_ms", "p99_ms")), (name, path, stats)
            assert stats["p50_ms"] <= stats["p95_ms"] <= stats["p99_ms"]
        assert query["service_to_raw_p95"] == pytest.approx(
            query["service"]["p95_ms"] / query["raw_sql"]["p95_ms"], rel=0.02, abs=0.01)
    assert search["queries"]["broad_text"]["matches"] > search["queries"]["selective_text"]["matches"]


def test_the_report_is_timed_beside_hand_written_sql_of_the_same_figures(figures):
    report = figures[0]["report"]
    assert report["half_year"]["period"] == "2026-H1"
    assert 0 < report["half_year"]["cases"] < report["all_cases"]["cases"] == 300
    for key in ("half_year", "all_cases"):
        assert _number(report[key]["real"]["seconds"]) and _number(report[key]["raw_sql"]["seconds"])
        assert report[key]["ratio_to_raw"] == pytest.approx(
            report[key]["real"]["seconds"] / report[key]["raw_sql"]["seconds"], rel=0.05, abs=0.02)


def test_public_pages_are_loaded_over_loopback_beside_a_static_file(figures):
    pages = figures[0]["http"]["pages"]
    assert set(pages) == {"static_file", "notice_page", "report_page"}
    for name, page in pages.items():
        assert page["requests"] > 0 and page["errors"] == 0, (name, page)
        assert set(page["statuses"]) == {"200"}, (name, page)
        assert _number(page["requests_per_s"]) and page["p50_ms"] <= page["p99_ms"]
    assert pages["static_file"]["rps_share_of_static"] == 1.0


def test_targets_are_judged_and_the_table_is_printed(figures):
    data, done = figures
    names = {t["target"] for t in data["targets"]}
    assert {"bulk intake notices/s", "search p95 (worst query, service)"} <= names
    assert all(t["met"] in (True, False) for t in data["targets"])
    assert "intake notices/s (API vs floor)" in done.stdout and "targets:" in done.stdout


def test_the_throwaway_database_is_removed_and_the_real_one_never_touched(figures, tmp_path):
    _data, done = figures
    line = next(line for line in done.stderr.splitlines() if line.startswith("bench: throwaway data in "))
    assert not Path(line.removeprefix("bench: throwaway data in ").split(" ")[0]).exists()


def test_an_unknown_size_is_refused_with_the_sizes_to_use(tmp_path):
    done, out = _bench(tmp_path, "--size", "huge")
    assert done.returncode != 0
    assert "Unknown size 'huge'" in done.stderr and "10k" in done.stderr
    assert not out.exists()


def test_bench_run_refuses_a_database_that_was_not_made_for_it(tmp_path):
    env = {**os.environ, "RIGHTSDESK_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("RIGHTSDESK_BENCH_MARKER", None)
    done = subprocess.run([sys.executable, "-m", "bench.run", "--size", "tiny", "--out", str(tmp_path / "x.json")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "only runs on a database made for it" in done.stderr
    assert not (tmp_path / "rightsdesk.sqlite3").exists() or (tmp_path / "rightsdesk.sqlite3").stat().st_size == 0
