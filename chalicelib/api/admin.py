"""Admin routes: the gazette's holiday list per year (R-7WD: the calendar is data)."""

from __future__ import annotations

import re
from typing import Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import STAFF, operation
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.domain.text import Text

bp = Blueprint(__name__)


def _admin() -> None:
    from chalicelib.api.auth import caller

    who = caller(bp.current_request)
    if who is None or not who.in_group("admin"):
        raise Forbidden("केवल प्रशासक", "Administrators only")


def _year(text: str) -> int:
    if not re.fullmatch("[0-9]{4}", text) or not 2000 <= int(text) <= 2100:
        raise InvalidInput({"year": Text("वर्ष 2000–2100", "a year 2000–2100")})
    return int(text)


@bp.route("/v1/admin/calendar/{year}", methods=["GET"])
@operation("The year's weekly offs and holidays", "admin", response="Calendar", auth=(STAFF,), errors=(403,))
@http_errors
def get_year(year: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b

    _admin()
    return b.get_calendar().year(_year(year)).to_data()  # type: ignore[no-any-return]


@bp.route("/v1/admin/calendar/{year}", methods=["PUT"])
@operation(
    "Store the year's calendar; waiting deadlines are recomputed, one job per district",
    "admin",
    body="CalendarYear",
    ok=202,
    response="CalendarChange",
    auth=(STAFF,),
    errors=(403,),
)
@http_errors
def put_year(year: str) -> Response:
    """Stores the year's weekly offs and holidays; deadlines of waiting complaints are
    recomputed in the background, one job per district."""
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import json_body
    from chalicelib.services import calendar_admin

    _admin()
    out = calendar_admin.set_year(
        _year(year), json_body(bp.current_request), b.get_calendar(), b.get_directory(), b.get_maintenance_queue()
    )
    return Response(out, status_code=202)
