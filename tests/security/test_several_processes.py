"""Two `rightsdesk serve` processes and two task workers on one PostgreSQL stay correct together.

What a second app server or worker could break, each checked under concurrent load from both servers:

- the per-address limit on public posts counts across servers (RIGHTSDESK_SHARED_CACHE=1): exactly the limit gets
  through, not twice the limit;
- two reviewers claiming the same cases at the same moment through different servers: every case ends with exactly one
  claim, the loser is told (409), no claim is lost;
- every task (the receipts of the accepted posts) is run exactly once, by one of the two workers;
- one agent's API batch sent four times at once through both servers: each client key stored once, every answer
  "created" or "replayed" with the same reference (the bulk writer finds keys stored before when its insert is
  refused, ``intake.submissions._create_chunk``);
- the audit chain written by all of them has no broken link (`rightsdesk audit verify`).
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.db import connection

from .pgtools import fresh_database, primary_url
from .serverproc import RIGHTSDESK, Instance

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(connection.vendor != "postgresql",
                                 reason="several servers share one PostgreSQL; SQLite is the one-machine database")]

LIMIT = 8
POSTS = 24
CASES = 12

SETUP = """
import json
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import Group, User
from django.contrib.sessions.backends.db import SessionStore
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from rightsdesk.accounts.models import ApiToken, Organisation
from rightsdesk.cases import choices as c
from rightsdesk.cases import services

agent = Organisation.objects.create(name="Acme Rights", requester_type="company")
_token, api_token = ApiToken.issue(agent, label="several processes")
sessions = []
for name in ("ana", "ben"):
    user = User.objects.create_user(name, f"{name}@staff.invalid", "correct horse battery staple", is_staff=True)
    user.groups.set(Group.objects.filter(name="reviewer"))
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    store = SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY], store[DEVICE_ID_SESSION_KEY] = user.get_session_auth_hash(), device.persistent_id
    store.create()
    sessions.append(store.session_key)
references = [services.create_case(fields={"kind": c.Kind.CONTENT_TAKEDOWN, "description": f"Case {n}",
                                                                  "subject": "Takedown", "country": "DE",
                                                                  "requester_type": c.RequesterType.INDIVIDUAL},
                                   parties=[{"role": c.PartyRole.REQUESTER, "name": "R", "email": "r@example.org"}],
                                   items=[{"url": f"https://en.wikipedia.org/wiki/P{n}"}]).reference
              for n in range(%d)]
print(json.dumps({"sessions": sessions, "references": references, "api_token": api_token}))
""" % CASES

#: The client keys the batch sent at once through both servers stored (key -> references of its cases).
STORED_KEYS = """
import json
from rightsdesk.intake.models import Submission
stored = {}
for s in Submission.objects.filter(organisation__name="Acme Rights").select_related("case"):
    stored.setdefault(s.client_key, []).append(s.case.reference)
print(json.dumps(stored))
"""

OUTCOME = """
import json
from django_tasks_db.models import DBTaskResult
from rightsdesk.cases.models import Case
from rightsdesk.review.models import Assignment
tasks = list(DBTaskResult.objects.filter(task_path__endswith="send_receipt").values("status", "worker_ids"))
claims = {}
for a in Assignment.objects.filter(kind=Assignment.Kind.CLAIM).select_related("case"):
    claims.setdefault(a.case.reference, []).append(a.assignee_id)
