"""Local stack only: GET /dev/phone, the emulated phone (never registered when deployed)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import get_phone_log

bp = Blueprint(__name__)


@bp.route("/dev/phone", methods=["GET"])
def phone() -> dict[str, Any]:
    params: Any = bp.current_request.query_params or {}
    return {"messages": get_phone_log().messages(to=params.get("to"))}
