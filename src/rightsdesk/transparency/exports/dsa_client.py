"""Sending statements of reasons to the EU Transparency Database API.

``POST {endpoint}/api/v1/statements`` with ``{"statements": [...]}``, at most
100 per call, ``Authorization: Bearer <token>``. The database's rules:

- **201 is the only success.** Anything else means "not stored": the batch
  is retried with exponential backoff (timeouts, 5xx, 429 and any other
  status), and after the last try its statements are marked failed so the
  next run sends them again.
- 422 rejects the whole batch, with errors keyed ``statement_<index>``. A
  statement whose only error is a duplicate ``puid`` is already stored
  (the response's ``existing``): it is marked "existing" and counts as done.
  Statements with other errors are marked rejected with the errors; the rest
  of the batch is sent again without them.
- 401 means the token is wrong: nothing more is sent (retrying cannot help).

The endpoint and token come from settings.RIGHTSDESK_DSA_ENDPOINT and
RIGHTSDESK_DSA_TOKEN (or the environment variables of the same names). Each
statement's state is kept in DsaSubmission, so a run can be repeated safely.
"""

from __future__ import annotations

import json
import logging
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Iterable

from django.conf import settings
from django.utils import timezone

from rightsdesk.core.errors import DomainError

logger = logging.getLogger("rightsdesk.transparency.dsa")

MAX_BATCH = 100
DUPLICATE_MARKERS = ("not unique", "already exists", "duplicate", "existing")


class DsaClientError(DomainError):
    code = "dsa_submission_failed"


class DsaAuthError(DsaClientError):
    code = "dsa_unauthorised"


@dataclass
class Report:
    submitted: int = 0
    existing: int = 0
    rejected: int = 0
    failed: int = 0
    requests: int = 0
    errors: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"submitted": self.submitted, "existing": self.existing, "rejected": self.rejected,
                "failed": self.failed, "requests": self.requests}


@dataclass
class Response:
    status: int
    body: dict


def configured_endpoint() -> tuple[str, str]:
    endpoint = getattr(settings, "RIGHTSDESK_DSA_ENDPOINT", "") or os.environ.get("RIGHTSDESK_DSA_ENDPOINT", "")
    token = getattr(settings, "RIGHTSDESK_DSA_TOKEN", "") or os.environ.get("RIGHTSDESK_DSA_TOKEN", "")
    if not endpoint or not token:
        raise DsaClientError("Set RIGHTSDESK_DSA_ENDPOINT (e.g. https://transparency.dsa.ec.europa.eu) and "
                             "RIGHTSDESK_DSA_TOKEN (the platform's API token) to submit statements.",
                             code="dsa_not_configured")
    return endpoint, token


