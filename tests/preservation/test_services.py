"""Preservation requests (18 U.S.C. § 2703(f)): 90 calendar days, renewable once for 90, released at the end; the
case may not close while records are kept; the accounts are stored encrypted; staff describe, never copy, the data."""

from datetime import timedelta

import pytest
from django.db import connection

from rightsdesk.cases import choices as c
from rightsdesk.cases import workflow
from rightsdesk.clocks.models import Clock
from rightsdesk.core.errors import DomainError
from rightsdesk.preservation import services
from rightsdesk.preservation.models import Preservation, State
from rightsdesk.privacy import crypto

from .conftest import ACCOUNTS, at, request_values

pytestmark = pytest.mark.django_db


def preserved(case, legal, when=None):
    p = services.record_request(case, request_values(), legal)
    return services.record_preserved(p, "Legal-hold store, snapshot LH-0412",
                                     "Sign-in logs of the named accounts, 1 August to 20 November.", legal,
                                     at=when or case.received_at + timedelta(hours=3))


def test_the_90_days_are_calendar_days_across_thanksgiving_christmas_new_year_and_weekends(preservation_case, legal):
    # Received Friday 20 November 2026, 12:00 UTC; Thanksgiving (26 Nov), Christmas, New Year, Martin Luther King Day
    # and Presidents' Day (15 Feb 2027) and thirteen weekends lie inside: none of them moves the end.
    case = preservation_case(received_at=at(2026, 11, 20, 12))
    p = preserved(case, legal)
    assert p.state == State.PRESERVED
    assert p.ends_at == at(2027, 2, 18, 12) == case.received_at + timedelta(days=90)
    clock = Clock.objects.get(case=case)
    assert (clock.rule.key, clock.due_at, clock.rule.source) == ("us-2703f-preservation", at(2027, 2, 18, 12),
                                                                "18 U.S.C. § 2703(f)(2)")


def test_a_renewal_adds_90_calendar_days_once_through_the_clocks_extension(preservation_case, legal):
    case = preservation_case(received_at=at(2026, 11, 20, 12))
    p = services.renew(preserved(case, legal), "Renewed request of 10 February 2027, ref. FBI-26-0412-R", legal,
                       at=at(2027, 2, 10, 9))
    assert (p.state, p.renewed_at, p.renewal_ends_at) == (State.RENEWED, at(2027, 2, 10, 9), at(2027, 5, 19, 12))
    clock = Clock.objects.get(case=case)
    assert (clock.extensions, clock.due_at) == (1, at(2027, 5, 19, 12))
    assert p.current_end == at(2027, 5, 19, 12)


def test_a_second_renewal_is_refused_with_a_clear_error_and_nothing_changes(preservation_case, legal):
    case = preservation_case()
    p = services.renew(preserved(case, legal), "Renewed request of 10 February 2027", legal)
    with pytest.raises(DomainError) as refused:
        services.renew(p, "Renewed again", legal)
    assert refused.value.code == "already_renewed"
    assert "one renewal of 90 days" in refused.value.message and "2703(f)(2)" in refused.value.message
    p.refresh_from_db()
    assert (p.state, p.renewal_reason, p.renewal_ends_at) == (State.RENEWED, "Renewed request of 10 February 2027",
                                                              at(2027, 5, 19, 12))
    assert Clock.objects.get(case=case).extensions == 1


def test_a_renewal_needs_a_legal_approver(preservation_case, legal, reviewer):
    p = preserved(preservation_case(), legal)
    with pytest.raises(Exception) as refused:
        services.renew(p, "Renewed request", reviewer)
    assert getattr(refused.value, "code", "") != "already_renewed"
    p.refresh_from_db()
    assert p.state == State.PRESERVED


