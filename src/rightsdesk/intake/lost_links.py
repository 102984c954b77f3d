"""Intake's requests (cases) in the way back to a lost tracking link: the rule is :mod:`.recovery`'s, this finds
the cases by their requester's e-mail (``Party.email_index``) and renews their links with a line in the history."""

from __future__ import annotations

from django.utils.translation import get_language

from rightsdesk.cases import choices as c
from rightsdesk.cases import services as case_services
from rightsdesk.cases.models import Case
from rightsdesk.review import history_reasons

from .recovery import Source, Tracked
from .tracking import tracking_url


class CaseRequests(Source):
    key = "case"

    def _tracked(self, case: Case) -> Tracked:
        return Tracked(self, case.pk, case.reference, case.get_kind_display(), case.received_at,
                       case.tracking_token_digest, case)

    def requests_of(self, email_index: str, most: int) -> list[Tracked]:
        found = Case.objects.filter(parties__role=c.PartyRole.REQUESTER, parties__email_index=email_index)
        cases = found.exclude(tracking_token_digest="").distinct().order_by("-received_at", "-pk")[:most]
        return [self._tracked(case) for case in cases]

    def locked(self, pks: list[int]) -> list[Tracked]:
        return [self._tracked(case) for case in Case.objects.select_for_update().filter(pk__in=pks).order_by("pk")]

    def address(self, tracked: Tracked, email_index: str) -> str:
        return tracked.row.parties.filter(role=c.PartyRole.REQUESTER, email_index=email_index).first().email

    def renew(self, tracked: Tracked) -> str:
        return case_services.issue_tracking_token(tracked.row, reason=history_reasons.TRACKING_LINK_RENEWED)

    def tracking_url(self, token: str, request=None) -> str:
        return tracking_url(token, get_language(), request)


SOURCE = CaseRequests()
