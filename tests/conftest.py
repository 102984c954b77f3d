"""Fixtures every test module can use: staff in each role, cases, and a browser."""

from __future__ import annotations

import os
import threading
import time
from datetime import datetime, timezone as dt_timezone

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run from one unless told it is safe (it is: one thread per test).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config):
    config.addinivalue_line("markers", "two_factor: run with staff two-factor sign-in enforced (as in production)")
    config.addinivalue_line("markers", "reader_time_zone(zone): the browser's clock is in this IANA time zone")


@pytest.fixture(autouse=True, scope="session")
def _static_files_indexed_once():
    """WhiteNoise indexes every static file the finders know (a stat, the compressed variants, the headers) when its
    middleware is made, and Django makes the middleware for each new test client: ~70 ms a client, 58 % of the
    authorization matrix's time (py-spy). The index depends only on the finders' settings and the files, which no
    test changes, so the suite builds it once per process and each client's middleware takes a copy of it; what a
    client is served is the same. ``rightsdesk serve`` makes its middleware once, so production is not touched."""
    from django.conf import settings
    from whitenoise.middleware import WhiteNoiseMiddleware

    build = WhiteNoiseMiddleware.add_files_from_finders
    built: dict = {}

    def add_files_from_finders(self):
        key = (tuple(map(str, settings.STATICFILES_DIRS)), tuple(settings.INSTALLED_APPS),
               tuple(settings.STATICFILES_FINDERS), self.static_prefix, self.max_age, self.allow_all_origins,
               self.charset, self.index_file, self.add_headers_function)
        files = built.get(key)
        if files is None:
            kept, self.files = self.files, {}
            build(self)
            files, self.files = self.files, kept
            built[key] = files
        self.files.update(files)

    WhiteNoiseMiddleware.add_files_from_finders = add_files_from_finders
    yield
    WhiteNoiseMiddleware.add_files_from_finders = build


@pytest.fixture(autouse=True)
def _two_factor_only_where_tested(request, settings):
    """Production requires two-factor sign-in for staff pages (settings.RIGHTSDESK_REQUIRE_2FA).

    Tests of other features sign staff in with force_login, which cannot carry
    a second factor, so they run with it off; tests marked ``two_factor`` (the
    sign-in and authorization tests) run with it on, as production does.
    """
    settings.RIGHTSDESK_REQUIRE_2FA = request.node.get_closest_marker("two_factor") is not None


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests make staff accounts by the hundred; Argon2 (production's hasher, ~0.4 s a hash here) would spend
    minutes of the suite on nothing it checks. tests/accounts/test_security.py checks production's hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Each test starts in English with no per-process caches left by the one before
    (a test's database rows are rolled back without signals, so caches of them must go too)."""
    from django.core.cache import cache
    from django.utils import translation

    from rightsdesk.core import shared_pages
    from rightsdesk.review import deadlines

    translation.activate("en")
    deadlines.clear_cache()
    shared_pages.clear_all()
    try:
        cache.clear()  # the cache is a database table; tests without database access have nothing in it
    except RuntimeError:
        pass
    yield
    translation.activate("en")


def ship_migration_data() -> None:
    """Put back what the data migrations ship (the deadline rules, the account actions' approval chains, the laws
    registry) when a flush has taken it.

    A transactional test (every browser test: its live server) ends with a flush of every table, and pytest-django
    runs the transactional tests last, so each one after the first starts without the migrations' data. The
    migrations' own functions put it back, so it is the same data.
    """
    from importlib import import_module

    from django.apps import apps

    from rightsdesk.accountactions.models import ApprovalStep
    from rightsdesk.clocks.models import ClockRule
    from rightsdesk.laws.models import Authority, Instrument
    from rightsdesk.laws.seeding import load_seed

    if not ApprovalStep.objects.exists():
        import_module("rightsdesk.accountactions.migrations.0002_default_approval_chains").ship(apps, None)
    if not ClockRule.objects.exists():
        import_module("rightsdesk.clocks.migrations.0002_default_rules").add_rules(apps, None)
        import_module("rightsdesk.clocks.migrations.0004_preservation_kind").forwards(apps, None)
    if not Instrument.objects.exists():
        load_seed(Instrument, Authority)


@pytest.fixture(autouse=True)
def _migration_data_for_database_tests(request):
    """Every test that touches the database finds the data the migrations ship, whatever ran before it."""
    marker = request.node.get_closest_marker("django_db")
    transactional = ({"transactional_db", "live_server"} & set(request.fixturenames)
                     or (marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))))
    if transactional:
        request.getfixturevalue("transactional_db")
    elif "db" in request.fixturenames or marker is not None:
        request.getfixturevalue("db")
    else:
        return
    ship_migration_data()