class DsaClient:
    def __init__(self, endpoint: str, token: str, *, batch_size: int = MAX_BATCH, max_attempts: int = 4,
                 backoff: float = 0.5, timeout: float = 30.0, sleep: Callable[[float], None] = time.sleep):
        if not 1 <= batch_size <= MAX_BATCH:
            raise DsaClientError(f"A batch holds 1 to {MAX_BATCH} statements; {batch_size} was asked for.")
        self.url = endpoint.rstrip("/") + ("" if endpoint.rstrip("/").endswith("/api/v1") else "/api/v1") + "/statements"
        self.token = token
        self.batch_size = batch_size
        self.max_attempts = max(1, max_attempts)
        self.backoff = backoff
        self.timeout = timeout
        self.sleep = sleep

    # ---------------------------------------------------------------- transport

    def post(self, statements: list[dict]) -> Response:
        data = json.dumps({"statements": statements}).encode()
        request = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Authorization": f"Bearer {self.token}", "Accept": "application/json", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return Response(response.status, _json(response.read()))
        except urllib.error.HTTPError as exc:
            return Response(exc.code, _json(exc.read()))

    # ---------------------------------------------------------------- submission

    def submit(self, statements: Iterable[dict], *, record: bool = True) -> Report:
        """Send every statement (skipping those already stored) and record each one's outcome."""
        from ..models import DsaSubmission

        pending = []
        for statement in statements:
            if record and DsaSubmission.objects.filter(
                    puid=statement["puid"], status__in=[DsaSubmission.Status.SUBMITTED, DsaSubmission.Status.EXISTING]).exists():
                continue
            pending.append(statement)
        report = Report()
        for start in range(0, len(pending), self.batch_size):
            self._send_batch(pending[start:start + self.batch_size], report, record)
        return report

    def _send_batch(self, batch: list[dict], report: Report, record: bool) -> None:
        while batch:
            response = None
            for attempt in range(1, self.max_attempts + 1):
                report.requests += 1
                try:
                    response = self.post(batch)
                except (OSError, ValueError) as exc:  # connection refused, timeout, bad answer
                    response = Response(0, {"message": f"{type(exc).__name__}"})
                if response.status in (201, 401, 422):
                    break
                logger.warning("DSA batch of %s not stored (status %s), attempt %s", len(batch), response.status, attempt)
                if attempt < self.max_attempts:
                    self.sleep(self.backoff * (2 ** (attempt - 1)))
            status = response.status
            if status == 201:
                stored = response.body.get("statements") if isinstance(response.body, dict) else None
                for index, statement in enumerate(batch):
                    uuid = ""
                    if isinstance(stored, list) and index < len(stored) and isinstance(stored[index], dict):
                        uuid = str(stored[index].get("uuid", ""))
                    self._mark(statement, "submitted", status, "", uuid, record)
                report.submitted += len(batch)
                return
            if status == 401:
                for statement in batch:
                    self._mark(statement, "failed", status, "unauthorised", "", record)
                raise DsaAuthError("The Transparency Database refused the token (401): check RIGHTSDESK_DSA_TOKEN.")
            if status == 422:
                retry = self._handle_rejection(batch, response.body, report, record)
                if len(retry) == len(batch):  # no statement was sorted out: resending would loop
                    for statement in retry:
                        self._mark(statement, "rejected", 422, _flatten(response.body.get("errors")) or "rejected", "", record)
                    report.rejected += len(retry)
                    return
                batch = retry
                continue
            for statement in batch:
                self._mark(statement, "failed", status, f"not stored (status {status})", "", record)
            report.failed += len(batch)
            return

    def _handle_rejection(self, batch: list[dict], body: dict, report: Report, record: bool) -> list[dict]:
        """Sort a 422's statements into already stored, wrong, and to send again; return the last."""
        errors = body.get("errors") if isinstance(body, dict) else None
        errors = errors if isinstance(errors, dict) else {}
        existing = _existing_puids(body)
        per_statement = {}
        for key, value in errors.items():
            if key.startswith("statement_"):
                try:
                    per_statement[int(key.split("_", 1)[1])] = value
                except ValueError:
                    continue
        if not per_statement and "puid" in errors and len(batch) == 1:
            per_statement[0] = {"puid": errors["puid"]}
        if not per_statement and not existing:
            # A rejection that names no statement: nothing can be resent safely.
            for statement in batch:
                self._mark(statement, "rejected", 422, _flatten(errors) or "rejected", "", record)
            report.rejected += len(batch)
            return []
        retry = []
        for index, statement in enumerate(batch):
            problem = per_statement.get(index)
            puid = statement.get("puid")
            if problem is None and puid not in existing:
                retry.append(statement)
            elif puid in existing or _only_duplicate(problem):
                self._mark(statement, "existing", 422, "", "", record)
                report.existing += 1
            else:
                message = _flatten(problem)
                report.errors[str(puid)] = message
                self._mark(statement, "rejected", 422, message, "", record)
                report.rejected += 1
        return retry

    def _mark(self, statement: dict, status: str, code: int, error: str, uuid: str, record: bool) -> None:
        if not record:
            return
        from ..models import DsaSubmission

        puid = statement["puid"]
        reference, _, item_id = puid.rpartition("-")
        from rightsdesk.cases.models import Case

        case = Case.objects.filter(reference=reference).first()
        if case is None:
            return
        submission, _created = DsaSubmission.objects.get_or_create(
            puid=puid, defaults={"case": case, "item_id": int(item_id) if item_id.isdigit() else None})
        submission.status = status
        submission.attempts += 1
        submission.last_status_code = code or None
        submission.last_error = error[:2000]
        if uuid:
            submission.uuid = uuid
        if status in ("submitted", "existing") and submission.submitted_at is None:
            submission.submitted_at = timezone.now()
        submission.save()


def _json(raw: bytes) -> dict:
    try:
        value = json.loads(raw.decode() or "{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return value if isinstance(value, dict) else {"data": value}


def _existing_puids(body) -> set[str]:
    existing = body.get("existing") if isinstance(body, dict) else None
    out = set()
    items = existing if isinstance(existing, list) else [existing] if existing else []
    for entry in items:
        if isinstance(entry, dict) and entry.get("puid"):
            out.add(str(entry["puid"]))
        elif isinstance(entry, str):
            out.add(entry)
    return out


def _flatten(problem) -> str:
    if isinstance(problem, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in problem.items())
    if isinstance(problem, list):
        return " ".join(_flatten(p) for p in problem)
    return str(problem or "")


def _only_duplicate(problem) -> bool:
    if not isinstance(problem, dict) or set(problem) != {"puid"}:
        return False
    return any(marker in _flatten(problem["puid"]).lower() for marker in DUPLICATE_MARKERS)


def submit(statements: Iterable[dict], **options) -> Report:
    endpoint, token = configured_endpoint()
    return DsaClient(endpoint, token, **options).submit(statements)
