"""What each kind of request must contain: hard errors refuse, missing legal elements mark it incomplete."""

from __future__ import annotations

import re

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.intake.kinds import MISSING_LABELS, SPECS, SPECS_BY_SLUG, STAFF_MISSING_LABELS, missing_labels
from rightsdesk.intake.validation import clean_submission


def codes(result):
    return {(e.field, e.code) for e in result.errors}


def test_every_kind_has_exactly_one_public_form_with_a_stable_slug():
    assert set(SPECS) == set(c.Kind.values)
    assert len(SPECS_BY_SLUG) == len(SPECS)


def test_every_missing_code_has_a_message_for_the_requester():
    for spec in SPECS.values():
        for need in spec.needed:
            assert need in MISSING_LABELS, (spec.kind, need)


def test_what_is_missing_is_said_to_the_requester_and_of_the_requester_to_staff():
    """The same codes: "your signature" on the receipt, "the requester's signature" on the case page."""
    assert set(STAFF_MISSING_LABELS) == set(MISSING_LABELS)
    to_staff = [str(label) for label in STAFF_MISSING_LABELS.values()]
    assert not [label for label in to_staff if re.search(r"\byou(r)?\b", label)], "no label speaks to the reader"
    assert missing_labels(["signature", "urls", "unknown_code"]) == [
        "your signature", "the exact URLs of the content", "unknown_code"]
    assert missing_labels(["signature", "urls", "unknown_code"], staff=True) == [
        "the requester's signature", "the exact URLs of the content", "unknown_code"]


def test_a_takedown_without_explanation_is_refused_but_without_urls_is_kept_incomplete():
    spec = SPECS[c.Kind.CONTENT_TAKEDOWN]
    refused = clean_submission(spec, {"requester_type": "individual", "content_ground": "privacy"})
    assert ("description", "required") in codes(refused)
    kept = clean_submission(spec, {"requester_type": "individual", "content_ground": "privacy",
                                   "description": "This reveals my home address."})
    assert kept.ok
    assert kept.missing == ["urls", "name", "email", "good_faith"]


def test_a_child_safety_notice_needs_no_name_or_email():
    spec = SPECS[c.Kind.CONTENT_TAKEDOWN]
    result = clean_submission(spec, {"requester_type": "individual", "content_ground": "child_safety",
                                     "description": "Abuse material", "urls": "https://en.wikipedia.org/wiki/X",
                                     "good_faith": "on"})
    assert result.ok and result.missing == []


def test_a_copyright_notice_lists_every_missing_512c3_element():
    result = clean_submission(SPECS[c.Kind.COPYRIGHT_NOTICE], {"description": "My song"})
    assert result.ok
    assert result.missing == ["copyrighted_work", "urls", "name", "contact", "good_faith", "accuracy_statement",
                              "signature"]


def test_a_copyright_notice_accepts_a_phone_number_as_contact():
    result = clean_submission(SPECS[c.Kind.COPYRIGHT_NOTICE], {"description": "My song", "phone": "+1 555 0100"})
    assert "contact" not in result.missing


def test_a_counter_notice_needs_address_phone_and_consent_to_jurisdiction():
    result = clean_submission(SPECS[c.Kind.COPYRIGHT_COUNTER_NOTICE], {"description": "It is my own photo"})
    assert {"postal_address", "phone", "consent_jurisdiction", "mistake_statement", "signature"} <= set(result.missing)


def test_a_user_data_request_needs_authority_official_legal_basis_and_process_type():
    spec = SPECS[c.Kind.USER_DATA_REQUEST]
    refused = clean_submission(spec, {"requester_type": "law_enforcement", "description": "Data please"})
    assert ("legal_process", "required") in codes(refused)
    kept = clean_submission(spec, {"requester_type": "law_enforcement", "legal_process": "informal_government",
                                   "description": "Data please"})
    assert kept.ok
    assert {"organisation", "official", "official_title", "law_invoked", "legal_basis_reference", "accounts"} <= set(kept.missing)


def test_a_user_data_request_cannot_claim_to_be_a_company_or_anonymous():
    result = clean_submission(SPECS[c.Kind.USER_DATA_REQUEST], {"requester_type": "anonymous", "legal_process": "court_order",
                                                                "description": "x"})
    assert ("requester_type", "invalid_choice") in codes(result)


@pytest.mark.parametrize("kind", list(c.Kind))
def test_no_form_or_api_lets_a_requester_say_their_type_is_not_known(kind):
    """'Not known' is for historic records (rightsdesk import); whoever writes today says who they are."""
    result = clean_submission(SPECS[kind], {"requester_type": c.RequesterType.UNKNOWN, "description": "x"})
    assert ("requester_type", "invalid_choice") in codes(result) or "requester_type" not in SPECS[kind].field_names


def test_a_harm_report_may_be_anonymous_and_then_keeps_no_contact_details():
    result = clean_submission(SPECS[c.Kind.HARM_REPORT], {"harm_category": "harassment", "description": "He follows me",
                                                          "urls": "https://en.wikipedia.org/wiki/User_talk:Me",
                                                          "anonymous": "on", "name": "Sam", "email": "sam@example.org"})
    assert result.ok and result.missing == []
    assert result.values["name"] == "" and result.values["email"] == ""
    assert result.values["requester_type"] == c.RequesterType.ANONYMOUS


@pytest.mark.parametrize("contact", [{"email": "sam@"}, {"email": "x" * 330 + "@example.org"}, {"name": "S" * 5000}],
                         ids=["mistyped address", "address too long", "name too long"])
