"""The JSON API at /api/v1/, its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs.

Each app contributes a ``router`` in its own ``api`` module (``ROUTER_PREFIX``
says where it is mounted). Errors are always JSON with a ``detail`` list that
names the field and the rule, never a 5xx for bad input.
"""

import json
from difflib import get_close_matches
from functools import wraps
from importlib import import_module
from importlib.util import find_spec

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.params.models import QueryModel
from ninja.parser import Parser

from rightsdesk.core.errors import DomainError

API_APPS = ["intake", "review", "notices", "transparency", "privacy"]

#: Sent with every refusal of a body that is not one JSON object, so the client knows the form expected.
SEND_JSON = "Send one JSON object encoded as UTF-8, with 'Content-Type: application/json'."


class BodyNotJson(DomainError):
    code = "invalid_json"
    http_status = 400


class JsonBodyParser(Parser):
    """ninja's JSON parser, saying why a body could not be read: ninja answers any failure of the parser with a bare
    "Cannot parse request body" (rightsdesk._http_error gives this error's words instead)."""

    def parse_body(self, request):
        try:
            return json.loads(request.body, object_pairs_hook=_each_key_once)
        except json.JSONDecodeError as exc:
            raise BodyNotJson(f"The body is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}. "
                              f"{SEND_JSON}{_content_type_hint(request)}") from None
        except UnicodeDecodeError as exc:
            raise BodyNotJson(f"The body is not UTF-8 text (byte {exc.start + 1} is not). {SEND_JSON}") from None
        except (ValueError, RecursionError):
            raise BodyNotJson(f"The body's JSON nests too deep or holds a number too long. {SEND_JSON}") from None


def _each_key_once(pairs: list[tuple]) -> dict:
    """A JSON object, refused when it gives a key twice: ``json`` keeps the last value, so ``{"kind": "a", "kind":
    "b"}`` was read as "b" and the client never learnt which of its two values was taken."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen, twice = set(), []
        for key, _value in pairs:
            if key in seen and key not in twice:
                twice.append(key)
            seen.add(key)
        names = ", ".join(repr(key[:100]) for key in twice[:10])
        raise BodyNotJson(f"An object in the body gives {names} more than once; give each key once. {SEND_JSON}")
    return found


def _content_type_hint(request) -> str:
    given = request.content_type or ""
    if given == "application/json" or given.endswith("+json"):
        return ""
    return f" This request said 'Content-Type: {given or 'none'}'."


#: What to fix when the body as a whole is wrong: pydantic says "Field required" or names our schema's class.
WHOLE_BODY = {
    "missing": f"The request has no body. {SEND_JSON}",
    "model_type": f"The body must be one JSON object ({{...}}), not a list, a string, a number or null. {SEND_JSON}",
    "dict_type": f"The body must be one JSON object ({{...}}), not a list, a string, a number or null. {SEND_JSON}",
}

api = NinjaAPI(
    title="rightsdesk API",
    version="1",
    description="Submit legal and safety requests in bulk, and read the public notice log.",
    urls_namespace="api",
    docs_url="/docs",
    parser=JsonBodyParser(),
)


def query_problems(query, declared: dict[str, bool]) -> list[dict]:
    """What is wrong with a request's query string, as rows of the API's errors: a name the operation does not take,
    or a name that takes one value sent more than once. ninja (like Django) ignores names it does not know and reads
    the last of repeated values, so ``?limt=5`` answered the default page and ``?limit=5&limit=50`` a page of 50: the
    client's mistake was never said. ``declared`` maps each query name of the operation to whether it takes a list."""
    takes = ", ".join(sorted(declared)) or "no query parameters"
    problems = []
    for name in query:
        shown = name[:100]
        if name not in declared:
            close = get_close_matches(name, declared, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append({"code": "extra_forbidden", "field": shown, "message": (
                f"'{shown}' is not a query parameter of this operation.{hint} It takes: {takes}. Correct the name or "
                "remove it.")})
        elif not declared[name] and len(query.getlist(name)) > 1:
            problems.append({"code": "repeated_parameter", "field": shown, "message": (
                f"'{shown}' was sent {len(query.getlist(name))} times; it takes one value. Send it once.")})
    return problems


def _query_names(operation) -> dict[str, bool]:
    """The query names an operation declares (ninja flattens a ``Query[Schema]`` into its fields), each with whether
    it takes a list."""
    names: dict[str, bool] = {}
    for model in operation.models:
        if issubclass(model, QueryModel):
            lists = set(getattr(model, "__ninja_collection_fields__", None) or ())
            flat = getattr(model, "__ninja_flatten_map__", None) or [
                field.alias or name for name, field in model.model_fields.items()]
            names.update({name: name in lists for name in flat})
    return names


def only_declared_query_parameters(run):
    """Every operation refuses with 422 a query string it would misread (:func:`query_problems`), before its token
    and body are read: the check costs nothing, and a client fixing a 401 or a body would otherwise learn of its typo
    only after. Applied to each operation by ``api.add_decorator``; each operation declares the 422 in its responses
    (``core.apierrors.errors``; tests/intake/test_api_query.py checks that every one does)."""
    operation = run.__self__  # ninja hands a "view" decorator the operation's bound run method
    declared = _query_names(operation)

    @wraps(run)
    def checked(request, *args, **kwargs):
        problems = query_problems(request.GET, declared)
        if problems:
            return api.create_response(request, {"detail": problems}, status=422)
        return run(request, *args, **kwargs)

    return checked


api.add_decorator(only_declared_query_parameters, mode="view")


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": [exc.as_dict()]}, status=exc.http_status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    detail = []
    for err in exc.errors:
        # The field as the client named it: "kind", "items.3.email", not ninja's "query.kind" or "body.payload...".
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "filters", "path")]
        code, field = err.get("type", "invalid"), ".".join(loc)
        message = err.get("msg", "").removeprefix("Value error, ")
        if not field and err.get("loc", [""])[0] == "body":
            message = WHOLE_BODY.get(code, message)
        detail.append({"code": code, "field": field, "message": message})
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(AuthenticationError)
def _auth_error(request, exc):
    return api.create_response(
        request,
        {"detail": [{"code": "unauthorized", "message": "Send a valid API token: 'Authorization: Bearer <token>'."}]},
        status=401,
    )


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    if isinstance(exc.__cause__, DomainError):  # ninja wrapped our parser's refusal (JsonBodyParser)
        return _domain_error(request, exc.__cause__)
    response = api.create_response(request, {"detail": [{"code": "error", "message": str(exc)}]},
                                   status=exc.status_code)
    if getattr(exc, "retry_after", None):  # a 429 says when to try again (RFC 9110 §10.2.3), in seconds
        response["Retry-After"] = str(max(1, int(exc.retry_after)))
    return response


for _app in API_APPS:
    _module_name = f"rightsdesk.{_app}.api"
    if find_spec(_module_name) is not None:
        _module = import_module(_module_name)
        api.add_router(getattr(_module, "ROUTER_PREFIX", f"/{_app}"), _module.router)
