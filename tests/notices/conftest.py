"""Fixtures for the notices tests: a real SMTP server, task backends, and decided cases."""

from __future__ import annotations

import socket

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """Collects what the SMTP server receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        import email
        from email import policy

        return [email.message_from_bytes(e.original_content, policy=policy.default) for e in self.envelopes]

    def bodies(self) -> list[str]:
        return [m.get_content() for m in self.messages]


@pytest.fixture
def smtp_port(settings):
    """Mail settings pointing at 127.0.0.1:<free port>, with nothing listening yet (the server is down)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    return port


@pytest.fixture
def start_smtp(smtp_port):
    """start_smtp() -> Mailbox: a real aiosmtpd server on the configured port; stopped after the test."""
    from aiosmtpd.controller import Controller

    controllers = []

    def start() -> Mailbox:
        box = Mailbox()
        controller = Controller(box, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return box

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def smtp(start_smtp) -> Mailbox:
    return start_smtp()


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE


@pytest.fixture
def staff(make_staff):
    return {
        "reviewer": make_staff("reviewer", username="first-reviewer"),
        "approver": make_staff("legal approver", username="approver"),
        "other": make_staff("reviewer", username="second-reviewer"),
    }


@pytest.fixture
def decide(make_staff):
    """decide(case, actor, actions={item_index: (action, countries)}, summary=...) -> the decided case.

    Through the review's services, as staff decide (``tests.flows.decide_as_staff``); a decision that needs
    four-eyes is approved by a second legal approver ("fixture-approver").
    """
    from tests.flows import DEFAULT_SUMMARY, decide_as_staff

    approvers = []

    def second_approver():
        if not approvers:
            approvers.append(make_staff("legal approver", username="fixture-approver"))
        return approvers[0]

    def run(case, actor, actions=None, summary=DEFAULT_SUMMARY, **case_fields):
        return decide_as_staff(case, actor, second_approver, actions=actions, summary=summary, **case_fields)

    return run


@pytest.fixture
def checked():
    """checked(appeal, actor): ``actor`` takes the appeal, starts its review and answers its due-diligence checklist.

    Deciding an appeal is deciding a case: the review's checklist guard holds for it as for every case.
    """
    from rightsdesk.cases import choices as c
    from rightsdesk.review import services as review
    from tests.review.conftest import full_checklist

    def run(appeal, actor):
        if appeal.assigned_to_id not in (None, actor.pk):
            review.claim(appeal, actor, takeover_reason="The test's reviewer takes the appeal.")
        if appeal.state == c.State.RECEIVED:
            review.take_step(appeal, "start_review", actor)
        review.save_checklist(appeal, actor, full_checklist(appeal))
        appeal.refresh_from_db()
        return appeal

    return run


@pytest.fixture
def publish_record(staff):
    """publish_record(case) -> its public record, proposed, approved and published by the legal approver.

    Placeholders and statements of reasons read only the reviewed public record, so a test of what the public
    sees goes through this step, as staff do in the redaction editor.
    """
    from rightsdesk.transparency import publishing

    def run(case):
        review = publishing.propose_redaction(case, staff["approver"])
        publishing.approve_redaction(review, staff["approver"])
        return publishing.publish(case, staff["approver"])

    return run


@pytest.fixture
def takedown(make_case):
    """A content takedown from a private person, with two items by two accounts, one of them a party (French)."""
    from rightsdesk.cases import choices as c

    def make(**fields):
        return make_case(
            c.Kind.CONTENT_TAKEDOWN,
            parties=[
                {"role": c.PartyRole.REQUESTER, "name": "Erika Mustermann", "email": "erika@example.org",
                 "language": "de"},
                {"role": c.PartyRole.AFFECTED_USER, "account_name": "Uploader1", "email": "uploader1@users.example.net",
                 "language": "fr"},
            ],
            items=[
                {"url": "https://de.wikipedia.org/wiki/Beispiel", "project": "de.wikipedia.org", "page_title": "Beispiel",
                 "account_name": "Uploader1"},
                {"url": "https://de.wikipedia.org/wiki/Anderes", "project": "de.wikipedia.org", "page_title": "Anderes",
                 "account_name": "SecondEditor"},
            ],
            content_ground=c.ContentGround.DEFAMATION, law_invoked="StGB §186", country="DE",
            decision_ground=c.DecisionGround.ILLEGAL_CONTENT, **fields,
        )

    return make

