"""HTML pages for officers and the call centre's callbacks: the SMS link page `/o/{token}`,
the officer's desk `/officer`, and `/cce/callbacks`; thin routes over the same services
as the JSON API (API.md "Officers' SMS links")."""

from __future__ import annotations

import re
from http.cookies import CookieError, SimpleCookie
from typing import Any

from chalice import Blueprint, Response

from chalicelib.pages import callback_queue, officer, officer_desk
from chalicelib.pages.forms import Req, form

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]
_PREFIX = re.compile(r"^(/[\w.-]+)*$")


def _base(ctx: dict[str, Any]) -> str:
    """The stage's path prefix: what `path` has before the route's own segments."""
    path = [p for p in str(ctx.get("path") or "").split("/") if p]
    resource = [p for p in str(ctx.get("resourcePath") or "").split("/") if p]
    prefix = "/" + "/".join(path[: len(path) - len(resource)]) if len(path) > len(resource) else ""
    return prefix if _PREFIX.match(prefix) else ""


def _req(posted: bool) -> Req:
    r = bp.current_request
    ctx: dict[str, Any] = r.context or {}
    headers: Any = r.headers or {}
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except CookieError:
        pass
    fields = form(r.raw_body) if posted else dict(r.query_params or {})
    return Req(base=_base(ctx), form=fields, source=str(ctx.get("identity", {}).get("sourceIp", "unknown")),
               https=headers.get("x-forwarded-proto") == "https", cookies={k: m.value for k, m in jar.items()})


@bp.route("/o/{token}", methods=["GET"])
def link_page(token: str) -> Response:
    return officer.link_get(_req(False), token)


@bp.route("/o/{token}", methods=["POST"], content_types=FORM)
def link_action(token: str) -> Response:
    return officer.link_post(_req(True), token)


@bp.route("/officer", methods=["GET"])
def officer_desk_page() -> Response:
    return officer_desk.desk(_req(False))


@bp.route("/officer/login", methods=["POST"], content_types=FORM)
def officer_login() -> Response:
    return officer_desk.login(_req(True))


@bp.route("/officer/logout", methods=["POST"], content_types=FORM)
def officer_logout() -> Response:
    return officer_desk.logout(_req(True))


@bp.route("/officer/c/{reference}", methods=["GET"])
def officer_complaint(reference: str) -> Response:
    return officer_desk.complaint(_req(False), reference, posted=False)


@bp.route("/officer/c/{reference}", methods=["POST"], content_types=FORM)
def officer_action(reference: str) -> Response:
    return officer_desk.complaint(_req(True), reference, posted=True)


@bp.route("/cce/callbacks", methods=["GET"])
def cce_callbacks() -> Response:
    return callback_queue.queue_page(_req(False))


@bp.route("/cce/callbacks/{reference}", methods=["POST"], content_types=FORM)
def cce_callback_outcome(reference: str) -> Response:
    return callback_queue.record(_req(True), reference)
