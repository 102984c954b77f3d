"""The authorization matrix: every URL pattern and API route, for anonymous visitors and each staff role.

Every pattern of the URL configuration (walked recursively, language prefix
included) must have a row in access_table.PATTERNS (or, for the admin's
per-model pages, its model in ADMIN_MODELS): a new pattern fails the test with
its name, so nobody adds a page without saying who may open it. Each cell is
then requested for real, GET and (for views that change something) POST, with
the world fixture's objects filled into the path, by a fresh client signed in
with two factors (the test runs with RIGHTSDESK_REQUIRE_2FA on, as production).
Every request runs in a savepoint that is rolled back, so one visitor's POST
never changes what the next one sees.
"""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from . import access_table as t

pytestmark = [pytest.mark.two_factor, pytest.mark.django_db]

CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
ADMIN_MODEL_NAME = re.compile(r"^admin:(?P<app>\w+?)_(?P<model>[a-z0-9]+)_(?P<action>changelist|add|change|delete|history)$")


def url_patterns() -> list[tuple[str, str]]:
    """(key, route) for every pattern: key is the namespaced name, or the route for an unnamed pattern."""
    found = []

    def walk(resolver, prefix, namespace):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = ":".join(x for x in (namespace, p.namespace) if x)
                walk(p, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                key = f"{namespace}:{p.name}" if namespace and p.name else (p.name or route)
                found.append((key, route))

    with translation.override("en"):
        walk(get_resolver(), "", "")
    return found


def admin_model_key(route: str) -> tuple[str, str] | None:
    """("app.model", action) for the admin's unnamed per-object redirect, e.g. admin/cases/case/<path:object_id>/."""
    match = re.fullmatch(r"admin/(\w+)/(\w+)/<path:object_id>/", route)
    return (f"{match[1]}.{match[2]}", "redirect") if match else None


def admin_model_of(key: str) -> tuple[str, str] | None:
    """("app.model", action) for admin:<app>_<model>_<action>, using the registered models to split app and model."""
    from django.contrib import admin

    if not key.startswith("admin:"):
        return None
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if key.startswith(prefix) and key[len(prefix):] in t.ADMIN_ACTIONS:
            return model._meta.label_lower, key[len(prefix):]
    return None


def expectations() -> tuple[list[dict], list[str]]:
    """Every cell to check: {key, route, method, expected (per visitor), kwargs, body}; and the unknown patterns."""
    cells, unknown = [], []
    for key, route in url_patterns():
        if key in t.PATTERNS:
            row = t.PATTERNS[key]
            for method, expected in (("GET", row.get), ("POST", row.post)):
                if expected is not None:
                    cells.append({"key": key, "route": route, "method": method, "expected": expected,
                                  "kwargs": row.kwargs, "body": row.body})
            continue
        if key in t.API_PATTERN_NAMES:
            continue  # an API route: checked with tokens by test_api_routes_give_each_visitor_what_the_table_says
        model_action = admin_model_of(key) or admin_model_key(route)
        if model_action and model_action[0] in t.ADMIN_MODELS:
            label, action = model_action
            model = t.ADMIN_MODELS[label]
            if action == "redirect":
                # <object_id>/ only redirects to <object_id>/change/, which checks the permission.
                expected = t.only(t.STAFF, ok=t.REDIRECT)
            else:
                expected = t.admin_expectation(model, action, label)
            needs_object = "<path:object_id>" in route
            cells.append({"key": key, "route": route, "method": "GET", "expected": expected,
                          "kwargs": (lambda w, m=model: {"object_id": m.obj(w) or 999999}) if needs_object else
                          (lambda w: {}), "body": lambda w: {}, "model": label})
            continue
        unknown.append(f"{key}  ({route})")
    return cells, unknown


def build_url(cell: dict, world) -> str:
    kwargs = {k: str(v) for k, v in cell["kwargs"](world).items()}
    if ":" in cell["key"] and not cell["key"].startswith("admin/"):
        with translation.override("en"):
            return reverse(cell["key"], kwargs=kwargs)
    route = cell["route"]
    if route == "admin/(?P<url>.*)$":
        return "/admin/" + kwargs["url"]
    return "/" + CONVERTER.sub(lambda m: kwargs[m["name"]], route)


def observed(response) -> str | int:
    if response.status_code in (301, 302, 303, 307, 308):
        location = response["Location"]
        if "/staff/login/" in location or "/admin/login/" in location:
            return t.LOGIN
        if "/staff/2fa/" in location:
            return "second factor"
        return t.REDIRECT
    return response.status_code


def matches(expected, got) -> bool:
    if expected == t.OK:
        return got in (200, 400, 409, t.REDIRECT)
    return expected == got


@pytest.fixture
def signed_in(world, verified_login):
    """signed_in(visitor) -> a fresh client: anonymous, or that role's user with a verified second factor."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from rightsdesk.cases.models import Case

    for user in world.staff.values():
        TOTPDevice.objects.get_or_create(user=user, name="test device", confirmed=True)
    world.device_pk = TOTPDevice.objects.filter(user=world.staff[t.REVIEWER]).first().pk
    world.group = Group.objects.get(name=t.REVIEWER).pk
    world.case_type_id = ContentType.objects.get_for_model(Case).pk
    world.admin_objects = admin_objects(world)

    def make(visitor: str) -> Client:
        client = Client(raise_request_exception=False)
        if visitor != t.ANON:
            verified_login(client, world.staff[visitor])
        return client

    return make


@pytest.fixture
def clients(signed_in):
    """clients(visitor) -> that visitor's client, signed in once; clients.drop(visitor) after a session change."""

    class Clients(dict):
        def __call__(self, visitor):
            if visitor not in self:
                self[visitor] = signed_in(visitor)
            return self[visitor]

        def drop(self, visitor):
            self.pop(visitor, None)

    return Clients()


def admin_objects(world) -> dict:
    """One row of each admin model that the world does not already have, so every change page has an object."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from rightsdesk.review import services as review_services
    from rightsdesk.review.models import (Assignment, ChecklistAnswer, DecisionProposal, DeadlineRule,
                                          EmergencyRecord, ReplyTemplate)

    from rightsdesk.mail import services as mail_services
    from rightsdesk.mail.models import ImapCursor, Inbox

    reviewer = world.staff[t.REVIEWER]
    review_services.claim(world.open_case, reviewer)
    inbox = Inbox.objects.get_or_create(name="legal", defaults={"address": "legal@example.org"})[0]
    received = mail_services.receive_message("legal", b"From: a@example.org\r\nSubject: Hello\r\n"
                                                      b"Message-ID: <access-table@example.org>\r\n\r\nHello.\r\n")
    seen = {"user_agent": "test", "http_accept": "*/*", "path_info": "/en/staff/login/", "username": "someone",
            "ip_address": "192.0.2.1"}
    return {
        "axes.accessattempt": AccessAttempt.objects.create(**seen, get_data="", post_data="",
                                                          failures_since_start=1).pk,
        "axes.accesslog": AccessLog.objects.create(**seen).pk,
        "axes.accessfailurelog": AccessFailureLog.objects.create(**seen).pk,
        "django_tasks_database.dbtaskresult": DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}}, task_path="rightsdesk.notices.tasks.deliver_notice",
            backend_name="default", run_after=timezone.now(), exception_class_path="", traceback="").pk,
        "mail.inbox": inbox.pk,
        "mail.imapcursor": ImapCursor.objects.get_or_create(inbox=inbox)[0].pk,
        "mail.inboundmessage": received.message.pk,
        "review.assignment": Assignment.objects.filter(case=world.open_case).first().pk,
        "review.checklistanswer": ChecklistAnswer.objects.create(case=world.open_case, question="legal_basis",
                                                                 answer="yes", answered_by=reviewer).pk,
        "review.deadlinerule": DeadlineRule.objects.create(state="received", hours=48).pk,
        "review.decisionproposal": DecisionProposal.objects.create(case=world.decided, proposed_by=reviewer,
                                                                   summary="Remove.").pk,
        "review.emergencyrecord": EmergencyRecord.objects.create(case=world.open_case, recorded_by=reviewer).pk,
        "review.replytemplate": ReplyTemplate.objects.create(title="Which page?", body="Which page do you mean?").pk,
    }


def run_matrix(world, clients, cells) -> tuple[list[str], dict]:
    """Request every cell for every visitor; returns the mismatches and the observed table."""
    from django.core.cache import cache

    problems, seen = [], {}
    for cell in cells:
        url = build_url(cell, world)
        body = cell["body"](world)
        for visitor in t.VISITORS:
            if cell["method"] == "POST":
                cache.clear()  # the public forms' rate limit counts per address; every client is 127.0.0.1
            client = clients(visitor)
            with transaction.atomic():
                response = client.post(url, body) if cell["method"] == "POST" else client.get(url)
                transaction.set_rollback(True)
            if "sessionid" in response.cookies:  # signed out or a new session: the rolled-back state is gone
                clients.drop(visitor)
            got = observed(response)
            seen[(cell["key"], cell["method"], visitor)] = got
            expected = cell["expected"][visitor]
            if not matches(expected, got):
                problems.append(f"{cell['method']} {url} [{cell['key']}] as {visitor}: expected {expected}, got {got}")
    return problems, seen


def test_every_url_pattern_has_a_row_in_the_access_table():
    _cells, unknown = expectations()
    assert not unknown, ("These URL patterns have no row in tests/security/access_table.py (PATTERNS, or the "
                         "model in ADMIN_MODELS). Add one saying who may open them, and the row in "
                         "docs/security.md:\n  " + "\n  ".join(unknown))


def test_every_table_row_still_names_a_pattern():
    keys = {key for key, _route in url_patterns()}
    stale = sorted(set(t.PATTERNS) - keys)
    assert not stale, f"Rows for patterns that no longer exist: {stale}"


@pytest.mark.slow
def test_anonymous_visitors_and_each_role_get_exactly_what_the_table_says(world, clients, capsys):
    cells, unknown = expectations()
    assert not unknown, unknown
    problems, seen = run_matrix(world, clients, cells)
    assert not problems, f"{len(problems)} cells differ from the access table:\n" + "\n".join(problems)
    with capsys.disabled():
        print(f"\nauthorization matrix: {len(cells)} pattern x method cells x {len(t.VISITORS)} visitors = "
              f"{len(seen)} requests")


def test_the_admin_shows_a_case_page_only_to_roles_with_access_to_private_data(world, signed_in):
    """Its parties' contact details are on it: intake, administrator and auditor are refused, as on the workspace."""
    for role in (t.INTAKE, t.ADMIN, t.AUDITOR):
        response = signed_in(role).get(f"/admin/cases/case/{world.decided.pk}/change/")
        assert response.status_code == 403, role
        assert b"erika@example.org" not in response.content


def test_every_look_at_a_case_page_in_the_admin_is_in_the_audit_trail(world, signed_in):
    from rightsdesk.audit.models import AuditEntry

    for role in sorted(t.PRIVATE):
        before = AuditEntry.objects.filter(case=world.decided, action="view_private").count()
        response = signed_in(role).get(f"/admin/cases/case/{world.decided.pk}/change/")
        assert response.status_code == 200, role
        assert b"erika@example.org" in response.content, "the page a permitted role opens shows the parties"
        entry = AuditEntry.objects.filter(case=world.decided, action="view_private").latest("pk")
        assert AuditEntry.objects.filter(case=world.decided, action="view_private").count() == before + 1
        assert (entry.actor, entry.purpose) == (world.staff[role], "admin")
        assert "party.email" in entry.fields


def test_the_admin_writes_no_case_party_item_or_history_whatever_the_role(world, signed_in):
    """Writes go through cases.services (validation, history); the history is append-only and cannot be forged."""
    from rightsdesk.cases.models import Case, CaseHistory

    case, history = world.decided, world.decided.history.first()
    counts = (Case.objects.count(), CaseHistory.objects.count())
    for role in t.ROLES:
        client = signed_in(role)
        for url in ("/admin/cases/case/add/", "/admin/cases/casehistory/add/",
                    f"/admin/cases/case/{case.pk}/delete/", f"/admin/cases/casehistory/{history.pk}/delete/"):
            assert client.get(url).status_code == 403, (role, url)
            assert client.post(url, {"subject": "Forged", "event": "created", "post": "yes"}).status_code == 403, (role, url)
        response = client.post(f"/admin/cases/case/{case.pk}/change/", {"subject": "Changed in the admin"})
        assert response.status_code == 403, role
    case.refresh_from_db()
    assert case.subject != "Changed in the admin"
    assert (Case.objects.count(), CaseHistory.objects.count()) == counts


def test_api_routes_give_each_visitor_what_the_table_says(world, signed_in):
    """Every route of the OpenAPI schema: public routes for everyone, submissions only with an organisation's token.

    A staff session is no API credential: the submission routes answer 401 to it as to anyone without a token.
    """
    from rightsdesk.api import api

    paths = api.get_openapi_schema()["paths"]
    routes = [(method.upper(), path) for path, ops in paths.items() for method in ops]
    unknown = [f"{m} {p}" for m, p in routes if (m, p) not in t.API_ROUTES]
    assert not unknown, ("These API routes have no row in tests/security/access_table.py API_ROUTES: "
                         + ", ".join(unknown))
    problems = []
    for (method, path), row in t.API_ROUTES.items():
        if (method, path) not in routes:
            problems.append(f"stale row {method} {path}")
            continue
        url = path.format(**{k: v(world) for k, v in row.params.items()})
        for visitor, expected in row.expected.items():
            client = signed_in(visitor if visitor in t.VISITORS else t.ANON)
            headers = {"HTTP_AUTHORIZATION": f"Bearer {world.api_token}"} if visitor == t.TOKEN else (
                {"HTTP_AUTHORIZATION": "Bearer rdk_forged"} if visitor == t.FORGED else {})
            with transaction.atomic():
                if method == "POST":
                    response = client.post(url, row.body(world), content_type="application/json", **headers)
                else:
                    response = client.get(url, **headers)
                transaction.set_rollback(True)
            if response.status_code != expected:
                problems.append(f"{method} {url} as {visitor}: expected {expected}, got {response.status_code}")
    assert not problems, "\n".join(problems)


def test_docs_security_md_shows_this_table():
    """docs/security.md renders access_table; regenerate it with `.venv/bin/python -m tests.security.access_table`."""
    docs = (t.DOCS).read_text()
    assert t.render_markdown() in docs, ("docs/security.md does not show the current access table: run "
                                        "`.venv/bin/python -m tests.security.access_table` to update it.")


PRIVATE_VALUES = ["erika@example.org", "Erika Mustermann", "uploader1@example.net"]


def test_staff_pages_show_personal_data_only_to_roles_with_access_to_it(world, clients):
    """A 200 is not the whole answer: the case and notice pages must leave the parties out for the other roles."""
    from rightsdesk.audit.models import AuditEntry

    pages = [reverse("review:case", kwargs={"reference": world.decided.reference}),
             reverse("notices:notice", kwargs={"pk": world.notice.pk}),
             reverse("notices:outbox"), reverse("review:home"), reverse("notices:holds"),
             reverse("appeals:decide", kwargs={"pk": world.appeal.pk})]
    leaks, shown = [], []
    for role in t.ROLES:
        for url in pages:
            response = clients(role).get(url)
            if response.status_code != 200:
                continue
            found = [v for v in PRIVATE_VALUES if v in response.content.decode()]
            if role in t.PRIVATE:
                shown += found
            elif found:
                leaks.append(f"{url} shows {found} to {role}")
    assert not leaks, "\n".join(leaks)
    assert shown, "the roles with access to private data saw none: the check would not see a leak either"
    # ... and each look by those roles is in the audit trail.
    assert AuditEntry.objects.filter(case=world.decided, actor__in=[world.staff[r] for r in t.PRIVATE]).exists()
