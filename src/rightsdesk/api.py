"""The JSON API at /api/v1/, its OpenAPI schema at /api/v1/openapi.json and docs at /api/v1/docs.

Each app contributes a ``router`` in its own ``api`` module (``ROUTER_PREFIX``
says where it is mounted). Errors are always JSON with a ``detail`` list that
names the field and the rule, never a 5xx for bad input.
"""

from importlib import import_module
from importlib.util import find_spec

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from rightsdesk.core.errors import DomainError

API_APPS = ["intake", "review", "notices", "transparency", "privacy"]

api = NinjaAPI(
    title="rightsdesk API",
    version="1",
    description="Submit legal and safety requests in bulk, and read the public notice log.",
    urls_namespace="api",
    docs_url="/docs",
)


@api.exception_handler(DomainError)
def _domain_error(request, exc: DomainError):
    return api.create_response(request, {"detail": [exc.as_dict()]}, status=exc.http_status)


@api.exception_handler(ValidationError)
def _validation_error(request, exc: ValidationError):
    detail = []
    for err in exc.errors:
        # The field as the client named it: "kind", "items.3.email", not ninja's "query.kind" or "body.payload...".
        loc = [str(p) for p in err.get("loc", []) if p not in ("body", "payload", "query", "filters", "path")]
        detail.append({"code": err.get("type", "invalid"), "field": ".".join(loc), "message": err.get("msg", "")})
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
