"""Fixtures of the open data tests: the transparency fixtures (decided and published cases), a data directory of
its own, and a local fake of Lumen's notice-submission API served over real HTTP."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.transparency.conftest import approver, decided_case, publish, publish_all, reviewer, utc  # noqa: F401


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    settings.RIGHTSDESK_OPENDATA = {**settings.RIGHTSDESK_OPENDATA, "DATA_DIR": str(tmp_path / "opendata")}
    return tmp_path / "opendata"


class FakeLumen:
    """Just enough of Lumen's ``POST /notices``: 401 for a wrong token, 422 with an error list for a notice Lumen
    refuses, ``fail_next`` answers with ``fail_status`` (500), ``stall_next`` sleeps past the client's timeout,
    201 with the new notice's id and a Location header otherwise."""

    def __init__(self, token="lumen-test-token"):
        self.token = token
        self.stored: list[dict] = []
        self.requests: list[dict] = []
        self.fail_next = 0
        self.fail_status = 500
        self.stall_next = 0
        self.refuse_titles: set[str] = set()
        self.lock = threading.Lock()

    def handle(self, headers, body: bytes):
        with self.lock:
            payload = json.loads(body or b"{}")
            self.requests.append({"token": headers.get("X-Authentication-Token", ""), "payload": payload,
                                  "content_type": headers.get("Content-Type", ""), "body": body})
            if headers.get("X-Authentication-Token") != self.token:
                return 401, {"error": "You need to sign in or sign up before continuing."}, {}
            if self.fail_next > 0:
                self.fail_next -= 1
                return self.fail_status, {"error": "Internal Server Error"}, {}
            notice = payload.get("notice", {})
            if notice.get("title") in self.refuse_titles:
                return 422, ["Works attributes is invalid", "Title has already been taken"], {}
            self.stored.append(notice)
            new_id = 90000 + len(self.stored)
            return 201, {"id": new_id, "title": notice.get("title")}, {"Location": f"/notices/{new_id}"}


@pytest.fixture
def fake_lumen(settings):
    api = FakeLumen()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            if api.stall_next > 0:
                api.stall_next -= 1
                import time

                time.sleep(1.5)
                return
            if self.path != "/notices":
                status, out, extra = 404, {"error": "Not found"}, {}
            else:
                status, out, extra = api.handle(self.headers, body)
            data = json.dumps(out).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in extra.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    settings.RIGHTSDESK_LUMEN = {"URL": api.url, "TOKEN": api.token, "TIMEOUT": 0.5, "MAX_ATTEMPTS": 6}
    yield api
    server.shutdown()
    server.server_close()
