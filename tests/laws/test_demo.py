"""The demo's links (laws/demo.py): deterministic, from the matcher and the case's country, once."""

from __future__ import annotations

from datetime import datetime, timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.laws.models import CaseAuthority, CaseInstrument

pytestmark = pytest.mark.django_db


def test_the_demo_links_cases_by_their_text_and_country_and_only_once(make_case):
    from rightsdesk.laws.demo import build_links

    h2, h1 = datetime(2025, 9, 1, tzinfo=dt_timezone.utc), datetime(2026, 3, 1, tzinfo=dt_timezone.utc)
    copyright_ = make_case(c.Kind.COPYRIGHT_NOTICE, law_invoked="17 U.S.C. 512", received_at=h2)
    turkey = make_case(law_invoked="National internet law", country="TR", received_at=h2,
                       requester_type=c.RequesterType.GOVERNMENT, requester_organisation="BTK")
    eu_before, eu_after = (make_case(law_invoked="National internet law", country="IT", received_at=when)
                           for when in (h2, h1))
    court = make_case(law_invoked="Defamation law", country="GB", received_at=h1, requester_type=c.RequesterType.COURT,
                      requester_organisation="District Court of GB")
    unknown = make_case(law_invoked="Code of Criminal Procedure", received_at=h1)
    lines = []
    build_links(None, lines.append)

    def keys(case):
        return sorted(CaseInstrument.objects.filter(case=case).values_list("instrument__key", flat=True))

    assert keys(copyright_) == ["us-dmca-512"]
    assert keys(turkey) == ["tr-5651"] and CaseAuthority.objects.get(case=turkey).authority.key == "tr-btk"
    assert keys(eu_before) == [] and keys(eu_after) == ["eu-dsa-9"], "the DSA appears in 2026: a new law in the trend"
    assert keys(court) == ["uk-defamation-2013"] and CaseAuthority.objects.get(case=court).authority.key == "gb-courts"
    assert keys(unknown) == []
    assert lines == ["  laws: 4 cases linked to the registry"]
    build_links(None, lines.append)
    assert lines[-1] == "  laws: links already there" and CaseInstrument.objects.count() == 4
