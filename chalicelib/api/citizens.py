"""Citizen routes: OTP, filing, status, full view, reminders (API.md "Citizens")."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap as b
from chalicelib.api.auth import caller
from chalicelib.api.errors import http_errors
from chalicelib.domain.complaint import parse_filing, public_status
from chalicelib.domain.errors import Forbidden, InvalidInput, NotFound
from chalicelib.domain.reference import parse_reference
from chalicelib.services import otp, tracking
from chalicelib.services.intake import Actor, register
from chalicelib.settings import get_settings
from chalicelib.domain.text import Text

bp = Blueprint(__name__)


def _body() -> Any:
    try:
        return bp.current_request.json_body
    except Exception:  # Chalice raises BadRequestError on invalid JSON; keep our message
        raise InvalidInput({"body": Text("JSON सही नहीं है", "invalid JSON")}) from None


def _source() -> str:
    ctx = bp.current_request.context or {}
    return str(ctx.get("identity", {}).get("sourceIp", "unknown"))


@bp.route("/v1/otp", methods=["POST"])
@http_errors
def send_otp() -> Response:
    body = _body() or {}
    otp.request_otp(body.get("mobile"), _source(), b.get_ops(), b.get_sms(), b.get_clock(),
                    get_settings().signing_secret)
    return Response({"status": "sent", "expires_in": 600}, status_code=202)


@bp.route("/v1/otp/verify", methods=["POST"])
@http_errors
def verify_otp() -> dict[str, str]:
    body = _body() or {}
    return otp.verify_otp(body.get("mobile"), body.get("otp"), b.get_ops(), b.get_clock(),
                          get_settings().signing_secret)


@bp.route("/v1/complaints", methods=["POST"])
@http_errors
def file_complaint() -> Response:
    who = caller(bp.current_request)
    assert who is not None
    body = _body()
    if who.kind == "citizen":
        if isinstance(body, dict) and "mobile" in body and body["mobile"] != who.id:
            raise InvalidInput({"mobile": Text("सत्यापित मोबाइल से ही", "must be the verified mobile")})
        mobile: Any = who.id
        actor, channel = Actor("citizen", who.id), "web"
        if isinstance(body, dict):
            body = {k: v for k, v in body.items() if k != "mobile"}
    elif who.kind == "staff" and who.in_group("cce"):
        mobile = body.get("mobile") if isinstance(body, dict) else None
        actor, channel = Actor("cce", who.id), "call_centre"
    else:
        raise Forbidden("शिकायत दर्ज करने की अनुमति नहीं", "Only citizens and call-centre staff file complaints")
    filing = parse_filing(body, mobile if isinstance(mobile, str) else None)
    key = bp.current_request.headers.get("idempotency-key")
    if key is not None and not (0 < len(key) <= 100):
        raise InvalidInput({"Idempotency-Key": Text("1–100 अक्षर", "1–100 characters")})
    complaint, created = register(filing, channel, actor, key, b.get_directory(), b.get_complaints(),
                                  b.get_calendar(), b.get_clock())
    body_out = {"reference": complaint.reference, "status": complaint.status, "level": complaint.level,
                "due_at": complaint.due_at}
    headers = {"Location": f"/v1/complaints/{complaint.reference}"}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    return Response(json.dumps(body_out), status_code=201,
                    headers={**headers, "Content-Type": "application/json"})


@bp.route("/v1/complaints/{reference}/status", methods=["GET"])
@http_errors
def status(reference: str) -> dict[str, Any]:
    return public_status(tracking.find(parse_reference(reference), b.get_complaints()))


@bp.route("/v1/complaints/{reference}", methods=["GET"])
@http_errors
def full_view(reference: str) -> dict[str, Any]:
    who = caller(bp.current_request)
    assert who is not None
    return tracking.full_view(parse_reference(reference), who, b.get_complaints(), b.get_directory())


@bp.route("/v1/complaints/{reference}/reminders", methods=["POST"])
@http_errors
def remind(reference: str) -> Response:
    who = caller(bp.current_request)
    assert who is not None
    entry = tracking.remind(parse_reference(reference), who, b.get_complaints(), b.get_clock())
    return Response({"status": "accepted", "at": entry.at}, status_code=202)


@bp.route("/v1/complaints/{reference}/feedback", methods=["POST"])
@http_errors
def feedback(reference: str) -> dict[str, Any]:
    """The complainant's own answer (app/web) to "are you satisfied?"."""
    from chalicelib.api.officers import deps
    from chalicelib.services.actions import satisfaction

    who = caller(bp.current_request)
    assert who is not None
    ref = parse_reference(reference)
    c = b.get_complaints().get(ref)
    if c is None or who.kind != "citizen" or who.id != c.mobile:
        raise NotFound(Text("शिकायत", "complaint"))
    body = _body() or {}
    out = satisfaction(ref, body.get("satisfied"), body.get("remarks"), "web", "citizen", deps())
    return {"reference": out.reference, "status": out.status, "level": out.level}
