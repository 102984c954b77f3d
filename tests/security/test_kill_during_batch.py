"""Killing the server (SIGKILL) in the middle of a batch submission loses nothing and half-writes nothing.

The scenario an API client lives through: it sends 1000 requests in one
batch, the server process dies before answering, the client re-sends the same
batch with the same client keys. Afterwards each of the 1000 items must be
stored exactly once, completely: the case, its requester, its items, its
declaration, its history and its idempotency record.

The server here creates the batch in chunks of 250 items, one transaction
each (``BATCH_CHUNK``; a deployment may choose chunks smaller than the default
of a whole batch to hold SQLite's write lock for less), so that the kill can
land after some chunks are committed and before the last one is: the re-send
must then replay the stored items and create only the others.

With the default chunk (the whole batch in one transaction) the kill is aimed
into that transaction from outside: while the server holds SQLite's write lock
(another connection cannot ``BEGIN IMMEDIATE``) for longer than any small write
takes, it is writing the batch; killed then, nothing of the batch may remain.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow

BATCH = 1000
#: Items per transaction in the killed server: four chunks, so that a kill can fall between two of them.
CHUNK = 250
URLS_PER_ITEM = 2
#: Nothing here may take longer than this (seconds), whatever the machine.
CAP = 240

CHECK_DATABASE = """
import json
from rightsdesk.cases.models import Case
from rightsdesk.intake.models import Declaration, Submission
subs = list(Submission.objects.values_list("client_key", "case_id", "case__description"))
cases = {}
for case in Case.objects.all():
    cases[case.pk] = {
        "description": case.description,
        "parties": case.parties.count(),
        "requesters": case.parties.filter(role="requester").exclude(email="").count(),
        "items": case.items.count(),
        "history": case.history.count(),
        "declaration": Declaration.objects.filter(case=case).exists(),
    }
print(json.dumps({"submissions": subs, "cases": cases}))
"""


def item(n: int) -> dict:
    key = f"batch-key-{n:04d}"
    return {
        "kind": "copyright_notice", "client_key": key,
        "description": f"Item {key}: our photograph is shown without a licence.",
        "copyrighted_work": f"Photograph number {n} by Acme Photo",
        "urls": [f"https://commons.wikimedia.org/wiki/File:Harbour_{n}_{u}.jpg" for u in range(URLS_PER_ITEM)],
        "name": "Pat Agent", "email": "pat@acme.example", "good_faith": True, "accuracy_statement": True,
        "signature": "Pat Agent",
    }


def post_batch(url: str, token: str, items: list[dict], timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{url}/api/v1/cases/batch", data=json.dumps({"items": items}).encode(), method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"{}")


def send_in_background(instance, token: str, items: list[dict]) -> tuple[threading.Thread, dict]:
    """The client's batch, sent from a thread; ``answer`` gets its status and body, or the error of a dead server."""
    answer = {}

    def send():
        try:
            answer["status"], answer["body"] = post_batch(instance.url, token, items, timeout=CAP)
        except Exception as exc:  # the connection dies with the server: that is the point
            answer["error"] = repr(exc)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    return sender, answer


def stored_submissions(database) -> int:
    """Count committed idempotency records, reading the SQLite file as another process would."""
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM intake_submission").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def write_lock_is_held(database) -> bool:
    """Whether another connection (the server) is inside a write transaction: this one cannot begin one."""
    db = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:  # "database is locked"
        return True
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.close()
    return False


def assert_each_stored_item_is_complete(state: dict) -> set[str]:
    subs, cases = state["submissions"], state["cases"]
    keys = [key for key, _case, _d in subs]
    assert len(keys) == len(set(keys)), "a client key has two idempotency records"
    linked = {case_id for _key, case_id, _d in subs}
    assert len(linked) == len(subs), "two idempotency records point at the same case"
    # No case without its idempotency record: a case the client cannot find would be created again.
    orphans = set(map(int, cases)) - linked
    assert not orphans, f"{len(orphans)} case(s) were stored without their idempotency record"
    for key, case_id, description in subs:
        case = cases[str(case_id)]
        assert key in description, f"{key} points at someone else's case"
        assert case["requesters"] == 1 and case["parties"] == 1, f"{key}: requester missing ({case})"
        assert case["items"] == URLS_PER_ITEM, f"{key}: {case['items']} of {URLS_PER_ITEM} items stored"
        assert case["history"] >= 1, f"{key}: no history entry"
        assert case["declaration"], f"{key}: the signed declaration is missing"
    return set(keys)


