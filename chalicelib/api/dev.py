"""Local stack only (never registered when deployed): GET /dev/phone, the emulated phone,
/dev/phone/calls, calling 181 or the officers' line through the deployable contact flows
(`devstack/flows.py`), and GET /dev/clock, the system clock that DAY_SECONDS runs fast
(demo tools pace themselves by it) and CLOCK_START starts where one likes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.requests import json_object
from chalicelib.bootstrap import get_clock, get_phone_calls, get_phone_log
from chalicelib.clock import iso
from chalicelib.pages.forms import PageError, attempt, page_request
from chalicelib.pages.render import html, redirect
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from devstack.telephone import Telephone

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


@bp.route("/dev/phone", methods=["GET"])
def phone() -> dict[str, Any] | Response:
    """JSON for programs; a browser gets the page: the messages and a keypad to call 181 or
    the officers' line (`?call=` shows that call)."""
    request = bp.current_request
    params: Any = request.query_params or {}
    if "text/html" not in request.headers.get("accept", ""):
        return {"messages": get_phone_log().messages(to=params.get("to"))}
    return _page(params)


def _page(params: Any, error: PageError | None = None, caller: str = "") -> Response:
    call = get_phone_calls().get(params.get("call", "")) if params.get("call") else None
    messages = get_phone_log().messages(to=params.get("to"), limit=30)
    lang = params.get("lang", "hi")
    return html(
        "dev_phone.html",
        error.status if error else 200,
        lang=lang,
        call=call,
        messages=messages,
        error=error,
        caller=caller or (call or {}).get("from", "+91"),
        query={k: v for k, v in params.items() if k in ("call", "to")},
    )


@bp.route("/dev/phone/keypad", methods=["POST"], content_types=FORM)
def keypad_dial() -> Response:
    form = page_request(bp.current_request, True).form
    out, error = attempt(telephone().dial, {"from": form.get("from", "").strip(), "to": form.get("to", "")})
    if error or out is None:
        return _page({"lang": form.get("lang", "hi")}, error, form.get("from", ""))
    return redirect(f"/dev/phone?call={out['call']}&lang={form.get('lang', 'hi')}")


@bp.route("/dev/phone/keypad/{call}", methods=["POST"], content_types=FORM)
def keypad_press(call: str) -> Response:
    form = page_request(bp.current_request, True).form
    digits = form.get("number", "").strip() or form.get("digits", "")
    _, error = attempt(telephone().press, call, {"digits": digits})
    if error:
        return _page({"call": call, "lang": form.get("lang", "hi")}, error)
    return redirect(f"/dev/phone?call={call}&lang={form.get('lang', 'hi')}")


@bp.route("/dev/clock", methods=["GET"])
def clock() -> dict[str, Any]:
    return {"now": iso(get_clock().now()), "day_seconds": get_settings().day_seconds}


def telephone() -> Telephone:
    # The local exchange lives with the local stack (devstack/), imported only here.
    from devstack.telephone import Telephone

    return Telephone(bp.current_app, get_phone_calls(), lambda: get_clock().now())


@bp.route("/dev/phone/calls", methods=["POST"])
@http_errors
def dial() -> Response:
    return Response(telephone().dial(json_object(bp.current_request)), status_code=201)


@bp.route("/dev/phone/calls/{call}/digits", methods=["POST"])
@http_errors
def digits(call: str) -> dict[str, Any]:
    return telephone().press(call, json_object(bp.current_request))


@bp.route("/dev/phone/calls/{call}", methods=["GET"])
@http_errors
def call(call: str) -> dict[str, Any]:
    return telephone().get(call)
