"""A message that shows the form of a day to type ("write it as YYYY-MM-DD") shows it whole and in its order.

In Arabic the public log's date error broke "YYYY-" from "MM-DD" at 390 px, and the pattern's Latin letters and
hyphens sat bare inside Arabic words. Every such message takes the pattern from one place (core.dates.date_pattern):
in the reader's letters ("JJJJ-MM-TT"), a word joiner after each hyphen (no line break there), and left to right
between LRI and PDI in Arabic, Persian and Urdu.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from rightsdesk.core.errors import DomainError

WJ, LRI, PDI = "\u2060", "\u2066", "\u2069"

#: language -> the pattern as a message shows it
SHOWN = {
    "ar": f"{LRI}YYYY-{WJ}MM-{WJ}DD{PDI}",
    "fa": f"{LRI}YYYY-{WJ}MM-{WJ}DD{PDI}",
    "ur": f"{LRI}YYYY-{WJ}MM-{WJ}DD{PDI}",
    "de": f"JJJJ-{WJ}MM-{WJ}TT",
    "ru": f"ГГГГ-{WJ}ММ-{WJ}ДД",
    "en": f"YYYY-{WJ}MM-{WJ}DD",
}


def refusal(call) -> str:
    with pytest.raises(DomainError) as caught:
        call()
    return str(caught.value.message)


def log_search_error():
    from rightsdesk.transparency.log_search import parse_filters

    return refusal(lambda: parse_filters({"date_from": "30.07.2026"}))


def report_period_error():
    from rightsdesk.reports.periods import parse_period

    return refusal(lambda: parse_period("2026-02-30..2026-03-31"))


def report_range_error():
    from datetime import date

    from rightsdesk.reports.periods import range_of_days

    return refusal(lambda: range_of_days("2026-02-30", "2026-03-31", date(2026, 12, 1)))


def hold_end_error():
    from rightsdesk.notices.views import _parse_until

    return refusal(lambda: _parse_until("30.07.2026"))


MESSAGES = {
    "the public log's date error": log_search_error,
    "a report period's impossible day": report_period_error,
    "a report range's impossible day": report_range_error,
    "a legal hold's end": hold_end_error,
}


@pytest.mark.parametrize("language", SHOWN)
@pytest.mark.parametrize("message", MESSAGES)
def test_a_message_showing_the_form_of_a_day_keeps_it_whole_and_isolated(message, language):
    with translation.override(language):
        text = MESSAGES[message]()
    assert SHOWN[language] in text, text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fa", "ur", "de"])
def test_the_public_logs_date_fields_show_the_form_of_a_day_whole_in_their_help_and_error(client, language):
    with translation.override(language):
        page = client.get(reverse("transparency:log-list"), {"date_from": "30.07.2026"}).content.decode()
    help_text = page.split('id="id_date_from-help">', 1)[1].split("</p>", 1)[0]
    error = page.split('id="id_date_from-error">', 1)[1].split("</ul>", 1)[0]
    assert SHOWN[language] in help_text and SHOWN[language] in error


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "ru"])
def test_the_staff_date_labels_show_the_form_of_a_day_whole(client, verified_login, make_staff, make_case, language):
    verified_login(client, make_staff("reviewer", "legal approver", "trust and safety"))
    case = make_case()
    propose = client.get(f"/{language}/staff/account-actions/new/").content.decode()
    hold = client.get(f"/{language}/staff/notices/cases/{case.pk}/hold/").content.decode()
    assert propose.count(SHOWN[language]) == 2  # takes effect, ends
    assert SHOWN[language] in hold.split('class="help"', 1)[1]
