"""The public office-actions log shows only reviewed public entries: the approved action, its public fields, the
account name only where policy allows, and nothing private (a canary in the evidence, the notes, a second account,
a refusal's reasons and an evidence file's name never reaches the page, its Arabic version or its JSON)."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rightsdesk.accountactions import services
from rightsdesk.accounts.roles import EXECUTIVE, LEGAL_APPROVER, REVIEWER, TRUST_AND_SAFETY
from rightsdesk.core.errors import DomainError, NotPermitted

pytestmark = pytest.mark.django_db

CANARIES = {
    "second account": "Ottavio Canarinelli",
    "notes": "lives at Via dei Canarini 17",
    "refusal": "Canaryfield was not involved",
    "related notes": "phone +39 347 555 0199",
    "file name": "Canarinelli_passport",
}


def approve_all(action, make_staff):
    for role in action.required_roles:
        action = services.sign(action, make_staff(role), role=role, decision="approve")
    return action


def public_surfaces(client) -> dict[str, str]:
    return {url: client.get(url).content.decode() for url in ("/en/office-actions/", "/ar/office-actions/",
                                                              "/en/office-actions.json", "/en/office-actions/?type=lock")}


def test_the_public_log_shows_the_approved_action_and_nothing_private(client, make_staff, propose, publish, settings,
                                                                      tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    ban = propose(make_staff(REVIEWER), "global_ban", accounts=f"Public Banned Name\n{CANARIES['second account']}",
                  projects="de.wikipedia.org\ncommons.wikimedia.org", notes=CANARIES["notes"],
                  uploads=[SimpleUploadedFile(f"{CANARIES['file name']}.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)])
    ban = approve_all(ban, make_staff)
    refused = propose(make_staff(REVIEWER), "lock", accounts="Locked Person", notes=CANARIES["related notes"])
    services.sign(refused, make_staff(TRUST_AND_SAFETY), role=TRUST_AND_SAFETY, decision="refuse",
                  reason=CANARIES["refusal"])
    pending = propose(make_staff(REVIEWER), "event_ban", accounts="Pending Person")

    # Nothing reaches the public before a person approves the public entry.
    assert "Public Banned Name" not in public_surfaces(client)["/en/office-actions/"]
    entry = publish(ban, "Banned for sustained harassment.")
    assert entry.account_name == "Public Banned Name"

    surfaces = public_surfaces(client)
    assert "Public Banned Name" in surfaces["/en/office-actions/"] and entry.public_id in surfaces["/ar/office-actions/"]
    assert "Banned for sustained harassment." in surfaces["/en/office-actions/"]
    rows = json.loads(surfaces["/en/office-actions.json"])["office_actions"]
    assert [(r["id"], r["action"], r["account"], r["projects"]) for r in rows] == [
        (entry.public_id, "global_ban", "Public Banned Name", ["commons.wikimedia.org", "de.wikipedia.org"])]
    for where, text in surfaces.items():
        for what, canary in CANARIES.items():
            assert canary not in text, f"{what} leaked into {where}"
        for private in ("Locked Person", "Pending Person", ban.reference, pending.reference):
            assert private not in text, f"{private} leaked into {where}"
    # The canaries are stored, encrypted (the evidence page shows them to staff who may see private data).
    ban.refresh_from_db()
    assert CANARIES["notes"] in ban.notes and ban.attachments.count() == 1


def test_warnings_are_never_named_and_a_withheld_name_stays_withheld(make_staff, propose, publish):
    warning = approve_all(propose(make_staff(REVIEWER), "warning", accounts="Warned Person"), make_staff)
    assert publish(warning, "A conduct warning.").account_name == ""
    ban = approve_all(propose(make_staff(REVIEWER), "global_ban", accounts="Withheld Person"), make_staff)
    assert publish(ban, "A global ban.", withhold_name=True).account_name == ""


def test_only_an_approved_action_is_published_and_only_by_a_publisher(make_staff, propose):
    pending = propose(make_staff(REVIEWER), "global_ban")
    with pytest.raises(DomainError, match="Only an approved action"):
        services.draft_entry(pending, make_staff(LEGAL_APPROVER), summary="Sanctioned for harassment.")
    with pytest.raises(DomainError, match="Only an approved action"):
        services.approve_entry(pending, make_staff(LEGAL_APPROVER))
    approved = approve_all(propose(make_staff(REVIEWER), "lock"), make_staff)
    for role in (TRUST_AND_SAFETY, EXECUTIVE):
        with pytest.raises(NotPermitted):
            services.draft_entry(approved, make_staff(role), summary="Sanctioned for harassment.")
    services.draft_entry(approved, make_staff(LEGAL_APPROVER), summary="Sanctioned for harassment.")
    for role in (TRUST_AND_SAFETY, EXECUTIVE):
        with pytest.raises(NotPermitted):
            services.approve_entry(approved, make_staff(role))


def test_a_withdrawn_entry_leaves_the_public_log(client, make_staff, propose, publish):
    ban = approve_all(propose(make_staff(REVIEWER), "global_ban", accounts="Soon Withdrawn"), make_staff)
    publisher = make_staff(LEGAL_APPROVER)
    entry = publish(ban, "Sanctioned for harassment.")
    assert "Soon Withdrawn" in client.get("/en/office-actions/").content.decode()
    services.withdraw_entry(entry, publisher, reason="Overturned on appeal.")
    assert "Soon Withdrawn" not in client.get("/en/office-actions/").content.decode()


def test_the_log_tells_the_account_holder_how_to_appeal(client):
    page = client.get("/en/office-actions/").content.decode()
    assert "/en/request/appeal/" in page


def test_the_report_counts_own_initiative_measures_suspensions_and_terminations_by_ground(make_staff, propose):
    from datetime import date

    from rightsdesk.reports.periods import parse_period
    from rightsdesk.reports.sections import account_actions_section

    day = date(2026, 5, 4)
    approve_all(propose(make_staff(REVIEWER), "global_ban", starts_on=day), make_staff)
    approve_all(propose(make_staff(REVIEWER), "global_ban", starts_on=day, ends_on=date(2026, 8, 1)), make_staff)
    approve_all(propose(make_staff(REVIEWER), "warning", starts_on=day, own_initiative=False), make_staff)
    propose(make_staff(REVIEWER), "lock", starts_on=day)  # pending: not counted
    table = account_actions_section(parse_period("2026-H1")).table("by_ground")
    harassment = next(row for row in table.rows if row.key == "harassment")
    assert harassment.values == {"own_initiative": 2, "suspension": 1, "termination": 1}


def test_the_log_names_an_actions_projects_only_as_the_platforms_own_sites(client, make_staff, propose, publish):
    """A project staff typed as the warned account's user page (or a volunteer's own site) would name, on the public
    log, the account the policy never names: the entry names the platform's own sites only, by host, and the
    publisher approving the draft reads them as they will be published."""
    warning = propose(make_staff(REVIEWER), "warning", accounts="Warned Person",
                      projects="ar.wikipedia.org/wiki/User:Warned_Person\nwarned-person.example.net\nfr.wikipedia.org")
    warning = approve_all(warning, make_staff)
    drafter = make_staff(LEGAL_APPROVER)
    entry = publish(warning, "Warned for a breach of the friendly-space policy.", drafter=drafter)
    assert entry.projects == ["ar.wikipedia.org", "fr.wikipedia.org"]
    for url, page in public_surfaces(client).items():
        assert "Warned_Person" not in page and "warned-person.example.net" not in page, url
    client.force_login(drafter)
    detail = client.get(f"/en/staff/account-actions/{warning.reference}/").content.decode()
    shown = detail.split('data-draft="projects">', 1)[1].split("</dd>", 1)[0]
    assert "ar.wikipedia.org" in shown and "fr.wikipedia.org" in shown and "User:" not in shown and "example.net" not in shown


def isolated_hosts(*hosts) -> list[str]:
    return [f'<bdi dir="ltr" class="whole">{host}</bdi>' for host in hosts]


@pytest.mark.parametrize(("language", "joined"), [
    ("ar", "{} و{}"),  # Arabic's own "and" (core.lists), where the page had "commons.wikimedia.org, de.wikipedia.org"
    ("fa", "{} و {}"),
    ("en", "{} and {}"),
])
def test_the_log_joins_an_actions_projects_in_the_readers_language_each_host_isolated_left_to_right(
        client, make_staff, propose, publish, language, joined):
    ban = approve_all(propose(make_staff(REVIEWER), "global_ban", accounts="Banned Person",
                              projects="de.wikipedia.org\ncommons.wikimedia.org"), make_staff)
    drafter = make_staff(LEGAL_APPROVER)
    publish(ban, "Banned for sustained harassment.", drafter=drafter)
    expected = joined.format(*isolated_hosts("commons.wikimedia.org", "de.wikipedia.org"))
    page = client.get(f"/{language}/office-actions/").content.decode()
    assert f"<td>{expected}</td>" in page
    # The publisher reads the projects in the draft as the public will.
    client.force_login(drafter)
    detail = client.get(f"/{language}/staff/account-actions/{ban.reference}/").content.decode()
    assert f'data-draft="projects">{expected}</dd>' in detail


@pytest.mark.parametrize("language", ["ar", "fa", "ur", "en"])
def test_the_logs_days_are_written_by_the_one_rule_for_a_public_day_and_kept_apart_in_their_sentence(
        client, make_staff, propose, publish, language):
    """A day of the log (an action's start, and its end in "until …") is written as every public page writes a day:
    the reader's date format (Django's localized DATE_FORMAT, "20 نوفمبر، 2026" with the Arabic comma, never a
    format string of the page's own), in a <time> that keeps it apart from "until" (core's |day)."""
    import datetime

    from django.utils import formats, translation

    from rightsdesk.core import numerals

    starts, ends = datetime.date(2026, 11, 20), datetime.date(2027, 12, 1)
    ban = approve_all(propose(make_staff(REVIEWER), "event_ban", accounts="Banned Person", starts_on=starts,
                              ends_on=ends), make_staff)
    publish(ban, "Banned from the conference.")
    page = client.get(f"/{language}/office-actions/").content.decode()
    cell = page.split("<tbody>", 1)[1].split("</td>", 1)[0]
    with translation.override(language):
        for day in (starts, ends):
            shown = numerals.localize(formats.date_format(day, "DATE_FORMAT"))
            assert f'<time datetime="{day.isoformat()}" dir="auto" class="whole">{shown}</time>' in cell, cell
    if language == "ar":
        assert "20 نوفمبر، 2026" in cell and "," not in cell
