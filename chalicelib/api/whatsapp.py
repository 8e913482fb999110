"""The WhatsApp Business Platform's webhook (docs/api.md, "WhatsApp").

GET answers the platform's verification request: the challenge back when the verify token
matches, else 403. POST carries the messages citizens send: the signature
(`X-Hub-Signature-256`, HMAC-SHA256 of the raw body with the app secret) is checked on the
bytes before anything is parsed, and a request unsigned or wrongly signed is 401 with nothing
done; then the messages go on the WhatsApp queue and the platform gets its 200 at once (its
handler answers them, `events/whatsapp.py`). A body that is not a webhook the platform sends,
status callbacks and message types we cannot read are 200 too, logged: the platform retries
anything else. Only a queue that refuses the messages is 503, so that they are delivered again.
"""

from __future__ import annotations

import logging

from chalice import Blueprint, Response

from chalicelib import guard, observe
from chalicelib.api.errors import error_response, http_errors
from chalicelib.api.spec import Header, operation
from chalicelib.domain.errors import Forbidden, Unauthorized
from chalicelib.domain.webhook import SIGNATURE_HEADER
from chalicelib.settings import Misconfigured, get_settings

bp = Blueprint(__name__)
log = logging.getLogger(__name__)
PATH = "/v1/whatsapp/webhook"
SIGNATURE = Header(
    SIGNATURE_HEADER,
    "`sha256=` and the hex HMAC-SHA256 of the raw body keyed by the app secret; required",
    {"type": "string", "maxLength": 100},
)
UNSIGNED = Unauthorized("अनुरोध पर सही हस्ताक्षर नहीं है", "The request is not signed with the app secret")


@bp.route(PATH, methods=["GET"])
@operation(
    "The WhatsApp Business Platform's verification: the challenge back when the verify token matches",
    "whatsapp",
    query="WebhookVerification",
    text=True,
    errors=(403,),
)
@http_errors
def verify() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.api.requests import query_as
    from chalicelib.domain import schemas
    from chalicelib.domain.whatsapp import verification

    q = query_as(bp.current_request, schemas.WebhookVerification)
    try:
        token = b.whatsapp_keys().verify_token
    except Misconfigured as exc:
        return _unavailable(exc)
    challenge = verification(q.mode, q.verify_token, q.challenge, token)
    if challenge is None:
        raise Forbidden("सत्यापन टोकन मेल नहीं खाता", "The verify token does not match")
    return Response(challenge, status_code=200, headers={"Content-Type": "text/plain; charset=utf-8"})


@bp.route(PATH, methods=["POST"])
@operation(
    "The WhatsApp Business Platform's webhook: the messages citizens send, signed",
    "whatsapp",
    response="WebhookReceived",
    errors=(401,),
    headers=(SIGNATURE,),
    description="The platform's `whatsapp_business_account` payload, unchanged. Checked for its "
    "signature before it is read; an unsigned or wrongly signed request is 401 and nothing is done.",
)
def receive() -> Response:
    from chalicelib import bootstrap as b
    from chalicelib.services import whatsapp

    request = bp.current_request
    body = request.raw_body or b""
    raw = body.encode() if isinstance(body, str) else body
    header = request.headers.get(SIGNATURE_HEADER.lower())
    try:
        if not _signed(raw, header):
            log.warning("whatsapp webhook: unsigned or wrongly signed request refused")
            return error_response(UNSIGNED)
        phone_number_id = get_settings().whatsapp_phone_number_id
    except Misconfigured as exc:
        return _unavailable(exc)
    try:
        delivery = whatsapp.take(raw, phone_number_id, b.get_whatsapp_queue())
    except Exception:
        log.exception("whatsapp webhook: the messages could not be queued; the platform will deliver again")
        return guard.unavailable(request.path)
    out = {"status": "received", "messages": len(delivery.messages)}
    return Response(out, status_code=200, headers={"Content-Type": "application/json"})


def _signed(raw: bytes, header: str | None) -> bool:
    """Signed by the app secret we hold, or by the one a rotation elsewhere just put in place."""
    from chalicelib import bootstrap as b
    from chalicelib.domain.whatsapp import signed

    if signed(raw, header, b.whatsapp_keys().app_secrets):
        return True
    return bool(header) and b.get_whatsapp_secrets().refresh() and signed(raw, header, b.whatsapp_keys().app_secrets)


def _unavailable(exc: Misconfigured) -> Response:
    observe.refused(exc.problems, at=PATH)
    return guard.unavailable(PATH)
