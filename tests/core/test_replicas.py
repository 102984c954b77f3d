"""Which reads go to a replica (core/replicas.py): public GETs do, everything fresh or written does not."""

from __future__ import annotations

import pytest

from rightsdesk.core import replicas


@pytest.mark.parametrize("method, path, replica", [
    ("GET", "/en/notices/", True),                    # the public log
    ("GET", "/ar/notices/RD-N-1/", True),
    ("GET", "/en/transparency/2026-H1/", True),       # the report
    ("GET", "/api/v1/notices", True),                 # the log's API
    ("HEAD", "/en/", True),
    ("POST", "/en/request/harm-report/", False),      # a write
    ("GET", "/en/staff/", False),                     # staff read their own writes
    ("GET", "/en/staff/cases/RD-2026-AAAAAAA/", False),
    ("GET", "/en/track/sometoken/", False),
    ("GET", "/en/request/harm-report/received/", False),  # the receipt shows what the POST just wrote           # a requester just submitted: must see the case
    ("GET", "/admin/", False),
    ("POST", "/api/v1/cases", False),
    ("GET", "/i18n/setlang/", False),
])
def test_only_public_gets_may_read_from_a_replica(method, path, replica):
    assert replicas.may_read_from_replica(method, path) is replica


class _Meta:
    def __init__(self, app_label):
        self.app_label = app_label


class _Model:
    def __init__(self, app_label):
        self._meta = _Meta(app_label)


@pytest.mark.parametrize("app_label, expected", [
    ("transparency", "replica1"), ("cases", "replica1"), ("reports", "replica1"),
    ("sessions", "default"), ("auth", "default"), ("axes", "default"), ("otp_totp", "default"),
])
def test_in_a_public_request_reads_go_to_the_replica_except_sessions_and_accounts(app_label, expected):
    router = replicas.ReplicaRouter()
    token = replicas._reading_from.set("replica1")
    try:
        assert router.db_for_read(_Model(app_label)) == expected
    finally:
        replicas._reading_from.reset(token)


def test_after_the_first_write_the_rest_of_the_request_reads_the_primary():
    router = replicas.ReplicaRouter()
    token = replicas._reading_from.set("replica1")
    try:
        assert router.db_for_read(_Model("cases")) == "replica1"
        assert router.db_for_write(_Model("cases")) == "default"
        assert router.db_for_read(_Model("cases")) == "default"
    finally:
        replicas._reading_from.reset(token)


def test_outside_a_public_request_everything_reads_the_primary_and_only_the_primary_is_migrated():
    router = replicas.ReplicaRouter()
    assert router.db_for_read(_Model("transparency")) == "default"
    assert router.allow_migrate("default", "cases") and not router.allow_migrate("replica1", "cases")


def test_a_replica_that_failed_is_set_aside(settings):
    settings.DATABASES = {**settings.DATABASES, "replica1": dict(settings.DATABASES["default"])}
    replicas._down_until.clear()
    assert replicas.choose_replica() == "replica1"
    replicas.mark_down("replica1")
    assert replicas.choose_replica() is None
    replicas._down_until.clear()
