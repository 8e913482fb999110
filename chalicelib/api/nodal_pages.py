"""The nodal officers' directory pages (`/nodal`): thin routes over `chalicelib.pages.nodal`."""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib.pages import nodal
from chalicelib.pages.forms import Req, page_request

bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    return page_request(bp.current_request, posted)


@bp.route("/nodal", methods=["GET"])
def nodal_home() -> Response:
    return nodal.home(_req(False))


@bp.route("/nodal/post", methods=["GET"])
def nodal_post_form() -> Response:
    return nodal.posting_form(_req(False), posted=False)


@bp.route("/nodal/post", methods=["POST"], content_types=FORM)
def nodal_post() -> Response:
    return nodal.posting_form(_req(True), posted=True)


@bp.route("/nodal/end", methods=["GET"])
def nodal_end_form() -> Response:
    return nodal.end_form(_req(False), posted=False)


@bp.route("/nodal/end", methods=["POST"], content_types=FORM)
def nodal_end() -> Response:
    return nodal.end_form(_req(True), posted=True)


@bp.route("/nodal/password", methods=["POST"], content_types=FORM)
def nodal_password() -> Response:
    return nodal.send_password(_req(True))


@bp.route("/nodal/import", methods=["GET"])
def nodal_import_form() -> Response:
    return nodal.import_form(_req(False), posted=False)


@bp.route("/nodal/import", methods=["POST"], content_types=FORM)
def nodal_import() -> Response:
    return nodal.import_form(_req(True), posted=True)


@bp.route("/nodal/export", methods=["GET"])
def nodal_export() -> Response:
    return nodal.export(_req(False))
