"""Researcher tokens: issued and revoked by administrators, a higher rate limit and the whole log by keyset
pagination, and never more than the public record."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from rightsdesk.cases import choices as c
from rightsdesk.core.errors import DomainError
from rightsdesk.opendata import tokens
from rightsdesk.opendata.models import ResearcherToken
from rightsdesk.transparency.api import NoticeOut
from rightsdesk.transparency.models import PublicRecord

from .conftest import publish_all, utc

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_notices(decided_case):
    for n in range(12):
        decided_case(c.Kind.CONTENT_TAKEDOWN, outcome=c.Outcome.REJECTED, received_at=utc(2026, 1, 1 + n),
                     decided_at=utc(2026, 2, 1 + n))
    publish_all()
    return PublicRecord.objects.listed().count()


def _auth(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_an_administrator_issues_a_token_shown_once_and_stored_as_a_digest(admin, make_staff):
    token, raw = tokens.issue(organisation="Institute for Platform Studies", contact="Ada Researcher <ada@ips.example>",
                              purpose="Takedown trends", actor=admin)
    assert raw.startswith("rdr_") and len(raw) > 40
    stored = ResearcherToken.objects.get()
    assert stored.digest != raw and raw not in (stored.digest, stored.prefix) and stored.prefix == raw[:10]
    assert stored.contact == "Ada Researcher <ada@ips.example>"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT contact FROM opendata_researchertoken")
        assert "ada@ips.example" not in cursor.fetchone()[0]  # encrypted at rest
    with pytest.raises(DomainError, match="administrator"):
        tokens.issue(organisation="X", contact="Y", actor=make_staff("reviewer"))
    with pytest.raises(DomainError, match="contact"):
        tokens.issue(organisation="X", contact=" ", actor=admin)
    with pytest.raises(DomainError, match="366"):
        tokens.issue(organisation="X", contact="Y", days=1000, actor=admin)


def test_a_revoked_or_expired_token_is_refused_not_treated_as_anonymous(admin, many_notices, client):
    token, raw = tokens.issue(organisation="Lab", contact="Bo <bo@lab.example>", actor=admin)
    assert client.get("/api/v1/notices", **_auth(raw)).status_code == 200
    tokens.revoke(token, actor=admin)
    refused = client.get("/api/v1/notices", **_auth(raw))
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"][0]["message"]
    with pytest.raises(DomainError, match="already"):
        tokens.revoke(token, actor=admin)
    other, raw2 = tokens.issue(organisation="Lab", contact="Bo", actor=admin)
    ResearcherToken.objects.filter(pk=other.pk).update(expires_at=utc(2020, 1, 1))
    assert client.get("/api/v1/notices", **_auth(raw2)).status_code == 401
    assert client.get("/api/v1/notices", **_auth("rdr_made-up")).status_code == 401
    assert client.get("/api/v1/notices", **_auth("rdk_an-organisation-token")).status_code == 200  # public tier
    assert client.get("/api/v1/notices").status_code == 200  # no token: anyone


def test_the_command_issues_lists_and_revokes_without_showing_contacts(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("researcher_token", "issue", "--org", "Uni", "--contact", "Cy <cy@uni.example>", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("rdr_")
    listing = io.StringIO()
    call_command("researcher_token", "list", stdout=listing)
    assert raw[:10] in listing.getvalue() and "cy@uni.example" not in listing.getvalue() + err.getvalue()
    call_command("researcher_token", "revoke", raw[:10], stdout=io.StringIO())
    assert ResearcherToken.objects.get().revoked_at is not None


def test_a_researcher_token_has_a_higher_rate_limit(admin, many_notices, client, settings, monkeypatch):
    from types import SimpleNamespace

    from rightsdesk.opendata import researchers

    # Every request in one minute's window: the limit counts per clock minute, and a run that crossed the minute
    # would start counting again (seen once in CI under load). Only the rate limit's clock is held.
    monkeypatch.setattr(researchers, "time", SimpleNamespace(time=lambda: 1_800_000_000.0 + 5))
    settings.RIGHTSDESK_OPENDATA = {**settings.RIGHTSDESK_OPENDATA, "ANONYMOUS_PER_MINUTE": 3}
    token, raw = tokens.issue(organisation="Lab", contact="Di", per_minute=6, actor=admin)
    statuses = [client.get("/api/v1/notices?limit=1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/notices/x")
    assert limited.status_code == 429 and "researcher token" in limited.json()["detail"][0]["message"]
    researcher = [client.get("/api/v1/notices?limit=1", **_auth(raw)).status_code for _ in range(7)]
    assert researcher == [200] * 6 + [429]


def _walk(client, headers, limit=5):
    seen, url, statuses = [], "/api/v1/notices?limit=%d" % limit, []
    while url:
        response = client.get(url, **headers)
        statuses.append(response.status_code)
        if response.status_code != 200:
            return seen, statuses, response
        body = response.json()
        seen += [n["public_id"] for n in body["results"]]
        url = body["next"]
    return seen, statuses, None


def test_a_researcher_walks_the_whole_log_past_the_cap_and_anyone_else_is_stopped_at_it(admin, many_notices, client,
                                                                                        settings):
    """The cap is 10,000 in production; 7 here, over a log of 12."""
    settings.RIGHTSDESK_OPENDATA = {**settings.RIGHTSDESK_OPENDATA, "PUBLIC_DEPTH_CAP": 7}
    _token, raw = tokens.issue(organisation="Lab", contact="Ed", actor=admin)
    seen, statuses, _ = _walk(client, _auth(raw))
    assert len(seen) == len(set(seen)) == many_notices == 12 and set(statuses) == {200}
    assert seen == list(PublicRecord.objects.listed().order_by("-sort_key").values_list("public_id", flat=True))
    anonymous, statuses, refused = _walk(client, {})
    assert anonymous == seen[:10] and statuses == [200, 200, 403]
    assert "researcher token" in refused.json()["detail"][0]["message"]


def test_a_researcher_token_reads_exactly_the_public_fields(admin, many_notices, client):
    _token, raw = tokens.issue(organisation="Lab", contact="Fi", actor=admin)
    as_researcher = client.get("/api/v1/notices?limit=100", **_auth(raw)).json()
    as_anyone = client.get("/api/v1/notices?limit=100").json()
    assert as_researcher == as_anyone
    assert set(as_researcher["results"][0]) == set(NoticeOut.model_fields)
