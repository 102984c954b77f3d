"""Checkpoints: each chain's head, copied outside the database and signed.

A chain keyed with a secret the database does not hold cannot be re-sealed by
someone who only has the database, but its newest rows can still be deleted
and the head row set back to match. A checkpoint records, for each chain, its
length, its newest entry's id and hash and the time, with an HMAC (under the
chain key) over them, and is written where the database cannot reach:

- a file of JSON lines, only ever appended to: ``RIGHTSDESK_AUDIT_CHECKPOINT_FILE``,
  by default ``RIGHTSDESK_HOME/audit-checkpoints.jsonl`` ("off" writes none);
- the log, logger ``rightsdesk.audit.checkpoint`` (``RIGHTSDESK_AUDIT_CHECKPOINT_LOG=0``
  turns it off);
- an e-mail to the auditors in ``RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS`` (comma-separated).

``rightsdesk audit verify`` checks the chains against every checkpoint in the
file (and in any copy given with ``--checkpoints``, e.g. a saved e-mail): the
entry a checkpoint names must still be at its position with its hash, and no
chain may be shorter than a checkpoint of it. Before writing, a checkpoint
checks the links written since the previous one, so it never vouches for rows
that do not follow from it.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .chain import GENESIS, Break, all_chains, canonical, chain_key, key_id, verify
from .models import ChainHead

logger = logging.getLogger("rightsdesk.audit.checkpoint")

FILE_ENV = "RIGHTSDESK_AUDIT_CHECKPOINT_FILE"
LOG_ENV = "RIGHTSDESK_AUDIT_CHECKPOINT_LOG"
EMAILS_ENV = "RIGHTSDESK_AUDIT_CHECKPOINT_EMAILS"
OFF = {"", "0", "off", "no", "none", "false"}


@dataclass(frozen=True)
class Checkpoint:
    chain: str
    length: int
    last_id: int | None
    last_hash: str
    at: str
    key_id: str
    mac: str = ""

    def signed_part(self) -> bytes:
        values = asdict(self)
        values.pop("mac")
        return b"rightsdesk.audit.checkpoint\n" + canonical(values)

    def signed(self, key: bytes) -> Checkpoint:
        return replace(self, mac=hmac.new(key, self.signed_part(), "sha256").hexdigest())

    def signature_ok(self, key: bytes) -> bool:
        return hmac.compare_digest(self.mac.encode(), hmac.new(key, self.signed_part(), "sha256").hexdigest().encode())

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, line: str) -> Checkpoint:
        data = json.loads(line)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        checkpoint = cls(chain=data["chain"], length=data["length"], last_id=data["last_id"],
                         last_hash=data["last_hash"], at=data["at"], key_id=data["key_id"], mac=data["mac"])
        for name in ("chain", "last_hash", "at", "key_id", "mac"):
            if not isinstance(getattr(checkpoint, name), str):
                raise ValueError(f"{name} is not a string")
        if not isinstance(checkpoint.length, int) or checkpoint.length < 0:
            raise ValueError("length is not a count")
        if checkpoint.length and not isinstance(checkpoint.last_id, int):
            raise ValueError("last_id is not an id")
        return checkpoint


# --- configuration ---------------------------------------------------------------------------------------------

def checkpoint_file() -> Path | None:
    configured = os.environ.get(FILE_ENV)
    if configured is None:
        return Path(settings.HOME) / "audit-checkpoints.jsonl"
    if configured.strip().lower() in OFF:
        return None
    return Path(configured.strip()).expanduser()


def log_enabled() -> bool:
    return os.environ.get(LOG_ENV, "1").strip().lower() not in OFF


def auditor_emails() -> list[str]:
    return [address.strip() for address in os.environ.get(EMAILS_ENV, "").split(",") if address.strip()]


# --- reading -----------------------------------------------------------------------------------------------------

@dataclass
class Stored:
    """The checkpoints read from files: those signed with the current key, and what was wrong with the rest."""

    valid: list[Checkpoint] = field(default_factory=list)
    #: Lines signed with the current key's id whose signature fails: someone altered or forged them.
    forged: list[str] = field(default_factory=list)
    #: Lines signed with another key (before a ``reseal``, or made up with a guessed key): not evidence, skipped.
    other_key: int = 0
    #: Lines that are not checkpoints (an e-mail's text around them is skipped silently; this counts broken JSON).
    unreadable: list[str] = field(default_factory=list)
    missing_files: list[Path] = field(default_factory=list)
    #: Files that exist but could not be read (permissions, I/O): the chains were not checked against them.
    failed_files: list[str] = field(default_factory=list)
    #: Files read that hold no line of JSON at all: not a checkpoint file nor a checkpoint e-mail (a wrong file, an
    #: e-mail saved as HTML), so nothing was checked against them.
    without_checkpoints: list[Path] = field(default_factory=list)

    def for_chain(self, chain: str) -> list[Checkpoint]:
        return [checkpoint for checkpoint in self.valid if checkpoint.chain == chain]

    def newest(self, chain: str) -> Checkpoint | None:
        mine = self.for_chain(chain)
        return max(mine, key=lambda checkpoint: (checkpoint.length, checkpoint.at)) if mine else None


def read(paths=None, keys: tuple[bytes, ...] | None = None) -> Stored:
    """Read checkpoints from ``paths`` (default: the checkpoint file), keeping those signed with one of ``keys``."""
    if paths is None:
        default = checkpoint_file()
        paths = [default] if default is not None else []
    keys_by_id = {key_id(key): key for key in (keys or (chain_key(),))}
    stored = Stored()
    for path in map(Path, paths):
        if not path.exists():
            stored.missing_files.append(path)
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            stored.failed_files.append(f"{path}: {error}")
            continue
        candidates = 0
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip().removeprefix("> ")  # a quoted e-mail
            if not line.startswith("{"):
                continue
            candidates += 1
            where = f"{path} line {number}"
            try:
                checkpoint = Checkpoint.from_json(line)
            except (ValueError, KeyError, TypeError) as error:
                stored.unreadable.append(f"{where}: {error}")
                continue
            key = keys_by_id.get(checkpoint.key_id)
            if key is None:
                stored.other_key += 1
            elif checkpoint.signature_ok(key):
                stored.valid.append(checkpoint)
            else:
                stored.forged.append(f"{where}: the checkpoint of {checkpoint.chain} at {checkpoint.at} fails its "
                                     "signature (it was altered, or made up without the audit key)")
        if not candidates:
            stored.without_checkpoints.append(path)
    return stored


# --- writing -----------------------------------------------------------------------------------------------------

@dataclass
class Run:
    checkpoints: list[Checkpoint] = field(default_factory=list)
    broken: list[Break] = field(default_factory=list)
    #: Where the checkpoints went ("file /path", "log", "e-mail to 2 auditors").
    delivered: list[str] = field(default_factory=list)
    #: Destinations that failed, with the error.
    failed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken and not self.failed


def take(chain: str, queryset, previous: Checkpoint | None, key: bytes) -> Checkpoint | Break:
    """The chain's head now, signed; or the first break since ``previous`` (then nothing is vouched for)."""
    with transaction.atomic():
        # The head's lock keeps appenders out while the length and the newest entry are read together.
        head = ChainHead.objects.select_for_update().filter(pk=chain).first()
        length = queryset.count()
        newest = queryset.order_by("-id").first()
    snapshot = Checkpoint(chain=chain, length=length, last_id=newest.pk if newest else None,
                          last_hash=newest.entry_hash if newest else GENESIS,
                          at=timezone.now().isoformat(timespec="seconds"), key_id=key_id(key))
    if head is not None and (head.length != snapshot.length or head.last_hash != snapshot.last_hash):
        return Break(chain, -1, f"the head row says {head.length} entries were written, the table holds "
                                f"{snapshot.length} (rows were deleted or the head was changed)")
    upto = queryset.filter(id__lte=snapshot.last_id) if newest else queryset.none()
    problem = verify(upto, chain, checkpoints=[snapshot], keys=(key,), since=previous, check_head=False)
    return problem or snapshot.signed(key)


