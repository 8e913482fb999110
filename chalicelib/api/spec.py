"""What each route takes and answers, declared on the route itself: `@operation(...)` under
`@bp.route(...)`. `chalicelib.api.openapi` reads these off the Chalice route table.

A route names its models (`body="OtpRequest"`, `response=("A", "B")`) rather than holding
them: the request models (`body`, `query`) are those of `chalicelib.domain.schemas`, the
answers and forms (`response`, `form`) those of `chalicelib.api.responses`. The classes are
looked up when the contract is read (`operation_of`), so registering a route loads no
pydantic model and a Lambda's cold start pays for none."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

F = TypeVar("F", bound=Callable[..., Any])
ATTRIBUTE = "__openapi_operation__"

# Who may call, for `auth`: each a kind of bearer token (see docs/api.md).
CITIZEN, LINK, STAFF = "citizen", "link", "staff"
# The contract's types are named tuples: immutable like frozen dataclasses, and a fraction
# of the cost to define (they are defined while a Lambda cold-starts).


class Header(NamedTuple):
    name: str
    description: str
    schema: Mapping[str, Any]


class Operation(NamedTuple):
    """One route's contract. `body`/`query`/`form` are the request models the route (or the
    use case behind it) validates with; `response` is what `ok` carries; `errors` are the
    other statuses it may answer (400 is added when it takes input, 401 when it needs a
    token, 415 when it takes JSON)."""

    summary: str
    tag: str
    ok: int = 200
    response: type[BaseModel] | tuple[type[BaseModel], ...] | None = None
    many: bool = False  # `response` is a list of them
    body: type[BaseModel] | None = None
    body_required: bool = True
    query: type[BaseModel] | None = None
    form: type[BaseModel] | None = None
    auth: tuple[str, ...] = ()
    errors: tuple[int, ...] = ()
    csv: bool = False  # `?format=csv` answers text/csv instead
    csv_body: bool = False  # the body is a CSV file (`Content-Type: text/csv`)
    html: bool = False  # a page: text/html whatever the status
    text: bool = False  # `ok` answers text/plain (the webhook's verification challenge)
    headers: tuple[Header, ...] = ()
    response_headers: Mapping[str, str] = MappingProxyType({})
    description: str = ""

    @property
    def responses(self) -> tuple[type[BaseModel], ...]:
        """The models `ok` may carry (any one of them)."""
        if self.response is None:
            return ()
        return self.response if isinstance(self.response, tuple) else (self.response,)


# Where the models a route names are defined, by the argument that names them.
MODELS = {
    "body": "chalicelib.domain.schemas",
    "query": "chalicelib.domain.schemas",
    "form": "chalicelib.api.responses",
    "response": "chalicelib.api.responses",
}


class Declared(NamedTuple):
    """A route's contract as declared: its models by name, not yet looked up."""

    summary: str
    tag: str
    kw: Mapping[str, Any]

    def resolve(self) -> Operation:
        kw = dict(self.kw)
        for arg, module in MODELS.items():
            named = kw.get(arg)
            if isinstance(named, tuple):
                kw[arg] = tuple(_model(module, n) for n in named)
            elif named is not None:
                kw[arg] = _model(module, named)
        return Operation(self.summary, self.tag, **kw)


def _model(module: str, name: str) -> type[BaseModel]:
    found: type[BaseModel] = getattr(importlib.import_module(module), name)
    return found


def operation(summary: str, tag: str, **kw: Any) -> Callable[[F], F]:
    """Attaches the route's contract to its view function (Chalice keeps the function)."""
    unknown = set(kw) - set(Operation._fields)
    if unknown:
        raise TypeError(f"@operation: unknown {sorted(unknown)}")
    for arg in MODELS:
        named = kw.get(arg)
        if not all(isinstance(n, str) for n in (named if isinstance(named, tuple) else (named,)) if n is not None):
            raise TypeError(f"@operation: {arg} names its model(s) (see chalicelib.api.spec)")

    def mark(fn: F) -> F:
        setattr(fn, ATTRIBUTE, Declared(summary, tag, kw))
        return fn

    return mark


def operation_of(fn: Callable[..., Any]) -> Operation | None:
    """The route's contract, its models looked up (None for a route that declares none)."""
    found = getattr(fn, ATTRIBUTE, None)
    return found.resolve() if isinstance(found, Declared) else None


IDEMPOTENCY_KEY = Header(
    "Idempotency-Key",
    "1–100 characters: a retry with the same key returns the same complaint (`Idempotent-Replayed: true`)",
    {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[\\x21-\\x7e]+$"},
)
