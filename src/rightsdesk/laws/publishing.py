"""What the public record keeps of a case's laws: called once by ``transparency.publishing._publish``.

Copies the case's confirmed instruments, and its authority when the requester is an organisation whose name may be
published (``cases.policy.ORGANISATION_REQUESTERS``), onto the record; the public analytics read only these rows.
"""

from __future__ import annotations

from rightsdesk.cases.policy import ORGANISATION_REQUESTERS

from .models import CaseAuthority, CaseInstrument, PublicRecordAuthority, PublicRecordInstrument


def copy_to_public_record(case, record) -> None:
    PublicRecordInstrument.objects.filter(record=record).delete()
    PublicRecordInstrument.objects.bulk_create(
        PublicRecordInstrument(record=record, instrument_id=pk)
        for pk in CaseInstrument.objects.filter(case=case).values_list("instrument_id", flat=True))
    PublicRecordAuthority.objects.filter(record=record).delete()
    link = CaseAuthority.objects.filter(case=case).first()
    if link and case.requester_type in ORGANISATION_REQUESTERS:
        PublicRecordAuthority.objects.create(record=record, authority_id=link.authority_id)
