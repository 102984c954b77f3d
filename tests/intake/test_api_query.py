"""Every operation of the API refuses a query string it would misread, saying which name and what to do.

ninja ignores a query name it does not know and reads the last of repeated values: ``?limt=5`` was answered with the
default page and ``?limit=5&limit=50`` with a page of 50, and the client never learnt of its mistake. One rule
(rightsdesk.api.only_declared_query_parameters) answers both with 422 in the API's error shape, on every operation.
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path, query, field, code, says", [
    # a typo of a declared name: the close name is offered
    ("/api/v1/notices", "limt=5", "limt", "extra_forbidden", "Did you mean 'limit'?"),
    ("/api/v1/placeholders", "aftr=3", "aftr", "extra_forbidden", "Did you mean 'after'?"),
    ("/api/v1/placeholders/PH-1", "languag=fr", "languag", "extra_forbidden", "It takes: language."),
    # an operation without query parameters says so
    ("/api/v1/notices/N-1", "format=xml", "format", "extra_forbidden", "It takes: no query parameters."),
    # one value sent twice: the last no longer wins in silence
    ("/api/v1/notices", "limit=5&limit=50", "limit", "repeated_parameter", "sent 2 times; it takes one value"),
    ("/api/v1/placeholders", "after=1&project=x&after=2", "after", "repeated_parameter", "Send it once."),
])
def test_a_query_name_an_operation_does_not_take_or_one_value_sent_twice_is_refused_naming_it(
        client, path, query, field, code, says):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422 and response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert [(d["field"], d["code"]) for d in detail] == [(field, code)], detail
    assert says in detail[0]["message"]


def test_a_post_operation_refuses_a_query_string_before_its_token_and_body_are_read(client):
    response = client.post("/api/v1/cases/batch?dry_run=1", "{", content_type="application/json")
    assert response.status_code == 422
    assert [(d["field"], d["code"]) for d in response.json()["detail"]] == [("dry_run", "extra_forbidden")]


def test_every_problem_of_a_query_string_is_said_at_once(client):
    response = client.get("/api/v1/notices?limt=5&q=a&q=b&colour=red")
    assert [(d["field"], d["code"]) for d in response.json()["detail"]] == [
        ("limt", "extra_forbidden"), ("q", "repeated_parameter"), ("colour", "extra_forbidden")]


@pytest.mark.parametrize("path, query", [
    ("/api/v1/notices", ""),
    ("/api/v1/notices", "limit=5&kind=copyright_notice&q=photo&date_from=2026-01-01"),
    ("/api/v1/placeholders", "after=0&language=fr&project=de.wikipedia.org"),
])
def test_the_declared_names_each_sent_once_are_answered_as_before(client, path, query):
    assert client.get(f"{path}?{query}").status_code == 200


def test_every_operation_declares_the_422_of_the_query_rule_in_its_schema(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    undeclared = [f"{method.upper()} {path}" for path, operations in schema["paths"].items()
                  for method, operation in operations.items() if "422" not in operation["responses"]]
    assert not undeclared and schema["paths"], undeclared


def test_the_rule_answers_for_every_operation_in_the_schema(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    answers = {}
    for path, operations in schema["paths"].items():
        for method in operations:
            url = re.sub(r"{[^}]+}", "X-1", path) + "?zz_typo=1"
            response = client.post(url, "{}", content_type="application/json") if method == "post" else client.get(url)
            answers[f"{method.upper()} {path}"] = (response.status_code, response.json()["detail"][0]["code"])
    assert len(answers) >= 6 and set(answers.values()) == {(422, "extra_forbidden")}, answers
