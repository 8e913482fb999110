"""Domain errors raised by a route become the API's error response (see pages.problems)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

from chalice import Response

from chalicelib.domain.errors import DomainError

F = TypeVar("F", bound=Callable[..., Any])


def error_response(exc: DomainError) -> Response:
    from chalicelib.pages.problems import body_of, status_of

    return Response(
        json.dumps(body_of(exc), ensure_ascii=False),
        status_code=status_of(exc)[0],
        headers={"Content-Type": "application/json"},
    )


def http_errors(fn: F) -> F:
    """Turns domain errors raised by a route into the error body with its status."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            return error_response(exc)

    return wrapper  # type: ignore[return-value]
