"""Site-wide pages: the public landing page and a couple of redirects."""

from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse


def home(request):
    # The intake app lists its forms; until it exists the page still renders.
    try:
        from rightsdesk.intake.forms_catalogue import public_form_links

        forms = public_form_links()
    except ImportError:
        forms = []
    return render(request, "rightsdesk/home.html", {"request_forms": forms})


def _first_reversible(*names: str) -> str:
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return reverse("core:home")


def transparency(request):
    return redirect(_first_reversible("transparency:index"))


def staff(request):
    return redirect(_first_reversible("review:home", "admin:index"))


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
