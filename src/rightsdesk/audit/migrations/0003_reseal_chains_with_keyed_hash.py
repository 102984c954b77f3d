"""Re-seal the case history and the audit trail with the keyed hash (HMAC-SHA256).

Until now each link was an unkeyed SHA-256, which anyone able to write the
database could recompute after an edit. Each chain is first checked under the
old hash, so a chain that was already tampered with is not laundered: the
migration stops and names the broken link. After looking into it, set
RIGHTSDESK_AUDIT_RESEAL_BROKEN=1 to re-seal it anyway (the break is then no
longer visible in the chain; keep the migration's output).

Rows written before the chain existed (both hashes empty, at the start of a
chain) were never sealed; they are sealed now. The hash and content functions
are frozen here as they were when this migration was written; the key is the
installation's chain key (RIGHTSDESK_AUDIT_KEY, or one derived from SECRET_KEY),
which is what the running code uses. A fresh database has no rows: nothing to do.
"""

import hashlib
import hmac
import json
import os
from datetime import datetime, timezone

from django.db import migrations

GENESIS = "0" * 64
BATCH = 2000


def _canonical(values):
    def default(value):
        if isinstance(value, datetime):
            return value.astimezone(timezone.utc).isoformat(timespec="microseconds")
        return str(value)

    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=default).encode()


def _unkeyed(prev_hash, content, key=None):
    return hashlib.sha256(prev_hash.encode() + b"\n" + _canonical(content)).hexdigest()


def _keyed(prev_hash, content, key):
    return hmac.new(key, prev_hash.encode() + b"\n" + _canonical(content), hashlib.sha256).hexdigest()


def _history_content(row):
    return {"case": row.case_id, "at": row.at, "actor": row.actor_id, "actor_label": row.actor_label,
            "event": row.event, "from_state": row.from_state, "to_state": row.to_state,
            "changes": row.changes, "reason": row.reason}


def _audit_content(row):
    return {"at": row.at, "actor": row.actor_id, "actor_label": row.actor_label, "action": row.action,
            "case": row.case_id, "object_type": row.object_type, "object_id": row.object_id,
            "fields": list(row.fields), "purpose": row.purpose}


CHAINS = [("case_history", "cases", "CaseHistory", _history_content),
          ("audit", "audit", "AuditEntry", _audit_content)]


def _rows(model):
    last = 0
    while True:
        rows = list(model._base_manager.filter(id__gt=last).order_by("id")[:BATCH])
        if not rows:
            return
        yield from rows
        last = rows[-1].pk


def _check(model, head, content, old_hash, key):
    """The first problem of the chain under ``old_hash``, or None."""
    prev, count, sealed_yet = GENESIS, 0, False
    for row in _rows(model):
        if not sealed_yet and not row.prev_hash and not row.entry_hash:
            continue  # written before the chain existed
        sealed_yet = True
        count += 1
        if row.prev_hash != prev:
            return f"entry {row.pk} does not follow the entry before it"
        if row.entry_hash != old_hash(prev, content(row), key):
            return f"entry {row.pk} was changed after it was written"
        prev = row.entry_hash
    if head is not None and (head.last_hash != prev or head.length != count):
        return f"the chain ends after {count} sealed entries but the head says {head.length} were written"
    return None


def _reseal(apps, old_hash, new_hash):
    from rightsdesk.audit.chain import chain_key

    key = chain_key()
    ChainHead = apps.get_model("audit", "ChainHead")
    for name, app_label, model_name, content in CHAINS:
        model = apps.get_model(app_label, model_name)
        if not model._base_manager.exists():
            continue
        head = ChainHead.objects.filter(pk=name).first()
        problem = _check(model, head, content, old_hash, key)
        if problem:
            if os.environ.get("RIGHTSDESK_AUDIT_RESEAL_BROKEN", "") != "1":
                raise RuntimeError(f"The {name} chain is broken: {problem}. It was not re-sealed. Look into it; "
                                   "to re-seal it anyway, run the migration again with RIGHTSDESK_AUDIT_RESEAL_BROKEN=1.")
            print(f"\n  {name}: re-sealing a broken chain as asked: {problem}")
        prev, count, changed = GENESIS, 0, []
        for row in _rows(model):
            count += 1
            row.prev_hash, row.entry_hash = prev, new_hash(prev, content(row), key)
            prev = row.entry_hash
            changed.append(row)
            if len(changed) >= BATCH:
                model._base_manager.bulk_update(changed, ["prev_hash", "entry_hash"])
                changed = []
        if changed:
            model._base_manager.bulk_update(changed, ["prev_hash", "entry_hash"])
        ChainHead.objects.update_or_create(name=name, defaults={"last_hash": prev, "length": count})


def forwards(apps, schema_editor):
    _reseal(apps, _unkeyed, _keyed)


def backwards(apps, schema_editor):
    _reseal(apps, _keyed, _unkeyed)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0002_chainhead_auditentry_entry_hash_auditentry_prev_hash"),
        ("cases", "0002_casehistory_entry_hash_casehistory_prev_hash"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
