"""Service exclusion routes (R-EXCLUSION): the public list, proposals by a department's state
nodal officer, the administrator's decision (docs/api.md, "Service exclusion")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

if TYPE_CHECKING:
    from chalicelib.domain.actor import Caller


bp = Blueprint(__name__)
ID = re.compile(r"EX-[0-9]{8}-[0-9A-F]{4}")


def _who() -> Caller:
    from chalicelib.api.auth import caller

    who = caller(bp.current_request)
    assert who is not None
    return who


def _id(text: str) -> str:
    if not ID.fullmatch(text):
        raise InvalidInput({"exclusion_id": Text("अपवर्जन क्रमांक EX-YYYYMMDD-XXXX", "an id EX-YYYYMMDD-XXXX")})
    return text


@bp.route("/v1/exclusions", methods=["GET"])
@operation("Services excluded from the helpline, in force (public)", "exclusions", response="Exclusion", many=True)
def in_force() -> list[dict[str, Any]]:
    from chalicelib import bootstrap as b
    from chalicelib.services import exclusions as ex

    return [ex.view(x) for x in ex.in_force(b.exclusions())]


@bp.route("/v1/exclusions/proposals", methods=["GET"])
@operation(
    "Every exclusion with its history (administrator; a state nodal officer: their department's)",
    "exclusions",
    query="ExclusionsQuery",
    response="ExclusionRecord",
    many=True,
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def proposals() -> list[dict[str, Any]]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.services import exclusions as ex

    query = query_as(bp.current_request, schemas.ExclusionsQuery)
    return [ex.view(x, h) for x, h in ex.proposals(_who(), query, b.exclusions())]


@bp.route("/v1/exclusions", methods=["POST"])
@operation(
    "Propose excluding a service (the department's state nodal officer)",
    "exclusions",
    body="ExclusionProposal",
    ok=201,
    response="ExclusionRecord",
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def propose() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import exclusions as ex

    deps = b.exclusions()
    x = ex.propose(_who(), json_body(bp.current_request), deps)
    return Response(ex.view(x, deps.exclusions.history(x.exclusion_id)), status_code=201)


@bp.route("/v1/exclusions/{exclusion_id}/decision", methods=["POST"])
@operation(
    "Accept or reject a proposal (administrator): accepted, filings for the service are refused at once",
    "exclusions",
    body="ExclusionDecisionBody",
    response="ExclusionRecord",
    auth=(STAFF,),
    errors=(403, 404, 409),
)
@http_errors
def decide(exclusion_id: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import exclusions as ex

    deps = b.exclusions()
    x = ex.decide(_who(), _id(exclusion_id), json_body(bp.current_request), deps)
    return ex.view(x, deps.exclusions.history(x.exclusion_id))


@bp.route("/v1/exclusions/{exclusion_id}/lift", methods=["POST"])
@operation(
    "Lift an exclusion in force (administrator): the helpline takes the service again",
    "exclusions",
    body="ExclusionLift",
    response="ExclusionRecord",
    auth=(STAFF,),
    errors=(403, 404, 409),
)
@http_errors
def lift(exclusion_id: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import exclusions as ex

    deps = b.exclusions()
    x = ex.lift(_who(), _id(exclusion_id), json_body(bp.current_request), deps)
    return ex.view(x, deps.exclusions.history(x.exclusion_id))