@pytest.fixture(autouse=True)
def _task_worker_keeps_the_test_connection(monkeypatch):
    """A db_worker run inside a test shares the test's database connection.

    The worker calls close_old_connections() between tasks, which on
    PostgreSQL closes the connection the test (and its transaction) runs on;
    SQLite's in-memory test database is never closed. In production the
    worker has its own connection, so keeping it open here changes nothing
    the tests check.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def verified_login():
    """verified_login(client, user): sign in with password and a confirmed TOTP device, as staff do."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def login(client, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test device", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return device

    return login


@pytest.fixture
def signed_in(client, make_staff, verified_login):
    """signed_in("reviewer", ...) -> a new staff user in those roles, signed in on ``client`` (second factor done)."""
    def sign_in(*roles):
        user = make_staff(*roles)
        verified_login(client, user)
        return user
    return sign_in


@pytest.fixture
def sign_in_browser(page, live_server, verified_login):
    """sign_in_browser(user): the browser is signed in as ``user``, second factor verified, as staff are.

    The session is made with Django's test client and handed to the browser as its cookie, so a browser test
    spends its time on the page it tests, not on the sign-in form (tests/review/conftest.py has the form).
    """
    from django.conf import settings
    from django.test import Client

    def sign_in(user):
        import time

        from django.contrib.sessions.backends.base import UpdateError
        from django.db import OperationalError

        # Leave the previous page first: a request still in flight from it (a download, an image) would answer
        # with the previous user's session cookie and sign the browser back in as them; and on SQLite, the live
        # server still answering it can hold the session table for a moment ("database table is locked").
        page.goto("about:blank")
        for attempt in range(5):
            client = Client()
            try:
                verified_login(client, user)
                break
            except (OperationalError, UpdateError):
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        page.context.clear_cookies()
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                   "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])

    return sign_in


@pytest.fixture
def make_staff(db, django_user_model):
    """make_staff("reviewer", "legal approver", username="...") -> a user in those role groups."""
    from django.contrib.auth.models import Group

    counter = {"n": 0}

    def make(*roles: str, username: str | None = None, password: str = "correct horse battery staple"):
        counter["n"] += 1
        name = username or f"staff{counter['n']}-{'-'.join(r.replace(' ', '_') for r in roles) or 'none'}"
        user = django_user_model.objects.create_user(username=name, password=password, email=f"{name}@staff.invalid",
                                                     is_staff=True)
        user.groups.set(Group.objects.filter(name__in=roles))
        # Permission caches live on the instance; a fresh instance sees the groups.
        return django_user_model.objects.get(pk=user.pk)

    return make


@pytest.fixture
def admin(make_staff):
    """A staff member in the administrator role."""
    from rightsdesk.accounts import roles

    return make_staff(roles.ADMINISTRATOR)


@pytest.fixture
def as_admin(client, admin):
    """The test client, signed in as :func:`admin`."""
    client.force_login(admin)
    return client


