"""Small registries that let each app add to shared pages without editing them.

- Staff navigation: an app's ``nav.py`` defines ``ITEMS``, a list of
  ``(url_name, label, permission_or_None)``; the staff layout shows the items
  whose URL exists and whose permission the user has.
- Case page panels: an app's ``panels.py`` defines
  ``case_panels(request, case) -> list[dict]``, each dict with ``title`` and
  ``html`` (already rendered, e.g. with render_to_string), and optionally
  ``alert``, a short warning for the top of the case page (e.g. the appeals
  panel's "you took part in the decision appealed"); the review app's
  case page shows the panels in app order. Panels must check permissions and write
  audit entries themselves when they show private data.
- Received e-mail actions: an app's ``mail_actions.py`` defines
  ``message_actions(request, message) -> list[dict]``, each dict with ``html``
  (a rendered form); the staff inbox's message page shows them beside its own
  actions, so the mail app imports nothing of the app (e.g. legal support's
  "this is a request for legal support"). Each checks its own permission.
- Requests with a private tracking link: an app's ``lost_links.py`` defines
  ``SOURCE``, an ``intake.recovery.Source`` (how to find its requests by the
  requester's e-mail blind index, renew their links and link to their pages).
  The one "Lost your tracking link?" way back (``intake.recovery``) covers the
  requests of every such app, so a person need not know which form they used
  and intake imports nothing of the app (e.g. legal support's requests).
- Case follow-ups: an app's ``case_followups.py`` defines ``cases_created(cases)`` (new cases: one from
  ``cases.services.create_case``, or a chunk from ``write_cases_bulk``, stored with their parties, items and
  history) and/or ``case_changed(case, changes)`` (after ``cases.services.update_case`` recorded ``changes``, the
  history's ``{field: {"old", "new"}}``). The services call :func:`cases_created` and :func:`case_changed` by name,
  in their transaction, for every caller: ``cases`` knows nothing of the apps that react (review gives a new case
  its first deadline, its crisis tags and the on-call alert; reports marks a day a case left), and
  ``record_withdrawn(record)`` (a notice withdrawn from the public log: opendata writes its files again) and
  ``record_republished(record, rechecked=...)`` (a published notice's texts written again). No Django signal:
  the call is a line of the service, and a raw ORM write triggers nothing.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.urls import NoReverseMatch, reverse


def _app_modules(suffix: str):
    for app in settings.INSTALLED_APPS:
        if app.startswith("rightsdesk.") and find_spec(f"{app}.{suffix}") is not None:
            yield import_module(f"{app}.{suffix}")


@lru_cache(maxsize=1)
def _nav_items() -> tuple:
    items = []
    for module in _app_modules("nav"):
        items.extend(getattr(module, "ITEMS", []))
    return tuple(items)


def staff_nav(request) -> list[dict]:
    user = request.user
    out = []
    for url_name, label, permission in _nav_items():
        if permission and not user.has_perm(permission):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        out.append({"url": url, "label": label, "current": False})
    # The page's own item: the longest address the page's begins with ("/staff/laws/analytics/" is "Laws invoked",
    # not also "Laws and authorities" at "/staff/laws/"); the workspace's home ("/en/staff/") marks none of the others.
    within = [item for item in out if request.path.startswith(item["url"]) and item["url"].count("/") > 3]
    if within:
        max(within, key=lambda item: len(item["url"]))["current"] = True
    return out


def case_panels(request, case) -> list[dict]:
    panels = []
    for module in _app_modules("panels"):
        fn = getattr(module, "case_panels", None)
        if fn:
            panels.extend(fn(request, case))
    return panels


def mail_message_actions(request, message) -> list[dict]:
    actions = []
    for module in _app_modules("mail_actions"):
        fn = getattr(module, "message_actions", None)
        if fn:
            actions.extend(fn(request, message))
    return actions


@lru_cache(maxsize=1)
def lost_link_sources() -> tuple:
    """Every app's kind of request with a private tracking link, in the order of INSTALLED_APPS."""
    return tuple(module.SOURCE for module in _app_modules("lost_links") if getattr(module, "SOURCE", None))


@lru_cache(maxsize=None)
def _case_followups(name: str) -> tuple:
    """The functions called ``name`` of every app's ``case_followups`` module, found once per process."""
    return tuple(fn for module in _app_modules("case_followups") if (fn := getattr(module, name, None)))


def cases_created(cases: list) -> None:
    """Every app's follow-up of new cases (``case_followups.cases_created``), in the order of INSTALLED_APPS."""
    if not cases:
        return
    for follow_up in _case_followups("cases_created"):
        follow_up(cases)


def record_withdrawn(record) -> None:
    """Every app's follow-up of a notice withdrawn from the public log (``case_followups.record_withdrawn``): the
    copies an app made of it (the open-data files) must go too. Called by ``transparency.publishing.unpublish``."""
    for follow_up in _case_followups("record_withdrawn"):
        follow_up(record)


def record_republished(record, *, rechecked: bool) -> None:
    """Every app's follow-up of a published notice whose texts were written again (``case_followups.
    record_republished``): by the redaction re-check redacting further (``rechecked``), or by staff publishing again.
    The copies an app made of the old texts (the open-data files, Lumen's copy) are out of date and may hold what is
    now redacted. Called by ``transparency.publishing``, in the publication's transaction."""
    for follow_up in _case_followups("record_republished"):
        follow_up(record, rechecked=rechecked)


def case_changed(case, changes: dict) -> None:
    """Every app's follow-up of a case's recorded edit (``case_followups.case_changed``), in INSTALLED_APPS order."""
    if not changes:
        return
    for follow_up in _case_followups("case_changed"):
        follow_up(case, changes)
