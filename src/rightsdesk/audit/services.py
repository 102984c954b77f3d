"""Writing to the audit trail."""

from __future__ import annotations

from typing import Iterable

from .models import AuditEntry


def record_access(actor, action: str, *, case=None, obj=None, fields: Iterable[str] = (), purpose: str = "") -> AuditEntry:
    """Record that ``actor`` did ``action`` (usually: looked at private ``fields``)."""
    user = actor if actor is not None and not isinstance(actor, str) and actor.is_authenticated else None
    label = "" if user else (actor if isinstance(actor, str) else "anonymous")
    return AuditEntry.objects.create(
        actor=user, actor_label=label, action=action, case=case,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        fields=sorted(set(fields)), purpose=purpose,
    )
