"""`GET /v1/openapi.json`: the OpenAPI 3.1 document of this API, made from the Chalice route
table (`app.routes`) and the `@operation` each route declares, with the request models the
use cases validate with (`chalicelib.domain.schemas`) and the response models of
`chalicelib.api.responses`. Built once per process, from code only (no AWS), on its first
request: pydantic's JSON schema and the models load then, not at the cold start."""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Chalice

from chalicelib.api.spec import Operation, operation, operation_of

if TYPE_CHECKING:
    from pydantic import BaseModel

bp = Blueprint(__name__)
REF = "#/components/schemas/{model}"
TITLE = "CM Helpline 181 API"
VERSION = "1"

PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "call": {
        "description": "a call on the local stack's emulated telephone",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,64}$"},
    },
    "reference": {
        "description": "a complaint's reference: 10 digits, the last a Verhoeff check digit",
        "schema": {"type": "string", "pattern": "^[0-9]{10}$", "examples": ["1234567890"]},
    },
    "code": {
        "description": "a code of the directory (district, department, division)",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$", "examples": ["SEHORE"]},
    },
    "exclusion_id": {
        "description": "a service exclusion's id",
        "schema": {"type": "string", "pattern": "^EX-[0-9]{8}-[0-9A-F]{4}$", "examples": ["EX-20261123-3FA2"]},
    },
    "scheme_id": {
        "description": "a scheme's id: its department and English name",
        "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,79}$", "examples": ["revenue-svamitva-scheme"]},
    },
    "year": {
        "description": "a calendar year, 2000–2100",
        "schema": {"type": "string", "pattern": "^(20[0-9]{2}|2100)$", "examples": ["2026"]},
    },
    "post_id": {
        "description": "a post of the directory, department:level:place",
        "schema": {
            "type": "string",
            "pattern": "^[A-Z0-9_-]{1,40}:[A-Z0-9_-]{1,20}:[A-Z0-9_-]{1,60}$",
            "examples": ["REVENUE:L1:SEHORE-BUDHNI"],
        },
    },
    "posting_id": {
        "description": "a posting, as `GET /v1/directory/posts` names it",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]{8,400}$"},
    },
    "username": {
        "description": "an officer's login",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,128}$", "examples": ["o12345678"]},
    },
    "token": {
        "description": "the token of an officer's SMS link (`/o/{token}`)",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[A-Za-z0-9_.~-]+$"},
    },
}
STATUS_TEXT = {
    200: "OK",
    201: "Created",
    202: "Accepted",
    400: "Bad input: `fields` names each bad field in Hindi and English",
    401: "No or invalid credentials",
    403: "Not allowed",
    404: "Unknown, or outside the caller's scope",
    409: "A conflict: a stale version, a repeated submission, a state that does not allow it",
    422: "The service is excluded from the helpline: `exclusion` says where to go instead",
    415: "A body that is not JSON where JSON is expected",
    429: "Rate limited",
}
FORM_REFUSED = (
    "Not allowed; or a form not posted from this site's own page: another `Origin`, or without "
    "the `csrf` field its page carries for the browser's `cmh_csrf` cookie (docs/api.md, Pages)"
)
SECURITY = {
    "bearer": {
        "type": "http",
        "scheme": "bearer",
        "description": (
            "A citizen token (`POST /v1/otp/verify`), an officer's SMS-link token, or a staff "
            "token (`POST /v1/auth/login`, Amazon Cognito)"
        ),
    }
}


def _operations(app: Chalice) -> list[tuple[str, str, Operation]]:
    out = []
    for path, methods in sorted(app.routes.items()):
        for method, entry in sorted(methods.items()):
            op = operation_of(entry.view_function)
            if op is not None:
                out.append((path, method.lower(), op))
    return out


def _models(ops: list[tuple[str, str, Operation]]) -> list[type[BaseModel]]:
    from chalicelib.api import responses as r

    found: dict[str, type[BaseModel]] = {"ErrorBody": r.ErrorBody, "GatewayError": r.GatewayError}
    for _, _, op in ops:
        for m in (op.body, op.form, *op.responses):
            if m is not None:
                found[m.__name__] = m
    return list(found.values())


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query parameter's schema: the value given (a query string has no null)."""
    schema = dict(schema)
    variants = schema.pop("anyOf", None)
    if variants:
        kept = [v for v in variants if v.get("type") != "null"]
        if len(kept) == 1:
            schema = {**kept[0], **schema}
        else:
            schema["anyOf"] = kept
    schema.pop("default", None)
    schema.pop("title", None)
    return schema


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=REF)
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema.get("properties", {}).items():
        p = _not_null(prop)
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required, "schema": p}
        if "description" in p:
            param["description"] = p.pop("description")
        out.append(param)
    return out


