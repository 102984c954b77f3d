"""Over the public forms' rate limit, a person is told how long to wait in words of their language, with the right
plural, rounded up so that a retry at the time said is not refused again; browsers and clients also get the wait in
seconds as ``Retry-After``. One home: ``intake.ratelimit.refusal`` (the request forms, the tracking page and the
legal-support form all use it)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from rightsdesk.cases.models import Case
from rightsdesk.intake import ratelimit


@pytest.mark.parametrize(("language", "seconds", "words"), [
    ("en", 30, "wait 1 minute and send it again"),
    ("en", 60, "wait 1 minute and send it again"),
    ("en", 61, "wait 2 minutes and send it again"),   # rounded up: 1 minute would be too early
    ("en", 180, "wait 3 minutes and send it again"),
    ("fr", 50, "attendez 1 minute puis"),
    ("fr", 300, "attendez 5 minutes puis"),
    ("de", 40, "Warten Sie 1 Minute und"),
    ("de", 600, "Warten Sie 10 Minuten und"),
    ("ar", 60, "انتظر دقيقة واحدة"),
    ("ar", 120, "انتظر دقيقتين"),
    ("ar", 180, "انتظر 3 دقائق"),                      # 3 to 10: the plural
    ("ar", 900, "انتظر 15 دقيقة"),                     # 11 to 99: the singular noun after the number
    ("ru", 300, "подождите 5 мин."),
])
def test_the_wait_is_said_in_whole_minutes_with_the_languages_plural(language, seconds, words):
    with translation.override(language):
        assert words in ratelimit.refusal(seconds)


def _post(client, slug, data):
    return client.post(reverse("intake:request", args=[slug]), {"description": "Concern", **data})


def test_a_refused_form_says_when_to_retry_and_keeps_the_text(client, settings, db):
    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1}
    assert _post(client, "grievance", {}).status_code == 302  # filed: on to the receipt
    refused = _post(client, "grievance", {"description": "Second concern"})
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= int(settings.RIGHTSDESK_INTAKE.get("RATE_WINDOW_SECONDS", 3600))
    page = refused.content.decode()
    assert "Second concern" in page and "Too many forms were sent" in page
    assert Case.objects.count() == 1


def test_a_refused_legal_support_request_says_when_to_retry(client, settings, db):
    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 0}
    refused = client.post(reverse("legalsupport:request"), {"summary": "Sued over my edits"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Too many forms were sent" in refused.content.decode()


def test_the_public_api_says_when_to_retry(client, settings, db):
    settings.RIGHTSDESK_OPENDATA = {**settings.RIGHTSDESK_OPENDATA, "ANONYMOUS_PER_MINUTE": 1}
    assert client.get("/api/v1/notices?limit=1").status_code == 200
    limited = client.get("/api/v1/notices?limit=1")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
