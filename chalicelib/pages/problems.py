"""The one mapping from domain errors to HTTP: status code and error body (docs/api.md, "Errors").

Used by the JSON routes and the pages alike, so both answer with the same status."""

from __future__ import annotations

from typing import Any

from chalicelib.domain import errors as e
from chalicelib.domain.exclusion import Excluded

STATUS: tuple[tuple[type[e.DomainError], int, str], ...] = (
    (e.InvalidInput, 400, "BadRequestError"),
    (e.Unauthorized, 401, "UnauthorizedError"),
    (e.Forbidden, 403, "ForbiddenError"),
    (e.NotFound, 404, "NotFoundError"),
    (e.Conflict, 409, "ConflictError"),
    (Excluded, 422, "ServiceExcludedError"),
    (e.RateLimited, 429, "TooManyRequestsError"),
)


def status_of(exc: e.DomainError) -> tuple[int, str]:
    for kind, status, code in STATUS:
        if isinstance(exc, kind):
            return status, code
    return 500, "InternalServerError"


def body_of(exc: e.DomainError) -> dict[str, Any]:
    """Chalice's `{"Code", "Message"}` (English), the Hindi as `message_hi`, and for bad
    input `fields: {name: {"hi", "en"}}`; a filing for an excluded service names the exclusion and
    where to go instead."""
    _, code = status_of(exc)
    body: dict[str, Any] = {"Code": code, "Message": exc.en, "message_hi": exc.hi}
    if isinstance(exc, e.InvalidInput):
        body["fields"] = {k: t.as_dict() for k, t in exc.fields.items()}
    if isinstance(exc, Excluded):
        x = exc.exclusion
        body["exclusion"] = {
            "exclusion_id": x.exclusion_id,
            "service": x.service.as_dict(),
            "instead": x.instead.as_dict(),
        }
    return body
