"""Site-wide pages: the public landing page, a couple of redirects, and the error pages."""

import re

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.urls import NoReverseMatch, reverse

from rightsdesk.accounts.middleware import is_staff_area
from rightsdesk.core.lists import quoted
from rightsdesk.intake.forms_catalogue import public_form_links


def home(request):
    return render(request, "rightsdesk/home.html", {"request_forms": public_form_links()})


def _first_reversible(*names: str) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("core:home")


def transparency(request):
    return redirect(_first_reversible("reports:index"))


def staff(request):
    return redirect(_first_reversible("review:home", "admin:index"))


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the icon, without a 404 in the logs."""
    from django.templatetags.static import static

    response = redirect(static("rightsdesk/favicon.svg"), permanent=True)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


# --- Error pages: in the site frame, translated, with a way back -------------------------------------------------

_PERMISSION_CODE = re.compile(r"\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\b")


#: Django's own permissions of every model ("Can change redaction review"): stored in English, so named here from
#: the model's name in the reader's language.
_DEFAULT_PERMISSION_WORDS = {
    # Translators: a permission's name; %(thing)s is the name of a kind of record ("redaction review").
    "add": gettext_lazy("Can add %(thing)s"),
    # Translators: a permission's name; %(thing)s is the name of a kind of record ("redaction review").
    "change": gettext_lazy("Can change %(thing)s"),
    # Translators: a permission's name; %(thing)s is the name of a kind of record ("redaction review").
    "delete": gettext_lazy("Can delete %(thing)s"),
    # Translators: a permission's name; %(thing)s is the name of a kind of record ("redaction review").
    "view": gettext_lazy("Can view %(thing)s"),
}


def _permission_name(permission) -> str:
    """A permission's name in the reader's language: Django's own (add, change, delete, view a model) from the
    model's translated name; any other as its catalogue translates the name stored."""
    action, _sep, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if action in _DEFAULT_PERMISSION_WORDS and model is not None and model_name == model._meta.model_name:
        return str(_DEFAULT_PERMISSION_WORDS[action] % {"thing": model._meta.verbose_name})
    return _(permission.name)


def permission_in_words(message: str) -> str:
    """A refusal with each permission code ("diligence.add_assessment") replaced by the permission's name."""
    from django.contrib.auth.models import Permission

    def name(match: re.Match) -> str:
        found = (Permission.objects.select_related("content_type")
                 .filter(content_type__app_label=match.group(1), codename=match.group(2)).first())
        return quoted(_permission_name(found)) if found else match.group(0)

    return _PERMISSION_CODE.sub(name, message)


def _error_page(request, status: int, context: dict):
    """The error page in the frame of where it was met: the staff workspace's (its navigation, for a staff member
    mid-work, e.g. a form too large to receive) under the staff area as the staff-session rules draw it
    (``accounts.middleware.is_staff_area``), the public site's elsewhere."""
    tracking = "/track/" in request.path
    template = "rightsdesk/staff_error.html" if is_staff_area(request.path) else "rightsdesk/error.html"
    return render(request, template, {"status": status, "tracking": tracking, **context}, status=status)


def page_not_found(request, exception=None):
    return _error_page(request, 404, {
        "heading": _("Page not found"),
        "text": _("There is no page at this address. If you typed it, check it; if you followed a link, it may be "
                  "old or cut short."),
    })


def permission_denied(request, exception=None):
    reason = str(exception) if exception is not None and str(exception) else ""
    return _error_page(request, 403, {
        "heading": _("You may not see this page"),
        "text": _("Your account does not have the permission this page needs. If you need it for your work, ask an "
                  "administrator."),
        "reason": permission_in_words(reason) if reason else "",
    })


#: The posts Django refuses before any form sees them (settings DATA_UPLOAD_MAX_NUMBER_FILES,
#: DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_MEMORY_SIZE), public or staff: no form can come back with what was
#: typed, so the page says the form was not sent, that the text is still on the browser's previous page, and what to
#: send less of. (Reloading, as the generic page says, would lose it.)
REFUSED_POSTS = (
    (TooManyFilesSent, gettext_lazy("Too many files at once"),
     gettext_lazy("Your form was not sent: it had more files than we can receive at once. Go back to the previous "
                  "page in your browser, where what you typed is still there, attach fewer files (the form says how "
                  "many it takes) and send it again.")),
    (TooManyFieldsSent, gettext_lazy("Too many fields at once"),
     gettext_lazy("Your form was not sent: it had more fields than we can receive at once. Go back to the previous "
                  "page in your browser, where what you typed is still there, and send it in smaller parts (for "
                  "example, with fewer items selected).")),
    (RequestDataTooBig, gettext_lazy("Too much text at once"),
     gettext_lazy("Your form was not sent: its text was longer than we can receive at once. Go back to the previous "
                  "page in your browser, where what you typed is still there, shorten the longest text and send it "
                  "again.")),
)


def bad_request(request, exception=None):
    for refused, heading, text in REFUSED_POSTS:
        if isinstance(exception, refused):
            return _error_page(request, 400, {"heading": heading, "text": text})
    return _error_page(request, 400, {
        "heading": _("The request could not be understood"),
        "text": _("Something in what your browser sent was not valid. Go back, reload the page and try again."),
    })


def server_error(request):
    try:
        return _error_page(request, 500, {
            "heading": _("Something went wrong on our side"),
            "text": _("Nothing you did caused this, and we have been told about it. Try again in a few minutes."),
        })
    except Exception:  # the error page must not fail in turn (e.g. with the database down)
        return HttpResponseServerError("500 Internal Server Error", content_type="text/plain")
