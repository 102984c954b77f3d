"""Security headers on every response, a public form's address opened as a page, and a link followed with the
invisible marks of a right-to-left e-mail.

A strict Content Security Policy: scripts, styles, images and forms from our
own origin only, no inline scripts or styles, no framing, no plugins. The
API's Swagger page is the one exception (its bundled UI sets inline styles),
and it serves no private data.
"""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.encoding import iri_to_uri

from .bidi import BIDI_MARKS
from .form_address import led_to_page
from .secret_urls import holds_secret, kept_private

STRICT_CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
DOCS_CSP = STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
#: A private attachment's preview (an image or a PDF shown inline on the staff case page): the one response our
#: own pages may frame. The view sets it (with X-Frame-Options: SAMEORIGIN) on that response only.
PREVIEW_CSP = STRICT_CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = DOCS_CSP if request.path.startswith("/api/v1/docs") else STRICT_CSP
        response.setdefault("Content-Security-Policy", policy)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class FormAddressMiddleware:
    """The address a public form posts to (the tracking page's "add information" and "withdraw"), opened as a page,
    leads in words to the page the form is on, never a bare 405: the rule of ``core.form_address``. The staff
    workspace's are led there already by ``accounts.middleware.StaffSecurityMiddleware`` (inside this one), through
    the sign-in page for someone signed out; the admin and the API answer in their own ways."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method in ("GET", "HEAD") and response.status_code == 405
                and not request.path.startswith(("/admin/", "/api/"))):
            response = led_to_page(request, reverse("core:home"))
        return response


class SecretAddressMiddleware:
    """Every answer on an address that holds a secret (a tracking or appeal link: ``core.secret_urls``) is kept by no
    cache and its address sent to no other site, whichever view or middleware gave it: outside them all but the
    security headers', so none writes its own over it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if holds_secret(request):
            kept_private(response)
        return response


class StrayMarksMiddleware:
    """A link followed from an e-mail in Arabic, Persian or Urdu leads to its page, even with the marks that kept it
    left to right in the sentence.

    The e-mails isolate every address inside a right-to-left sentence (LRI … PDI), so that "https://…/ar/appeal/…/"
    keeps its order. A mail program that makes a link of the address may take the invisible PDI after it into the
    link (the e-mails sent before ``core.bidi.url_text`` kept a space between them, or one copied by hand); the link then ends in "%E2%81%A9", no page has that address, and the person would be
    told their private appeal or tracking link does not exist. A GET or HEAD whose path ends in such marks is sent to
    the same path without them. The answer names the private link, so no cache keeps it and no other site is told."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            clean = request.path.rstrip(BIDI_MARKS)
            if clean != request.path:
                query = request.META.get("QUERY_STRING", "")
                return kept_private(HttpResponseRedirect(iri_to_uri(clean) + (f"?{query}" if query else "")))
        return self.get_response(request)
