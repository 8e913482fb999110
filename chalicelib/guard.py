"""The HTTP side of failing closed, and the request's correlation id.

Every request passes one middleware: while this stage's settings are missing or invalid, or
its signing keys cannot be read, every route (API, pages, links) answers 503 and changes
nothing; the log names what is missing (`observe.refused`) and the `Misconfigured` metric
alarms. Event handlers need no middleware: they reach every adapter through
`chalicelib.bootstrap`, which raises `Misconfigured`, so their events are retried and kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from chalice import Chalice, Response

from chalicelib import observe
from chalicelib.settings import Misconfigured, current_problems

UNAVAILABLE_HI = "सेवा अभी उपलब्ध नहीं है, कृपया बाद में प्रयास करें"
UNAVAILABLE_EN = "The service is unavailable; please try again later"
_PAGE = (
    '<!doctype html><html lang="hi"><head><meta charset="utf-8"><title>CM Helpline 181</title></head>'
    f'<body><h1>{UNAVAILABLE_HI}</h1><p lang="en">{UNAVAILABLE_EN}</p><p>181</p></body></html>'
)


def unavailable(path: str) -> Response:
    """503 with the error body of docs/api.md (JSON routes) or a small bilingual page (pages)."""
    headers = {"Retry-After": "300", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    if path.startswith("/v1/"):
        body = {"Code": "ServiceUnavailable", "Message": UNAVAILABLE_EN, "message_hi": UNAVAILABLE_HI}
        return Response(
            json.dumps(body, ensure_ascii=False),
            status_code=503,
            headers={**headers, "Content-Type": "application/json"},
        )
    return Response(_PAGE, status_code=503, headers={**headers, "Content-Type": "text/html; charset=utf-8"})


def correlation_of(request: Any) -> str:
    """The complaint reference or the link's assignment id in the path, else API Gateway's request id."""
    params = request.uri_params or {}
    if params.get("reference"):
        return str(params["reference"])
    token = str(params.get("token", ""))
    if token.count(".") == 2:
        return token.split(".", 1)[0]
    return str((request.context or {}).get("requestId", ""))


def _ready() -> tuple[str, ...]:
    """The settings' problems; once they are fine, the signing keys must be readable too."""
    found = current_problems()
    if found:
        return found
    from chalicelib import bootstrap

    try:
        bootstrap.signing_keys()
    except Misconfigured as exc:
        return exc.problems
    return ()


def http_guard(request: Any, get_response: Callable[[Any], Any]) -> Any:
    with observe.correlated(correlation_of(request)):
        found = _ready()
        if found:
            observe.refused(found, at=request.path)
            return unavailable(request.path)
        return get_response(request)


def install(app: Chalice) -> None:
    app.register_middleware(http_guard, "http")