def test_a_batch_interrupted_by_kill_9_is_all_or_nothing_per_item_and_a_resend_doubles_nothing(instance):
    started = time.monotonic()
    token = instance.create_token("Acme Rights Agency")
    items = [item(n) for n in range(BATCH)]
    instance.extra_env["RIGHTSDESK_TEST_BATCH_CHUNK"] = str(CHUNK)
    instance.start()

    sender, answer = send_in_background(instance, token, items)
    # Kill as soon as the first chunk is committed and before the last one is.
    seen = 0
    while time.monotonic() - started < CAP and sender.is_alive():
        seen = stored_submissions(instance.database)
        if seen:
            break
        time.sleep(0.01)
    assert sender.is_alive(), f"the batch finished before the kill could interrupt it: {answer.get('status')}"
    assert 0 < seen < BATCH, f"{seen} items were stored when the server was to be killed"
    assert seen % CHUNK == 0, f"{seen} items were visible: a chunk was committed in part"
    instance.kill()
    sender.join(timeout=30)
    assert "error" in answer, "the client got an answer from a killed server"

    before = instance.query(CHECK_DATABASE)
    stored_before = assert_each_stored_item_is_complete(before)
    assert 0 < len(stored_before) < BATCH, f"the kill was not in the middle: {len(stored_before)} stored"
    instance.manage("audit", "verify")  # the hash chains survived the kill (exits non-zero otherwise)

    # The client re-sends the same batch after the restart.
    instance.start()
    status, body = post_batch(instance.url, token, items, timeout=CAP)
    assert status == 200, body
    by_status = {}
    for result in body["results"]:
        by_status.setdefault(result["status"], set()).add(result["client_key"])
    assert by_status.get("replayed", set()) == stored_before
    assert by_status.get("created", set()) == {i["client_key"] for i in items} - stored_before
    assert body["failed"] == 0

    # And once more: everything is now a replay.
    status, again = post_batch(instance.url, token, items, timeout=CAP)
    assert status == 200 and again["replayed"] == BATCH and again["created"] == 0
    instance.stop()

    after = instance.query(CHECK_DATABASE)
    stored_after = assert_each_stored_item_is_complete(after)
    assert stored_after == {i["client_key"] for i in items}
    assert len(after["cases"]) == BATCH, "a case was doubled"
    instance.manage("audit", "verify")
    elapsed = time.monotonic() - started
    assert elapsed < CAP, f"the kill test took {elapsed:.0f} s"
    print(f"\nkill test: {len(stored_before)} of {BATCH} items stored before kill -9, "
          f"{BATCH - len(stored_before)} created on re-send, 0 doubled, {elapsed:.1f} s")


#: How long the write lock must be seen held, without a break, before the kill (seconds): far longer than a small
#: write (a token's "last used", a rate count: about a millisecond), far shorter than writing 1000 cases.
HELD = 0.03


def test_a_whole_batch_in_one_transaction_killed_inside_it_leaves_nothing_and_the_resend_creates_every_item(instance):
    started = time.monotonic()
    token = instance.create_token("Acme Rights Agency")
    items = [item(n) for n in range(BATCH)]
    instance.start()  # the default chunk: the whole batch, one transaction

    sender, answer = send_in_background(instance, token, items)
    held_since = None
    while time.monotonic() - started < CAP and sender.is_alive():
        if write_lock_is_held(instance.database):
            held_since = held_since or time.monotonic()
            if time.monotonic() - held_since >= HELD:
                break
        else:
            held_since = None
        time.sleep(0.002)
    assert sender.is_alive(), f"the batch finished before the kill could interrupt it: {answer.get('status')}"
    instance.kill()
    sender.join(timeout=30)
    assert "error" in answer, "the client got an answer from a killed server"

    before = instance.query(CHECK_DATABASE)
    assert before == {"submissions": [], "cases": {}}, (
        f"killed inside the batch's transaction, {len(before['submissions'])} item(s) and {len(before['cases'])} "
        f"case(s) remained")
    instance.manage("audit", "verify")  # the hash chains survived the kill (exits non-zero otherwise)

    instance.start()
    status, body = post_batch(instance.url, token, items, timeout=CAP)
    assert status == 200, body
    assert body["created"] == BATCH and body["replayed"] == 0 and body["failed"] == 0
    status, again = post_batch(instance.url, token, items, timeout=CAP)
    assert status == 200 and again["replayed"] == BATCH and again["created"] == 0
    instance.stop()

    after = instance.query(CHECK_DATABASE)
    assert assert_each_stored_item_is_complete(after) == {i["client_key"] for i in items}
    assert len(after["cases"]) == BATCH, "a case was doubled"
    instance.manage("audit", "verify")
    elapsed = time.monotonic() - started
    assert elapsed < CAP, f"the kill test took {elapsed:.0f} s"
