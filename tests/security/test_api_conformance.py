"""The published OpenAPI schema is the API: schemathesis with every conformance check finds nothing.

Where tests/security/test_fuzz_api.py asks only "no server error", this asks what an API client relies on: the
status codes, content types, headers and response bodies are the ones the schema declares; inputs the schema says are
invalid (an out-of-range ``limit`` or cursor, a batch with a non-object in it) are refused, and valid ones accepted.

One check needs a rule of its own: "schema-valid data is accepted". A few rules span several fields and are not
written in the schema as JSON Schema can say them; a request that breaks only such a rule is refused with the rule's
own error, and this table lists those rules. Any other refusal of schema-valid data is a finding.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as fuzz_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

pytestmark = pytest.mark.slow

EXAMPLES = 25

#: operation -> (status, error codes) of the cross-field rules a schema-valid request may still break.
RULES_BEYOND_THE_SCHEMA = {
    # Which fields a kind uses and needs, which requester types it allows (docs/api.md, "fields per kind"); a text
    # with a NUL character, which no database stores.
    "POST /api/v1/cases": (422, {"required", "not_for_kind", "invalid_choice", "invalid_text"}),
    # The start date is not after the end date.
    "GET /api/v1/notices": (400, {"invalid"}),
}


def test_every_operation_conforms_to_its_schema_for_valid_and_invalid_input(live_server, world, settings):
    from django.core.cache import cache

    settings.RIGHTSDESK_INTAKE = {"RATE_LIMIT": 100000}
    cache.clear()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6, [f"{o.method} {o.path}" for o in operations]
    problems: list[str] = []
    calls, rule_refusals = 0, 0
    headers = {"Authorization": f"Bearer {world.api_token}"}
    for operation in operations:
        label = f"{operation.method.upper()} {operation.full_path}"
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @fuzz_settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                           suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def check(case):
                nonlocal calls, rule_refusals
                calls += 1
                response = case.call(base_url=live_server.url, headers=headers)
                # Every check schemathesis has; "valid data is accepted" is judged below with the rules' table.
                case.validate_response(response, excluded_checks=[positive_data_acceptance])
                if mode is GenerationMode.POSITIVE and response.status_code >= 400 and response.status_code not in (
                        401, 403, 404, 409, 429):
                    status, codes = RULES_BEYOND_THE_SCHEMA.get(label, (None, set()))
                    given_codes = {d["code"] for d in response.json()["detail"]}
                    assert response.status_code == status and given_codes <= codes, (
                        f"schema-valid request refused with {response.status_code}: {response.text[:500]}")
                    rule_refusals += 1

            try:
                check()
            except Unsatisfiable:
                pass  # nothing can be invalid (a free-text parameter): no negative input to send
            except (Exception, FailureGroup) as exc:  # report every operation that fails, not only the first
                problems.append(f"{label} [{mode.value}]: {str(exc)[:1500]}")

    assert not problems, "\n\n".join(problems)
    print(f"\nschemathesis conformance: {len(operations)} operations, {calls} requests, no finding "
          f"({rule_refusals} schema-valid requests refused by a rule listed in RULES_BEYOND_THE_SCHEMA)")

