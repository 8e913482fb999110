"""Local stack only (never registered when deployed): GET /dev/phone, the emulated phone, and
GET /dev/clock, the system clock that DAY_SECONDS runs fast (demo tools pace themselves by it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import get_clock, get_phone_log
from chalicelib.clock import iso
from chalicelib.settings import get_settings

bp = Blueprint(__name__)


@bp.route("/dev/phone", methods=["GET"])
def phone() -> dict[str, Any]:
    params: Any = bp.current_request.query_params or {}
    return {"messages": get_phone_log().messages(to=params.get("to"))}


@bp.route("/dev/clock", methods=["GET"])
def clock() -> dict[str, Any]:
    return {"now": iso(get_clock().now()), "day_seconds": get_settings().day_seconds}
