"""Fixtures for the appeals tests: an appeal challenges a decided case, so they are the notices tests' own (a real
SMTP server, task backends, staff, decided takedowns, the review's checklist for an appeal)."""

from tests.notices.conftest import (  # noqa: F401  (pytest finds fixtures by the names in this module)
    checked,
    decide,
    immediate_tasks,
    publish_record,
    smtp,
    smtp_port,
    start_smtp,
    staff,
    takedown,
)