def test_the_release_is_recorded_in_words_and_meets_the_clock(preservation_case, legal):
    case = preservation_case()
    p = services.release(preserved(case, legal), "The legal-hold snapshot LH-0412 was deleted.", legal,
                         at=at(2027, 2, 18, 13))
    assert (p.state, p.released_at, p.release_note) == (State.RELEASED, at(2027, 2, 18, 13),
                                                        "The legal-hold snapshot LH-0412 was deleted.")
    assert Clock.objects.get(case=case).status == Clock.Status.MET
    notes = [h.changes.get("preservation") for h in case.history.filter(event="note")]
    assert {"requested", "preserved", "released"} <= set(notes)
    with pytest.raises(DomainError, match="made it “Released”.*Nothing was saved"):  # who released it, when
        services.release(p, "Again.", legal)


def test_a_case_with_preserved_records_may_not_close_or_be_withdrawn_until_the_release_is_recorded(
        preservation_case, legal):
    case = preservation_case()
    p = preserved(case, legal)
    workflow.transition(case, "start_review", legal)
    with pytest.raises(DomainError) as refused:
        workflow.transition(case, "withdraw", legal)
    assert refused.value.code == "preservation_not_released"
    assert "record their release" in refused.value.message
    case.refresh_from_db()
    assert case.state == c.State.UNDER_REVIEW
    services.release(p, "The snapshot was deleted.", legal)
    workflow.transition(case, "withdraw", legal)
    case.refresh_from_db()
    assert case.state == c.State.CLOSED


def test_a_request_only_recorded_or_refused_does_not_stop_the_case_closing(preservation_case, legal):
    case = preservation_case()
    p = services.record_request(case, request_values(), legal)
    services.refuse(p, "No such account on the platform.", legal)
    workflow.transition(case, "withdraw", legal)
    case.refresh_from_db()
    assert case.state == c.State.CLOSED


def test_the_accounts_and_the_authoritys_reference_are_stored_encrypted(preservation_case, legal):
    p = services.record_request(preservation_case(), request_values(), legal)
    with connection.cursor() as cursor:
        cursor.execute("SELECT accounts, authority_reference, accounts_count FROM preservation_preservation "
                       "WHERE id = %s", [p.pk])
        accounts, reference, count = cursor.fetchone()
    assert "Canary-Preserved-Account" not in accounts and crypto.is_encrypted(accounts)
    assert "FBI-26-0412" not in reference and crypto.is_encrypted(reference)
    assert count == 2
    assert Preservation.objects.get(pk=p.pk).account_list() == ACCOUNTS.split("\n")


@pytest.mark.parametrize("description, code", [
    ("", "description_required"),
    ("x" * 1001, "description_too_long"),
    ("\n".join(["line"] * 16), "description_too_long"),
    ("Logs showing 203.0.113.7 signing in", "description_has_data"),
    ("Mails to someone@example.org", "description_has_data"),
    ("Sign-in records from 2001:db8::1, 1-30 June", "description_has_data"),
    ("Sign-in records from fe80::1ff:fe23:4567:890a", "description_has_data"),
    ("Messages to jane (at) example (dot) org", "description_has_data"),
], ids=["empty", "over 1000 characters", "over 15 lines", "an IP address", "an e-mail address",
        "a short IPv6 address", "a link-local IPv6 address", "an e-mail address written to fool robots"])
def test_what_was_preserved_is_described_in_bounded_words_never_a_copy_of_the_data(preservation_case, legal,
                                                                                   description, code):
    p = services.record_request(preservation_case(), request_values(), legal)
    with pytest.raises(DomainError) as refused:
        services.record_preserved(p, "Legal-hold store", description, legal)
    assert (refused.value.code, refused.value.field) == (code, "preserved_description")
    p.refresh_from_db()
    assert (p.state, p.preserved_at) == (State.REQUESTED, None)


