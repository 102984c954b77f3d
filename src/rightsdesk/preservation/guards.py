"""The workflow guard: a case whose records are preserved may not close until their release is recorded.

Registered in PreservationConfig.ready on every transition that closes a case, so it holds for every caller (the
staff pages, the API, the admin, a command). A preservation only requested, or refused, does not stop the case."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rightsdesk.core.errors import DomainError

from .models import KEPT_STATES, Preservation

CLOSING_TRANSITIONS = ("close", "withdraw", "close_as_duplicate")


def release_before_closing(case, actor, context) -> None:
    kept = Preservation.objects.filter(case=case, state__in=KEPT_STATES).first()
    if kept is not None:
        raise DomainError(_("Records are preserved for this case: record their release (what was released or "
                            "deleted, and when) in the Preservation panel before closing it."),
                          code="preservation_not_released")
