"""Request bodies and query strings as the routes read them: invalid JSON and non-object
bodies are bad input (400) with the one bilingual message, never a 500; a route that
takes a model (`chalicelib.domain.schemas`) gets it validated, unknown fields refused."""

from __future__ import annotations

from typing import Any, TypeVar

from chalice.app import Request
from pydantic import BaseModel

from chalicelib.domain import schemas
from chalicelib.domain.errors import INVALID_JSON, OBJECT_EXPECTED, InvalidInput

M = TypeVar("M", bound=BaseModel)


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


def body_as(request: Request, model: type[M]) -> M:
    """The body validated by `model` (an empty body is `{}`)."""
    body = json_body(request)
    return schemas.check(model, {} if body is None else body)


def query_as(request: Request, model: type[M]) -> M:
    """The query string validated by `model`: known parameters only, each checked."""
    return schemas.check(model, dict(request.query_params or {}))
