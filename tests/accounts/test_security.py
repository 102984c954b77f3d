"""Staff sign-in: two factors, lock-out after failures, idle expiry, and security headers everywhere."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.two_factor
def test_a_password_alone_does_not_open_staff_pages(client, make_staff):
    user = make_staff("reviewer")
    client.force_login(user)
    response = client.get("/en/staff/diligence/")
    assert response.status_code == 302 and "/staff/2fa/setup/" in response["Location"]
    assert client.get("/admin/").status_code == 302


@pytest.mark.two_factor
def test_enrolment_needs_a_valid_code_and_then_opens_the_workspace(client, make_staff, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the failed attempt below would otherwise delay the next one
    user = make_staff("reviewer")
    client.force_login(user)
    page = client.get("/en/staff/2fa/setup/?next=/en/staff/audit/")
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed
    wrong = client.post("/en/staff/2fa/setup/", {"code": "000000" if current_code(device) != "000000" else "111111",
                                                 "next": "/en/staff/audit/"})
    assert wrong.status_code == 200 and "did not match" in wrong.content.decode()
    ok = client.post("/en/staff/2fa/setup/", {"code": current_code(device), "next": "/en/staff/audit/"})
    assert ok.status_code == 302 and ok["Location"] == "/en/staff/audit/"
    device.refresh_from_db()
    assert device.confirmed
    # Now verified for this session: staff pages are no longer redirected to the second factor.
    response = client.get("/en/staff/diligence/")
    assert "/staff/2fa/" not in response.get("Location", "")


@pytest.mark.two_factor
def test_an_enrolled_user_is_asked_for_a_code_at_each_sign_in(client, make_staff):
    user = make_staff("reviewer")
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post("/en/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert "/staff/2fa/verify/" in client.get("/en/staff/diligence/")["Location"]
    assert client.post("/en/staff/2fa/verify/", {"code": current_code(device), "next": "/en/staff/diligence/"})["Location"] == "/en/staff/diligence/"


@pytest.mark.two_factor
def test_verified_sessions_reach_staff_pages(client, make_staff, verified_login):
    user = make_staff("administrator")
    verified_login(client, user)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_repeated_failed_sign_ins_lock_the_account_out(client, make_staff, settings):
    user = make_staff("reviewer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/en/staff/login/", {"username": user.username, "password": "wrong password"})
    locked = client.post("/en/staff/login/", {"username": user.username, "password": PASSWORD})
    assert locked.status_code == 429 and "temporarily locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_few_failures_then_the_right_password_still_works(client, make_staff):
    user = make_staff("reviewer")
    client.post("/en/staff/login/", {"username": user.username, "password": "wrong"})
    response = client.post("/en/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)


def test_an_idle_staff_session_expires(client, make_staff, settings):
    user = make_staff("reviewer")
    client.force_login(user)
    client.get("/en/staff/diligence/")
    session = client.session
    session["rightsdesk_last_seen"] = time.time() - settings.RIGHTSDESK_STAFF_IDLE_SECONDS - 5
    session.save()
    response = client.get("/en/staff/diligence/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_passwords_are_hashed_with_argon2(make_staff, settings):
    from rightsdesk import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS  # the test suite hashes fast (tests/conftest.py)
    assert make_staff("reviewer").password.startswith("argon2")


@pytest.mark.parametrize("path", ["/en/", "/en/staff/login/", "/api/v1/openapi.json"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_staff_pages_are_not_cached(client, make_staff):
    client.force_login(make_staff("reviewer"))
    assert client.get("/en/staff/login/")["Cache-Control"] == "no-store"


def test_csrf_is_enforced_on_sign_in():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/en/staff/login/", {"username": "x", "password": "y"}).status_code == 403


def test_secure_cookies_over_https(monkeypatch):
    import importlib

    import rightsdesk.settings as settings_module

    monkeypatch.setenv("RIGHTSDESK_HTTPS", "1")
    reloaded = importlib.reload(settings_module)
    try:
        assert reloaded.SESSION_COOKIE_SECURE and reloaded.CSRF_COOKIE_SECURE and reloaded.SECURE_HSTS_SECONDS > 0
    finally:
        monkeypatch.delenv("RIGHTSDESK_HTTPS")
        importlib.reload(settings_module)
