"""Who is calling: a citizen token, an officer's SMS-link token, or a staff (Cognito) token.

Routes ask for the caller they accept; object-level checks live in the services."""

from __future__ import annotations

from typing import Any

from chalicelib.bootstrap import get_clock, get_staff_auth, verify_token
from chalicelib.domain.actor import Caller, link_caller
from chalicelib.domain.errors import Unauthorized


def bearer(request: Any) -> str | None:
    header = (request.headers or {}).get("authorization", "")
    if header.lower().startswith("bearer "):
        return str(header[7:].strip())
    return None


def caller(request: Any, required: bool = True) -> Caller | None:
    token = bearer(request)
    if token is None:
        if required:
            raise Unauthorized("लॉगिन/सत्यापन आवश्यक (Authorization: Bearer)", "Authorization: Bearer <token> required")
        return None
    now = get_clock().wall()
    if token.startswith("citizen~"):
        return Caller("citizen", verify_token(token, "citizen", now).subject)
    if token.count(".") == 2 and len(token) < 100:
        return link_caller(verify_token(token, "link", now).subject)
    claims = get_staff_auth().verify(token)
    return Caller("staff", claims["username"], frozenset(claims.get("cognito:groups", [])))
