"""What the preservation app keeps about people, for the retention run, the data-subject export and key rotation
(privacy/retention.py, privacy/subject_export.py, privacy/rotation.py: the encrypted fields are found and resealed
by rotation.encrypted_models like every other EncryptedTextField).

- purge_case: the accounts named, the authority's reference and the descriptions are blanked with the case; the
  counts (accounts_count, the dates, the state) stay, so the period report does not change.
- purge_blocked: a case whose records are still preserved is never purged (it cannot be closed either).
- subject_data: nothing. A preservation request is a request from an authority about a person; whether one exists
  is not told to the person through the export (the law often forbids it: 18 U.S.C. § 2705(b)); the legal team
  answers such requests itself.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import KEPT_STATES, Preservation
from .services import BLANKED_WHEN_PURGED


def purge_case(case) -> None:
    Preservation.objects.filter(case=case).update(**{name: "" for name in BLANKED_WHEN_PURGED})


def purge_blocked(case) -> str:
    if Preservation.objects.filter(case=case, state__in=KEPT_STATES).exists():
        return str(_("records are still preserved for this case"))
    return ""
