"""Two-factor sign-in for staff with time-based one-time passwords (django-otp's TOTP devices).

After the password, staff enter a six-digit code from an authenticator app.
The first time, they enrol: the page shows a QR code (rendered as inline SVG
by segno, so it needs no image service) and the secret for manual entry, and
the device counts only once a code from it has been accepted.
"""

from __future__ import annotations

import base64

import segno
from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightsdesk.audit.models import AuditEntry
from rightsdesk.audit.services import record_access


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"), max_length=8, min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the digits shown in your authenticator app."))
        return code


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "/"


@login_required
def setup(request):
    user = request.user
    if any(d.confirmed for d in devices_for_user(user)) and not user.is_verified():
        return redirect(f"{_reverse('accounts:2fa-verify')}?next={_next(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name="authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            record_access(user, AuditEntry.Action.OTHER, purpose="enrolled a two-factor device")
            return redirect(_next(request))
        form.add_error("code", _("That code did not match. Check the time on your phone and try the newest code."))
    qr = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("QR code for your authenticator app"))
    secret = base64.b32encode(device.bin_key).decode()
    return render(request, "accounts/2fa_setup.html", {"form": form, "qr_svg": qr, "secret": secret, "next": _next(request)})


@login_required
def verify(request):
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices_for_user(request.user, confirmed=True):
            # verify_token throttles repeated failures per device.
            if device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                return redirect(_next(request))
        record_access(request.user, AuditEntry.Action.LOGIN_FAILED, purpose="wrong two-factor code")
        form.add_error("code", _("That code did not match, or too many codes were tried: wait a moment and use the newest code."))
    return render(request, "accounts/2fa_verify.html", {"form": form, "next": _next(request)})


def _reverse(name):
    from django.urls import reverse

    return reverse(name)
