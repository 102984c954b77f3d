"""The rule editor in the workspace: administrators list, create, change and retire deadline rules; a rule that
cannot be computed is refused with a message saying what to fix and nothing stored; every change is kept with
who, when, what and why; a change never rewrites a deadline already running or met."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone as dt_timezone

import pytest

from rightsdesk.cases import choices as c
from rightsdesk.clocks import services
from rightsdesk.clocks.models import ClockRule, ClockRuleChange

pytestmark = pytest.mark.django_db

RULES = "/en/staff/clocks/rules/"

GOOD = {
    "key": "fr-test-48h", "name": "Test: answer within 48 hours", "jurisdiction": "FR", "subdivision": "",
    "ground": "", "law_match": "", "clock_type": "business_days", "duration": "5", "minimum": "",
    "extension": "", "max_extensions": "0", "start_event": "received", "on_expiry": "alert", "step": "",
    "source": "Code test, art. 1", "reason": "The law of 1 March requires it.",
}

#: Each bad input, the field it is refused on and (part of) the message that says what to fix.
BAD_INPUTS = [
    ({"jurisdiction": "XX"}, "jurisdiction", "No calendar of public holidays is known for the jurisdiction “XX”"),
    ({"subdivision": "ZZ"}, "subdivision", "“ZZ” is not a subdivision of FR"),
    ({"duration": "0"}, "duration", "Type a whole number of 1 or more."),
    ({"duration": "-3"}, "duration", "Type a whole number of 1 or more."),
    ({"duration": ""}, "duration", "Type how long the law allows"),
    ({"duration": "two"}, "duration", "Type a whole number, e.g. 14."),
    ({"extension": "0"}, "extension", "Type a whole number of 1 or more."),
    ({"start_event": "court_hearing"}, "start_event", "that event does not exist"),
    ({"clock_type": "weeks"}, "clock_type", "Choose how the deadline is counted from the list."),
    ({"minimum": "9"}, "minimum", "The earliest point must not be after the deadline."),
    ({"max_extensions": "1"}, "extension", "Say how long an extension is."),
    ({"source": ""}, "source", "Name the law and article that set this deadline."),
    ({"reason": ""}, "reason", "Say why the rule is changed"),
    ({"key": "us-512g-counter-notice"}, "key", "Another rule already has this key"),
    ({"kinds": ["not_a_kind"]}, "kinds", "Tick kinds from the list only."),
]


@pytest.fixture
def admin_client(client, make_staff, verified_login):
    verified_login(client, make_staff("administrator"))
    return client


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUTS, ids=[b[1] + "-" + str(b[0]) for b in BAD_INPUTS])
def test_a_rule_that_cannot_be_computed_is_refused_with_what_to_fix_and_what_was_typed_kept(
        admin_client, change, field, message):
    rules_before, changes_before = ClockRule.objects.count(), ClockRuleChange.objects.count()
    response = admin_client.post(RULES + "new/", {**GOOD, **change})
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert message in page
    assert f'id="id_{field}_error"' in page or (field == "kinds" and "errorlist" in page)
    assert 'value="Test: answer within 48 hours"' in page  # what was typed is kept
    # Said once beside the field: the model's own check of the source repeated the form's "required" message.
    beside = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    assert beside is None or beside.group(1).count(message) == 1
    assert ClockRule.objects.count() == rules_before
    # The shipped history (clocks/0004 records its change of the preservation rule) stays; nothing is added.
    assert ClockRuleChange.objects.count() == changes_before


def test_a_valid_rule_is_created_with_its_history_and_listed(admin_client):
    response = admin_client.post(RULES + "new/", GOOD)
    assert response.status_code == 302
    rule = ClockRule.objects.get(key="fr-test-48h")
    assert (rule.jurisdiction, rule.duration, rule.active) == ("FR", 5, True)
    [change] = rule.changes.all()
    assert change.action == "created" and change.reason == "The law of 1 March requires it."
    assert change.changes["duration"] == [None, 5]
    assert change.actor.groups.filter(name="administrator").exists()
    assert "Test: answer within 48 hours" in admin_client.get(RULES).content.decode()


def test_a_new_rule_sent_twice_is_created_once_and_the_second_sending_is_not_refused(admin_client):
    """A double click on "Create the rule": the second sending answered "Another rule already has this key", which
    its own first sending had just made true."""
    token = re.search(r'name="form_token" value="([^"]+)"', admin_client.get(RULES + "new/").content.decode()).group(1)
    first = admin_client.post(RULES + "new/", {**GOOD, "form_token": token})
    second = admin_client.post(RULES + "new/", {**GOOD, "form_token": token}, follow=True)
    assert first.status_code == 302 and second.status_code == 200
    page = html.unescape(second.content.decode())
    assert "Another rule already has this key" not in page
    assert page.count("The rule “Test: answer within 48 hours” was created.") == 1
    assert ClockRule.objects.filter(key="fr-test-48h").count() == 1


def _shown_version(client, url: str) -> str:
    """The rule's version as the editor's page carries it in its form."""
    return re.search(r'name="version" value="([^"]*)"', client.get(url).content.decode()).group(1)


def test_a_change_sent_from_a_page_older_than_a_colleagues_change_is_refused_with_what_was_typed_kept(
        admin_client, client, make_staff, verified_login):
    rule = ClockRule.objects.get(key="de-netzdg-3-2-3")
    url = f"{RULES}{rule.pk}/"
    colleague = client.__class__()
    verified_login(colleague, make_staff("administrator"))
    mine, theirs = _shown_version(admin_client, url), _shown_version(colleague, url)
    base = {**{k: v for k, v in GOOD.items() if k != "key"}, "name": rule.name, "jurisdiction": "DE",
            "ground": "hate_speech", "law_match": rule.law_match, "clock_type": "hours", "on_expiry": "escalate",
            "step": rule.step, "source": rule.source, "kinds": ["content_takedown"]}
    assert colleague.post(url, {**base, "duration": "120", "reason": "Amended in 2026.",
                                "version": theirs}).status_code == 302
    late = admin_client.post(url, {**base, "duration": "200", "reason": "My own typed reason.", "version": mine})
    assert late.status_code == 409
    page = html.unescape(late.content.decode())
    assert "Someone else changed this rule after you opened the page" in page
    assert "My own typed reason." in page and 'value="200"' in page  # what was typed is kept
    rule.refresh_from_db()
    assert rule.duration == 120 and rule.changes.count() == 1  # the colleague's change stands, nothing else stored
    again = admin_client.post(url, {**base, "duration": "200", "reason": "My own typed reason.",
                                    "version": re.search(r'name="version" value="([^"]*)"', page).group(1)})
    assert again.status_code == 302  # sent again from the page that showed the change, it is a deliberate change
    rule.refresh_from_db()
    assert rule.duration == 200


def test_a_change_and_a_retirement_are_kept_in_the_history_with_who_when_what_and_why(admin_client):
    rule = ClockRule.objects.get(key="de-netzdg-3-2-3")
    url = f"{RULES}{rule.pk}/"
    form = {**{k: v for k, v in GOOD.items() if k != "key"}, "name": rule.name, "jurisdiction": "DE",
            "ground": "hate_speech", "law_match": rule.law_match, "clock_type": "hours", "duration": "120",
            "on_expiry": "escalate", "step": rule.step, "source": rule.source, "kinds": ["content_takedown"],
            "reason": "Amended by the law of 2026."}
    assert admin_client.post(url, {**form, "version": _shown_version(admin_client, url)}).status_code == 302
    nothing = admin_client.post(url, {**form, "version": _shown_version(admin_client, url)})
    assert "Nothing was changed" in html.unescape(nothing.content.decode())
    refused = admin_client.post(url + "active/", {"active": "0", "reason": ""})
    assert refused.status_code == 400
    assert admin_client.post(url + "active/", {"active": "0", "reason": "Repealed."}).status_code == 302
    rule.refresh_from_db()
    assert (rule.duration, rule.active, rule.key) == (120, False, "de-netzdg-3-2-3")
    retired, changed = rule.changes.all()
    assert changed.changes == {"duration": [168, 120]}
    assert changed.reason == "Amended by the law of 2026." and changed.actor is not None
    assert (retired.action, retired.changes, retired.reason) == ("retired", {"active": [True, False]}, "Repealed.")
    page = admin_client.get(url).content.decode()
    assert "Amended by the law of 2026." in page and "Repealed." in page
    assert ClockRule.objects.filter(pk=rule.pk).exists()  # retired, not deleted


def test_a_retired_rule_starts_no_new_clock_while_one_already_running_runs_on(admin_client, make_case):
    received = datetime(2026, 6, 26, 15, tzinfo=dt_timezone.utc)
    running = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=received)
    [clock] = services.start_clocks(running)
    rule = clock.rule
    admin_client.post(f"{RULES}{rule.pk}/active/", {"active": "0", "reason": "Test."})
    later = make_case(c.Kind.COPYRIGHT_COUNTER_NOTICE, country="US", received_at=received)
    assert services.start_clocks(later) == []
    clock.refresh_from_db()
    assert clock.status == clock.Status.RUNNING


@pytest.mark.parametrize("role", ["reviewer", "legal approver", "auditor"])
def test_only_administrators_open_or_change_the_rule_editor(client, make_staff, verified_login, role):
    verified_login(client, make_staff(role))
    rule = ClockRule.objects.get(key="de-netzdg-3-2-3")
    assert client.get(RULES).status_code == 403
    assert client.post(RULES + "new/", GOOD).status_code == 403
    assert client.post(f"{RULES}{rule.pk}/active/", {"active": "0", "reason": "x"}).status_code == 403
    assert ClockRule.objects.get(pk=rule.pk).active


def test_a_retired_rule_that_no_longer_validates_is_not_put_back_and_the_page_says_why(admin_client):
    rule = ClockRule.objects.get(key="de-netzdg-3-2-3")
    admin_client.post(f"{RULES}{rule.pk}/active/", {"active": "0", "reason": "Repealed."})
    ClockRule.objects.filter(pk=rule.pk).update(subdivision="ZZ")  # e.g. a calendar the holidays package dropped
    response = admin_client.post(f"{RULES}{rule.pk}/active/", {"active": "1", "reason": "Back in force."})
    assert response.status_code == 400
    assert "“ZZ” is not a subdivision of DE" in html.unescape(response.content.decode())
    assert not ClockRule.objects.get(pk=rule.pk).active
    assert rule.changes.count() == 1
