"""Private links never reach the logs: a tracking or appeal token in a URL is a key to someone's case.

Django's request logger writes every 4xx with its path. These tests make the
requests a visitor can make with a real private link and look at what the
configured log handlers would write (their filters applied, formatted), not
merely at what was recorded.
"""

from __future__ import annotations

import logging

import pytest

pytestmark = pytest.mark.django_db


def written(records) -> list[str]:
    """What the installation's own handlers write for these records (pytest's capture handlers left out)."""
    out = []
    for record in records:
        logger = logging.getLogger(record.name)
        while logger is not None:
            for handler in logger.handlers:
                if not type(handler).__module__.startswith("_pytest") and record.levelno >= handler.level \
                        and handler.filter(record):
                    out.append(handler.format(record))
            logger = logger.parent if logger.propagate else None
    return out


@pytest.fixture
def tracked(make_case, settings):
    from django.core.cache import cache

    from rightsdesk.cases.services import issue_tracking_token

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 0}  # the next post is over the limit: a 429
    cache.clear()
    case = make_case()
    return issue_tracking_token(case)


def test_a_tracking_token_is_never_written_to_the_log(client, tracked, caplog):
    with caplog.at_level(logging.INFO):
        client.get(f"/en/track/{tracked}/add/")
        client.get(f"/en/track/{tracked}/withdraw/")
        client.post(f"/en/track/{tracked}/add/", {"text": "More."})
    lines = written(caplog.records)
    assert lines, "nothing was logged at all: the test would not see a leak"
    assert not [line for line in lines if tracked in line]


def test_an_appeal_token_is_never_written_to_the_log(client, caplog, make_case):
    """The appeal page marks its own 4xx answers as logged, so Django does not write the path."""
    with caplog.at_level(logging.INFO):
        client.get("/en/appeal/an-unknown-appeal-token-of-some-length/")
        client.post("/en/appeal/an-unknown-appeal-token-of-some-length/", {"text": ""})
    assert not [line for line in written(caplog.records) if "an-unknown-appeal-token" in line]


def test_a_legal_support_link_and_the_code_of_the_way_back_are_never_written_to_the_log(client, caplog):
    """A broken legal-support tracking link now answers with a page (404) that Django logs, as it logs the 410 of
    the way back's used code; neither the token nor the code reaches a handler."""
    from rightsdesk.intake import recovery
    from rightsdesk.legalsupport import services

    filed, token = services.submit({"requester_email": "vol@example.org", "threat_kind": "lawsuit",
                                    "description": "Sued."}, language="en")
    index = type(filed).objects.get(pk=filed.pk).requester_email_index
    code = recovery.recovery_code(index, recovery.requests_of(index))
    recovery.renew(code)  # the old link stops, the code is used
    with caplog.at_level(logging.INFO):
        assert client.get(f"/en/legal-support/track/{token}/").status_code == 404
        assert client.get(f"/en/track/recover/{code}/").status_code == 410
        assert client.post(f"/en/track/recover/{code}/").status_code == 410
    lines = written(caplog.records)
    assert len([line for line in lines if "[private]" in line]) >= 3, lines
    assert not [line for line in lines if token in line or code in line]


def _secret_routes():
    """Every public URL that takes a token or a code: the path is the key to someone's request."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns, prefix=""):
        for entry in patterns:
            route = prefix + str(entry.pattern).lstrip("^").replace("\\Z", "").replace("$", "")
            if isinstance(entry, URLResolver):
                yield from walk(entry.url_patterns, route)
            elif "<str:token>" in route or "<str:code>" in route:
                yield route

    return sorted(set(walk(get_resolver().url_patterns)))


def test_every_url_that_carries_a_secret_is_masked_in_the_log():
    from rightsdesk.core.logfilters import MaskPrivateData

    routes = _secret_routes()
    assert {"track/<str:token>/", "track/recover/<str:code>/", "appeal/<str:token>/",
            "legal-support/track/<str:token>/"} <= {
        route.split("/", 1)[1] if route.startswith("en/") else route for route in routes}, routes
    secret = "s3cr3t-Value_of:some-length"
    for route in routes:
        path = "/" + route.replace("<str:token>", secret).replace("<str:code>", secret)
        record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Not Found: %s", (path,), None)
        MaskPrivateData().filter(record)
        assert secret not in record.getMessage(), route


ADDRESS, IP, TOKEN = "erika.private@example.org", "203.0.113.77", "a-private-tracking-token-of-some-length"


def _crash(text: str) -> logging.LogRecord:
    """A record of an exception whose message quotes ``text`` (an SMTP refusal quotes the recipient's address)."""
    try:
        raise ValueError(text)
    except ValueError:
        import sys

        return logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
                                 ("/en/request/dmca/",), sys.exc_info())


@pytest.mark.parametrize("logger_name, message, args, exc_text", [
    # a logger of ours, a library's, Django's own: the mask is on the handler, so it covers every one
    ("rightsdesk.mail", "mail.refused %s", (f"{{'{ADDRESS}': (550, b'unknown')}}",), None),
    ("django_tasks", "Task failed from %s", (IP,), None),
    ("django.security.csrf", "Forbidden (CSRF cookie not set.): %s", (f"/en/track/{TOKEN}/add/",), None),
    ("django.request", "Internal Server Error: %s", ("/en/request/dmca/",), f"SMTPRecipientsRefused: {ADDRESS}"),
    ("django.request", "Internal Server Error: %s", ("/en/request/dmca/",), f"no case at /en/track/{TOKEN}/"),
    ("django.request", "Internal Server Error: %s", ("/en/request/dmca/",), f"client {IP} went away"),
])
def test_no_address_and_no_private_link_is_written_in_a_message_or_a_traceback(logger_name, message, args, exc_text):
    record = _crash(exc_text) if exc_text else logging.LogRecord(logger_name, logging.ERROR, __file__, 1, message,
                                                                  args, None)
    record.name = logger_name
    lines = written([record])
    assert lines, "no handler of the installation wrote the record: the test would not see a leak"
    assert not [line for line in lines if ADDRESS in line or IP in line or TOKEN in line], lines


