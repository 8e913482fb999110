"""Request bodies as the routes read them: invalid JSON and non-object bodies are bad
input (400) with the one bilingual message, never a 500."""

from __future__ import annotations

from typing import Any

from chalice.app import Request

from chalicelib.domain.errors import INVALID_JSON, OBJECT_EXPECTED, InvalidInput


def json_body(request: Request) -> Any:
    """The parsed body (None when empty); the use case validates its shape."""
    try:
        return request.json_body
    except Exception:  # Chalice raises BadRequestError on invalid JSON; keep our message
        raise InvalidInput({"body": INVALID_JSON}) from None


def json_object(request: Request) -> dict[str, Any]:
    """The body as a JSON object ({} when empty)."""
    body = json_body(request)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise InvalidInput({"body": OBJECT_EXPECTED})
    return body
