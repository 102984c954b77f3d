"""The page that gives back a staff form sent after its session ended (``carried_form``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from . import carried_form


@login_required
def form_not_sent(request):
    """What the person signed in typed before being signed out, with one button to send it again where it was
    going; the page they land on after signing in when nothing waits for them."""
    carried = carried_form.take(request)
    if carried is None:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/form_not_sent.html", {"carried": carried})
