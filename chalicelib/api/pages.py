"""HTML pages for citizens and the call centre: thin routes over the same services as the JSON API."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chalice import Blueprint, Response

if TYPE_CHECKING:
    from chalicelib.pages.forms import Req


bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    from chalicelib.pages.forms import page_request

    return page_request(bp.current_request, posted)


@bp.route("/", methods=["GET"])
def home() -> Response:
    from chalicelib.pages import filing

    return filing.start(_req(False))


@bp.route("/file/otp", methods=["POST"], content_types=FORM)
def file_otp() -> Response:
    from chalicelib.pages import filing

    return filing.send_otp(_req(True))


@bp.route("/file/verify", methods=["POST"], content_types=FORM)
def file_verify() -> Response:
    from chalicelib.pages import filing

    return filing.verify_otp(_req(True))


@bp.route("/file/submit", methods=["POST"], content_types=FORM)
def file_submit() -> Response:
    from chalicelib.pages import filing

    return filing.submit(_req(True))


@bp.route("/file/done", methods=["GET"])
def file_done() -> Response:
    from chalicelib.pages import filing

    return filing.done(_req(False))


@bp.route("/track", methods=["GET"])
def track_page() -> Response:
    from chalicelib.pages import track

    return track.track(_req(False))


@bp.route("/t/{reference}", methods=["GET"])
def track_short(reference: str) -> Response:
    """The citizen's SMS link: the status page of that reference (a short path keeps the SMS in one part)."""
    from chalicelib.pages import track

    r = _req(False)
    return track.track(replace(r, form={**r.form, "ref": reference}))


@bp.route("/schemes", methods=["GET"])
def schemes_public() -> Response:
    """Scheme information for anyone: search, or a department's schemes (R-SCHEME-KB)."""
    from chalicelib.pages import schemes_page

    return schemes_page.public(_req(False))


@bp.route("/cce", methods=["GET"])
def cce_console() -> Response:
    from chalicelib.pages import console

    return console.console(_req(False))


@bp.route("/cce/assets/{name}", methods=["GET"])
def cce_asset(name: str) -> Response:
    """The console's scripts: its softphone and Amazon Connect's Streams library (built from npm by make)."""
    from chalicelib.pages import console

    return console.asset(name)


@bp.route("/cce/login", methods=["POST"], content_types=FORM)
def cce_login() -> Response:
    from chalicelib.pages import console

    return console.login(_req(True))


@bp.route("/cce/file", methods=["POST"], content_types=FORM)
def cce_file() -> Response:
    from chalicelib.pages import console

    return console.file(_req(True))


@bp.route("/cce/call", methods=["POST"], content_types=FORM)
def cce_call() -> Response:
    from chalicelib.pages import console

    return console.log_call(_req(True))


@bp.route("/cce/calls/take", methods=["POST"], content_types=FORM)
def cce_take_call() -> Response:
    from chalicelib.pages import console

    return console.take_call(_req(True))


@bp.route("/cce/calls/end", methods=["POST"], content_types=FORM)
def cce_end_call() -> Response:
    from chalicelib.pages import console

    return console.end_call(_req(True))


@bp.route("/cce/calls/record", methods=["POST"], content_types=FORM)
def cce_record_for_officer() -> Response:
    from chalicelib.pages import console

    return console.record_for_officer(_req(True))


@bp.route("/cce/logout", methods=["POST"], content_types=FORM)
def cce_logout() -> Response:
    from chalicelib.pages import console

    return console.logout(_req(True))
