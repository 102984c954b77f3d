"""Legal-support requests in the one way back to a lost tracking link (``intake.recovery``, found through
``core.registry.lost_link_sources``): a volunteer who asks "Lost your tracking link?" gets, in the same e-mail, new
links for their legal-support requests beside any other request they sent, and need not know which form they used.

The rule (the same answer whatever the address, the signed code that works once for a day, the limit of e-mails
per address) is intake.recovery's; this finds the requests by the requester's e-mail blind index
(``LegalSupportRequest.requester_email_index``) and renews a link through :func:`.services.renew_tracking_token`,
which writes the event and the audit entry. A request whose personal data was purged has no address, so it is
never found.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rightsdesk.core.public_urls import public_url
from rightsdesk.intake.recovery import Source, Tracked

from . import services
from .models import LegalSupportRequest

LABEL = _("Legal support for contributors")


class LegalSupportRequests(Source):
    key = "legalsupport"

    def _tracked(self, row: LegalSupportRequest) -> Tracked:
        return Tracked(self, row.pk, row.reference, LABEL, row.received_at, row.tracking_token_digest, row)

    def requests_of(self, email_index: str, most: int) -> list[Tracked]:
        rows = (LegalSupportRequest.objects.filter(requester_email_index=email_index,
                                                   personal_data_purged_at__isnull=True)
                .exclude(tracking_token_digest="").order_by("-received_at", "-pk")[:most])
        return [self._tracked(row) for row in rows]

    def locked(self, pks: list[int]) -> list[Tracked]:
        rows = LegalSupportRequest.objects.select_for_update().filter(pk__in=pks, personal_data_purged_at__isnull=True)
        return [self._tracked(row) for row in rows.order_by("pk")]

    def address(self, tracked: Tracked, email_index: str) -> str:
        return tracked.row.requester_email

    def renew(self, tracked: Tracked) -> str:
        return services.renew_tracking_token(tracked.row)

    def tracking_url(self, token: str, request=None) -> str:
        return public_url(reverse("legalsupport:track", kwargs={"token": token}), request)


SOURCE = LegalSupportRequests()
