"""Staff routes: login (Amazon Cognito behind it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib.api.auth import caller
from chalicelib.api.errors import http_errors
from chalicelib.api.requests import json_body, json_object
from chalicelib.bootstrap import get_calls, get_clock, sign_in
from chalicelib.domain.calls import parse_call
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.text import Text
from chalicelib.services import signin

bp = Blueprint(__name__)


@bp.route("/v1/auth/login", methods=["POST"])
@http_errors
def login() -> dict[str, Any]:
    body = json_object(bp.current_request)
    username, password = body.get("username"), body.get("password")
    missing = {
        k: Text("आवश्यक है", "required")
        for k, v in (("username", username), ("password", password))
        if not isinstance(v, str) or not v
    }
    if missing or not isinstance(username, str) or not isinstance(password, str):
        raise InvalidInput(missing)
    source = str((bp.current_request.context or {}).get("identity", {}).get("sourceIp", "unknown"))
    return signin.sign_in(username, password, source, sign_in())


@bp.route("/v1/calls", methods=["POST"])
@http_errors
def log_call() -> Response:
    """A call-centre contact that is not a complaint: scheme information, a status
    enquiry, or a referral to another helpline (counted in reports)."""
    who = caller(bp.current_request)
    if who is None or not who.in_group("cce"):
        raise Forbidden("केवल कॉल सेंटर", "Only call-centre staff log calls")
    call = parse_call(json_body(bp.current_request))
    call_id = get_calls().record(call, who.id, get_clock().now())
    return Response({"id": call_id, "kind": call.kind}, status_code=201)
