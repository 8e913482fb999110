"""Local stack only (never registered when deployed): GET /dev/phone, the emulated phone,
/dev/phone/calls, calling 181 or the officers' line through the deployable contact flows
(`devstack/flows.py`), and GET /dev/clock, the system clock that DAY_SECONDS runs fast
(demo tools pace themselves by it) and CLOCK_START starts where one likes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api import responses as r
from chalicelib.api.errors import http_errors
from chalicelib.api.requests import json_object, query_as
from chalicelib.api.spec import operation
from chalicelib.bootstrap import get_clock, get_phone_calls, get_phone_log
from chalicelib.clock import iso
from chalicelib.domain import schemas
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from devstack.telephone import Telephone

bp = Blueprint(__name__)


@bp.route("/dev/phone", methods=["GET"])
@operation("Local stack only: what the system sent, newest first", "local", query=schemas.PhoneQuery, response=r.Phone)
@http_errors
def phone() -> dict[str, Any]:
    q = query_as(bp.current_request, schemas.PhoneQuery)
    return {"messages": get_phone_log().messages(to=q.to)}


@bp.route("/dev/clock", methods=["GET"])
@operation("Local stack only: the system clock", "local", response=r.Clock)
def clock() -> dict[str, Any]:
    return {"now": iso(get_clock().now()), "day_seconds": get_settings().day_seconds}


def telephone() -> Telephone:
    # The local exchange lives with the local stack (devstack/), imported only here.
    from devstack.telephone import Telephone

    return Telephone(bp.current_app, get_phone_calls(), lambda: get_clock().now())


@bp.route("/dev/phone/calls", methods=["POST"])
@operation("Local stack only: call the 181 line or the officers' line", "local", errors=(400,))
@http_errors
def dial() -> Response:
    return Response(telephone().dial(json_object(bp.current_request)), status_code=201)


@bp.route("/dev/phone/calls/{call}/digits", methods=["POST"])
@operation("Local stack only: press keys on a call", "local", errors=(400, 404, 409))
@http_errors
def digits(call: str) -> dict[str, Any]:
    return telephone().press(call, json_object(bp.current_request))


@bp.route("/dev/phone/calls/{call}", methods=["GET"])
@operation("Local stack only: the whole call, every prompt, key, Lambda and transfer", "local", errors=(404,))
@http_errors
def call(call: str) -> dict[str, Any]:
    return telephone().get(call)