def _ref(model: type[BaseModel]) -> dict[str, str]:
    return _ref_named(model.__name__)


def _ref_named(name: str) -> dict[str, str]:
    return {"$ref": REF.format(model=name)}


def _error(status: int) -> dict[str, Any]:
    schema = _ref_named("GatewayError" if status == 415 else "ErrorBody")
    return {"description": STATUS_TEXT.get(status, "Error"), "content": {"application/json": {"schema": schema}}}


def _operation(path: str, method: str, op: Operation) -> dict[str, Any]:
    out: dict[str, Any] = {
        "operationId": f"{method}_{re.sub(r'[^A-Za-z0-9]+', '_', path).strip('_')}",
        "summary": op.summary,
        "tags": [op.tag],
    }
    if op.description:
        out["description"] = op.description
    params: list[dict[str, Any]] = [
        {"name": name, "in": "path", "required": True, **copy.deepcopy(PATH_PARAMETERS[name])}
        for name in re.findall(r"{(\w+)}", path)
    ]
    if op.query is not None:
        params += _query_parameters(op.query)
    params += [
        {"name": h.name, "in": "header", "required": False, "description": h.description, "schema": dict(h.schema)}
        for h in op.headers
    ]
    if params:
        out["parameters"] = params
    if op.body is not None:
        out["requestBody"] = {
            "required": op.body_required,
            "content": {"application/json": {"schema": _ref(op.body)}},
        }
    elif op.csv_body:
        out["requestBody"] = {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string", "minLength": 1, "maxLength": 256000}}},
        }
    elif op.form is not None:
        out["requestBody"] = {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": _ref(op.form)}},
        }
    if op.auth:
        out["security"] = [{"bearer": []}]
    out["responses"] = _responses(path, op)
    return out


def _responses(path: str, op: Operation) -> dict[str, Any]:
    statuses = set(op.errors)
    if op.body or op.query or op.form or op.csv_body or "{" in path:
        statuses.add(400)
    if op.auth:
        statuses.add(401)
    if op.body is not None or op.form is not None or op.csv_body:
        statuses.add(415)
    if op.html:
        page = {"text/html": {"schema": {"type": "string"}}}
        if op.form is not None:
            statuses.add(403)  # any form may be refused at the edge (chalicelib/api/edge.py)
        pages = {
            str(s): {
                "description": FORM_REFUSED if s == 403 and op.form else STATUS_TEXT.get(s, "Page"),
                "content": page,
            }
            for s in sorted({op.ok, *statuses} - {415})
        }
        return pages | ({"415": _error(415)} if 415 in statuses else {})
    ok: dict[str, Any] = {"description": STATUS_TEXT.get(op.ok, "OK")}
    if op.text:
        ok["content"] = {"text/plain": {"schema": {"type": "string"}}}
    if op.responses:
        schema: dict[str, Any] = (
            _ref(op.responses[0]) if len(op.responses) == 1 else {"anyOf": [_ref(m) for m in op.responses]}
        )
        if op.many:
            schema = {"type": "array", "items": schema}
        ok["content"] = {"application/json": {"schema": schema}}
        if op.csv:
            ok["content"]["text/csv"] = {"schema": {"type": "string"}}
    if op.response_headers:
        ok["headers"] = {k: {"description": v, "schema": {"type": "string"}} for k, v in op.response_headers.items()}
    out = {str(op.ok): ok}
    for s in sorted(statuses):
        out[str(s)] = _error(s)
    return out


def document(app: Chalice) -> dict[str, Any]:
    """The OpenAPI 3.1 document of `app`'s routes that declare an `@operation`."""
    from pydantic.json_schema import models_json_schema

    ops = _operations(app)
    _, defs = models_json_schema([(m, "validation") for m in _models(ops)], ref_template=REF)
    paths: dict[str, dict[str, Any]] = {}
    for path, method, op in ops:
        paths.setdefault(path, {})[method] = _operation(path, method, op)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": TITLE,
            "version": VERSION,
            "description": (
                "Madhya Pradesh's CM Helpline 181: file, track and act on public grievances. "
                "Errors carry Hindi (`message_hi`) and English (`Message`); see docs/api.md."
            ),
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": defs.get("$defs", {}), "securitySchemes": SECURITY},
    }


_built: dict[int, dict[str, Any]] = {}


@bp.route("/v1/openapi.json", methods=["GET"])
@operation("This document: OpenAPI 3.1", "meta", response="Document")
def openapi_json() -> dict[str, Any]:
    app = bp.current_app
    if id(app) not in _built:
        _built[id(app)] = document(app)
    return _built[id(app)]
