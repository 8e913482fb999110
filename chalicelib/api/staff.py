"""Staff routes: login (Amazon Cognito behind it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.api.errors import http_errors
from chalicelib.bootstrap import get_staff_auth
from chalicelib.domain.errors import InvalidInput

bp = Blueprint(__name__)


@bp.route("/v1/auth/login", methods=["POST"])
@http_errors
def login() -> dict[str, Any]:
    body = bp.current_request.json_body or {}
    username, password = body.get("username"), body.get("password")
    missing = {k: "आवश्यक है / required" for k, v in (("username", username), ("password", password))
               if not isinstance(v, str) or not v}
    if missing:
        raise InvalidInput(missing)
    return get_staff_auth().login(username, password)  # type: ignore[no-any-return]
