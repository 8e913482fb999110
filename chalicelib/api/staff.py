"""Staff routes: login (Amazon Cognito behind it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain.errors import Forbidden

bp = Blueprint(__name__)


def _source() -> str:
    return str((bp.current_request.context or {}).get("identity", {}).get("sourceIp", "unknown"))


@bp.route("/v1/auth/login", methods=["POST"])
@operation(
    "Staff login (Amazon Cognito)",
    "officers",
    body="Login",
    response=("StaffToken", "PasswordChallenge"),
    errors=(401, 429),
    description="A first sign-in with a temporary password answers the challenge: set a new one with "
    "`POST /v1/auth/password`.",
)
@http_errors
def login() -> dict[str, Any]:
    from chalicelib.api.requests import body_as
    from chalicelib.bootstrap import sign_in
    from chalicelib.domain import schemas
    from chalicelib.services import signin

    body = body_as(bp.current_request, schemas.Login)
    return signin.sign_in(body.username, body.password, _source(), sign_in())


@bp.route("/v1/auth/password", methods=["POST"])
@operation(
    "The first sign-in's new password (after a temporary one)",
    "officers",
    body="NewPassword",
    response="StaffToken",
    errors=(401, 429),
)
@http_errors
def new_password() -> dict[str, Any]:
    from chalicelib.api.requests import body_as
    from chalicelib.bootstrap import sign_in
    from chalicelib.domain import schemas
    from chalicelib.services import signin

    body = body_as(bp.current_request, schemas.NewPassword)
    return signin.new_password(body.username, body.session, body.new_password, _source(), sign_in())


@bp.route("/v1/calls", methods=["POST"])
@operation(
    "A call-centre contact that is not a complaint (counted in reports)",
    "officers",
    body="CallBody",
    ok=201,
    response="CallLogged",
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def log_call() -> Response:
    """A call-centre contact that is not a complaint: scheme information, a status
    enquiry, or a referral to another helpline (counted in reports)."""
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.bootstrap import get_calls, get_clock
    from chalicelib.domain.calls import parse_call

    who = caller(bp.current_request)
    if who is None or not who.in_group("cce"):
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff log calls")
    call = parse_call(json_body(bp.current_request))
    call_id = get_calls().record(call, who.id, get_clock().now())
    return Response({"id": call_id, "kind": call.kind}, status_code=201)