@pytest.fixture
def make_case(db):
    """make_case(kind=..., **fields) -> a stored case with a requester and one item."""
    from rightsdesk.cases import choices as c
    from rightsdesk.cases.services import create_case

    def make(kind: str = c.Kind.CONTENT_TAKEDOWN, *, parties=None, items=None, state=c.State.RECEIVED, **fields):
        base = {
            "kind": kind, "subject": f"Test {kind}", "requester_type": c.RequesterType.INDIVIDUAL, "country": "DE",
            "description": "Please remove the paragraph about me.",
            "received_at": datetime(2026, 3, 2, 10, 0, tzinfo=dt_timezone.utc),
        }
        base.update(fields)
        if parties is None:
            parties = [{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org"}]
        if items is None:
            items = [{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org", "page_title": "Beispiel"}]
        return create_case(fields=base, parties=parties, items=items, actor="test", initial_state=state)

    return make


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("RIGHTSDESK_CHROMIUM") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(f"Chromium is needed for browser tests and is not at {path}: run the suite with ./run test, "
                    f"which installs Debian's chromium package.")
    return path


class _CountedApp:
    """The live server's WSGI app, counting the requests it is handling.

    A browser tab closed at the end of a test may leave a request running in the live server's thread (a page's
    last fetch, a session write), holding row locks; the database flush after the test then deadlocked against it on
    PostgreSQL, and the next test found the last one's rows. The flush now waits until no request is running.

    On SQLite the test database is in memory, and Django gives the live server's threads the test's one connection
    (``connections_override``): two requests at once (a page's image and PDF previews loading together) then share
    its transaction state, and one's ``atomic()`` ending left the other outside its own (an audit entry refused to
    seal: CI of 5467d3c). With ``serial`` the requests take turns through the application; the server still accepts
    every connection, and production servers give each thread its own connection."""

    def __init__(self, app, serial: bool = False):
        self.app, self.active, self.lock = app, 0, threading.Lock()
        self.turn = threading.Lock() if serial else None

    def __call__(self, environ, start_response):
        with self.lock:
            self.active += 1
        try:
            if self.turn is None:
                return self.app(environ, start_response)
            with self.turn:
                return self.app(environ, start_response)
        finally:
            with self.lock:
                self.active -= 1

    def wait_idle(self, timeout: float = 15.0, quiet: float = 0.2) -> bool:
        """Until no request has been running for ``quiet`` seconds (one may arrive just after the tab closed)."""
        deadline, idle_since = time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            if self.active:
                idle_since = None
            elif idle_since is None:
                idle_since = time.monotonic()
            elif time.monotonic() - idle_since >= quiet:
                return True
            time.sleep(0.02)
        return False


@pytest.fixture(autouse=True)
def _live_server_idle_before_flush(request):
    """Set up after pytest-django's live-server helper (which flushes the database at teardown), so torn down
    before it: the flush waits for the live server's last request."""
    if "live_server" not in request.fixturenames:
        yield
        return
    httpd = request.getfixturevalue("live_server").thread.httpd
    app = httpd.get_app()
    if not isinstance(app, _CountedApp):
        from django.db import connection

        app = _CountedApp(app, serial=connection.vendor == "sqlite" and connection.is_in_memory_db())
        httpd.set_app(app)
    yield
    app.wait_idle()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium_path,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab; page.goto(live_server.url + path). Its clock is the machine's (UTC in CI), or the zone a
    test names with ``@pytest.mark.reader_time_zone("America/Los_Angeles")``."""
    zone = request.node.get_closest_marker("reader_time_zone")
    context = browser.new_context(locale="en-US", **({"timezone_id": zone.args[0]} if zone else {}))
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()


@pytest.fixture
def first_sending_at_work():
    """The first sending of a double click, still at work while the test sends the second (``core.form_once``): its
    form token is claimed now and marked done, naming ``made``, a moment later, from another thread."""
    from contextlib import contextmanager

    from rightsdesk.core import form_once

    @contextmanager
    def at_work(once: str, made: str, seconds: float = 0.3):
        assert form_once.claim(once)
        first = threading.Timer(seconds, form_once.done, args=(once, made))
        first.start()
        try:
            yield
        finally:
            first.join()

    return at_work
