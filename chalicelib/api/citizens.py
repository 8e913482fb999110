"""Citizen routes: OTP, filing, status, full view, reminders (docs/api.md, "Citizens")."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint, Response

from chalicelib.api.errors import http_errors
from chalicelib.api.spec import CITIZEN, IDEMPOTENCY_KEY, LINK, STAFF, operation
from chalicelib.domain.errors import COMPLAINT, NotFound

bp = Blueprint(__name__)


def _source() -> str:
    ctx = bp.current_request.context or {}
    return str(ctx.get("identity", {}).get("sourceIp", "unknown"))


@bp.route("/v1/otp", methods=["POST"])
@operation(
    "Send a 6-digit OTP by SMS (10 minutes)",
    "citizens",
    body="OtpRequest",
    ok=202,
    response="OtpSent",
    errors=(429,),
)
@http_errors
def send_otp() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import body_as
    from chalicelib.domain import schemas
    from chalicelib.services import otp

    body = body_as(bp.current_request, schemas.OtpRequest)
    otp.request_otp(body.mobile, _source(), b.access(), body.lang)
    return Response({"status": "sent", "expires_in": 600}, status_code=202)


@bp.route("/v1/otp/verify", methods=["POST"])
@operation(
    "A 30-minute citizen token for a verified mobile",
    "citizens",
    body="OtpVerify",
    response="CitizenToken",
    errors=(401, 429),
)
@http_errors
def verify_otp() -> dict[str, str]:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import body_as
    from chalicelib.domain import schemas
    from chalicelib.services import otp

    body = body_as(bp.current_request, schemas.OtpVerify)
    return otp.verify_otp(body.mobile, body.otp, b.access())


@bp.route("/v1/complaints", methods=["POST"])
@operation(
    "File a complaint (citizen token, or the call centre for a caller)",
    "citizens",
    body="FilingBody",
    ok=201,
    response="Filed",
    auth=(CITIZEN, STAFF),
    errors=(403, 409, 422),
    headers=(IDEMPOTENCY_KEY,),
    response_headers={"Location": "the complaint's URL", "Idempotent-Replayed": "true: a retry's first answer"},
)
@http_errors
def file_complaint() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.services.intake import file_complaint as file_one

    who = caller(bp.current_request)
    assert who is not None
    key = bp.current_request.headers.get("idempotency-key")
    complaint, created = file_one(who, json_body(bp.current_request), key, b.desk())
    body_out = {
        "reference": complaint.reference,
        "status": complaint.status,
        "level": complaint.level,
        "due_at": complaint.due_at,
    }
    headers = {"Location": f"/v1/complaints/{complaint.reference}"}
    if not created:
        headers["Idempotent-Replayed"] = "true"
    return Response(json.dumps(body_out), status_code=201, headers={**headers, "Content-Type": "application/json"})


@bp.route("/v1/complaints/{reference}/status", methods=["GET"])
@operation("A complaint's public status (no personal data)", "citizens", response="PublicStatus", errors=(404,))
@http_errors
def status(reference: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.domain.complaint import public_status
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import tracking

    return public_status(tracking.find(parse_reference(reference), b.get_complaints()))


@bp.route("/v1/complaints/{reference}", methods=["GET"])
@operation(
    "The complaint with its history (the complainant, an officer of its chain, the call centre)",
    "citizens",
    response="ComplaintView",
    auth=(CITIZEN, LINK, STAFF),
    errors=(404,),
)
@http_errors
def full_view(reference: str) -> dict[str, Any]:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import tracking

    who = caller(bp.current_request)
    assert who is not None
    return tracking.full_view(parse_reference(reference), who, b.get_complaints(), b.get_directory())


@bp.route("/v1/complaints/{reference}/reminders", methods=["POST"])
@operation(
    "Remind the officer (the complainant; one a day, while pending)",
    "citizens",
    body="Reminder",
    body_required=False,
    ok=202,
    response="Accepted",
    auth=(CITIZEN,),
    errors=(404, 409, 429),
)
@http_errors
def remind(reference: str) -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import body_as
    from chalicelib.domain import schemas
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import tracking

    who = caller(bp.current_request)
    assert who is not None
    body_as(bp.current_request, schemas.Reminder)
    entry = tracking.remind(parse_reference(reference), who, b.get_complaints(), b.get_clock())
    return Response({"status": "accepted", "at": entry.at}, status_code=202)


@bp.route("/v1/complaints/{reference}/feedback", methods=["POST"])
@operation(
    "The complainant's answer: satisfied closes, not satisfied goes to the next senior officer",
    "citizens",
    body="Satisfaction",
    response="Outcome",
    auth=(CITIZEN,),
    errors=(404, 409),
)
@http_errors
def feedback(reference: str) -> dict[str, Any]:
    """The complainant's own answer (app/web) to "are you satisfied?"."""
    from chalicelib import bootstrap as b
    from chalicelib.api.auth import caller
    from chalicelib.api.requests import json_body
    from chalicelib.domain.reference import parse_reference
    from chalicelib.services import actions

    who = caller(bp.current_request)
    assert who is not None
    if who.kind != "citizen":  # staff record the callback's outcome at /satisfaction
        raise NotFound(COMPLAINT)
    out = actions.record_satisfaction(who, parse_reference(reference), json_body(bp.current_request), b.desk())
    return {"reference": out.reference, "status": out.status, "level": out.level}
