"""Site-wide pages: the public landing page and a couple of redirects."""

from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

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


def healthz(request):
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
