"""Bulk intake: copyright notices through the real API, against a raw insert of the same rows (the floor).

The measured path is everything an agent's batch goes through in production:
Django's middleware, ninja's parsing, the bearer token, each item's schema and
kind rules, the idempotency lookup of client keys, ``create_case`` with its
parties, items and hash-chained history, the Submission record, and the
JSON answer. It is driven with ``django.test.Client`` (the WSGI handler in
this process, no sockets) so the figure is the application's cost, not the
network's. The process is warmed up and its heap frozen first, as
``rightsdesk serve`` does before it listens.

The floor is the cheapest way to put the same notices in ``cases_case``:
one ``executemany`` per batch of pre-built rows in one transaction. The
ratio says how much of the floor the real path keeps.
"""

from __future__ import annotations

import contextlib
import json
import random
import time

from django.db import connection, transaction
from django.test import Client

from rightsdesk.cases import choices as c

from .datagen import Table, Writer, reference_for

AGENCY = "Bench Rights Agency"


def notice_payload(rng: random.Random, n: int, run: str) -> dict:
    """One copyright notice as an agent's system sends it (like tests/intake's VALID_COPYRIGHT, varied)."""
    work = f"Photograph 'Harbour at dawn no. {n}' by Acme Photo, {2000 + n % 25}"
    urls = [f"https://commons.wikimedia.org/wiki/File:Harbour_{n}_{k}.jpg" for k in range(1 + (n % 3 == 0))]
    return {
        "kind": c.Kind.COPYRIGHT_NOTICE, "client_key": f"{run}-{n}",
        "description": f"Our photograph no. {n} is shown on this page without a licence. "
                       f"We own the exclusive rights; reference {rng.randrange(10**9)}.",
        "copyrighted_work": work, "urls": urls, "name": "Pat Agent", "email": "pat@acme.example",
        "organisation": "Acme Photo Ltd", "requester_type": "company", "country": "US",
        "good_faith": True, "accuracy_statement": True, "signature": "Pat Agent",
    }


def _api_token():
    from rightsdesk.accounts.models import ApiToken, Organisation

    organisation, _ = Organisation.objects.get_or_create(
        name=AGENCY, defaults={"contact_email": "notices@agency.example", "requester_type": "company"})
    _token, raw = ApiToken.issue(organisation, label="bench")
    return raw, organisation


def _api_client():
    raw, organisation = _api_token()
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}"), organisation


def _post(client: Client, body: bytes) -> dict:
    response = client.post("/api/v1/cases/batch", body, content_type="application/json")
    if response.status_code != 200:
        raise RuntimeError(f"/api/v1/cases/batch answered {response.status_code}: {response.content[:500]!r}")
    return response.json()


def _floor_rows(batch: list[dict], first_id: int, w: Writer, table: Table, description: str,
                organisations: dict[str, str]) -> list[tuple]:
    """cases_case rows for the same notices, built before the clock starts.

    The encrypted columns get real ciphertexts made once beforehand (the floor is the insert, not the
    encryption): ``description`` is one sealed description, ``organisations`` maps each organisation to its
    ciphertext. The title is the neutral one create_case gives these notices (they carry no typed subject).
    """
    from datetime import datetime

    from rightsdesk.cases.services import neutral_title

    now = datetime.utcnow().replace(microsecond=0)
    title = neutral_title(c.Kind.COPYRIGHT_NOTICE, "commons.wikimedia.org", now)
    rows = []
    for offset, item in enumerate(batch):
        case_id = first_id + offset
        rows.append(table.row({
            "id": case_id, "reference": reference_for(case_id, now.year) + "F", "kind": item["kind"],
            "content_ground": c.ContentGround.COPYRIGHT, "dsa_category": c.DsaCategory.INTELLECTUAL_PROPERTY_INFRINGEMENTS,
            "state": c.State.RECEIVED, "source": c.Source.API, "requester_type": item["requester_type"],
            "requester_organisation": organisations[item["organisation"]], "country": item["country"],
            "law_invoked": "17 U.S.C. 512(c)", "subject": title, "description": description,
            "received_at": w.dt(now), "created_at": w.dt(now), "updated_at": w.dt(now),
        }))
    return rows


def _timed_transactions(batches: list, write) -> tuple[float, float]:
    """Wall and CPU seconds of ``write(batch)`` for each batch, a transaction each: the floors' clock."""
    seconds = cpu = 0.0
    for batch in batches:
        started, cpu_started = time.perf_counter(), time.process_time()
        with transaction.atomic():
            write(batch)
        seconds += time.perf_counter() - started
        cpu += time.process_time() - cpu_started
    return seconds, cpu


