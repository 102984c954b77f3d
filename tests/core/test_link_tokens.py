"""Private links (a request's tracking link, a notice's appeal link) carry the second they were made in front of
their secret, and are stored as a digest that keeps that time in front: the index they are looked up by then grows
at its end as requests arrive, instead of on a random page of an index as large as every request ever received
(docs/performance.md, "Tracking links in time order"). Links sent before keep working."""

from __future__ import annotations

import hashlib
import re

import pytest

from rightsdesk.cases.services import case_for_tracking_token, issue_tracking_token
from rightsdesk.core.digests import link_digest, new_link_token, token_digest
from rightsdesk.legalsupport import services as legal_support

pytestmark = pytest.mark.django_db

#: 2026-12-07 06:00:00 UTC, and its 8 hexadecimal digits.
NOW, NOW_HEX = 1796623200, "6b164b60"


def test_a_new_link_token_is_its_second_in_hex_a_dot_and_43_random_url_safe_characters():
    token = new_link_token(NOW)
    assert re.fullmatch(r"6b164b60\.[A-Za-z0-9_-]{43}", token), token
    assert new_link_token(NOW) != token  # the secret is random each time


def test_its_digest_keeps_its_time_in_front_of_its_sha256():
    token = new_link_token(NOW)
    assert link_digest(token) == NOW_HEX + hashlib.sha256(token.encode()).hexdigest()[:56]
    assert len(link_digest(token)) == 64  # the column's width, as before


def test_links_made_later_are_stored_after_those_made_earlier():
    """What keeps the index's writes at its end: digests sort as the links were made (to the second)."""
    made = [new_link_token(NOW + seconds) for seconds in (0, 1, 59, 3600, 86400 * 365)]
    assert sorted(made, key=link_digest) == made


@pytest.mark.parametrize("tampered", [
    "6b164b61",  # another second: the time is part of what is hashed
    "6B164B60",  # capitals are not the time's digits: the whole token's SHA-256
])
def test_a_token_with_its_time_changed_matches_nothing(tampered):
    token = new_link_token(NOW)
    forged = tampered + token[8:]
    assert link_digest(forged) != link_digest(token)


@pytest.mark.parametrize("token, why", [
    ("Yc3" + "x" * 40, "a link made before: 43 random characters"),
    ("x" * 32, "a legal-support link made before: 32 random characters"),
    ("6b17a66.abcdefghijklmnopqrstuvwxyz", "seven digits before the dot"),
    ("6b17a66z.abcdefghijklmnopqrstuvwxyz", "a letter that is not a hex digit"),
    ("6b164b60", "no dot"),
])
def test_a_token_not_of_the_new_shape_is_stored_as_its_whole_sha256_as_before(token, why):
    assert link_digest(token) == token_digest(token) == hashlib.sha256(token.encode()).hexdigest(), why


def test_a_tracking_link_sent_before_still_finds_its_request(make_case):
    case = make_case()
    old = "Yc3" + "k" * 40  # secrets.token_urlsafe(32) before: 43 characters, no time
    type(case).objects.filter(pk=case.pk).update(tracking_token_digest=token_digest(old))
    assert case_for_tracking_token(old) == case


def test_a_new_tracking_link_finds_its_request_and_its_index_entry_begins_with_its_time(make_case):
    case = make_case()
    token = issue_tracking_token(case)
    case.refresh_from_db()
    assert case_for_tracking_token(token) == case
    assert case.tracking_token_digest[:8] == token[:8] and token[8] == "."


def test_the_tracking_page_opens_with_a_new_link_and_with_one_sent_before(client, make_case):
    new_case, old_case = make_case(), make_case()
    token = issue_tracking_token(new_case)
    old = "Zz9" + "q" * 40
    type(old_case).objects.filter(pk=old_case.pk).update(tracking_token_digest=token_digest(old))
    for link, case in [(token, new_case), (old, old_case)]:
        response = client.get(f"/en/track/{link}/")
        assert response.status_code == 200 and case.reference in response.content.decode()


def test_a_legal_support_tracking_link_is_of_the_same_shape():
    request, token = legal_support.submit({"threat_kind": "lawsuit", "description": "Sued."}, language="en")
    assert re.fullmatch(r"[0-9a-f]{8}\.[A-Za-z0-9_-]{43}", token), token
    assert legal_support.request_for_tracking_token(token) == request
