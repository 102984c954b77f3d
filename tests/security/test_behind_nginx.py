"""The documented production set-up works: a real nginx terminating TLS in front of `rightsdesk serve`.

nginx from Debian's packages (``./run test`` installs it) runs with a self-signed certificate and the shipped
``deploy/nginx/rightsdesk_proxy.conf``; rightsdesk runs as an operator would start it, with ``RIGHTSDESK_HTTPS=1`` and
the default ``RIGHTSDESK_TRUSTED_PROXIES`` (127.0.0.1, the nginx on the same host). Over https:

- a browser (Chromium) sends a public form and a member of staff signs in, second factor included: the CSRF origin
  check sees the https origin the browser sent;
- the receipt's tracking link is https, and HSTS is sent;
- pages are compressed;
- 200 idle connections do not block ``/healthz``;
- a client that talks to rightsdesk directly cannot claim to be on https: only the trusted proxy may say so;
- nginx's access log, in the shipped format (``deploy/nginx/rightsdesk_log.conf``), keeps no private link, no query
  string and no client address.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .serverproc import REPO, free_port

pytestmark = [pytest.mark.slow, pytest.mark.browser]

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TOTP_KEY = "3132333435363738393031323334353637383930"  # hex, the RFC 6238 test key

CONFIG = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    include {repo}/deploy/nginx/rightsdesk_log.conf;
    access_log {tmp}/access.log rightsdesk;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    client_max_body_size 30m;
    upstream rightsdesk {{ server 127.0.0.1:{upstream}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port} ssl;
        server_name localhost;
        ssl_certificate {tmp}/cert.pem;
        ssl_certificate_key {tmp}/key.pem;
        location / {{
            proxy_pass http://rightsdesk;
            include {repo}/deploy/nginx/rightsdesk_proxy.conf;
        }}
    }}
}}
"""


