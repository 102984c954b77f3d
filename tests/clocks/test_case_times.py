"""The first claim and the first message to the requester are stored once per case (clocks.CaseTimes), by the
services that claim, assign and write, so the report's SLA figures need no case histories."""

from __future__ import annotations

import pytest

from rightsdesk.clocks.models import CaseTimes
from rightsdesk.review import services

pytestmark = pytest.mark.django_db


def test_the_first_claim_and_the_first_message_to_the_requester_are_recorded_and_later_ones_change_nothing(
        make_case, make_staff):
    case = make_case()
    first, second = make_staff("reviewer"), make_staff("reviewer")
    assert not CaseTimes.objects.filter(case=case).exists()
    services.claim(case, first)
    claimed = CaseTimes.objects.get(case=case).claimed_at
    assert claimed is not None
    services.claim(case, second, takeover_reason="Holiday cover.")
    services.release(case, second)
    message = services.send_message(case, first, "update", "We are looking at your request.")
    times = CaseTimes.objects.get(case=case)
    assert times.claimed_at == claimed
    assert times.first_response_at == message.created_at
    services.send_message(case, first, "update", "Still looking.")
    assert CaseTimes.objects.get(case=case).first_response_at == message.created_at
