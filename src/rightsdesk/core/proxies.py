"""Which peers may tell the application the client's scheme and address: the reverse proxies we run.

Behind nginx terminating TLS, the application sees plain HTTP from the proxy. The proxy says what the client used in
``X-Forwarded-Proto`` and ``X-Forwarded-For``. Those headers are believed only from the addresses in
``RIGHTSDESK_TRUSTED_PROXIES`` (comma-separated addresses or networks, default ``127.0.0.1``, the usual nginx on the
same host); from anyone else they are removed, so a client cannot claim to be on HTTPS or to come from another address.

Without this Django thinks every request is plain HTTP: no HSTS header, ``http://`` links on receipts, and every
browser POST (``Origin: https://…``) refused by the CSRF origin check. The header parsing is waitress's own
(``waitress.proxy_headers``); this module only decides, per peer, whether to apply it, since waitress trusts one
address or all of them.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

from waitress.proxy_headers import proxy_headers_middleware

from .errors import DomainError

#: The headers a trusted proxy may set. X-Forwarded-Host is left out: the Host header nginx passes is checked against
#: ALLOWED_HOSTS, and a second source of the host name would only be a second thing to get wrong.
TRUSTED_HEADERS = frozenset({"x-forwarded-proto", "x-forwarded-for"})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted(spec: str) -> list[Network]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks; a clear error naming the entry that is not an address."""
    networks = []
    for entry in (part.strip() for part in spec.split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise DomainError(f"RIGHTSDESK_TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                              f"(write e.g. 127.0.0.1 or 10.0.0.0/8, separated by commas)", field="trusted_proxies") from error
    return networks


def is_trusted(peer: str, networks: Iterable[Network]) -> bool:
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False  # a Unix socket or something unexpected: not a proxy we know
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


def behind_trusted_proxies(app: Callable, networks: list[Network]) -> Callable:
    """Wrap a WSGI app: forwarded headers from trusted peers are applied, from every other peer removed."""
    trusted = proxy_headers_middleware(app, trusted_proxy="*", trusted_proxy_headers=set(TRUSTED_HEADERS),
                                       clear_untrusted=True)
    untrusted = proxy_headers_middleware(app, trusted_proxy=None, clear_untrusted=True)

    def dispatch(environ, start_response):
        chosen = trusted if is_trusted(environ.get("REMOTE_ADDR", ""), networks) else untrusted
        return chosen(environ, start_response)

    return dispatch
