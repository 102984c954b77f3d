"""Fixtures for the public notice log and the exports: decided cases, published notices, a fake EU DSA API."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta, timezone as dt_timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.cases.models import Case
from rightsdesk.cases.services import update_item


@pytest.fixture
def decided_case(make_case):
    """decided_case(kind=..., outcome=..., actions=[...], **fields) -> a closed case whose items carry actions."""

    def make(kind=c.Kind.CONTENT_TAKEDOWN, *, outcome=c.Outcome.REJECTED, actions=None, decided_at=None, **fields):
        fields.setdefault("decision_summary", "Refused: the content is lawful and in the public interest.")
        case = make_case(kind, state=c.State.CLOSED, **fields)
        decided = decided_at or case.received_at + timedelta(days=3)
        Case.objects.filter(pk=case.pk).update(outcome=outcome, decided_at=decided, closed_at=decided)
        for item, action in zip(case.items.all(), actions or [c.Action.NO_ACTION] * case.items.count()):
            update_item(item, {"action": action, "ground": "Terms of Use", "reason": "Reviewed by a person."}, "test")
        case.refresh_from_db()
        return case

    return make


def publish_all() -> int:
    """Publish the reviewed public record of every decided case waiting for one; returns how many.

    Statements of reasons and placeholders are built only from approved public records; tests of those
    exports publish first, as staff do in the redaction editor (here without a person, as imports do).
    """
    from rightsdesk.transparency import publishing

    cases = list(publishing.redaction_queue())
    for case in cases:
        publishing.publish_as_system(case, "test")
    return len(cases)


@pytest.fixture
def approver(make_staff):
    return make_staff("legal approver")


@pytest.fixture
def reviewer(make_staff):
    return make_staff("reviewer")


@pytest.fixture
def publish(approver):
    """publish(case) -> the notice, with the redaction proposed, approved and published by a legal approver."""
    from rightsdesk.transparency import publishing

    def run(case):
        review = publishing.propose_redaction(case, approver)
        publishing.approve_redaction(review, approver)
        return publishing.publish(case, approver)

    return run


# --------------------------------------------------------------------------- a fake EU Transparency Database


class FakeDsaApi:
    """Just enough of POST /api/v1/statements to test the client against the documented behaviour.

    - 401 unless "Authorization: Bearer <token>";
    - 422 for an empty batch or more than 100 statements, for statements missing a puid, and for
      duplicate puids (errors keyed statement_<index>, "existing" listing the stored ones);
    - ``fail_next`` answers the next N requests with ``fail_status`` (503 by default) to test retries;
    - 201 with the stored records otherwise.
    """

    def __init__(self, token="test-token"):
        self.token = token
        self.stored: dict[str, dict] = {}
        self.requests: list[dict] = []
        self.fail_next = 0
        self.fail_status = 503
        self.lock = threading.Lock()

    def handle(self, headers, body: bytes):
        with self.lock:
            try:
                payload = json.loads(body or b"{}")
            except ValueError:
                payload = {}
            statements = payload.get("statements") if isinstance(payload, dict) else None
            self.requests.append({"count": len(statements) if isinstance(statements, list) else None,
                                  "auth": headers.get("Authorization", "")})
            if headers.get("Authorization") != f"Bearer {self.token}":
                return 401, {"message": "Unauthenticated."}
            if self.fail_next > 0:
                self.fail_next -= 1
                return self.fail_status, {"message": "Service unavailable"}
            if not isinstance(statements, list) or not 1 <= len(statements) <= 100:
                return 422, {"message": "statements must hold 1 to 100 items", "errors": {"statements": ["size"]}}
            errors, existing = {}, []
            for index, statement in enumerate(statements):
                puid = statement.get("puid") if isinstance(statement, dict) else None
                if not puid:
                    errors[f"statement_{index}"] = {"puid": ["The puid field is required."]}
                elif puid in self.stored:
                    errors[f"statement_{index}"] = {"puid": ["The identifier given is not unique within this platform."]}
                    existing.append({"puid": puid, "uuid": self.stored[puid]["uuid"]})
            if errors:
                body = {"message": "The given data was invalid.", "errors": errors}
                if existing:
                    body["existing"] = existing
                return 422, body
            out = []
            for statement in statements:
                record = {**statement, "uuid": f"uuid-{len(self.stored) + 1}", "platform_name": "Test platform"}
                self.stored[statement["puid"]] = record
                out.append(record)
            return 201, {"statements": out}


@pytest.fixture
def fake_dsa():
    """A FakeDsaApi served on 127.0.0.1; .url is the endpoint to configure."""
    api = FakeDsaApi()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            if self.path != "/api/v1/statements":
                status, body = 404, {"message": "Not found"}
            else:
                length = int(self.headers.get("Content-Length") or 0)
                status, body = api.handle(self.headers, self.rfile.read(length))
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield api
    server.shutdown()
    server.server_close()


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=dt_timezone.utc)
