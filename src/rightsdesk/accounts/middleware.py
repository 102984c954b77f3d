"""Staff-session rules: two-factor verification, idle expiry, and no caching of private pages."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

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
                logout(request)
                if staff_area:
                    from django.contrib import messages

                    messages.info(request, _("You were signed out after a period of inactivity."))
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
        if staff_area or "/track/" in request.path:
            # Private data must not stay in shared caches or the browser's history cache.
            response["Cache-Control"] = "no-store"
        return response
