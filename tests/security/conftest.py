"""Fixtures of the security tests: real server processes, an API token, staff in every role."""

from __future__ import annotations

import pytest

from .serverproc import Instance


@pytest.fixture(scope="session")
def migrated_home(tmp_path_factory) -> Instance:
    """An installation migrated once per test session; each test copies its database file."""
    template = Instance(tmp_path_factory.mktemp("rightsdesk-template"))
    template.manage("migrate", "--verbosity", "0", timeout=300)
    return template


@pytest.fixture
def instance(migrated_home, tmp_path):
    """A fresh installation (own home directory and SQLite file) whose server is killed after the test."""
    inst = Instance(tmp_path / "home")
    inst.copy_database_from(migrated_home)
    yield inst
    inst.kill()


ROLES = ["intake", "reviewer", "legal approver", "trust and safety", "administrator", "auditor"]


class World:
    """Everything a URL can point at, created once per test through the apps' own services."""


@pytest.fixture
def world(db, make_case, make_staff, settings, tmp_path):
    """Staff in each role and one real object behind every kind of URL parameter.

    - ``open_case``: a received takedown with a private tracking token and an attachment;
    - ``decided``: a decided takedown (item removed) with its notices, a 451 placeholder, an appeal link,
      a legal hold, an appeal filed against it, and its published notice in the public log;
    - a due-diligence assessment with a risk and a mitigation; an organisation's API token.
    """
    from datetime import date, timedelta

    from rightsdesk.accounts.models import ApiToken, Organisation
    from rightsdesk.cases import choices as c
    from rightsdesk.cases import services as case_services
    from rightsdesk.cases.models import Case
    from rightsdesk.cases.services import token_digest
    from rightsdesk.diligence.models import Assessment, Mitigation, Risk
    from rightsdesk.intake import attachments
    from rightsdesk.appeals import services as appeals
    from rightsdesk.notices import services as notice_services
    from rightsdesk.notices.models import Notice, Placeholder
    from tests.flows import decide_as_staff
    from rightsdesk.transparency import publishing

    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    w = World()
    w.staff = {role: make_staff(role, username=role.replace(" ", "-")) for role in ROLES}
    approver, reviewer = w.staff["legal approver"], w.staff["reviewer"]

    w.open_case = make_case(c.Kind.CONTENT_TAKEDOWN, content_ground=c.ContentGround.DEFAMATION)
    w.tracking_token = case_services.issue_tracking_token(w.open_case)
    w.attachment = attachments.store(w.open_case, attachments.check_file("order.txt", b"A court order, in text."),
                                     "requester")

    decided = make_case(
        c.Kind.CONTENT_TAKEDOWN,
        parties=[{"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org"},
                 {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "uploader1@example.net"}],
        items=[{"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org",
                "page_title": "Beispiel", "account_name": "Uploader1"}],
        content_ground=c.ContentGround.DEFAMATION, law_invoked="StGB §186", country="DE",
        decision_ground=c.DecisionGround.ILLEGAL_CONTENT,
    )
    decided = decide_as_staff(decided, reviewer, approver, ground="StGB §186",
                              reason="A court found the paragraph defamatory.", summary="Removed after a court judgment.")
    decided.refresh_from_db()
    w.decided = decided
    w.notice = Notice.objects.filter(case=decided).order_by("id").first()
    w.appeal_token = "appeal-token-for-the-security-tests-0123456789"
    Notice.objects.filter(pk=w.notice.pk).update(appeal_token_digest=token_digest(w.appeal_token))
    w.placeholder = Placeholder.objects.filter(item__case=decided).first()
    review = publishing.propose_redaction(decided, approver)
    publishing.approve_redaction(review, approver)
    w.published = publishing.publish(decided, approver)
    w.appeal = appeals.file_appeal(decided, c.PartyRole.AFFECTED_USER, "The paragraph is accurate.", "en",
                                   "affected_user")
    w.hold = notice_services.place_hold(w.open_case, approver, reason="A court barred notice for 30 days.",
                                        until=None)
    w.assessment = Assessment.objects.create(title="Disclosure to authorities in country X", subject="Policy",
                                             review_on=date.today() + timedelta(days=90))
    w.risk = Risk.objects.create(assessment=w.assessment, description="Persecution of editors", right="privacy",
                                 severity=4, likelihood=2)
    w.mitigation = Mitigation.objects.create(risk=w.risk, description="Refuse informal requests",
                                             due_on=date.today() + timedelta(days=30))
    org = Organisation.objects.create(name="Acme Rights Agency", contact_email="notices@acme.example")
    w.api_token_obj, w.api_token = ApiToken.issue(org, label="security tests")
    w.period = "2026-H1"
    w.cases = list(Case.objects.all())
    return w
