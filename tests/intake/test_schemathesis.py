"""Fuzzing the submission API from its published OpenAPI schema: no input may cause a server error."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.slow

OPERATIONS = [("/api/v1/cases", "POST"), ("/api/v1/cases/batch", "POST")]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path, method", OPERATIONS)
def test_no_generated_request_causes_a_server_error(live_server, api_token, path, method, mode):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {api_token}"}
    statuses = []

    @settings(max_examples=40, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        response = case.call(base_url=live_server.url, headers=headers)
        statuses.append(response.status_code)
        case.validate_response(response, checks=[not_a_server_error])

    check()
    assert statuses and all(s < 500 for s in statuses)


def test_requests_without_a_token_never_cause_a_server_error(live_server):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operation = schema["/api/v1/cases/batch"]["POST"]

    @settings(max_examples=15, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    def check(case):
        response = case.call(base_url=live_server.url, headers={"Authorization": "Bearer rdk_notatoken"})
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code in (400, 401, 413, 422)

    check()
