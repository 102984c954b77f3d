"""Many requesters at once: concurrent public form and API submissions on loopback, none lost.

A real server (waitress, 8 threads) on its own SQLite file receives 200
submissions from 16 client threads: 160 through the public web form (each a
GET for the CSRF token, then the POST, as a browser does) and 40 through the
API. Every submission that was answered with a reference must be stored, once,
with its text; none may be refused for load (no 5xx, no "database is locked").
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.slow

FORM_SUBMISSIONS = 160
API_SUBMISSIONS = 40
THREADS = 16
CAP = 60.0
REFERENCE = re.compile(r'id="reference">\s*(RD-\d{4}-[A-Z0-9]+)\s*<')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

STORED = """
import json
from rightsdesk.cases.models import Case
from rightsdesk.intake.models import Declaration
print(json.dumps([[c.reference, c.description, c.source, c.parties.count(), c.items.count()]
                  for c in Case.objects.all()]))
"""


def submit_form(base: str, n: int) -> tuple[str, int, str]:
    """One requester: open the copyright form, fill it in, send it. Returns (key, status, reference)."""
    key = f"form-{n:04d}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base}/en/request/copyright/"
    with opener.open(url, timeout=CAP) as response:
        token = CSRF.search(response.read().decode()).group(1)
    data = urllib.parse.urlencode({
        "csrfmiddlewaretoken": token, "description": f"Submission {key}: my photograph is used without permission.",
        "copyrighted_work": f"Photograph {n}", "urls": f"https://commons.wikimedia.org/wiki/File:Load_{n}.jpg",
        "name": "Sam Photographer", "email": f"sam{n}@example.org", "good_faith": "on", "accuracy_statement": "on",
        "signature": "Sam Photographer", "website": "",
    }).encode()
    request = urllib.request.Request(url, data=data, method="POST", headers={"Referer": url})
    try:
        with opener.open(request, timeout=CAP) as response:
            body, status = response.read().decode(), response.status
    except urllib.error.HTTPError as exc:
        return key, exc.code, ""
    match = REFERENCE.search(body)
    return key, status, match.group(1) if match else ""


def submit_api(base: str, token: str, n: int) -> tuple[str, int, str]:
    key = f"api-{n:04d}"
    payload = {"kind": "copyright_notice", "client_key": key, "description": f"Submission {key}: used without licence.",
               "copyrighted_work": f"Photograph {n}", "urls": [f"https://commons.wikimedia.org/wiki/File:Api_{n}.jpg"],
               "name": "Pat Agent", "email": "pat@acme.example", "good_faith": True, "accuracy_statement": True,
               "signature": "Pat Agent"}
    request = urllib.request.Request(f"{base}/api/v1/cases", data=json.dumps(payload).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=CAP) as response:
            return key, response.status, json.loads(response.read())["reference"]
    except urllib.error.HTTPError as exc:
        return key, exc.code, ""


def test_concurrent_public_and_api_submissions_are_all_stored_once(instance):
    token = instance.create_token("Acme Rights Agency")
    instance.start(threads=8)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        futures = [pool.submit(submit_form, instance.url, n) for n in range(FORM_SUBMISSIONS)]
        futures += [pool.submit(submit_api, instance.url, token, n) for n in range(API_SUBMISSIONS)]
        results = [f.result(timeout=CAP) for f in futures]
    elapsed = time.monotonic() - started
    instance.stop()

    failures = [(key, status) for key, status, ref in results if status not in (200, 201) or not ref]
    assert not failures, f"{len(failures)} submissions were not accepted: {failures[:10]}"
    assert elapsed < CAP, f"{len(results)} submissions took {elapsed:.1f} s (cap {CAP} s)"

    stored = instance.query(STORED)
    by_reference = {ref: (desc, source, parties, items) for ref, desc, source, parties, items in stored}
    assert len(stored) == FORM_SUBMISSIONS + API_SUBMISSIONS == len(by_reference), "a submission was lost or doubled"
    for key, _status, reference in results:
        description, _source, parties, items = by_reference[reference]
        assert key in description, f"{reference} does not hold {key}'s text"
        assert parties == 1 and items == 1, f"{reference} is incomplete"
    rate = len(results) / elapsed
    print(f"\nload test: {len(results)} submissions ({FORM_SUBMISSIONS} form, {API_SUBMISSIONS} API) from {THREADS} "
          f"threads in {elapsed:.1f} s ({rate:.0f}/s), {len(stored)} stored, 0 lost")
