"""Staff-session rules: two-factor verification, idle expiry, and no caching of private pages."""

from __future__ import annotations

import time
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from rightsdesk.core import form_address

from . import carried_form

#: Staff areas: every path under a language prefix's /staff/, and the admin.
OPEN_STAFF_PATHS = ("/staff/login/", "/staff/logout/", "/staff/2fa/")
IDLE_KEY = "rightsdesk_last_seen"
#: The last-seen time is written at most this often: a session write (and a new cookie) on every request would cost a
#: database write per page and race with requests still in flight; the idle limit is in tens of minutes.
IDLE_RESOLUTION_SECONDS = 60


def is_staff_area(path: str) -> bool:
    if path.startswith("/admin/"):
        return True
    parts = path.split("/", 3)  # "", lang, "staff", rest
    return len(parts) >= 3 and parts[2] == "staff"


def is_open_staff_path(path: str) -> bool:
    rest = "/" + path.split("/", 2)[2] if path.count("/") >= 2 else path
    return any(rest.startswith(p) for p in OPEN_STAFF_PATHS)


class StaffSecurityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        staff_area = is_staff_area(request.path)
        if user is not None and user.is_authenticated:
            now = time.time()
            last_seen = request.session.get(IDLE_KEY)
            if last_seen and now - last_seen > settings.RIGHTSDESK_STAFF_IDLE_SECONDS:
                signed_out = user.pk
                logout(request)
                if staff_area:
                    messages.info(request, _("You were signed out after a period of inactivity."))
                    if _is_staff_form(request):
                        # What the form sent is kept for them once the CSRF check has passed (process_view).
                        request.rightsdesk_signed_out = signed_out
                    else:
                        return redirect(f"{reverse('accounts:login')}?next={request.path}")
            else:
                if not last_seen or now - last_seen >= IDLE_RESOLUTION_SECONDS:
                    request.session[IDLE_KEY] = now
                if (staff_area and user.is_staff and settings.RIGHTSDESK_REQUIRE_2FA
                        and not is_open_staff_path(request.path) and not user.is_verified()):
                    from django_otp import user_has_device

                    target = "accounts:2fa-verify" if user_has_device(user) else "accounts:2fa-setup"
                    return redirect(f"{reverse(target)}?next={request.path}")
        response = self.get_response(request)
        if staff_area and request.method in ("GET", "HEAD") and response.status_code == 405:
            # A form's address opened as a page: the page the form is on, in words, never a bare 405; someone signed
            # out is led there through the sign-in page. The admin's (its sign-out) lead to the admin's index.
            admin = request.path.startswith("/admin/")
            home = reverse("admin:index") if admin else resolve_url(settings.LOGIN_REDIRECT_URL)
            page = form_address.lead_to_page(request, home)
            if request.user.is_authenticated:
                response = redirect(page)
            else:
                response = redirect(f"{reverse('accounts:login')}?next={quote(page)}")
        if staff_area:
            # Private data must not stay in shared caches or the browser's history cache. (An address holding a
            # secret, a tracking link, is kept private by core.secret_urls, for every page.)
            response["Cache-Control"] = "no-store"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        """A staff form sent by nobody signed in (the session expired while it was typed) is not done, and not
        answered with the sign-in page leading back to the form's address, which answers nothing but a POST (a bare
        405 after signing in, and what was typed gone). Signed out for inactivity: what it sent waits, sealed, for
        the same person to sign in again (``carried_form``), and is given back to send with one button. Signed out
        otherwise (the session gone, nobody known): the sign-in leads back to the page the form was on."""
        if not _is_staff_form(request) or request.user.is_authenticated:
            return None
        back = _page_behind(request)
        signed_out = getattr(request, "rightsdesk_signed_out", None)
        if signed_out is not None:
            carried_form.keep(request, signed_out, back)
            messages.info(request, _("What you were sending was not saved yet: sign in again and it is given back "
                                     "to you, to send with one button."))
            back = reverse("accounts:form-not-sent")
        else:
            messages.info(request, _("You were not signed in, so what you sent was not saved."))
        return redirect(f"{reverse('accounts:login')}?next={quote(back)}")


def _is_staff_form(request) -> bool:
    """A POST to a page of the staff workspace (the admin has its own sign-in), other than the sign-in's own."""
    return (request.method == "POST" and is_staff_area(request.path) and not request.path.startswith("/admin/")
            and not is_open_staff_path(request.path))


def _page_behind(request) -> str:
    """The staff page the form was sent from (its Referer, when that is a page of ours in the staff area), else the
    page staff land on after signing in."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc == request.get_host() and is_staff_area(referer.path) and not is_open_staff_path(referer.path):
        return referer.path + (f"?{referer.query}" if referer.query else "")
    return resolve_url(settings.LOGIN_REDIRECT_URL)
