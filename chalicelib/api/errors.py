"""The one mapping from domain errors to HTTP errors (Chalice's error body)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from chalice import (
    BadRequestError,
    ChaliceViewError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    TooManyRequestsError,
    UnauthorizedError,
)

from chalicelib.domain import errors as e
from chalicelib.domain.reference import InvalidReference

F = TypeVar("F", bound=Callable[..., Any])
_MAP: dict[type[Exception], type[ChaliceViewError]] = {
    e.InvalidInput: BadRequestError,
    e.NotFound: NotFoundError,
    e.Unauthorized: UnauthorizedError,
    e.Forbidden: ForbiddenError,
    e.Conflict: ConflictError,
    e.RateLimited: TooManyRequestsError,
}


def http_errors(fn: F) -> F:
    """Turns domain errors raised by a route into Chalice errors with a bilingual message."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except InvalidReference as exc:
            raise BadRequestError(str(exc)) from exc
        except e.DomainError as exc:
            for kind, http in _MAP.items():
                if isinstance(exc, kind):
                    raise http(f"{exc.hi} / {exc.en}") from exc
            raise

    return wrapper  # type: ignore[return-value]
