"""The staff page of researcher tokens (/<lang>/staff/researcher-tokens/): administrators issue, list and revoke
them there as on the command line, through the same services (opendata.tokens).

- Who: only a role holding opendata.add_researchertoken (the administrator) sees the link and may open the page,
  issue or revoke; everyone else gets the workspace's 403 page, anonymous visitors the sign-in page.
- Issuing answers with a redirect, and the page it leads to shows the raw token once; a reload neither shows it
  again nor issues another. Only its digest is stored (the session holds it sealed until that page); the audit
  trail says who issued it.
- Bad input is refused by the service's own messages, every problem at once, each next to its field; what was typed
  is kept, nothing is stored.
- Revoking twice says so. The contact person is never on the page.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from rightsdesk.accounts import roles
from rightsdesk.audit.models import AuditEntry
from rightsdesk.core.digests import token_digest
from rightsdesk.core.registry import staff_nav
from rightsdesk.opendata import tokens
from rightsdesk.opendata.models import ResearcherToken

pytestmark = pytest.mark.django_db

PAGE = "/en/staff/researcher-tokens/"
CONTACT = "Ada Researcher <ada.contact@ips.example>"
TYPED = {"organisation": "Institute for Platform Studies", "contact": CONTACT, "purpose": "Takedown trends 2026",
         "days": "90", "per_minute": "1200"}

#: Who may do what on the page: the roles of accounts/roles.py (opendata.add_researchertoken: administrators).
MAY_USE_THE_PAGE = {
    roles.INTAKE: False,
    roles.REVIEWER: False,
    roles.LEGAL_APPROVER: False,
    roles.TRUST_AND_SAFETY: False,
    roles.ADMINISTRATOR: True,
    roles.AUDITOR: False,
    roles.LEGAL_SUPPORT: False,
    roles.EXECUTIVE: False,
}

#: Bad input, field by field: (field, what is typed, the service's message shown beside that field).
BAD_INPUT = [
    ("organisation", "", "Give the researcher's organisation."),
    ("organisation", "   ", "Give the researcher's organisation."),
    ("contact", "", "Give a contact person (name and e-mail) for the token."),
    ("days", "0", "A researcher token expires after 1 to 366 days."),
    ("days", "367", "A researcher token expires after 1 to 366 days."),
    ("per_minute", "0", "The rate limit is 1 to 100,000 requests a minute."),
]


def revoke_url(token) -> str:
    return f"/en/staff/researcher-tokens/{token.pk}/revoke/"


def raw_token_in(page: str) -> str:
    found = re.search(r'<code id="new-token" dir="ltr">([^<]*)</code>', page)
    return found.group(1) if found else ""


def fields_of(page: str) -> dict[str, dict]:
    """Each form field's block on the page: its errors, whether it is marked, and the value in its input."""
    found = {}
    for classes, block in re.findall(r'<div class="field( has-error)?">(.*?)</div>', page, re.S):
        name = re.search(r'name="(\w+)"', block).group(1)
        value = re.search(r'<input[^>]* value="([^"]*)"', block)
        error_list = "".join(re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', block, re.S))
        errors = re.findall(r"<li>(.*?)</li>", error_list)
        found[name] = {"marked": bool(classes), "errors": [html.unescape(e) for e in errors],
                       "value": html.unescape(value.group(1)) if value else ""}
    return found


def rows_of(page: str) -> list[str]:
    table = page.split('<table id="researcher-tokens">', 1)[1].split("</table>", 1)[0]
    return [html.unescape(re.sub(r"<[^>]+>", " ", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)][1:]


# --- who ------------------------------------------------------------------------------------------------------------


def test_the_table_of_roles_names_every_role():
    assert set(MAY_USE_THE_PAGE) == set(roles.ROLES)


@pytest.mark.parametrize("role,allowed", MAY_USE_THE_PAGE.items(), ids=list(MAY_USE_THE_PAGE))
def test_who_sees_the_link_and_may_open_issue_and_revoke(client, make_staff, admin, role, allowed):
    existing, _raw = tokens.issue(organisation="Existing Lab", contact="Bo <bo@lab.example>", actor=admin)
    user = make_staff(role)
    request = RequestFactory().get("/en/staff/")
    request.user = user
    assert (PAGE in [item["url"] for item in staff_nav(request)]) is allowed

    client.force_login(user)
    opened = client.get(PAGE)
    issued = client.post(PAGE, TYPED, follow=True)
    revoked = client.post(revoke_url(existing))
    existing.refresh_from_db()
    if allowed:
        assert opened.status_code == 200 and f'href="{PAGE}"' in opened.content.decode()  # the sidebar's link
        assert issued.redirect_chain == [(PAGE, 302)] and raw_token_in(issued.content.decode())
        assert revoked.status_code == 302 and existing.revoked_at is not None
    else:
        for refused in (opened, issued, revoked):
            assert refused.status_code == 403 and "You may not see this page" in refused.content.decode()
        assert existing.revoked_at is None
    assert ResearcherToken.objects.filter(organisation=TYPED["organisation"]).exists() is allowed


def test_anonymous_visitors_are_sent_to_sign_in_and_change_nothing(client, admin):
    existing, _raw = tokens.issue(organisation="Existing Lab", contact="Bo", actor=admin)
    for response in (client.get(PAGE), client.post(PAGE, TYPED), client.post(revoke_url(existing))):
        assert response.status_code == 302 and "/staff/login/" in response["Location"]
    existing.refresh_from_db()
    assert existing.revoked_at is None and ResearcherToken.objects.count() == 1


def test_revoking_is_a_post(as_admin, admin):
    """The button's address opened as a page revokes nothing: it leads to the tokens' page (core.form_address)."""
    token, _raw = tokens.issue(organisation="Lab", contact="Bo", actor=admin)
    opened = as_admin.get(revoke_url(token))
    assert (opened.status_code, opened["Location"]) == (302, PAGE + "#main")  # where the page says why
    token.refresh_from_db()
    assert token.revoked_at is None


# --- issuing --------------------------------------------------------------------------------------------------------


def test_issuing_shows_the_raw_token_once_stores_only_its_digest_and_is_audited(as_admin, admin):
    response = as_admin.post(PAGE, TYPED, follow=True)
    assert response.redirect_chain == [(PAGE, 302)]
    page = response.content.decode()
    raw = raw_token_in(page)
    assert raw.startswith("rdr_") and len(raw) > 40
    assert response["Cache-Control"] == "no-store"  # the staff area: not kept by a browser or a proxy

    token = ResearcherToken.objects.get()
    assert (token.organisation, token.purpose, token.per_minute, token.created_by) == (
        TYPED["organisation"], TYPED["purpose"], 1200, admin)
    assert token.contact == CONTACT
    assert timedelta(days=89, hours=23) < token.expires_at - timezone.now() <= timedelta(days=90)
    assert token.digest == token_digest(raw) and token.prefix == raw[:10]
    with connection.cursor() as cursor:  # every column of the stored row, as the database holds it
        cursor.execute("SELECT * FROM opendata_researchertoken")
        assert not any(raw in str(value) for value in cursor.fetchone())

    entry = AuditEntry.objects.get(action="token")
    assert entry.actor == admin and entry.object_id == str(token.pk) and token.prefix in entry.purpose
    assert raw not in entry.purpose and "ada.contact" not in entry.purpose

    assert as_admin.get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200  # it works
    later = as_admin.get(PAGE).content.decode()
    assert raw not in later and not raw_token_in(later) and f"{token.prefix}…" in later  # never shown again
    assert {name: field["value"] for name, field in fields_of(page).items()} == {
        "organisation": "", "contact": "", "purpose": "", "days": str(tokens.DEFAULT_DAYS),
        "per_minute": str(tokens.DEFAULT_PER_MINUTE)}  # a blank form for the next one, with the defaults


@pytest.mark.parametrize("field,typed,message", BAD_INPUT, ids=[f"{f}={v!r}" for f, v, _ in BAD_INPUT])
def test_bad_input_is_refused_beside_its_field_with_what_was_typed_kept(as_admin, field, typed, message):
    sent = {**TYPED, field: typed}
    page = as_admin.post(PAGE, sent).content.decode()

    shown = fields_of(page)
    assert shown[field]["marked"] and shown[field]["errors"] == [message]
    assert [name for name, f in shown.items() if f["errors"] or f["marked"]] == [field]  # no other field blamed
    assert {name: f["value"] for name, f in shown.items()} == sent  # every typed value kept, as typed
    assert f'<a href="#id_{field}">' in page and 'id="error-summary"' in page  # the summary links to the field
    described_by = re.search(rf'<input[^>]* name="{field}"[^>]* aria-describedby="([^"]*)"', page).group(1).split()
    assert f"id_{field}_error" in described_by and f'<ul class="errorlist" id="id_{field}_error">' in page
    assert not raw_token_in(page)
    assert not ResearcherToken.objects.exists() and not AuditEntry.objects.filter(action="token").exists()


def test_a_number_that_is_not_one_is_refused_by_the_form(as_admin):
    page = as_admin.post(PAGE, {**TYPED, "days": "a year"}).content.decode()
    assert fields_of(page)["days"]["errors"] == ["Enter a whole number."]
    assert not ResearcherToken.objects.exists()


def test_a_reload_after_issuing_neither_issues_another_token_nor_shows_it_again(as_admin):
    """The form is answered with a redirect: what a browser reloads is the page after it, not the form."""
    answer = as_admin.post(PAGE, TYPED)
    assert answer.status_code == 302 and answer["Location"] == PAGE and not raw_token_in(answer.content.decode())

    shown = raw_token_in(as_admin.get(PAGE).content.decode())
    token = ResearcherToken.objects.get()
    assert token.digest == token_digest(shown)
    for _reload in range(2):
        assert not raw_token_in(as_admin.get(PAGE).content.decode())
    assert ResearcherToken.objects.count() == 1 and AuditEntry.objects.filter(action="token").count() == 1


def test_the_session_holds_the_new_token_only_sealed_and_only_until_it_is_shown(as_admin):
    as_admin.post(PAGE, TYPED)
    waiting = dict(as_admin.session)  # the session as stored, decoded
    assert waiting.get("shown_once")  # the token waits for the next page ...
    shown = raw_token_in(as_admin.get(PAGE).content.decode())
    assert shown and shown not in str(waiting)  # ... sealed, never as it is
    assert "shown_once" not in dict(as_admin.session)  # and is gone once shown


def test_a_token_deleted_before_its_page_is_shown_is_not_shown(as_admin):
    as_admin.post(PAGE, TYPED)
    ResearcherToken.objects.all().delete()  # e.g. by another administrator in the admin, between the two requests
    page = as_admin.get(PAGE)
    assert page.status_code == 200 and not raw_token_in(page.content.decode())
    assert "shown_once" not in dict(as_admin.session)


def test_every_problem_is_shown_at_once_each_beside_its_field(as_admin):
    sent = {"organisation": " ", "contact": "", "purpose": "A study", "days": "0", "per_minute": "0"}
    page = as_admin.post(PAGE, sent).content.decode()
    shown = fields_of(page)
    assert {name: f["errors"] for name, f in shown.items() if f["errors"]} == {
        field: [message] for field, message in [
            ("organisation", "Give the researcher's organisation."),
            ("contact", "Give a contact person (name and e-mail) for the token."),
            ("days", "A researcher token expires after 1 to 366 days."),
            ("per_minute", "The rate limit is 1 to 100,000 requests a minute.")]}
    assert re.findall(r'<a href="#id_(\w+)">', page) == [
        "organisation", "contact", "days", "per_minute"]  # the summary lists them in the form's order
    assert not ResearcherToken.objects.exists()


# --- the list and revoking ------------------------------------------------------------------------------------------


def test_the_list_shows_each_tokens_status_and_never_a_contact(as_admin, admin):
    active, _ = tokens.issue(organisation="Active Lab", contact="Cy Active <cy@active.example>", purpose="Study A",
                             per_minute=500, actor=admin)
    expired, _ = tokens.issue(organisation="Expired Lab", contact="Di Expired <di@expired.example>", actor=admin)
    ResearcherToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    revoked, _ = tokens.issue(organisation="Revoked Lab", contact="Ed Revoked <ed@revoked.example>", actor=admin)
    tokens.revoke(revoked, actor=admin)

    page = as_admin.get(PAGE).content.decode()
    rows = {row.split()[0]: row.split() for row in rows_of(page)}  # by the token's prefix, as shown
    assert set(rows) == {f"{t.prefix}…" for t in (active, expired, revoked)}
    first = rows[f"{active.prefix}…"]
    assert first[1:6] == ["Active", "Lab", "Study", "A", "500"]  # organisation, purpose, requests a minute
    assert first[-2:] == ["active", "Revoke"]
    assert rows[f"{expired.prefix}…"][-2:] == ["expired", "Revoke"]
    assert rows[f"{revoked.prefix}…"][-1] == "revoked" and "Revoke" not in rows[f"{revoked.prefix}…"]

    issued = as_admin.post(PAGE, TYPED, follow=True).content.decode()
    for shown in (page, issued, as_admin.get(PAGE).content.decode()):
        for secret in ("cy@active.example", "Cy Active", "di@expired.example", "ed@revoked.example",
                       "ada.contact@ips.example", "Ada Researcher"):
            assert secret not in shown and html.escape(secret) not in shown


def test_revoking_stops_the_token_and_revoking_again_says_so(as_admin, admin):
    token, raw = tokens.issue(organisation="Lab", contact="Bo", actor=admin)
    first = as_admin.post(revoke_url(token), follow=True)
    token.refresh_from_db()
    revoked_at = token.revoked_at
    assert revoked_at is not None and token.revoked_by == admin
    assert f"Researcher token {token.prefix}… of Lab is revoked." in first.content.decode()
    assert "revoked" in rows_of(first.content.decode())[0]
    assert as_admin.get("/api/v1/notices", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401

    again = as_admin.post(revoke_url(token), follow=True)  # e.g. from a page left open in another tab
    assert again.status_code == 200 and again.redirect_chain == [(PAGE, 302)]
    assert "This researcher token was already revoked." in again.content.decode()
    token.refresh_from_db()
    assert token.revoked_at == revoked_at
    assert AuditEntry.objects.filter(action="token").count() == 2  # issued, revoked once


def test_revoking_a_token_that_does_not_exist_is_not_found(as_admin):
    assert as_admin.post("/en/staff/researcher-tokens/999999/revoke/").status_code == 404


# --- languages ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "es", "fr", "ru"])
def test_the_page_is_translated_in_the_staff_languages(as_admin, admin, language):
    tokens.issue(organisation="Lab", contact="Bo", actor=admin)
    page = as_admin.get(f"/{language}/staff/researcher-tokens/").content.decode()
    with translation.override(language):
        words = [gettext("Researcher tokens"), gettext("Issue a researcher token"), gettext("Requests a minute"),
                 pgettext("researcher token", "active")]
    english = ["Researcher tokens", "Issue a researcher token", "Requests a minute", ">active<"]
    assert all(word in page for word in words) and not any(word in page for word in english)


@pytest.mark.parametrize("name", ["organisation", "contact", "purpose"])
def test_typed_text_keeps_its_own_direction(as_admin, name):
    """A Latin contact typed in the Arabic page ("Dr X <x@example.edu>") was shown as "<Dr X <x@example.edu"."""
    page = as_admin.get("/ar/staff/researcher-tokens/").content.decode()
    [field] = re.findall(rf'<input [^>]*name="{name}"[^>]*>', page)
    assert 'dir="auto"' in field


def test_of_two_revocations_at_the_same_moment_one_is_done_and_audited_and_the_other_is_told(admin):
    """Both read the token while it was active (two administrators, or the page and the command)."""
    token, _raw = tokens.issue(organisation="Lab", contact="Bo", actor=admin)
    first, second = ResearcherToken.objects.get(pk=token.pk), ResearcherToken.objects.get(pk=token.pk)
    tokens.revoke(first, actor=admin)
    with pytest.raises(tokens.DomainError) as refused:
        tokens.revoke(second, actor="cli")
    assert refused.value.code == "already_revoked"
    token.refresh_from_db()
    assert token.revoked_at == first.revoked_at and token.revoked_by == admin
    assert AuditEntry.objects.filter(action="token").count() == 2  # issued, revoked once