print(json.dumps({
    "cases": Case.objects.filter(kind="harm_report").count(),
    "tasks": tasks,
    "claims": claims,
    "assigned": {c.reference: c.assigned_to_id for c in Case.objects.filter(kind="content_takedown")},
}))
"""


class Browser:
    """A cookie jar and the CSRF dance, as a browser does it, against one server."""

    def __init__(self, base: str, session_key: str | None = None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if session_key:
            self.jar.set_cookie(http.cookiejar.Cookie(
                0, "sessionid", session_key, None, False, "127.0.0.1", False, False, "/", True, False, None, False,
                None, None, {}))

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, fields: dict, form_path: str | None = None) -> int:
        html = self.get(form_path or path)
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
        data = urlencode({**hidden, **fields}).encode()
        request = urllib.request.Request(self.base + path, data=data, headers={"Referer": self.base + path})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def cluster(tmp_path):
    with fresh_database("rd_several") as name:
        env = {"DATABASE_URL": primary_url(name), "RIGHTSDESK_SHARED_CACHE": "1",
               "RIGHTSDESK_TEST_RATE_LIMIT": str(LIMIT)}
        servers = [Instance(tmp_path / f"server{n}") for n in (1, 2)]
        for server in servers:
            server.extra_env = dict(env)
        servers[0].manage("migrate", "--verbosity", "0", timeout=600)
        setup = json.loads(servers[0].manage("shell", "-c", SETUP).stdout.strip().splitlines()[-1])
        workers = []
        try:
            for server in servers:
                server.start()
            workers = [subprocess.Popen([str(RIGHTSDESK), "db_worker", "--interval", "0.2", "--no-startup-delay",
                                         "--worker-id", f"worker-{n}"], env=servers[n].env(), cwd=servers[n].home,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
                       for n in (0, 1)]
            yield servers, setup
        finally:
            for worker in workers:
                worker.terminate()
                worker.wait(timeout=30)
            for server in servers:
                server.kill()


def test_two_servers_and_two_workers_keep_limits_claims_tasks_and_the_audit_chain_right(cluster):
    servers, setup = cluster

    # The rate limit counts across both servers: POSTS attempts from one address, LIMIT accepted.
    def send(n: int) -> int:
        browser = Browser(servers[n % 2].url)
        return browser.post("/en/request/harm-report/", {
            "harm_category": "harassment", "description": f"Someone follows me (report {n}).",
            "urls": "https://en.wikipedia.org/wiki/Example", "email": f"person{n}@example.org"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(send, range(POSTS)))
    accepted = [s for s in statuses if s == 200]  # the redirect to the receipt is followed
    refused = [s for s in statuses if s == 429]
    assert len(accepted) == LIMIT and len(refused) == POSTS - LIMIT, statuses

    # Two reviewers claim every case at once, one through each server.
    ana, ben = (Browser(servers[n].url, setup["sessions"][n]) for n in (0, 1))
    for who in (ana, ben):
        who.get("/en/staff/")  # the CSRF cookie first, as a browser has it before it opens several tabs

    def claim(args) -> int:
        browser, reference = args
        return browser.post(f"/en/staff/cases/{reference}/claim/", {}, form_path=f"/en/staff/cases/{reference}/")

    jobs = [(who, ref) for ref in setup["references"] for who in (ana, ben)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        claim_statuses = list(pool.map(claim, jobs))
    assert claim_statuses.count(200) >= CASES and set(claim_statuses) <= {200, 409}, claim_statuses

    # Every receipt task run exactly once, by one worker.
    deadline = time.monotonic() + 60
    while True:
        outcome = json.loads(servers[0].manage("shell", "-c", OUTCOME).stdout.strip().splitlines()[-1])
        if all(t["status"] == "SUCCESSFUL" for t in outcome["tasks"]) or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert outcome["cases"] == LIMIT
    assert len(outcome["tasks"]) == LIMIT
    assert [t["status"] for t in outcome["tasks"]] == ["SUCCESSFUL"] * LIMIT
    assert all(len(t["worker_ids"]) == 1 for t in outcome["tasks"]), outcome["tasks"]

    # Every case claimed exactly once, and by the one its assignment names.
    assert sorted(outcome["claims"]) == sorted(setup["references"])
    assert all(len(who) == 1 for who in outcome["claims"].values()), outcome["claims"]
    assert all(outcome["assigned"][ref] == who[0] for ref, who in outcome["claims"].items())

    # One agent's batch sent four times at once, twice through each server: each key stored once, every answer
    # created or replayed with that one case's reference.
    from tests.intake.conftest import VALID_COPYRIGHT

    batch = json.dumps({"items": [{**VALID_COPYRIGHT, "client_key": f"race-{n}",
                                   "description": f"Our photograph no. {n} is shown without a licence."}
                                  for n in range(30)]}).encode()

    def send_batch(n: int) -> dict:
        request = urllib.request.Request(servers[n % 2].url + "/api/v1/cases/batch", data=batch, headers={
            "Authorization": f"Bearer {setup['api_token']}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(send_batch, range(4)))
    stored = json.loads(servers[0].manage("shell", "-c", STORED_KEYS).stdout.strip().splitlines()[-1])
    assert sorted(stored) == sorted(f"race-{n}" for n in range(30)) and all(len(r) == 1 for r in stored.values())
    for answer in answers:
        for n, result in enumerate(answer["results"]):
            assert result["status"] in ("created", "replayed") and result["reference"] == stored[f"race-{n}"][0], result
    assert sum(answer["created"] for answer in answers) == 30

    # The audit chain they all wrote to holds together.
    verified = servers[1].manage("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
