"""HTML pages for citizens and the call centre: thin routes over the same services as the JSON API."""

from __future__ import annotations

import re
from http.cookies import CookieError, SimpleCookie
from typing import Any

from chalice import Blueprint, Response

from chalicelib.pages import console, filing, track
from chalicelib.pages.forms import Req, form

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]
_PREFIX = re.compile(r"^(/[\w.-]+)*$")


def _base(ctx: dict[str, Any]) -> str:
    """The stage's path prefix: API Gateway's `path` is `resourcePath` behind e.g. "/v1"."""
    path, resource = str(ctx.get("path") or ""), str(ctx.get("resourcePath") or "")
    if resource == "/":
        prefix = path.rstrip("/")
    else:
        prefix = path[: -len(resource)] if resource and path.endswith(resource) else ""
    return prefix if _PREFIX.match(prefix) else ""


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except CookieError:
        return {}
    return {k: m.value for k, m in jar.items()}


def _req(posted: bool) -> Req:
    r = bp.current_request
    ctx: dict[str, Any] = r.context or {}
    headers: Any = r.headers or {}
    fields = form(r.raw_body) if posted else dict(r.query_params or {})
    source = str(ctx.get("identity", {}).get("sourceIp", "unknown"))
    return Req(base=_base(ctx), form=fields, source=source, https=headers.get("x-forwarded-proto") == "https",
               cookies=_cookies(headers.get("cookie", "")))


@bp.route("/", methods=["GET"])
def home() -> Response:
    return filing.start(_req(False))


@bp.route("/file/otp", methods=["POST"], content_types=FORM)
def file_otp() -> Response:
    return filing.send_otp(_req(True))


@bp.route("/file/verify", methods=["POST"], content_types=FORM)
def file_verify() -> Response:
    return filing.verify_otp(_req(True))


@bp.route("/file/submit", methods=["POST"], content_types=FORM)
def file_submit() -> Response:
    return filing.submit(_req(True))


@bp.route("/file/done", methods=["GET"])
def file_done() -> Response:
    return filing.done(_req(False))


@bp.route("/track", methods=["GET"])
def track_page() -> Response:
    return track.track(_req(False))


@bp.route("/cce", methods=["GET"])
def cce_console() -> Response:
    return console.console(_req(False))


@bp.route("/cce/login", methods=["POST"], content_types=FORM)
def cce_login() -> Response:
    return console.login(_req(True))


@bp.route("/cce/file", methods=["POST"], content_types=FORM)
def cce_file() -> Response:
    return console.file(_req(True))


@bp.route("/cce/call", methods=["POST"], content_types=FORM)
def cce_call() -> Response:
    return console.log_call(_req(True))


@bp.route("/cce/logout", methods=["POST"], content_types=FORM)
def cce_logout() -> Response:
    return console.logout(_req(True))
