"""What the appeals app keeps about people (see privacy/retention.py): what appellants add to an appeal."""

from __future__ import annotations

from .models import AppealMessage

PURGED = "[removed under the retention policy]"


def purge_case(case) -> None:
    """The case's personal data is purged: so is what appellants added to its appeals (and to it, if an appeal)."""
    AppealMessage.objects.filter(appeal__appeal_of=case).update(text=PURGED)
    AppealMessage.objects.filter(appeal=case).update(text=PURGED)