def run(*, batches: int = 3, batch_size: int = 1000, seed: int = 11, profile_dir=None) -> dict:
    from rightsdesk.core import checkpoints
    from rightsdesk.core.warmup import prepare_process

    # The process is prepared as `rightsdesk serve` prepares its own before it listens (core.warmup): without the
    # frozen heap, full collections walking the whole application took a fifth of a batch's CPU. On SQLite its
    # connections then leave the log's checkpoints to a thread (core.checkpoints), until the measure is done.
    prepare_process()
    options = dict(connection.settings_dict.get("OPTIONS", {}))
    keeper = checkpoints.take_over(connection.settings_dict)
    connection.close()  # the next connection is opened as the server's are
    try:
        return _run(batches=batches, batch_size=batch_size, seed=seed, profile_dir=profile_dir)
    finally:
        if keeper is not None:
            keeper.stop.set()
            keeper.thread.join(10)
            connection.settings_dict["OPTIONS"] = options
            connection.close()


def _run(*, batches: int, batch_size: int, seed: int, profile_dir) -> dict:
    from rightsdesk.cases.models import Case
    from rightsdesk.privacy import crypto

    rng = random.Random(seed)
    run_id = f"bench{int(time.time())}"
    payloads = [[notice_payload(rng, b * batch_size + i, run_id) for i in range(batch_size)] for b in range(batches)]
    bodies = [json.dumps({"items": batch}).encode() for batch in payloads]
    client, _organisation = _api_client()

    # Warm up: imports, URL resolution and the first queries are not what a steady stream of batches costs.
    warm = [notice_payload(rng, i, run_id + "w") for i in range(5)]
    _post(client, json.dumps({"items": warm}).encode())

    # 1. The real path.
    profiler = _profiler(profile_dir)
    api_seconds, api_cpu, created = 0.0, 0.0, 0
    per_batch = []
    references: list[list[str]] = []
    for index, body in enumerate(bodies):
        if profiler and index == 0:
            profiler.start()
        started, cpu = time.perf_counter(), time.process_time()
        answer = _post(client, body)
        elapsed = time.perf_counter() - started
        api_cpu += time.process_time() - cpu
        if profiler and index == 0:
            profiler.stop()
            _write_profile(profiler, profile_dir, "intake_batch")
        if answer["created"] != len(payloads[index]):
            raise RuntimeError(f"batch {index}: {answer['created']} created, {answer['failed']} failed: "
                               f"{[r['errors'] for r in answer['results'] if r['errors']][:3]}")
        api_seconds += elapsed
        created += answer["created"]
        per_batch.append(round(elapsed, 4))
        references.append([r["reference"] for r in answer["results"]])

    # 2. A retried batch: every item answered from its Submission record.
    started = time.perf_counter()
    replay = _post(client, bodies[0])
    replay_seconds = time.perf_counter() - started
    if replay["replayed"] != len(payloads[0]):
        raise RuntimeError(f"replay: {replay['replayed']} of {len(payloads[0])} replayed")

    # 3. The floor: the same rows straight into cases_case, a transaction per batch.
    w = Writer()
    table = Table(Case)
    sealed = crypto.encrypt(payloads[0][0]["description"])
    organisations = {org: crypto.encrypt(org) for org in {item["organisation"] for batch in payloads for item in batch}}
    first = w.next_id(table) + 1000
    floor_rows = []
    for index, batch in enumerate(payloads):
        floor_rows.append(_floor_rows(batch, first + index * batch_size, w, table, sealed, organisations))
    floor_seconds, floor_cpu = _timed_transactions(floor_rows, lambda rows: w.insert(table, rows))
    last = first + batches * batch_size
    with transaction.atomic(), connection.cursor() as cursor:  # the floor rows have nothing hanging off them
        cursor.execute("DELETE FROM cases_case WHERE id >= %s AND id < %s", [first, last])

    # 4. The floor of the same rows: copies of every row the API wrote for these notices, in all six tables.
    same = _same_rows_floor(references, w)

    api_rate = created / api_seconds if api_seconds else 0.0
    floor_rate = created / floor_seconds if floor_seconds else 0.0
    return {
        "notices": created, "batches": batches, "batch_size": batch_size,
        "api": {"seconds": round(api_seconds, 3), "notices_per_s": round(api_rate, 1), "per_batch_seconds": per_batch,
                "cpu_seconds": round(api_cpu, 3),
                "notices_per_cpu_s": round(created / api_cpu, 1) if api_cpu else None},
        "replay": {"seconds": round(replay_seconds, 3),
                   "notices_per_s": round(len(payloads[0]) / replay_seconds, 1) if replay_seconds else 0.0},
        "floor": {"seconds": round(floor_seconds, 4), "notices_per_s": round(floor_rate, 1),
                  "cpu_seconds": round(floor_cpu, 4),
                  "notices_per_cpu_s": round(created / floor_cpu, 1) if floor_cpu else None,
                  "what": "the same notices' rows of cases_case only, one executemany (SQLite) or COPY (PostgreSQL) "
                          "per batch, a transaction each"},
        "same_rows_floor": same,
        "ratio_to_same_rows_floor": round(api_rate / same["notices_per_s"], 4) if same["notices_per_s"] else None,
        "ratio_to_floor": round(api_rate / floor_rate, 4) if floor_rate else None,
        # The same share by CPU time, steadier than wall time when other processes share the cores.
        "ratio_to_floor_cpu": round(floor_cpu / api_cpu, 4) if api_cpu and floor_cpu else None,
        "process": "warmed up and its heap frozen first, and on SQLite the log's checkpoints left to a thread, as "
                   "rightsdesk serve does (core.warmup, core.checkpoints)",
        "load_average_at_end": _load_average(),
    }


