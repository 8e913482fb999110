"""HTML pages for citizens and the call centre: thin routes over the same services as the JSON API."""

from __future__ import annotations

from dataclasses import replace

from chalice import Blueprint, Response

from chalicelib.pages import console, filing, track
from chalicelib.pages.forms import Req, page_request

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    return page_request(bp.current_request, posted)


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


@bp.route("/t/{reference}", methods=["GET"])
def track_short(reference: str) -> Response:
    """The citizen's SMS link: the status page of that reference (a short path keeps the SMS in one part)."""
    r = _req(False)
    return track.track(replace(r, form={**r.form, "ref": reference}))


@bp.route("/cce", methods=["GET"])
def cce_console() -> Response:
    return console.console(_req(False))


@bp.route("/cce/assets/{name}", methods=["GET"])
def cce_asset(name: str) -> Response:
    """The console's scripts: its softphone and Amazon Connect's Streams library (built from npm by make)."""
    return console.asset(name)


@bp.route("/cce/login", methods=["POST"], content_types=FORM)
def cce_login() -> Response:
    return console.login(_req(True))


@bp.route("/cce/file", methods=["POST"], content_types=FORM)
def cce_file() -> Response:
    return console.file(_req(True))


@bp.route("/cce/call", methods=["POST"], content_types=FORM)
def cce_call() -> Response:
    return console.log_call(_req(True))


@bp.route("/cce/calls/take", methods=["POST"], content_types=FORM)
def cce_take_call() -> Response:
    return console.take_call(_req(True))


@bp.route("/cce/calls/end", methods=["POST"], content_types=FORM)
def cce_end_call() -> Response:
    return console.end_call(_req(True))


@bp.route("/cce/calls/record", methods=["POST"], content_types=FORM)
def cce_record_for_officer() -> Response:
    return console.record_for_officer(_req(True))


@bp.route("/cce/logout", methods=["POST"], content_types=FORM)
def cce_logout() -> Response:
    return console.logout(_req(True))