def write(stored: Stored | None = None) -> Run:
    """Take a checkpoint of every chain and send it to the configured destinations."""
    key = chain_key()
    stored = read() if stored is None else stored
    run = Run()
    for chain, queryset in all_chains():
        result = take(chain, queryset, stored.newest(chain), key)
        (run.broken if isinstance(result, Break) else run.checkpoints).append(result)
    lines = [checkpoint.to_json() for checkpoint in run.checkpoints]

    path = checkpoint_file()
    if path is not None and lines:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                os.write(descriptor, ("\n".join(lines) + "\n").encode())  # one write: whole lines, appended
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            run.delivered.append(f"file {path}")
        except OSError as error:
            run.failed.append(f"file {path}: {error}")
    if log_enabled():
        for line in lines:
            logger.info("audit.checkpoint %s", line)
        for problem in run.broken:
            logger.error("audit.checkpoint_refused %s", problem)
        run.delivered.append("log")
    recipients = auditor_emails()
    if recipients:
        try:
            send_mail(_subject(run), _body(run), settings.DEFAULT_FROM_EMAIL, recipients)
            run.delivered.append(f"e-mail to {len(recipients)} auditor(s)")
        except Exception as error:  # the file and log copies stand; the command reports the failure
            run.failed.append(f"e-mail: {error.__class__.__name__}: {error}")
    return run


def _subject(run: Run) -> str:
    site = settings.RIGHTSDESK.get("SITE_NAME", "rightsdesk")
    if run.broken:
        return f"[{site}] Audit chain BROKEN: {', '.join(problem.chain for problem in run.broken)}"
    return f"[{site}] Audit checkpoint " + ", ".join(f"{c.chain} {c.length}" for c in run.checkpoints)


def _body(run: Run) -> str:
    parts = ["The heads of rightsdesk's tamper-evident chains at this moment. Keep this message: "
             "`rightsdesk audit verify --checkpoints <this message saved as a file>` checks the database against it.",
             ""]
    parts += [checkpoint.to_json() for checkpoint in run.checkpoints]
    if run.broken:
        parts += ["", "No checkpoint was taken of these chains, which are broken:"]
        parts += [f"BROKEN {problem}" for problem in run.broken]
    return "\n".join(parts) + "\n"