@pytest.mark.parametrize("change, field", [
    ({"authority_name": ""}, "authority_name"), ({"authority_country": ""}, "authority_country"),
    ({"legal_basis": ""}, "legal_basis"), ({"accounts": " \n "}, "accounts"),
    ({"accounts": "\n".join(f"User{i}" for i in range(201))}, "accounts"),
    ({"authority_country": "QQ"}, "authority_country"),
])
def test_a_request_missing_what_it_needs_is_refused_naming_the_field(preservation_case, legal, change, field):
    case = preservation_case()
    with pytest.raises(DomainError) as refused:
        services.record_request(case, {**request_values(), **change}, legal)
    assert refused.value.field == field
    assert not Preservation.objects.filter(case=case).exists()


def test_only_a_preservation_request_records_a_preservation(make_case, legal):
    case = make_case(c.Kind.USER_DATA_REQUEST, country="US")
    with pytest.raises(DomainError, match="Preservation request"):
        services.record_request(case, request_values(), legal)


def test_an_authority_outside_the_us_gets_the_same_90_days_renewable_once_without_a_statutory_clock(
        preservation_case, legal):
    """Counted as the statutory clock counts: from the request's receipt (2 March), not from when the records were
    preserved (3 March), so a German and a US request received together end together."""
    case = preservation_case(country="DE", received_at=at(2026, 3, 2, 10))
    p = services.record_request(case, request_values(country="DE"), legal)
    p = services.record_preserved(p, "Legal-hold store", "Sign-in logs of the named account.", legal,
                                  at=at(2026, 3, 3, 10))
    assert p.ends_at == at(2026, 5, 31, 10) and not Clock.objects.filter(case=case).exists()
    p = services.renew(p, "Renewed by the BKA on 20 May", legal)
    assert p.renewal_ends_at == at(2026, 8, 29, 10)
    with pytest.raises(DomainError, match="already renewed"):
        services.renew(p, "again", legal)


def test_the_retention_run_blanks_the_accounts_and_keeps_the_counts(preservation_case, legal):
    from rightsdesk.privacy.retention import purge_case

    case = preservation_case()
    p = services.release(preserved(case, legal), "The snapshot was deleted.", legal)
    workflow.transition(case, "withdraw", legal)
    assert purge_case(case)
    p.refresh_from_db()
    assert (p.accounts, p.authority_reference, p.preserved_description, p.release_note) == ("", "", "", "")
    assert (p.accounts_count, p.state) == (2, State.RELEASED)


def test_the_case_page_alert_names_the_end_of_the_preservation_in_utc_once(preservation_case, legal, rf):
    """The moment goes through core.moments ("2027-02-18 12:00 UTC"); the sentence no longer adds "(UTC)" itself."""
    from django.utils import translation

    from rightsdesk.preservation.panels import case_panels

    case = preservation_case(received_at=at(2026, 11, 20, 12))
    preserved(case, legal)
    request = rf.get("/")
    request.user = legal
    for language in ("en", "ar", "zh-hans"):
        with translation.override(language):
            [panel] = case_panels(request, case)
            assert "2027-02-18 12:00 UTC" in panel["alert"] and panel["alert"].count("UTC") == 1, panel["alert"]
            # kept whole inside the Arabic sentence (core.moments): it read "UTC 12:00 18-02-2027"
            assert ("\u20662027-02-18 12:00 UTC\u2069" in panel["alert"]) == (language == "ar")


def test_the_period_outside_the_us_follows_the_rule_as_an_administrator_keeps_it(preservation_case, legal):
    from rightsdesk.clocks.models import ClockRule

    ClockRule.objects.filter(key=services.RULE_KEY).update(duration=24 * 60, extension=24 * 30)  # 60 days, 30 more
    case = preservation_case(country="DE", received_at=at(2026, 3, 2, 10))
    p = services.record_preserved(services.record_request(case, request_values(country="DE"), legal),
                                  "Legal-hold store", "Sign-in logs of the named account.", legal, at=at(2026, 3, 3, 10))
    assert p.ends_at == at(2026, 5, 1, 10)
    assert services.renew(p, "Renewed by the BKA on 20 April", legal).renewal_ends_at == at(2026, 5, 31, 10)