def test_an_anonymous_report_is_not_refused_over_contact_details_it_will_not_keep(contact):
    """The details are dropped (above); refusing the report until a mistyped address that will not be kept is put
    right would make a person at risk fix what the report throws away."""
    result = clean_submission(SPECS[c.Kind.HARM_REPORT], {"harm_category": "harassment", "description": "He follows me",
                                                          "urls": "https://en.wikipedia.org/wiki/User_talk:Me",
                                                          "anonymous": "on", **contact})
    assert result.ok, result.errors
    assert result.values["name"] == "" and result.values["email"] == ""


def test_a_report_that_is_not_anonymous_is_still_refused_over_a_mistyped_address():
    result = clean_submission(SPECS[c.Kind.HARM_REPORT], {"harm_category": "harassment", "description": "He follows me",
                                                          "urls": "https://en.wikipedia.org/wiki/User_talk:Me",
                                                          "email": "sam@"})
    assert ("email", "invalid_email") in codes(result)


@pytest.mark.parametrize("field, value, code", [
    ("email", "not-an-address", "invalid_email"),
    ("urls", "https://en.wikipedia.org/wiki/A\njavascript:alert(1)", "invalid_url"),
    ("urls", "ftp://example.org/file", "invalid_url"),
    ("country", "XX", "invalid_country"),
    ("content_ground", "boredom", "invalid_choice"),
    ("subject", "x" * 301, "too_long"),
    ("description", "nul\x00byte", "invalid_text"),
    ("description", "lone \ud800 surrogate", "invalid_text"),
    ("good_faith", "maybe", "invalid_type"),
])
def test_malformed_values_are_hard_errors_naming_the_field(field, value, code):
    data = {"requester_type": "individual", "content_ground": "privacy", "description": "About me", field: value}
    result = clean_submission(SPECS[c.Kind.CONTENT_TAKEDOWN], data)
    assert (field, code) in codes(result)


def test_the_number_of_urls_is_limited(settings):
    settings.RIGHTSDESK_INTAKE = {"MAX_URLS": 3}
    urls = "\n".join(f"https://en.wikipedia.org/wiki/P{i}" for i in range(4))
    result = clean_submission(SPECS[c.Kind.HARM_REPORT], {"harm_category": "hate", "description": "x", "urls": urls})
    assert ("urls", "too_many") in codes(result)


def test_the_explanation_size_limit_is_configurable(settings):
    settings.RIGHTSDESK_INTAKE = {"MAX_TEXT_CHARS": 10}
    result = clean_submission(SPECS[c.Kind.GRIEVANCE], {"description": "x" * 11})
    assert ("description", "too_long") in codes(result)


@pytest.mark.parametrize("field_type, empty", [
    ("bool", False), ("urls", []), ("lines", []), ("text", ""), ("longtext", ""), ("email", ""), ("url", ""),
    ("choice", ""), ("country", ""), ("reference", ""),
])
def test_a_field_not_sent_is_the_empty_value_of_its_type_and_no_error(field_type, empty):
    from rightsdesk.intake.kinds import FIELDS
    from rightsdesk.intake.validation import clean_field

    names = [name for name, fd in FIELDS.items() if fd.type == field_type]
    assert names, f"no field of type {field_type}"
    for name in names:
        errors = []
        assert clean_field(name, None, errors) == empty and errors == []


def test_text_the_database_cannot_store_is_named_and_any_other_text_passes():
    from hypothesis import given
    from hypothesis import strategies as st

    from rightsdesk.intake.validation import text_problem

    def storable(value: str) -> bool:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return "\x00" not in value

    @given(st.text(st.characters(codec=None, exclude_categories=())) | st.text(alphabet="ab\x00\ud800é "))
    def check(value):
        assert (text_problem(value) is None) == storable(value)

    check()
    assert text_problem("ok\x00") and text_problem("lone \ud800 half") and text_problem("نص عربي") is None


def test_an_item_urls_host_path_and_query_are_where_urlsplit_puts_them():
    """project_and_title cuts an ordinary web address itself (validation._host_path_query); for every address the
    pattern of ordinary ones matches, and for the others, the cut is urlsplit's."""
    from urllib.parse import urlsplit

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from rightsdesk.core import value_checks
    from rightsdesk.intake.validation import _host_path_query, project_and_title

    def by_urlsplit(url):
        parts = urlsplit(url)
        return parts.hostname or "", parts.path, parts.query

    tails = st.text(alphabet="/?#&=_%Aa1", max_size=12)
    ordinary = st.tuples(st.from_regex(value_checks.PLAIN_WEB_URL, fullmatch=True), tails).map(
        lambda pair: pair[0] + ("/" + pair[1] if "/" not in pair[0].split("://", 1)[1] else pair[1]))

    @settings(max_examples=500, deadline=None)
    @given(url=ordinary | st.sampled_from(["HTTPS://EN.Wikipedia.org/wiki/X", "https://u@h.org:8080/wiki/A?b#c",
                                           "https://h.org?title=X", "//h.org/wiki/Y", "not a url"]))
    def check(url):
        assert _host_path_query(url) == by_urlsplit(url)

    check()
    assert project_and_title("https://en.wikipedia.org/wiki/Foo_bar?x=1#s") == ("en.wikipedia.org", "Foo bar")
    assert project_and_title("https://en.wikipedia.org/w/index.php?title=A_b&oldid=5") == ("en.wikipedia.org", "A b")
