"""Fixtures for the intake tests: generous limits, tasks run at once, mail kept in memory, files in a temp dir."""

from __future__ import annotations

import json

import pytest

VALID_COPYRIGHT = {
    "kind": "copyright_notice",
    "description": "Our photograph is shown on this page without a licence.",
    "copyrighted_work": "Photograph 'Harbour at dawn' by Acme Photo, 2019",
    "urls": ["https://commons.wikimedia.org/wiki/File:Harbour.jpg"],
    "name": "Pat Agent",
    "email": "pat@acme.example",
    "good_faith": True,
    "accuracy_statement": True,
    "signature": "Pat Agent",
}


@pytest.fixture(autouse=True)
def intake_settings(settings, tmp_path):
    from django.core.cache import cache
    from django.utils import translation

    translation.activate("en")  # a request in another language leaves it active in this thread

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 1000}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RIGHTSDESK = {**settings.RIGHTSDESK, "PUBLIC_BASE_URL": "https://requests.example.org"}
    cache.clear()
    yield settings
    cache.clear()


@pytest.fixture
def organisation(db):
    from rightsdesk.accounts.models import Organisation

    return Organisation.objects.create(name="Acme Rights Agency", contact_email="notices@acme.example",
                                       requester_type="company")


@pytest.fixture
def api_token(organisation):
    from rightsdesk.accounts.models import ApiToken

    _token, raw = ApiToken.issue(organisation, label="tests")
    return raw


@pytest.fixture
def api(client, api_token):
    """api("/cases", payload) -> response, posting JSON with the bearer token."""

    def post(path, payload, *, token=api_token, raw_body=None):
        body = raw_body if raw_body is not None else json.dumps(payload)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        return client.post(f"/api/v1{path}", body, content_type="application/json", **headers)

    return post


@pytest.fixture
def copyright_item():
    def make(client_key="key-1", **changes):
        return {**VALID_COPYRIGHT, "client_key": client_key, **changes}

    return make
