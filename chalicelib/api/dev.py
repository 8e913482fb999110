"""Local stack only (never registered when deployed): GET /dev/phone, the emulated phone, and
GET /dev/clock, the system clock that DAY_SECONDS runs fast (demo tools pace themselves by it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.api import responses as r
from chalicelib.api.errors import http_errors
from chalicelib.api.requests import query_as
from chalicelib.api.spec import operation
from chalicelib.bootstrap import get_clock, get_phone_log
from chalicelib.clock import iso
from chalicelib.domain import schemas
from chalicelib.settings import get_settings

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