class Nginx:
    def __init__(self, tmp: Path, upstream: int):
        self.tmp, self.port = tmp, free_port()
        self.url = f"https://localhost:{self.port}"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-keyout", str(tmp / "key.pem"), "-out", str(tmp / "cert.pem")],
                       check=True, capture_output=True)
        # As root, nginx's workers would otherwise drop to "nobody", who may not enter the test's private directory.
        user = "user root;" if os.geteuid() == 0 else ""
        (tmp / "nginx.conf").write_text(CONFIG.format(user=user, tmp=tmp, port=self.port, upstream=upstream, repo=REPO))
        self.process = subprocess.Popen([NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-g", "daemon off;"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"nginx exited: {self.process.stdout.read().decode()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("nginx did not listen within 20 s")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect itself is the answer (raised as an HTTPError)


def fetch(url: str, headers: dict | None = None, timeout: float = 10, follow: bool = True):
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE  # the certificate is self-signed
    request = urllib.request.Request(url, headers=headers or {})
    if follow:
        return urllib.request.urlopen(request, timeout=timeout, context=context)
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NoRedirect)
    return opener.open(request, timeout=timeout)


@pytest.fixture
def behind_nginx(instance, tmp_path):
    assert Path(NGINX).exists(), "nginx is missing: ./run test installs Debian's nginx-light package"
    instance.extra_env = {"RIGHTSDESK_HTTPS": "1", "RIGHTSDESK_ALLOWED_HOSTS": "localhost,127.0.0.1",
                          "RIGHTSDESK_CONNECTION_LIMIT": "1000"}
    instance.manage("shell", "-c", f"""
from django.contrib.auth.models import Group, User
from django_otp.plugins.otp_totp.models import TOTPDevice
user = User.objects.create_user("nadia", "nadia@staff.invalid", "correct horse battery staple", is_staff=True)
user.groups.set(Group.objects.filter(name="reviewer"))
TOTPDevice.objects.create(user=user, name="phone", key="{TOTP_KEY}", confirmed=True)
""")
    instance.start()
    (tmp_path / "nginx").mkdir()
    nginx = Nginx(tmp_path / "nginx", instance.port)
    yield instance, nginx
    nginx.stop()


def test_behind_nginx_forms_sign_in_hsts_https_links_and_compression_work(behind_nginx, browser):
    from django_otp.oath import TOTP

    instance, nginx = behind_nginx
    context = browser.new_context(ignore_https_errors=True)
    page = context.new_page()

    # A public form, sent over https: the CSRF origin check passes, the receipt links to https.
    page.goto(f"{nginx.url}/en/request/harm-report/")
    page.locator("#id_harm_category").select_option("harassment")
    page.locator("#id_description").fill("Someone follows me to every page I edit.")
    page.locator("#id_urls").fill("https://en.wikipedia.org/wiki/Example")
    page.get_by_role("button", name="Send request").click()
    tracking = page.locator("#tracking-link")
    assert tracking.get_attribute("href").startswith(f"{nginx.url}/en/track/"), tracking.get_attribute("href")

    # A member of staff signs in: password, then the second factor, then the queue.
    page.goto(f"{nginx.url}/en/staff/login/")
    page.locator("#id_username").fill("nadia")
    page.locator("#id_password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/2fa/verify/**")
    page.locator("input[name=code]").fill(f"{TOTP(bytes.fromhex(TOTP_KEY)).token():06d}")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(lambda url: "/staff/" in url and "/2fa/" not in url and "/login/" not in url)
    assert page.url.startswith(nginx.url)
    context.close()

    with fetch(f"{nginx.url}/en/", {"Accept-Encoding": "gzip"}) as response:
        assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert response.headers["Content-Encoding"] == "gzip"
        body = gzip.decompress(response.read())
        assert b"<html" in body


def test_only_the_trusted_proxy_may_say_the_client_used_https(behind_nginx):
    instance, nginx = behind_nginx
    # Straight to rightsdesk, from 127.0.0.1 (the trusted address): believed.
    with urllib.request.urlopen(urllib.request.Request(f"{instance.url}/en/",
                                                       headers={"X-Forwarded-Proto": "https"}), timeout=10) as r:
        assert "Strict-Transport-Security" in r.headers
    # Through the proxy, whatever the client claims, nginx states the scheme it saw.
    with fetch(f"{nginx.url}/en/", {"X-Forwarded-Proto": "http"}) as r:
        assert "Strict-Transport-Security" in r.headers


def test_an_untrusted_peer_cannot_claim_https(instance):
    """With RIGHTSDESK_TRUSTED_PROXIES naming another address, 127.0.0.1 is just a client: its header is dropped."""
    instance.extra_env = {"RIGHTSDESK_HTTPS": "1", "RIGHTSDESK_TRUSTED_PROXIES": "10.9.8.7",
                          "RIGHTSDESK_ALLOWED_HOSTS": "localhost,127.0.0.1"}
    instance.start()
    with urllib.request.urlopen(urllib.request.Request(f"{instance.url}/en/",
                                                       headers={"X-Forwarded-Proto": "https"}), timeout=10) as r:
        assert "Strict-Transport-Security" not in r.headers


def test_two_hundred_idle_connections_do_not_block_healthz(behind_nginx):
    instance, nginx = behind_nginx
    idle = []
    try:
        for _ in range(100):  # idle at rightsdesk itself, and idle TLS connections at nginx
            idle.append(socket.create_connection(("127.0.0.1", instance.port), timeout=5))
            idle.append(socket.create_connection(("127.0.0.1", nginx.port), timeout=5))
        time.sleep(0.5)
        started = time.monotonic()
        with urllib.request.urlopen(f"{instance.url}/healthz", timeout=10) as direct:
            assert direct.status == 200
        with fetch(f"{nginx.url}/healthz", timeout=10) as proxied:
            assert proxied.status == 200
        assert time.monotonic() - started < 10
    finally:
        for s in idle:
            s.close()


def test_the_access_log_in_the_shipped_format_keeps_no_private_link_no_query_and_no_client_address(behind_nginx):
    from .test_private_logs import _secret_routes

    _instance, nginx = behind_nginx
    secret, typed = "s3cr3t-Value_of-some-length", "Erika-Mustermann"
    paths = ["/" + route.replace("<str:token>", secret).replace("<str:code>", secret) for route in _secret_routes()]
    assert len(paths) >= 4, paths
    for path in paths + [f"/en/transparency/notices/?q={typed}"]:
        try:
            fetch(nginx.url + path, follow=False).read()
        except urllib.error.HTTPError:  # an unknown link is a 404, a form's address a redirect to its page: logged
            pass
    nginx.stop()  # the log is written out
    log = (nginx.tmp / "access.log").read_text()
    lines = log.splitlines()
    assert len(lines) == len(paths) + 1, log
    assert secret not in log and typed not in log and "127.0.0.1" not in log, log
    assert sum("[private]" in line for line in lines) == len(paths), log
    assert " GET /en/transparency/notices/ " in log, "the path stays, its query string does not"
