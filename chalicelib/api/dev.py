"""Local stack only (never registered when deployed): GET /dev/phone, the emulated phone,
/dev/phone/calls, calling 181 or the officers' line through the deployable contact flows
(`devstack/flows.py`), /dev/phone/whatsapp, a WhatsApp message delivered to the webhook as
the platform delivers it (`devstack/whatsapp.py`), and GET /dev/clock, the system clock that DAY_SECONDS runs fast
(demo tools pace themselves by it) and CLOCK_START starts where one likes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import operation
from chalicelib.clock import iso
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.pages.forms import PageError


if TYPE_CHECKING:
    from devstack.telephone import Telephone
    from devstack.whatsapp import Platform

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


@bp.route("/dev/phone", methods=["GET"])
@operation("Local stack only: what the system sent, newest first", "local", query="PhoneQuery", response="Phone")
@http_errors
def phone() -> dict[str, Any]:
    from chalicelib.api.requests import query_as
    from chalicelib.bootstrap import get_phone_log
    from chalicelib.domain import schemas

    q = query_as(bp.current_request, schemas.PhoneQuery)
    return {"messages": get_phone_log().messages(to=q.to)}


@bp.route("/dev/clock", methods=["GET"])
@operation("Local stack only: the system clock", "local", response="Clock")
def clock() -> dict[str, Any]:
    from chalicelib.bootstrap import get_clock

    return {"now": iso(get_clock().now()), "day_seconds": get_settings().day_seconds}


def _injector() -> Any:
    from chalicelib import faults
    from chalicelib.domain.errors import Conflict

    injector = faults.current()
    if injector is None:
        raise Conflict(
            "इस प्रक्रिया में फ़ॉल्ट इंजेक्शन चालू नहीं है (स्थानीय स्टैक FAULTS के साथ चलाएँ)",
            "Fault injection is not installed in this process (the local stack installs it; FAULTS sets its rates)",
        )
    return injector


@bp.route("/dev/faults", methods=["GET"])
@operation("Local stack only: the injected faults' rates and counts", "local", errors=(409,), response="Faults")
@http_errors
def faults_status() -> dict[str, Any]:
    return _injector().status()  # type: ignore[no-any-return]


@bp.route("/dev/faults", methods=["PUT"])
@operation(
    "Local stack only: set the share of each service's AWS calls that meets an injected fault",
    "local",
    body="FaultRates",
    errors=(400, 409),
    response="Faults",
)
@http_errors
def faults_set() -> dict[str, Any]:
    from chalicelib.api.requests import body_as
    from chalicelib.domain import schemas

    rates = body_as(bp.current_request, schemas.FaultRates).rates
    injector = _injector()
    injector.set_rates(rates)
    return injector.status()  # type: ignore[no-any-return]


def telephone() -> Telephone:
    # The local exchange lives with the local stack (devstack/), imported only here.
    from chalicelib.bootstrap import get_clock, get_phone_calls
    from devstack.telephone import Telephone

    return Telephone(bp.current_app, get_phone_calls(), lambda: get_clock().now())


def platform() -> Platform:
    from chalicelib.bootstrap import get_clock
    from devstack.whatsapp import Platform

    s = get_settings()
    return Platform(bp.current_app, s.whatsapp_app_secret, s.whatsapp_phone_number_id, lambda: get_clock().wall())


@bp.route("/dev/phone/whatsapp", methods=["POST"])
@operation(
    "Local stack only: send the helpline a WhatsApp message, delivered to the webhook as the platform would",
    "local",
    body="WhatsAppMessage",
    ok=202,
    response="WhatsAppSent",
)
@http_errors
def whatsapp() -> Response:
    from chalicelib.api.requests import body_as
    from chalicelib.domain import schemas

    body = body_as(bp.current_request, schemas.WhatsAppMessage)
    # Nothing of this request is read after the delivery: the webhook's request replaces it on the app.
    return Response(platform().send(body.sender, body.text), status_code=202)


@bp.route("/dev/phone/calls", methods=["POST"])
@operation("Local stack only: call the 181 line or the officers' line", "local", errors=(400,))
@http_errors
def dial() -> Response:
    from chalicelib.api.requests import json_object

    return Response(telephone().dial(json_object(bp.current_request)), status_code=201)


@bp.route("/dev/phone/calls/{call}/digits", methods=["POST"])
@operation("Local stack only: press keys on a call", "local", errors=(400, 404, 409))
@http_errors
def digits(call: str) -> dict[str, Any]:
    from chalicelib.api.requests import json_object

    return telephone().press(call, json_object(bp.current_request))


@bp.route("/dev/phone/calls/{call}", methods=["GET"])
@operation("Local stack only: the whole call, every prompt, key, Lambda and transfer", "local", errors=(404,))
@http_errors
def call(call: str) -> dict[str, Any]:
    return telephone().get(call)


@bp.route("/dev/phone/keypad", methods=["GET"])
@operation(
    "Local stack only: the emulated phone's page, a keypad to call 181 or the officers' line",
    "local",
    html=True,
    query="KeypadQuery",
)
def keypad() -> Response:
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.pages.forms import attempt

    q, error = attempt(query_as, bp.current_request, schemas.KeypadQuery)
    if error or q is None:  # a page answers with a page, bad input too
        return _keypad_page(None, "hi", error)
    return _keypad_page(q.call, q.lang or "hi", chat=q.chat)


def _keypad_page(
    call_id: str | None, lang: str, error: PageError | None = None, caller: str = "", chat: str | None = None
) -> Response:
    from chalicelib.bootstrap import get_phone_calls, get_phone_log
    from chalicelib.pages.render import html

    call = get_phone_calls().get(call_id) if call_id else None
    messages = get_phone_log().messages(limit=30)
    query = {"call": call_id} if call_id else {}
    if chat:
        query["chat"] = chat
    return html(
        "dev_phone.html",
        error.status if error else 200,
        lang=lang,
        call=call,
        messages=messages,
        chat=chat,
        chat_messages=[m for m in get_phone_log().messages(to=chat, limit=10) if m["kind"] == "whatsapp"]
        if chat
        else [],
        error=error,
        caller=caller or (call or {}).get("from") or chat or "+91",
        query=query,
    )


@bp.route("/dev/phone/keypad", methods=["POST"], content_types=FORM)
@operation("Local stack only: dial from the keypad page", "local", html=True, form="DialForm", errors=(400,))
def keypad_dial() -> Response:
    from chalicelib.pages.forms import attempt, page_request
    from chalicelib.pages.render import redirect

    form = page_request(bp.current_request, True).form
    lang = "en" if form.get("lang") == "en" else "hi"
    mobile = form.get("mobile", "").strip()
    out, error = attempt(telephone().dial, {"from": mobile, "to": form.get("line", "")})
    if error or out is None:
        return _keypad_page(None, lang, error, mobile)
    return redirect(f"/dev/phone/keypad?call={out['call']}&lang={lang}")


@bp.route("/dev/phone/keypad/{call}", methods=["POST"], content_types=FORM)
@operation(
    "Local stack only: press keys from the keypad page", "local", html=True, form="KeysForm", errors=(400, 404, 409)
)
def keypad_press(call: str) -> Response:
    from chalicelib.pages.forms import attempt, page_request
    from chalicelib.pages.render import redirect

    form = page_request(bp.current_request, True).form
    lang = "en" if form.get("lang") == "en" else "hi"
    digits = form.get("number", "").strip() or form.get("digits", "")
    _, error = attempt(telephone().press, call, {"digits": digits})
    if error:
        return _keypad_page(call, lang, error)
    return redirect(f"/dev/phone/keypad?call={call}&lang={lang}")


@bp.route("/dev/phone/keypad/whatsapp", methods=["POST"], content_types=FORM)
@operation(
    "Local stack only: send a WhatsApp message from the keypad page",
    "local",
    html=True,
    form="WhatsAppForm",
    errors=(400,),
)
def keypad_whatsapp() -> Response:
    from chalicelib.domain import schemas
    from chalicelib.pages.forms import attempt, page_request
    from chalicelib.pages.render import redirect

    form = page_request(bp.current_request, True).form
    lang = "en" if form.get("lang") == "en" else "hi"
    mobile, text = form.get("mobile", "").strip(), form.get("text", "")
    message, error = attempt(schemas.check, schemas.WhatsAppMessage, {"from": mobile, "text": text})
    if error or message is None:
        return _keypad_page(None, lang, error, mobile)
    platform().send(message.sender, message.text)
    return redirect(f"/dev/phone/keypad?chat={message.sender.replace('+', '%2B')}&lang={lang}#whatsapp")
