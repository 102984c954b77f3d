"""An address under the API that no operation has, or a method an operation does not take, answered in JSON.

The API's own errors are JSON with a ``detail`` list (``rightsdesk.api``). But an address no operation has is
answered by the site's 404 page (HTML, in the site frame) and a method an operation does not take by ninja's bare
"Method not allowed": a client of the API got a page it cannot read, and no word of what to do. This middleware gives
both the API's shape, with what to fix: the operations are listed in the API's documentation and OpenAPI schema; the
methods an address takes are in ``Allow`` (kept) and in the message.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse


def _api_root() -> str | None:
    try:
        return reverse("api:api-root")
    except NoReverseMatch:  # pragma: no cover - an installation without the API
        return None


class ApiErrorsAsJson:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code not in (404, 405) or response.get("Content-Type", "").startswith("application/json"):
            return response
        root = _api_root()
        if not root or not request.path.startswith(root):
            return response
        if response.status_code == 404:
            error = {"code": "not_found", "message": (
                f"No operation of the API has the address {request.path}. The operations are listed at {root}docs "
                f"and in the OpenAPI schema at {root}openapi.json.")}
        else:
            allowed = response.get("Allow", "")
            error = {"code": "method_not_allowed", "message": (
                f"{request.path} does not take {request.method}; it takes {allowed or 'other methods'}.")}
        answer = JsonResponse({"detail": [error]}, status=response.status_code)
        if response.has_header("Allow"):
            answer["Allow"] = response["Allow"]
        return answer
