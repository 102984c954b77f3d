"""Which peers' X-Forwarded-* headers rightsdesk believes: RIGHTSDESK_TRUSTED_PROXIES, read by core/proxies.py."""

from __future__ import annotations

import pytest

from rightsdesk.core.errors import DomainError
from rightsdesk.core.proxies import behind_trusted_proxies, is_trusted, parse_trusted


@pytest.mark.parametrize("spec, peer, trusted", [
    ("127.0.0.1", "127.0.0.1", True),
    ("127.0.0.1", "127.0.0.2", False),
    ("127.0.0.1, 10.0.0.0/8", "10.20.30.40", True),
    ("10.0.0.0/8", "127.0.0.1", False),
    ("127.0.0.1", "::ffff:127.0.0.1", True),       # an IPv4 peer seen on an IPv6 socket
    ("::1", "::1", True),
    ("127.0.0.1", "", False),                        # no address (a Unix socket): not a proxy we know
    ("", "127.0.0.1", False),                        # nobody trusted
])
def test_a_peer_is_trusted_only_when_its_address_is_listed(spec, peer, trusted):
    assert is_trusted(peer, parse_trusted(spec)) is trusted


@pytest.mark.parametrize("spec", ["localhost", "127.0.0.1, nginx", "300.1.1.1"])
def test_an_entry_that_is_not_an_address_is_refused_with_its_name(spec):
    with pytest.raises(DomainError) as refused:
        parse_trusted(spec)
    assert "RIGHTSDESK_TRUSTED_PROXIES" in refused.value.message
    assert "is not an IP address" in refused.value.message


@pytest.mark.parametrize("peer, header, seen_scheme", [
    ("127.0.0.1", "https", "https"),   # the proxy says https: believed
    ("192.0.2.9", "https", "http"),    # anyone else saying so: the header is removed
    ("127.0.0.1", None, "http"),
])
def test_forwarded_scheme_is_applied_from_trusted_peers_and_removed_from_others(peer, header, seen_scheme):
    seen = {}

    def app(environ, start_response):
        seen["scheme"] = environ["wsgi.url_scheme"]
        seen["header"] = environ.get("HTTP_X_FORWARDED_PROTO")
        return []

    environ = {"REMOTE_ADDR": peer, "wsgi.url_scheme": "http", "SERVER_PORT": "8000", "SERVER_NAME": "localhost"}
    if header:
        environ["HTTP_X_FORWARDED_PROTO"] = header
    behind_trusted_proxies(app, parse_trusted("127.0.0.1"))(environ, lambda *a: None)
    assert seen["scheme"] == seen_scheme
    if peer != "127.0.0.1":
        assert seen["header"] is None
