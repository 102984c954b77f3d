"""Which projects and sites the platform runs (settings.RIGHTSDESK_OWN_SITES), and the site an item is on.

A request can name a page on one of the platform's projects or on a site someone else runs (a mirror, a fork, a
search engine's copy). The report counts both, but keeps apart the requests about sites the platform does not run
(it cannot act on them) and those naming several of its own projects (Wikimedia's "multiple projects" row). An
item's ``project`` is a host name such as ``en.wikipedia.org``; it is the platform's own when it is one of the
configured domains or a sub-domain of one.
"""

from __future__ import annotations

from django.conf import settings


def site_of(project: str) -> str:
    """The host name of a project as typed: lower case, without scheme, port, path or trailing dot."""
    text = (project or "").strip().lower()
    if "://" in text:
        text = text.split("://", 1)[1]
    return text.split("/", 1)[0].split(":", 1)[0].rstrip(".")


def own_sites() -> tuple[str, ...]:
    return tuple(site_of(domain) for domain in settings.RIGHTSDESK_OWN_SITES if site_of(domain))


def is_own_site(project: str) -> bool:
    """Whether the platform runs this project or site (blank: not known, so not said to be its own)."""
    host = site_of(project)
    return bool(host) and any(host == domain or host.endswith("." + domain) for domain in own_sites())


def own_host(project: str) -> str:
    """The project's host when the platform runs it, else "": what may be named of a site the requester typed (a
    case's title, a published item, the report's rows). Another host is typed and never reviewed, and a personal
    homepage names its owner."""
    return site_of(project) if is_own_site(project) else ""


def own_hosts(projects) -> list[str]:
    """The projects staff typed (a crisis's, an account action's), as a public page may name them: the platform's own
    sites, by host, each once, in order. They are no part of a reviewed wording; a user page
    (``ar.wikipedia.org/wiki/User:…``) or a volunteer's own site typed there is never shown."""
    return sorted({own_host(project) for project in projects or ()} - {""})
