"""What the report's roll-up needs to hear of an edit: called by name from ``cases.services.update_case``.

The roll-up finds the days to recompute from the case history (every service write adds an entry, on the case's
received day) and from the cases created since it last folded. One edit leaves a day the history does not name:
a received date moved (a correction) takes the case away from the day it was received on before, and that day is
marked here (``rollup.mark``). ``core/registry.py`` says how ``cases.services`` finds this module.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

from .rollup import mark


def case_changed(case, changes: dict) -> None:
    """A case's received date changed: the day it left is recomputed too (its new day is the history's)."""
    moved = changes.get("received_at")
    if not isinstance(moved, dict) or not moved.get("old"):
        return
    old = moved["old"]
    old = old if isinstance(old, datetime) else datetime.fromisoformat(str(old))
    mark([old.astimezone(dt_timezone.utc).date()])