@pytest.mark.parametrize("logger_name", [
    "django", "django.request", "django.security.csrf", "django.security.DisallowedHost", "django.db.backends",
    "django.template", "django_tasks", "django_tasks_db", "waitress", "rightsdesk.intake", "mail.log",
])
def test_every_handler_a_record_can_reach_masks_it(logger_name):
    """Django configures handlers of its own on the ``django`` logger (a console when DEBUG is on, the e-mail to
    ADMINS, which sends the crashed request's POST): a record that reached one of them went out unmasked."""
    from rightsdesk.core.logfilters import MaskPrivateData

    logger, unmasked = logging.getLogger(logger_name), []
    while logger is not None:
        unmasked += [f"{logger.name}: {type(handler).__name__}" for handler in logger.handlers
                     if not type(handler).__module__.startswith("_pytest")
                     and not any(isinstance(f, MaskPrivateData) for f in handler.filters)]
        logger = logger.parent if logger.propagate else None
    assert not unmasked


@pytest.fixture
def console(monkeypatch):
    """What the installation's stream handlers print while the test runs (records are masked as they are written,
    so only what the handlers printed shows what an earlier handler on the way printed unmasked)."""
    import io

    printed = io.StringIO()
    for logger in [logging.getLogger(), *map(logging.getLogger, logging.root.manager.loggerDict)]:
        for handler in getattr(logger, "handlers", ()):
            if isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith("_pytest"):
                monkeypatch.setattr(handler, "stream", printed)
    return printed


def test_a_refused_csrf_check_on_a_tracking_page_prints_no_token_in_development(make_case, settings, console):
    """django.security.csrf writes the path of a POST it refuses; Django's own console printed it when DEBUG is on."""
    from django.test import Client

    from rightsdesk.cases.services import issue_tracking_token

    settings.DEBUG = True
    token = issue_tracking_token(make_case())
    Client(enforce_csrf_checks=True).post(f"/en/track/{token}/add/", {"text": "More."})
    assert "CSRF" in console.getvalue(), "the refusal was not logged: the test would not see a leak"
    assert token not in console.getvalue(), console.getvalue()


def test_when_the_mask_fails_the_text_is_withheld_and_logging_goes_on(monkeypatch, caplog):
    """A bug in a detector must neither let the text through unmasked nor break the code that was logging."""
    from rightsdesk.core.logfilters import WITHHELD, MaskPrivateData
    from rightsdesk.privacy import redaction

    def boom(*args):
        raise RuntimeError("detector bug")

    monkeypatch.setattr(redaction, "_detect_emails", boom)
    record = logging.LogRecord("rightsdesk.mail", logging.WARNING, __file__, 1, "refused %s", (ADDRESS,), None)
    assert MaskPrivateData().filter(record) is True
    assert record.getMessage() == WITHHELD and ADDRESS not in record.getMessage()


@pytest.mark.parametrize("text, written_as", [
    # smtplib's refusal quotes the address as a dict key: the opening quote stays, only the address goes
    ("{'erika.private@example.org': (550, b'unknown')}", "{'[address]': (550, b'unknown')}"),
    ("refused 'erika.private@example.org'", "refused '[address]'"),
    ("refused '<erika.private@example.org>'", "refused '<[address]>'"),
    ('refused "erika.private@example.org"', 'refused "[address]"'),
    ("refused ''erika.private@example.org''", "refused '[address]''"),  # the address may begin with a quote
    ("o'brien@example.org wrote", "[address] wrote"),  # a quote inside the address is part of it
    ("'erika (at) example (dot) org'", "'[address]'"),
])
def test_the_mask_takes_the_address_and_leaves_the_quotes_around_it(text, written_as):
    from rightsdesk.core.logfilters import masked

    assert masked(text) == written_as


@pytest.mark.parametrize("text, private", [
    ("550 <someone@localhost>: Recipient address rejected", "someone"),  # what a relay echoes: a host without a dot
    ("RCPT TO erika@[192.0.2.1] refused", "erika"),
    ("bounce for erika%40example.org", "erika"),
    ("bounce to erika=example.org@bounce.example.net", "erika"),
])
def test_a_log_line_keeps_no_address_of_any_shape(caplog, text, private):
    """The redactor's detector finds real addresses in prose; a log line loses whatever has the shape of one."""
    from rightsdesk.core.logfilters import MaskPrivateData, masked

    assert private not in masked(text) and "[address]" in masked(text)
    record = logging.LogRecord("rightsdesk.notices", logging.WARNING, __file__, 1, "refused: %s", (text,), None)
    MaskPrivateData().filter(record)
    assert private not in record.getMessage()


def test_the_log_mask_and_the_redactor_hide_the_same_addresses():
    """One rule: every address the redactor proposes to hide in a public text, the log mask masks in a log line."""
    from rightsdesk.core.logfilters import masked
    from tests.privacy.test_redaction import ADDRESSES_OF_EVERY_SHAPE

    for text, private, _kept in ADDRESSES_OF_EVERY_SHAPE:
        assert private not in masked(text) and "[address]" in masked(text), masked(text)