def servers(*, count: int = 2, batches_per_server: int = 3, batch_size: int = 1000, seed: int = 12) -> dict:
    """The same batches through ``count`` app servers at once: ``rightsdesk serve`` processes on one database, as in
    production (docs/operations.md), each sent its batches back to back by its own client thread over HTTP.

    On a 2-core machine two servers use both cores; what they cannot do side by side is write (SQLite has one
    writer at a time: the checks of a chunk run before its transaction, intake/bulk.py). The figure is notices
    stored per second of wall time, from the moment every client starts to the last answer; the answers are read
    and checked after the clock stops. The client threads share the cores with the servers.
    """
    import http.client
    import threading

    from .http_load import Server, process_cpu_seconds

    rng = random.Random(seed)
    run_id = f"servers{int(time.time())}"
    raw, _organisation = _api_token()
    headers = {"Authorization": f"Bearer {raw}", "Content-Type": "application/json", "Host": "127.0.0.1"}
    bodies = [[json.dumps({"items": [notice_payload(rng, (k * batches_per_server + b) * batch_size + i, run_id)
                                     for i in range(batch_size)]}).encode()
               for b in range(batches_per_server)] for k in range(count)]
    answers: list[list[tuple[int, bytes]]] = [[] for _ in range(count)]

    def post(conn, body: bytes) -> tuple[int, bytes]:
        conn.request("POST", "/api/v1/cases/batch", body, headers)
        response = conn.getresponse()
        return response.status, response.read()

    with contextlib.ExitStack() as stack:
        running = [stack.enter_context(Server(threads=2)) for _ in range(count)]
        connections = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=600) for server in running]
        for k, conn in enumerate(connections):  # warm-up: the first request of a process imports and connects
            status, body = post(conn, json.dumps({"items": [notice_payload(rng, i, f"{run_id}w{k}")
                                                            for i in range(5)]}).encode())
            if status != 200:
                raise RuntimeError(f"server {k} answered {status}: {body[:300]!r}")
        cpu_before = [process_cpu_seconds(server.process.pid) for server in running]
        start = threading.Barrier(count + 1)

        def client(k: int) -> None:
            start.wait()
            for body in bodies[k]:
                answers[k].append(post(connections[k], body))

        threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(count)]
        for t in threads:
            t.start()
        start.wait()
        started = time.perf_counter()
        for t in threads:
            t.join()
        seconds = time.perf_counter() - started
        cpu_after = [process_cpu_seconds(server.process.pid) for server in running]
        for conn in connections:
            conn.close()

    created = 0
    for k, server_answers in enumerate(answers):
        for b, (status, body) in enumerate(server_answers):
            answer = json.loads(body) if status == 200 else {}
            if status != 200 or answer["created"] != batch_size:
                raise RuntimeError(f"server {k}, batch {b}: {status} {body[:300]!r}")
            created += answer["created"]
    server_cpu = (sum(a - b for a, b in zip(cpu_after, cpu_before))
                  if None not in cpu_before and None not in cpu_after else None)
    return {
        "servers": count, "batches_per_server": batches_per_server, "batch_size": batch_size, "notices": created,
        "seconds": round(seconds, 3), "notices_per_s": round(created / seconds, 1) if seconds else 0.0,
        "server_cpu_seconds": round(server_cpu, 3) if server_cpu is not None else None,
        "notices_per_server_cpu_s": round(created / server_cpu, 1) if server_cpu else None,
        "what": f"{count} `rightsdesk serve` processes (waitress, 2 threads each) on the bench database, one HTTP "
                f"client thread each sending its batches back to back",
        "load_average_at_end": _load_average(),
    }


