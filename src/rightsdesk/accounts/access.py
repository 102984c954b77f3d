"""Who may do what: the one permission check for staff views, services and the workflow.

Every check asks the same three questions in the same order: is the user
signed in, is the account an active staff account, does it hold the
permission (any of several, or all of them, as the caller says). Views use
:func:`staff_required`; services and the workflow use :func:`require`, which
raises :class:`~rightsdesk.core.errors.NotPermitted` with a message saying
what is missing. Callers that also accept actors without an account (the
workflow's "requester", "system", "api:<organisation>") decide about those
before they ask here: this module only knows about user accounts.

It sits in ``accounts``, the lowest app that knows about staff, and imports
nothing from the apps above it.
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, Iterable

from django.contrib.auth.decorators import user_passes_test
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rightsdesk.core.bidi import ltr_text
from rightsdesk.core.errors import NotPermitted

__all__ = ["is_staff_member", "has_any", "has_all", "missing", "require", "refuse_own_work", "staff_required"]


def _perms(perm_or_perms: str | Iterable[str]) -> tuple[str, ...]:
    return (perm_or_perms,) if isinstance(perm_or_perms, str) else tuple(perm_or_perms)


def is_staff_member(user) -> bool:
    """Signed in, active, and a staff account (not a requester's or an API client's)."""
    return bool(user is not None and not isinstance(user, str) and getattr(user, "is_authenticated", False)
                and user.is_active and user.is_staff)


def has_any(user, perms: str | Iterable[str]) -> bool:
    """A staff member with at least one of ``perms`` (no permissions named: any staff member)."""
    perms = _perms(perms)
    return is_staff_member(user) and (not perms or any(user.has_perm(p) for p in perms))


def has_all(user, perms: str | Iterable[str]) -> bool:
    """A staff member with every one of ``perms``."""
    return is_staff_member(user) and all(user.has_perm(p) for p in _perms(perms))


def missing(user, perm_or_perms: str | Iterable[str], *, any_of: bool = True, doing: str = "") -> str:
    """Why ``user`` may not do this, in a sentence for them; "" when they may."""
    perms = _perms(perm_or_perms)
    if not is_staff_member(user):
        if user is not None and not isinstance(user, str) and getattr(user, "is_authenticated", False) \
                and user.is_active:
            return _("This is the staff workspace; your account is not a staff account.")
        return _("Only signed-in staff can do this.")
    if (has_any if any_of else has_all)(user, perms):
        return ""
    lacking = perms if any_of else tuple(p for p in perms if not user.has_perm(p))
    names = ", ".join(lacking)
    if doing:
        if any_of and len(perms) > 1:
            return _("To %(doing)s you need one of these permissions: %(perms)s.") % {"doing": doing, "perms": names}
        return _("To %(doing)s you need the permission %(perms)s.") % {"doing": doing, "perms": names}
    username = ltr_text(user.get_username())  # kept in its own order inside a right-to-left sentence
    if any_of:
        return _("This needs one of these permissions: %(perms)s; %(user)s has none of them.") % {
            "perms": names, "user": username}
    return _("This needs the permission %(perms)s, which %(user)s does not have.") % {
        "perms": names, "user": username}


def require(user, perm_or_perms: str | Iterable[str], *, any_of: bool = True, doing: str = "") -> None:
    """Raise :class:`NotPermitted` unless ``user`` is active staff holding the permission(s).

    ``any_of=True``: one of the permissions is enough; ``any_of=False``: all are needed.
    """
    message = missing(user, perm_or_perms, any_of=any_of, doing=doing)
    if message:
        raise NotPermitted(message)


def refuse_own_work(user, authors: Iterable, message: str) -> None:
    """Four-eyes: raise :class:`NotPermitted` (code "four_eyes") when ``user`` is one of ``authors`` (users or their
    ids; ``None`` for "not known" is ignored), the people who wrote or shaped what ``user`` would approve.

    The one home of "the author cannot approve their own": a decision (``review.guards``), a sign-off of an account
    action, the public wording of the human-rights report. A refusal with a code is shown beside the form the person
    sent, with what they typed (``NotPermitted``), not as a missing permission: they may approve others' work.
    """
    ids = {getattr(author, "pk", author) for author in authors}
    if getattr(user, "pk", None) is not None and user.pk in ids:
        raise NotPermitted(message, code="four_eyes")


def staff_required(*perms: str, any_of: bool = True,
                   denied: Callable[[HttpRequest, str], HttpResponse] | None = None):
    """A view for active staff holding ``perms`` (one of them, or all with ``any_of=False``).

    Anonymous visitors are sent to the sign-in page (Django's ``user_passes_test``);
    a signed-in user who may not see the page gets a 403: ``denied(request, message)``
    renders it when given (the app's own "not permitted" page), else Django's
    ``PermissionDenied`` does. With ``denied``, a :class:`NotPermitted` the view
    itself raises (a service refusing) gets the same page.
    """

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            message = missing(request.user, perms, any_of=any_of)
            if message:
                if denied is None:
                    raise PermissionDenied(message)
                return denied(request, message)
            if denied is None:
                return view(request, *args, **kwargs)
            try:
                return view(request, *args, **kwargs)
            except NotPermitted as exc:
                return denied(request, exc.message)

        return user_passes_test(lambda user: user.is_authenticated)(checked)

    return decorator
