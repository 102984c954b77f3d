"""Every answer on an address that holds a secret (a tracking link, an appeal link, the signed code of a lost link's
e-mail) is kept by no cache and its address sent to no other site: ``core.secret_urls.kept_private``, decided in one
place (``core.middleware.SecretAddressMiddleware``) whichever view or middleware answered.

The addresses are read from the URL configuration: a new one whose part is named a secret is kept private without
anyone adding it, and fails the table below until it is named there; a new public part of another name must be
said to be a secret or not (``PUBLIC_PARTS``), so a new private link cannot slip past under another name.
"""

from __future__ import annotations

import re

import pytest
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from rightsdesk.cases.services import issue_tracking_token
from rightsdesk.core.secret_urls import SECRET_PARTS, kept_private

pytestmark = pytest.mark.django_db

#: What kept_private writes, as the answers must carry it.
PRIVATE = {name: value for name, value in kept_private(HttpResponse()).items()
           if name in ("Cache-Control", "Referrer-Policy")}

#: Every address holding a secret, as the URL configuration names it, with the answers to ask of it: GET and POST
#: with the secret as the link gives it ("{token}": a tracking link issued for the test), GET with a guessed one.
SECRET_ADDRESSES = {
    "intake:track": "/{lang}/track/{token}/",
    "intake:track_add": "/{lang}/track/{token}/add/",
    "intake:track_withdraw": "/{lang}/track/{token}/withdraw/",
    "intake:track_recover": "/{lang}/track/recover/{token}/",
    "appeals:appeal": "/{lang}/appeal/{token}/",
    "legalsupport:track": "/{lang}/legal-support/track/{token}/",
}
#: The parts of public addresses that are no secret: a form's kind, a published notice's id, a period, a year, an
#: open-data file.
PUBLIC_PARTS = {"slug", "public_id", "period", "year", "release", "name"}


def public_patterns() -> dict[str, tuple[str, set[str]]]:
    """name -> (route, the names of its parts) of every pattern outside the staff workspace, the admin and the API."""
    found = {}

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                walk(p, prefix + str(p.pattern), ":".join(x for x in (namespace, p.namespace) if x))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if not route.startswith(("admin/", "api/")) and "staff/" not in route:
                    found[f"{namespace}:{p.name}"] = (route, set(p.pattern.regex.groupindex))

    with translation.override("en"):
        walk(get_resolver(), "", "")
    return found


def test_every_public_address_holding_a_secret_is_in_the_table_and_every_other_part_is_said_to_be_none():
    patterns = public_patterns()
    secret = {name for name, (_route, parts) in patterns.items() if parts & SECRET_PARTS}
    assert secret == set(SECRET_ADDRESSES)
    unknown = {name: parts - PUBLIC_PARTS for name, (_route, parts) in patterns.items()
               if parts - PUBLIC_PARTS - SECRET_PARTS}
    assert not unknown, f"say whether these parts are secrets (SECRET_PARTS) or not (PUBLIC_PARTS): {unknown}"


@pytest.fixture
def real_token(make_case):
    return issue_tracking_token(make_case())


@pytest.mark.parametrize("name", sorted(SECRET_ADDRESSES))
@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("secret", ["a tracking link", "a guessed link"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_every_answer_on_an_address_holding_a_secret_is_kept_private(client, real_token, name, lang, secret, method):
    token = real_token if secret == "a tracking link" else "guessed-" + "x" * 35
    address = SECRET_ADDRESSES[name].format(lang=lang, token=token)
    response = getattr(client, method)(address)
    assert response.status_code < 500
    assert {h: response.get(h) for h in PRIVATE} == PRIVATE, (address, response.status_code)


@pytest.mark.parametrize("name", sorted(SECRET_ADDRESSES))
def test_an_address_holding_a_secret_typed_without_its_last_slash_is_led_on_privately(client, real_token, name):
    address = SECRET_ADDRESSES[name].format(lang="en", token=real_token).rstrip("/")
    response = client.get(address)
    assert response.status_code == 301 and re.search(r"/$", response["Location"])
    assert {h: response.get(h) for h in PRIVATE} == PRIVATE
