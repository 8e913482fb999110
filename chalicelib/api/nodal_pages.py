"""The nodal officers' directory pages (`/nodal`): thin routes over `chalicelib.pages.nodal`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import Blueprint, Response

if TYPE_CHECKING:
    from chalicelib.pages.forms import Req


bp = Blueprint(__name__)
FORM = ["application/x-www-form-urlencoded"]


def _req(posted: bool) -> Req:
    from chalicelib.pages.forms import page_request

    return page_request(bp.current_request, posted)


@bp.route("/nodal", methods=["GET"])
def nodal_home() -> Response:
    from chalicelib.pages import nodal

    return nodal.home(_req(False))


@bp.route("/nodal/post", methods=["GET"])
def nodal_post_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.posting_form(_req(False), posted=False)


@bp.route("/nodal/post", methods=["POST"], content_types=FORM)
def nodal_post() -> Response:
    from chalicelib.pages import nodal

    return nodal.posting_form(_req(True), posted=True)


@bp.route("/nodal/end", methods=["GET"])
def nodal_end_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.end_form(_req(False), posted=False)


@bp.route("/nodal/end", methods=["POST"], content_types=FORM)
def nodal_end() -> Response:
    from chalicelib.pages import nodal

    return nodal.end_form(_req(True), posted=True)


@bp.route("/nodal/password", methods=["POST"], content_types=FORM)
def nodal_password() -> Response:
    from chalicelib.pages import nodal

    return nodal.send_password(_req(True))


@bp.route("/nodal/import", methods=["GET"])
def nodal_import_form() -> Response:
    from chalicelib.pages import nodal

    return nodal.import_form(_req(False), posted=False)


@bp.route("/nodal/import", methods=["POST"], content_types=FORM)
def nodal_import() -> Response:
    from chalicelib.pages import nodal

    return nodal.import_form(_req(True), posted=True)


@bp.route("/nodal/export", methods=["GET"])
def nodal_export() -> Response:
    from chalicelib.pages import nodal

    return nodal.export(_req(False))