#: The tables an API notice is stored in, with the column that ties a row to its case.
def _notice_tables():
    from rightsdesk.cases.models import Case, CaseHistory, Party, TargetItem
    from rightsdesk.intake.models import Declaration, Submission

    return [(Case, "id"), (Party, "case_id"), (TargetItem, "case_id"), (CaseHistory, "case_id"),
            (Submission, "case_id"), (Declaration, "case_id")]


def _same_rows_floor(references: list[list[str]], w: Writer) -> dict:
    """Insert copies of every row the API stored for each batch (case, parties, items, history, submission record,
    declaration), one executemany or COPY per table and a transaction per batch, as the bulk writer does; then
    delete them. The rows are read and re-keyed before the clock starts (new case ids and references, the client
    keys marked; the other tables' ids are left to the database, as the bulk writer leaves them). This is the
    cheapest way to store the same notices; the share of it that the API keeps says what checking, sealing and
    answering cost beyond the writes themselves."""
    from rightsdesk.cases.models import Case

    tables = [(Table(model), key) for model, key in _notice_tables()]
    first = w.next_id(tables[0][0]) + 1000
    prepared, new_ids = [], []
    for batch_refs in references:
        with connection.cursor() as cursor:
            ids = list(Case.objects.filter(reference__in=batch_refs).order_by("id").values_list("id", flat=True))
            id_map = {old: first + len(new_ids) + k for k, old in enumerate(ids)}
            new_ids.extend(id_map.values())
            batch = []
            for table, key in tables:
                columns = table.columns if key == "id" else [c for c in table.columns if c != "id"]
                cast = "::text" if w.vendor == "postgresql" else ""  # COPY takes each value as text
                select = ", ".join(f'"{c}"{cast}' for c in columns)
                marks = ", ".join(["%s"] * len(ids))
                cursor.execute(f'SELECT {select} FROM "{table.name}" WHERE "{key}" IN ({marks}) ORDER BY "id"', ids)
                at = columns.index(key)
                ref = columns.index("reference") if "reference" in columns else None
                client = columns.index("client_key") if "client_key" in columns else None
                rows = []
                for row in cursor.fetchall():
                    row = list(row)
                    row[at] = id_map[int(row[at])]
                    if ref is not None:
                        row[ref] = reference_for(row[at], 2026) + "S"
                    if client is not None:
                        row[client] = row[client] + "~floor"
                    rows.append(tuple(row))
                batch.append((table, columns, rows))
        prepared.append(batch)

    def write(batch) -> None:
        for table, columns, rows in batch:
            w.insert(table, rows, columns)

    seconds, cpu = _timed_transactions(prepared, write)
    notices = len(new_ids)
    with transaction.atomic(), connection.cursor() as cursor:
        marks = ", ".join(["%s"] * len(new_ids))
        for table, key in reversed(tables):
            cursor.execute(f'DELETE FROM "{table.name}" WHERE "{key}" IN ({marks})', new_ids)
    return {"notices": notices, "rows": sum(len(rows) for batch in prepared for _t, _c, rows in batch),
            "seconds": round(seconds, 4), "notices_per_s": round(notices / seconds, 1) if seconds else 0.0,
            "cpu_seconds": round(cpu, 4),
            "what": "copies of all the rows the API stored for the same notices (cases, parties, items, history, "
                    "submission records, declarations), one executemany (SQLite) or COPY (PostgreSQL) per table "
                    "per batch, a transaction each"}


def _load_average():
    import os

    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _profiler(profile_dir):
    if not profile_dir:
        return None
    try:
        from pyinstrument import Profiler
    except ImportError:
        return None
    return Profiler(interval=0.002)


def _write_profile(profiler, profile_dir, name: str) -> None:
    from pathlib import Path

    path = Path(profile_dir)
    path.mkdir(parents=True, exist_ok=True)
    (path / f"{name}.txt").write_text(profiler.output_text(color=False, show_all=False))
    (path / f"{name}.html").write_text(profiler.output_html())
    (path / f"{name}.full.txt").write_text(profiler.output_text(color=False, show_all=True))
