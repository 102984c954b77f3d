"""Schemathesis over the whole API: every operation of /api/v1/openapi.json, valid and invalid input, no 5xx.

The operations are read from the published schema at run time, so an
operation added later is fuzzed without touching this file. Each is called
with a valid bearer token (the authenticated ones need it; the public ones
must ignore it), with no token, and with a forged one; the database holds a published notice, a placeholder and open and
decided cases (the ``world`` fixture), so the read operations find something. tests/intake fuzzes
the two submission operations in more depth.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.slow

EXAMPLES = 25


def test_no_operation_of_the_api_answers_any_input_with_a_server_error(live_server, world, settings):
    from django.core.cache import cache

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 100000}
    cache.clear()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 4, [f"{o.method} {o.path}" for o in operations]
    calls: dict[str, int] = {}
    server_errors: list[str] = []
    no_negative: list[str] = []
    headers_by_auth = {"token": {"Authorization": f"Bearer {world.api_token}"}, "none": {},
                       "forged": {"Authorization": "Bearer rdk_forged-token-that-was-never-issued"}}

    for operation in operations:
        label = f"{operation.method.upper()} {operation.full_path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            for auth, headers in headers_by_auth.items():
                examples = EXAMPLES if auth == "token" else 5

                @fuzz_settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                          suppress_health_check=list(HealthCheck))
                @given(case=operation.as_strategy(generation_mode=mode))
                def check(case):
                    response = case.call(base_url=live_server.url, headers=headers)
                    calls[label] = calls.get(label, 0) + 1
                    if response.status_code >= 500:
                        server_errors.append(f"{label} [{mode.value}, {auth}] -> {response.status_code}")
                    case.validate_response(response, checks=[not_a_server_error])

                try:
                    check()
                except Unsatisfiable:
                    # Nothing can be invalid (a free-text path parameter, say): there is no negative input to send.
                    no_negative.append(f"{label} [{auth}]")
                except Exception as exc:  # keep going: report every operation that fails, not only the first
                    server_errors.append(f"{label} [{mode.value}, {auth}]: {str(exc).splitlines()[0][:300]}")

    assert not server_errors, "\n".join(server_errors)
    assert set(calls) == {f"{o.method.upper()} {o.full_path}" for o in operations}
    print(f"\nschemathesis: {len(operations)} operations, {sum(calls.values())} requests, 0 server errors"
          + (f"; no invalid input exists for {', '.join(sorted(set(no_negative)))}" if no_negative else ""))
