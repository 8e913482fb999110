"""Scheme information (R-SCHEME-KB): the knowledge base's routes. Reading and searching are
public; a department's state nodal officer (or the administrator) adds, amends and ends."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain.errors import NotFound

bp = Blueprint(__name__)
WRITE_ERRORS = (403, 404, 409)


def _id(scheme_id: str) -> str:
    from chalicelib.domain.schemes import ID_PATTERN, SCHEME

    if not re.fullmatch(ID_PATTERN, scheme_id):
        raise NotFound(SCHEME)
    return scheme_id


@bp.route("/v1/schemes", methods=["GET"])
@operation(
    "Scheme information: the best matches of a few words, or every scheme of a department",
    "schemes",
    query="SchemeQuery",
    response="SchemeOut",
    many=True,
)
@http_errors
def list_schemes() -> list[dict[str, Any]]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.domain.schemes import ACTIVE
    from chalicelib.services import schemes

    q = query_as(bp.current_request, schemas.SchemeQuery)
    found = schemes.listing(
        b.get_schemes(),
        q=q.q,
        department=q.department,
        status=q.status or ACTIVE,
        limit=int(q.limit or (20 if q.q else 200)),
        offset=int(q.offset or 0),
    )
    return [s.public() for s in found]


@bp.route("/v1/schemes", methods=["POST"])
@operation(
    "A new scheme of the department (its state nodal officer, or the administrator)",
    "schemes",
    body="SchemeBody",
    ok=201,
    response="SchemeOut",
    auth=(STAFF,),
    errors=(403, 409),
    response_headers={"Location": "the scheme's versions"},
)
@http_errors
def create_scheme() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.services import schemes

    who = caller(bp.current_request)
    assert who is not None
    s = schemes.create(who, json_body(bp.current_request), b.scheme_desk())
    return Response(s.public(), status_code=201, headers={"Location": f"/v1/schemes/{s.scheme_id}/versions"})


@bp.route("/v1/schemes/changes", methods=["GET"])
@operation(
    "The day's new, amended and ended schemes, newest first (today, India time)",
    "schemes",
    query="SchemeChangesQuery",
    response="SchemeVersionOut",
    many=True,
)
@http_errors
def scheme_changes() -> list[dict[str, Any]]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import schemes

    q = query_as(bp.current_request, schemas.SchemeChangesQuery)
    day = date.fromisoformat(q.date) if q.date else None
    return [v.public() for v in schemes.changes(b.scheme_desk(), day)]


@bp.route("/v1/schemes/{scheme_id}", methods=["PUT"])
@operation(
    "Amend a scheme: its text as it now reads becomes the next version",
    "schemes",
    body="SchemeText",
    response="SchemeOut",
    auth=(STAFF,),
    errors=WRITE_ERRORS,
)
@http_errors
def amend_scheme(scheme_id: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.services import schemes

    who = caller(bp.current_request)
    assert who is not None
    return schemes.amend(who, _id(scheme_id), json_body(bp.current_request), b.scheme_desk()).public()


@bp.route("/v1/schemes/{scheme_id}/end", methods=["POST"])
@operation(
    "End a scheme (a last version; it leaves the search)",
    "schemes",
    body="SchemeEnd",
    body_required=False,
    response="SchemeOut",
    auth=(STAFF,),
    errors=WRITE_ERRORS,
)
@http_errors
def end_scheme(scheme_id: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.services import schemes

    who = caller(bp.current_request)
    assert who is not None
    return schemes.end(who, _id(scheme_id), json_body(bp.current_request), b.scheme_desk()).public()


@bp.route("/v1/schemes/{scheme_id}/versions", methods=["GET"])
@operation("Every version of a scheme, oldest first", "schemes", response="SchemeVersionOut", many=True, errors=(404,))
@http_errors
def scheme_versions(scheme_id: str) -> list[dict[str, Any]]:
    from chalicelib import bootstrap as b
    from chalicelib.services import schemes

    return [v.public() for v in schemes.versions(_id(scheme_id), b.get_schemes())]
