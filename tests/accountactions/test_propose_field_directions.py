"""On the Arabic proposal form, what staff type keeps its own direction: a reference, a site or a date typed into a
right-to-left box was shown reordered ("12-AA-(9)" read "AA-(9)-12" in the box of the action lifted), while the
crisis form already sets its sites and dates left to right. References, sites and dates are typed left to right
(dir="ltr"); account names and the evidence, in any script, take the direction of what is typed (dir="auto")."""

from __future__ import annotations

import re

import pytest

from rightsdesk.accounts.roles import TRUST_AND_SAFETY

pytestmark = pytest.mark.django_db

#: (the field, its direction on an Arabic page)
DIRECTIONS = [("case", "ltr"), ("related_cases", "ltr"), ("lifts", "ltr"), ("projects", "ltr"),
              ("starts_on", "ltr"), ("ends_on", "ltr"), ("accounts", "auto"), ("notes", "auto")]


@pytest.mark.parametrize(("field", "direction"), DIRECTIONS, ids=[row[0] for row in DIRECTIONS])
@pytest.mark.parametrize("sent_back", [False, True], ids=["new", "refused"])
def test_each_typed_field_of_the_proposal_has_its_direction(client, verified_login, make_staff, field, direction,
                                                            sent_back):
    verified_login(client, make_staff(TRUST_AND_SAFETY))
    url = "/ar/staff/account-actions/new/"
    response = client.post(url, {"action_type": "lock", "case": "RD-NO-SUCH"}) if sent_back else client.get(url)
    tag = re.search(rf'<(?:input|textarea)[^>]*\bname="{field}"[^>]*>', response.content.decode())
    assert tag is not None
    assert f'dir="{direction}"' in tag.group(0), tag.group(0)
