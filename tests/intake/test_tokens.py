"""API tokens: staff issue and revoke them per organisation, scripts use `rightsdesk token`; every change is audited."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rightsdesk.accounts.models import ApiToken, Organisation
from rightsdesk.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def run(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_token_create_prints_a_working_token_once_and_stores_only_its_digest():
    out, err = run("create", "--org", "Acme Rights Agency", "--label", "nightly", "--expires-days", "30")
    raw = out.strip()
    token = ApiToken.authenticate(raw)
    assert token is not None and token.organisation.name == "Acme Rights Agency" and token.label == "nightly"
    assert token.expires_at is not None
    assert raw not in str(list(ApiToken.objects.values()))
    assert "Created the organisation" in err
    assert AuditEntry.objects.get(action="token").actor_label == "cli"


def test_token_create_reuses_an_existing_organisation_whatever_the_case():
    Organisation.objects.create(name="Acme")
    run("create", "--org", "ACME")
    assert Organisation.objects.count() == 1


def test_token_list_shows_prefixes_never_tokens():
    raw = run("create", "--org", "Acme")[0].strip()
    out, _ = run("list")
    assert raw[:10] in out and raw not in out and "active" in out


def test_token_revoke_by_prefix_stops_the_token_working():
    raw = run("create", "--org", "Acme")[0].strip()
    out, _ = run("revoke", raw[:10])
    assert "Revoked" in out
    assert ApiToken.authenticate(raw) is None
    assert AuditEntry.objects.filter(action="token").count() == 2


def test_token_revoke_of_an_unknown_prefix_fails_clearly():
    with pytest.raises(CommandError, match="No token starts with"):
        run("revoke", "rdk_nothing")


def test_an_expiry_out_of_range_is_refused():
    with pytest.raises(CommandError, match="1 to 3650 days"):
        run("create", "--org", "Acme", "--expires-days", "0")


def test_staff_without_the_permission_cannot_see_the_token_pages(client, make_staff):
    client.force_login(make_staff("reviewer"))
    assert client.get("/en/staff/tokens/").status_code == 403


def test_an_administrator_issues_a_token_shown_once_and_revokes_it(client, make_staff):
    admin = make_staff("administrator")
    client.force_login(admin)
    page = client.get("/en/staff/tokens/")
    assert page.status_code == 200 and "Issue a token" in page.content.decode()
    response = client.post("/en/staff/tokens/", {"organisation": "Photo Agency", "label": "batch"}, follow=True)
    assert response.redirect_chain == [("/en/staff/tokens/", 302)]  # a reload cannot issue a second token
    html = response.content.decode()
    token = ApiToken.objects.get()
    assert token.created_by == admin and token.organisation.name == "Photo Agency"
    raw = html.split('id="new-token" dir="ltr">')[1].split("<")[0]
    assert ApiToken.authenticate(raw) == token
    assert raw not in client.get("/en/staff/tokens/").content.decode()  # shown once
    assert ApiToken.objects.count() == 1
    client.post(f"/en/staff/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    entries = AuditEntry.objects.filter(action="token", actor=admin)
    assert entries.count() == 2 and all(raw not in e.purpose for e in entries)


def test_the_token_page_is_in_the_staff_navigation_for_administrators(client, make_staff):
    client.force_login(make_staff("administrator"))
    assert 'href="/en/staff/tokens/"' in client.get("/en/staff/tokens/").content.decode()


def test_a_tokens_last_use_is_recorded_at_most_once_a_minute_so_a_request_need_not_write(django_assert_num_queries):
    from datetime import timedelta

    from django.utils import timezone

    organisation = Organisation.objects.create(name="Acme")
    token, raw = ApiToken.issue(organisation)
    assert ApiToken.authenticate(raw).last_used_at is not None  # the first use is recorded
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    with django_assert_num_queries(1):  # the look-up only: used again within the minute
        assert ApiToken.authenticate(raw) is not None
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now() - timedelta(minutes=2))
    assert ApiToken.authenticate(raw).last_used_at > first  # a minute later it is recorded again


@pytest.mark.parametrize("args, refused", [
    (["--expires-days", "-3"], "A token expires after 1 to 3650 days."),
    (["--expires-days", "0"], "A token expires after 1 to 3650 days."),
    (["--expires-days", "99999"], "A token expires after 1 to 3650 days."),
])
def test_a_refused_token_creates_no_organisation_and_says_none_was_created(args, refused):
    """Before, the organisation was stored and 'Created the organisation' said, then the token was refused."""
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=refused):
        call_command("token", "create", "--org", "Typo Rights Agency", *args, stdout=out, stderr=err)
    assert not Organisation.objects.filter(name="Typo Rights Agency").exists()
    assert "Created the organisation" not in err.getvalue() and out.getvalue() == ""
